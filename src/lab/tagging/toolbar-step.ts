/**
 * The step badge in the active cell's toolbar (JupyterLab's cell toolbar, `Cell` in the
 * toolbar registry). The badge floats at the cell's top right, where the toolbar shows on the
 * active cell: there the toolbar carries a copy of it, left of its buttons, and the floating one
 * hides (style/tagging.css). Where the toolbar is off, or hidden because it would cover the
 * code, the floating badge stays.
 */
import { Cell } from '@jupyterlab/cells';
import { Widget } from '@lumino/widgets';

/** The floating badge's class (badges.ts draws it, a direct child of the cell's node). */
export const BADGE_CLASS = 'jp-cellpipe-Badge';
/** The toolbar item's class. */
export const TOOLBAR_STEP_CLASS = 'jp-cellpipe-ToolbarStep';
/** The name of the item in the `Cell` toolbar (schema/plugin.json). */
export const TOOLBAR_STEP_ITEM = 'cellpipe-step';

/** Gives `item` the text and kind (step or role) of the cell's floating badge, or none. */
function copyBadge(cellNode: HTMLElement, item: HTMLElement): void {
  const badge = cellNode.querySelector(`:scope > .${BADGE_CLASS}`);
  item.textContent = badge?.textContent ?? '';
  item.title = item.textContent; // the whole name, where a long one is cut short
  item.classList.toggle(
    'jp-mod-step',
    badge?.classList.contains('jp-mod-step') ?? false
  );
  item.classList.toggle(
    'jp-mod-role',
    badge?.classList.contains('jp-mod-role') ?? false
  );
}

/** The toolbar item for `cell`: its badge as it is now (badges.ts keeps it current). */
export function toolbarStep(cell: Cell): Widget {
  const widget = new Widget();
  widget.addClass(TOOLBAR_STEP_CLASS);
  copyBadge(cell.node, widget.node);
  return widget;
}

/**
 * After the badges were drawn again, for the active cell (the one with a toolbar): its toolbar
 * item, where it has one, follows.
 */
export function updateToolbarStep(cellNode: HTMLElement): void {
  const item = cellNode.querySelector<HTMLElement>(`.${TOOLBAR_STEP_CLASS}`);
  if (item) {
    copyBadge(cellNode, item);
  }
}
