/**
 * Cell tagging: the "Pipeline step" panel in the right area (its own chunk), opened from its
 * tab, the cell context menu, the command palette or the sidebar, and step badges on every
 * notebook's cells (and in the active cell's toolbar).
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { ICommandPalette, IToolbarWidgetRegistry } from '@jupyterlab/apputils';
import { Cell } from '@jupyterlab/cells';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { CommandIDs, PALETTE_CATEGORY } from '../command-ids';
import { pipelineIcon } from '../sidebar/icon';
import { TOOLBAR_STEP_ITEM, toolbarStep } from './toolbar-step';

export const taggingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'cellpipe:tagging',
  description:
    'Tag cells as pipeline steps, and show step badges on the cells.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [
    ITranslator,
    ILayoutRestorer,
    ICommandPalette,
    IToolbarWidgetRegistry
  ],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null,
    palette: ICommandPalette | null,
    toolbars: IToolbarWidgetRegistry | null
  ) => {
    const trans = (translator ?? nullTranslator).load('cellpipe');
    // The active cell's toolbar shows its step badge (toolbar-step.ts).
    toolbars?.addFactory<Cell>('Cell', TOOLBAR_STEP_ITEM, toolbarStep);
    tracker.widgetAdded.connect(async (_, panel) => {
      const { trackBadges } = await import('./badges');
      trackBadges(panel);
    });
    // The panel's code is a chunk of its own, loaded after activation; the command exists from
    // the start, so the cell context menu and the sidebar's button work before it has loaded.
    const panel = import('./step-panel').then(({ StepPanel }) => {
      const widget = new StepPanel(tracker, trans);
      widget.title.icon = pipelineIcon;
      app.shell.add(widget, 'right', { rank: 600 });
      restorer?.add(widget, widget.id);
      return widget;
    });
    app.commands.addCommand(CommandIDs.editStep, {
      label: trans.__('Edit Pipeline Step of Cell'),
      caption: trans.__(
        'Make the active cell a pipeline step, or change its step, in the Pipeline step panel'
      ),
      describedBy: {
        args: {
          type: 'object',
          properties: {
            fromContextMenu: {
              type: 'boolean',
              description: 'Edit the cell the context menu was opened on'
            }
          }
        }
      },
      isEnabled: () => tracker.activeCell?.model.type === 'code',
      execute: async args => {
        if (args.fromContextMenu === true) {
          activateClickedCell(app, tracker);
        }
        const widget = await panel;
        app.shell.activateById(widget.id);
        // From the keyboard (the palette, Shift F10 on a cell) the next key goes to the panel.
        widget.focusFirstField();
      }
    });
    palette?.addItem({
      command: CommandIDs.editStep,
      category: PALETTE_CATEGORY
    });
    app.contextMenu.addItem({
      command: CommandIDs.editStep,
      selector: '.jp-Notebook .jp-Cell.jp-CodeCell',
      rank: 12,
      args: { fromContextMenu: true }
    });
  }
};

/**
 * Makes the cell the context menu was opened on the active one. A right-click inside a cell's
 * editor does not activate that cell in JupyterLab (on its prompt it does), and the step panel
 * edits the active cell: without this it would show another cell than the one clicked.
 */
function activateClickedCell(
  app: JupyterFrontEnd,
  tracker: INotebookTracker
): void {
  const clicked = app.contextMenuHitTest(node =>
    node.classList.contains('jp-Cell')
  );
  const notebook = tracker.currentWidget?.content;
  if (!clicked || !notebook) {
    return;
  }
  const index = notebook.widgets.findIndex(cell => cell.node === clicked);
  if (index >= 0 && index !== notebook.activeCellIndex) {
    notebook.deselectAll();
    notebook.activeCellIndex = index;
  }
}
