/**
 * Tag changes JupyterLab makes without telling anyone. Its own tag editor (Property Inspector,
 * Common Tools, "Add Tag") adds a cell's first tag by changing the list it gave the cell in
 * place: the cell's tags change, and are saved, but no signal of the cell or notebook fires,
 * so the badges and the sidebar's DAG would keep the old roles until the cell changes
 * otherwise. That editor changes the active cell only, so the active cell's tags are compared
 * with what they were, once a second while the notebook is shown; the returned function stops.
 */
import { ICellModel } from '@jupyterlab/cells';
import { NotebookPanel } from '@jupyterlab/notebook';

/** How often the active cell's tags are compared (ms). */
const CHECK_EVERY_MS = 1000;

export function watchSilentTagChanges(
  panel: NotebookPanel,
  changed: (cell: ICellModel) => void
): () => void {
  const seen = new WeakMap<ICellModel, string>();
  const tagsOf = (cell: ICellModel) =>
    JSON.stringify(cell.getMetadata('tags') ?? null);
  /** Compares the cell's tags with those seen last; the first look only notes them. */
  const check = (cell: ICellModel | null | undefined) => {
    if (!cell || cell.isDisposed) {
      return;
    }
    const tags = tagsOf(cell);
    const before = seen.get(cell);
    seen.set(cell, tags);
    if (before !== undefined && before !== tags) {
      changed(cell);
    }
  };
  // A change of the tags that signals (an Apply in the step panel, tags set through the API) is
  // noted, not reported: whoever cares heard its signal.
  const note = (cell: ICellModel, change: { key: string }) => {
    if (change.key === 'tags' && !cell.isDisposed) {
      seen.set(cell, tagsOf(cell));
    }
  };
  // The cell being left is checked once more (its tag may have been added less than a second
  // before), and the one becoming active noted before anyone can edit it there.
  let active = panel.content.activeCell?.model;
  check(active);
  active?.metadataChanged.connect(note);
  const onActiveCell = () => {
    check(active);
    if (active && !active.isDisposed) {
      active.metadataChanged.disconnect(note);
    }
    active = panel.content.activeCell?.model;
    check(active);
    active?.metadataChanged.connect(note);
  };
  panel.content.activeCellChanged.connect(onActiveCell);
  const timer = setInterval(() => {
    if (!panel.isDisposed && panel.isVisible) {
      check(panel.content.activeCell?.model);
    }
  }, CHECK_EVERY_MS);
  return () => {
    clearInterval(timer);
    panel.content.activeCellChanged.disconnect(onActiveCell);
    if (active && !active.isDisposed) {
      active.metadataChanged.disconnect(note);
    }
  };
}
