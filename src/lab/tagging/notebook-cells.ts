/** The cells of a notebook widget as the tagging model sees them (type and tags). */
import { Cell } from '@jupyterlab/cells';
import { Notebook } from '@jupyterlab/notebook';
import { ICellLike } from './cell-steps';

export function cellTags(cell: Cell): string[] {
  const tags = cell.model.getMetadata('tags');
  return Array.isArray(tags)
    ? tags.filter((t): t is string => typeof t === 'string')
    : [];
}

export function notebookCells(notebook: Notebook): ICellLike[] {
  return notebook.widgets.map(cell => ({
    type: cell.model.type,
    tags: cellTags(cell)
  }));
}
