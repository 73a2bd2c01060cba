/**
 * The pipeline sidebar plugin: wiring only. Activation registers the left-area icon, the commands
 * and the lab settings; the sidebar itself loads on first use (sidebar-app.ts).
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ISettingRegistry } from '@jupyterlab/settingregistry';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { Signal } from '@lumino/signaling';
import { SettingsOverrides } from '../api/routes';
import { registerCommands } from '../commands';
import type { ISidebarApp } from './sidebar-app';
import { SIDEBAR_ID, SidebarShell } from './shell';

/** The id whose settings schema is schema/plugin.json. */
export const PLUGIN_ID = 'cellpipe:plugin';

export const sidebarPlugin: JupyterFrontEndPlugin<void> = {
  id: PLUGIN_ID,
  description:
    'The pipeline sidebar: live DAG, diagnostics, settings, Compile and run, runs.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ISettingRegistry, ITranslator, ICommandPalette, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    registry: ISettingRegistry | null,
    translator: ITranslator | null,
    palette: ICommandPalette | null,
    restorer: ILayoutRestorer | null
  ) => {
    performance.mark('cellpipe:activate-start');
    // The analyzer's parser (WebAssembly) loads in the background, once; the sidebar (its live
    // analysis) is created once it is ready, the step panel and the actions wait for it.
    // Not awaited here, and in a chunk of its own: JupyterLab's start does not wait for it.
    const parserLoaded = import('../python-parser').then(module =>
      module.loadPythonParser()
    );
    parserLoaded.catch((error: unknown) =>
      console.error('cellpipe: the Python parser did not load', error)
    );
    const trans = (translator ?? nullTranslator).load('cellpipe');
    let overrides: SettingsOverrides = {};
    const overridesChanged = new Signal<unknown, SettingsOverrides>(app);

    const shell = new SidebarShell<ISidebarApp>(async () => {
      const [{ createSidebarApp }] = await Promise.all([
        import('./sidebar-app'),
        parserLoaded
      ]);
      return createSidebarApp({
        app,
        tracker,
        trans,
        sidebarId: SIDEBAR_ID,
        overrides: () => overrides,
        overridesChanged
      });
    }, trans);
    app.shell.add(shell, 'left', { rank: 600 });
    restorer?.add(shell, SIDEBAR_ID);

    registerCommands({
      app,
      tracker,
      actions: async () => (await shell.load()).actions,
      sidebarId: SIDEBAR_ID,
      trans,
      palette
    });

    if (registry) {
      void registry
        .load(PLUGIN_ID)
        .then(async settings => {
          const { labOverrides } = await import('./lab-overrides');
          const apply = () => {
            overrides = labOverrides(settings.user as Record<string, unknown>);
            overridesChanged.emit(overrides);
          };
          settings.changed.connect(apply);
          apply();
        })
        .catch(error =>
          console.warn('cellpipe: cannot load the lab settings', error)
        );
    }
    // Read by the browser benchmark (bench/lab).
    performance.measure('cellpipe:activate', 'cellpipe:activate-start');
  }
};
