/**
 * The cellpipe commands. Their palette entries are added here; the notebook toolbar button and
 * the keyboard shortcut are declared in schema/plugin.json.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { ICommandPalette } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import type { PipelineActions } from './sidebar/actions';
import { pipelineIcon } from './sidebar/icon';
import { CommandIDs, PALETTE_CATEGORY } from './command-ids';

export interface ICommandsOptions {
  app: JupyterFrontEnd;
  tracker: INotebookTracker;
  /** Loads the sidebar on first use and gives its actions. */
  actions: () => Promise<PipelineActions>;
  sidebarId: string;
  trans: TranslationBundle;
  palette: ICommandPalette | null;
}

export function registerCommands(options: ICommandsOptions): void {
  const { app, tracker, actions, sidebarId, trans } = options;
  const noArgs = { args: { type: 'object', properties: {} } };
  const hasNotebook = () => tracker.currentWidget !== null;
  const showSidebar = () => app.shell.activateById(sidebarId);

  app.commands.addCommand(CommandIDs.compileAndRun, {
    label: trans.__('Compile and Run Pipeline'),
    describedBy: noArgs,
    caption: trans.__(
      'Save the notebook, compile it and run the pipeline (local, Argo or KFP)'
    ),
    icon: args => (args.toolbar ? pipelineIcon : undefined),
    isEnabled: hasNotebook,
    execute: async () => {
      showSidebar();
      await (await actions()).compileAndRun();
    }
  });
  app.commands.addCommand(CommandIDs.compile, {
    label: trans.__('Compile Pipeline'),
    describedBy: noArgs,
    caption: trans.__('Compile the notebook and show warnings and errors'),
    isEnabled: hasNotebook,
    execute: async () => {
      showSidebar();
      await (await actions()).compileOnly();
    }
  });
  app.commands.addCommand(CommandIDs.exportYaml, {
    label: trans.__('Export Pipeline YAML'),
    describedBy: noArgs,
    caption: trans.__(
      'Compile the notebook and open the document in an editor tab'
    ),
    isEnabled: hasNotebook,
    execute: async () => {
      await (await actions()).exportYaml();
    }
  });
  app.commands.addCommand(CommandIDs.tagByHeadings, {
    label: trans.__('Tag Steps by Headings'),
    describedBy: noArgs,
    caption: trans.__(
      'Tag the first code cell after each ## heading as a pipeline step (undoable from the sidebar)'
    ),
    isEnabled: hasNotebook,
    execute: async () => {
      showSidebar();
      (await actions()).tagByHeadings();
    }
  });
  app.commands.addCommand(CommandIDs.openSidebar, {
    label: trans.__('Show Pipeline Sidebar'),
    describedBy: noArgs,
    execute: showSidebar
  });

  for (const command of [
    CommandIDs.compileAndRun,
    CommandIDs.compile,
    CommandIDs.exportYaml,
    CommandIDs.tagByHeadings,
    CommandIDs.openSidebar
  ]) {
    options.palette?.addItem({ command, category: PALETTE_CATEGORY });
  }
}
