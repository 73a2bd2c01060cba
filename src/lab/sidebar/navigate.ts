/** Jumps from the sidebar into the notebook: select a cell, or put the cursor at a line. */
import { JupyterFrontEnd } from '@jupyterlab/application';
import { Cell } from '@jupyterlab/cells';
import { Notebook, NotebookPanel } from '@jupyterlab/notebook';

/**
 * Activates the notebook, selects cell `index` and scrolls it into view. With `line` (1-based)
 * and `column` (0-based) it also enters edit mode with the cursor there. False where the
 * notebook has no such cell (now): nothing is done.
 */
export async function revealCell(
  shell: JupyterFrontEnd.IShell,
  panel: NotebookPanel,
  index: number,
  line?: number,
  column?: number
): Promise<boolean> {
  const notebook = panel.content;
  const cell = notebook.widgets[index];
  if (!cell) {
    return false;
  }
  shell.activateById(panel.id);
  notebook.deselectAll();
  notebook.activeCellIndex = index;
  const rendered = !cell.isPlaceholder();
  await notebook.scrollToCell(cell, 'center');
  if (!rendered) {
    void scrollWhenRendered(notebook, cell);
  }
  if (line === undefined) {
    notebook.mode = 'command';
    notebook.node.focus();
    return true;
  }
  await cell.ready;
  notebook.mode = 'edit';
  const editor = cell.editor;
  if (editor) {
    const lastLine = Math.max(0, editor.lineCount - 1);
    editor.setCursorPosition({
      line: Math.min(Math.max(0, line - 1), lastLine),
      column: Math.max(0, column ?? 0)
    });
    editor.focus();
  }
  return true;
}

/**
 * JupyterLab renders the cells of a long notebook a few at a time after it opens (here 20 to 30
 * a second), and stops waiting to scroll to a cell that is not there within 10 s. This scrolls
 * again once `cell` is rendered, if it is still the active cell.
 */
async function scrollWhenRendered(
  notebook: Notebook,
  cell: Cell
): Promise<void> {
  await cell.ready;
  if (!notebook.isDisposed && notebook.activeCell === cell) {
    await notebook.scrollToCell(cell, 'center');
  }
}
