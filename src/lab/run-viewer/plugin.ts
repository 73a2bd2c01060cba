/**
 * The run viewer plugin: the `cellpipe:open-run-viewer` command ({id}), a main-area widget per
 * run, restored on reload, and local run links (`lab?cellpipe-run=<id>`) opened on start. The
 * viewer itself loads on first use.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import {
  MainAreaWidget,
  Notification,
  showErrorMessage,
  WidgetTracker
} from '@jupyterlab/apputils';
import { PathExt } from '@jupyterlab/coreutils';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { cellNumber } from '../../core/cell-number';
import { revealCell } from '../sidebar/navigate';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs } from '../command-ids';
import type { RunViewerContent } from './viewer-widget';

const RUN_QUERY = 'cellpipe-run';

export const runViewerPlugin: JupyterFrontEndPlugin<void> = {
  id: 'cellpipe:run-viewer',
  description:
    'Shows a run: its steps by status, their logs, and rerun with parameters.',
  autoStart: true,
  optional: [ILayoutRestorer, ITranslator, INotebookTracker],
  activate: (
    app: JupyterFrontEnd,
    restorer: ILayoutRestorer | null,
    translator: ITranslator | null,
    notebooks: INotebookTracker | null
  ) => {
    const trans = (translator ?? nullTranslator).load('cellpipe');
    const tracker = new WidgetTracker<MainAreaWidget<RunViewerContent>>({
      namespace: 'cellpipe-run-viewer'
    });
    /** Opens a rerun started in a viewer, and has the sidebar's runs list show it. */
    const openRun = (id: string) => {
      void app.commands.execute(CommandIDs.openRunViewer, { id });
      if (app.commands.hasCommand(CommandIDs.refreshRuns)) {
        void app.commands.execute(CommandIDs.refreshRuns);
      }
    };
    /** Saves the notebook at `path` where it is open with unsaved changes (see rerun). */
    const saveIfOpen = async (path: string): Promise<boolean> => {
      const context = notebooks?.find(
        panel => panel.context.path === path
      )?.context;
      if (!context?.model.dirty) {
        return false;
      }
      await context.save();
      return true;
    };
    /** Opens the notebook at `path` (or goes to it) with the cursor at a line of a cell. */
    const revealInNotebook = async (
      path: string,
      cell: number,
      line: number
    ) => {
      try {
        const widget: unknown = await app.commands.execute('docmanager:open', {
          path
        });
        if (widget instanceof NotebookPanel) {
          await widget.context.ready;
          if (!(await revealCell(app.shell, widget, cell, line))) {
            // the run was of an earlier version of the notebook, with more cells
            Notification.warning(
              trans.__(
                '%1 has no cell %2 now: the run was of an earlier version of it.',
                PathExt.basename(path),
                cellNumber(cell)
              ),
              { autoClose: 8000 }
            );
          }
        }
      } catch (error) {
        // a run of a notebook outside the server's folder (a CLI run) cannot be opened here
        void showErrorMessage(
          trans.__('Cannot open %1', path),
          (error as Error).message
        );
      }
    };
    const open = async (id: string) => {
      const existing = tracker.find(w => w.content.model.id === id);
      if (existing) {
        app.shell.activateById(existing.id);
        return existing;
      }
      const { createRunViewer } = await import('./viewer-widget');
      const widget = createRunViewer(
        id,
        trans,
        openRun,
        (path, cell, line) => void revealInNotebook(path, cell, line),
        saveIfOpen
      );
      void tracker.add(widget);
      app.shell.add(widget, 'main');
      app.shell.activateById(widget.id);
      return widget;
    };
    app.commands.addCommand(CommandIDs.openRunViewer, {
      label: trans.__('Open Run Viewer'),
      describedBy: {
        args: {
          type: 'object',
          properties: { id: { type: 'string', description: 'the run id' } },
          required: ['id']
        }
      },
      execute: args => {
        const id = args.id;
        if (typeof id !== 'string' || id === '') {
          throw new Error('cellpipe:open-run-viewer needs {id}');
        }
        return open(id);
      }
    });
    if (restorer) {
      void restorer.restore(tracker, {
        command: CommandIDs.openRunViewer,
        args: widget => ({ id: widget.content.model.id }),
        name: widget => widget.content.model.id
      });
    }
    void app.restored.then(() => {
      const id = new URLSearchParams(window.location.search).get(RUN_QUERY);
      if (id) {
        void open(id);
      }
    });
  }
};
