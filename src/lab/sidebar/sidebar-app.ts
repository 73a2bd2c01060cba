/**
 * The sidebar proper, loaded on first use (see shell.ts): its models, its panel, and following
 * the current notebook.
 */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Notification } from '@jupyterlab/apputils';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ServerConnection } from '@jupyterlab/services';
import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal } from '@lumino/signaling';
import { SettingsOverrides } from '../api/routes';
import { IActionHost, PipelineActions } from './actions';
import { EditorMarkers } from './editor-markers';
import { labMessage } from './lab-message';
import { CommandIDs } from '../command-ids';
import { NextFrame } from './next-frame';
import { LiveAnalysis } from './live-analysis';
import { PipelineSidebar } from './panel';
import { RunsModel } from './runs-model';
import { SettingsFormModel } from './settings-model';
import { SidebarModel } from './sidebar-model';
import { YamlPreviews } from './yaml-preview';
import { askParameters } from './params-dialog';

/** The pause in typing (ms) after which the typed-in editor's markers are brought up to date. */
const MARKERS_TYPING_PAUSE_MS = 300;

export interface ISidebarAppOptions {
  app: JupyterFrontEnd;
  tracker: INotebookTracker;
  trans: TranslationBundle;
  sidebarId: string;
  overrides: () => SettingsOverrides;
  overridesChanged: ISignal<unknown, SettingsOverrides>;
}

export interface ISidebarApp {
  widget: PipelineSidebar;
  model: SidebarModel;
  actions: PipelineActions;
}

function isNotFound(error: unknown): boolean {
  return (
    error instanceof ServerConnection.ResponseError &&
    error.response.status === 404
  );
}

function actionHost(options: ISidebarAppOptions): IActionHost {
  const { app, tracker } = options;
  const contents = app.serviceManager.contents;
  const previews = new YamlPreviews(widget => {
    if (!widget.isAttached) {
      app.shell.add(widget, 'main', { mode: 'split-right' });
    }
    app.shell.activateById(widget.id);
  });
  return {
    askParameters: (pipeline, parameters) =>
      askParameters(pipeline, parameters, options.trans),
    showPreview: (notebook, title, text) =>
      previews.show(notebook, title, text),
    currentNotebook: () => tracker.currentWidget,
    overrides: options.overrides,
    exists: path =>
      contents.get(path, { content: false }).then(
        () => true,
        error => {
          if (isNotFound(error)) {
            return false;
          }
          throw error;
        }
      ),
    writeText: async (path, text) => {
      await contents.save(path, {
        type: 'file',
        format: 'text',
        content: text
      });
    },
    openFile: async path => {
      await app.commands.execute('docmanager:open', {
        path,
        factory: 'Editor'
      });
    },
    showSidebar: () => app.shell.activateById(options.sidebarId),
    saveUntitled: async panel => {
      // JupyterLab's Save acts on the current widget: the notebook, not the sidebar.
      app.shell.activateById(panel.id);
      await app.commands.execute('docmanager:save');
    }
  };
}

export function createSidebarApp(options: ISidebarAppOptions): ISidebarApp {
  const { app, tracker, trans } = options;
  const runs = new RunsModel();
  const actions = new PipelineActions(actionHost(options), runs, trans);
  const model = new SidebarModel(
    new LiveAnalysis(),
    runs,
    new SettingsFormModel(),
    actions
  );
  const openRunViewer = (id: string) => {
    if (app.commands.hasCommand(CommandIDs.openRunViewer)) {
      void app.commands.execute(CommandIDs.openRunViewer, { id });
    } else {
      Notification.warning(
        trans.__('The cellpipe run viewer is not available in this JupyterLab.')
      );
    }
  };
  const openStepPanel = () => {
    if (app.commands.hasCommand(CommandIDs.editStep)) {
      void app.commands.execute(CommandIDs.editStep);
    } else {
      Notification.warning(
        trans.__(
          'The cellpipe step panel is not available in this JupyterLab; tag cells step:NAME in the Property Inspector.'
        )
      );
    }
  };
  const widget = new PipelineSidebar(
    model,
    app.shell,
    openRunViewer,
    openStepPanel,
    trans
  );
  // The run viewer's reruns start runs the list has not seen: it asks for a refresh.
  const refreshRuns = app.commands.addCommand(CommandIDs.refreshRuns, {
    label: trans.__('Refresh Pipeline Runs'),
    describedBy: { args: { type: 'object', properties: {} } },
    execute: () => runs.refresh()
  });

  // Diagnostics in the cell editors, following the analysis the sidebar shows: written in the
  // next animation frame (next-frame.ts says why), from the analysis current then. The editor
  // being typed in (the active cell's, focused) gets its new markers once typing pauses
  // (EditorMarkers says why); its old ones move with the text meanwhile.
  // The markers' tooltips say what the sidebar's diagnostics say.
  const markers = new EditorMarkers(d => labMessage(d, trans));
  let typingPause: ReturnType<typeof setTimeout> | null = null;
  const cancelTypingPause = () => {
    if (typingPause !== null) {
      clearTimeout(typingPause);
      typingPause = null;
    }
  };
  const writeMarkers = (holdTyped: boolean) => {
    const state = model.analysis.state;
    const panel = tracker.currentWidget;
    const editor = panel?.content.activeCell?.editor ?? null;
    const held = markers.update(
      panel,
      state?.path ?? null,
      state?.ir.diagnostics ?? [],
      holdTyped && editor?.hasFocus() ? editor : null
    );
    cancelTypingPause();
    if (held) {
      typingPause = setTimeout(() => {
        typingPause = null;
        writeMarkers(false);
      }, MARKERS_TYPING_PAUSE_MS);
    }
  };
  const markersFrame = new NextFrame(() => writeMarkers(true));
  const showMarkers = () => markersFrame.request();
  model.analysis.changed.connect(showMarkers);
  // Hidden, the sidebar does not analyse: the markers would go stale as the code changes, so
  // they go, and come back when it shows (from the analysis it then catches up with, if due).
  const followActive = (_: unknown, active: boolean) => {
    if (!active) {
      markersFrame.cancel();
      cancelTypingPause();
      markers.clear();
    } else if (!model.analysis.stale) {
      showMarkers();
    }
  };
  model.activeChanged.connect(followActive);

  const follow = () => void model.setNotebook(tracker.currentWidget);
  tracker.currentChanged.connect(follow);
  const applyOverrides = (_: unknown, overrides: SettingsOverrides) =>
    model.setOverrides(overrides);
  options.overridesChanged.connect(applyOverrides);
  model.setOverrides(options.overrides());
  follow();
  widget.disposed.connect(() => {
    refreshRuns.dispose();
    tracker.currentChanged.disconnect(follow);
    model.analysis.changed.disconnect(showMarkers);
    model.activeChanged.disconnect(followActive);
    markersFrame.cancel();
    cancelTypingPause();
    markers.clear();
    options.overridesChanged.disconnect(applyOverrides);
    model.dispose();
  });
  return { widget, model, actions };
}
