/**
 * The part of a live notebook model the analyzer reads (cell types, sources, tags, notebook
 * metadata), as nbformat 4 JSON. Much cheaper than `model.toJSON()`: outputs are left out.
 */

/** What the snapshot needs of a cell model (JupyterLab's ICellModel has all of it). */
export interface ICellModelLike {
  readonly type: string;
  readonly sharedModel: { getSource(): string };
  getMetadata(key: string): unknown;
}

/** What the snapshot needs of a notebook model (JupyterLab's INotebookModel has all of it). */
export interface INotebookModelLike {
  readonly cells: {
    readonly length: number;
    get(index: number): ICellModelLike;
  };
  readonly metadata: Record<string, unknown>;
}

export interface INotebookSnapshot {
  nbformat: 4;
  nbformat_minor: number;
  metadata: Record<string, unknown>;
  cells: {
    cell_type: string;
    source: string;
    metadata: { tags?: unknown };
  }[];
}

export function notebookSnapshot(model: INotebookModelLike): INotebookSnapshot {
  const cells: INotebookSnapshot['cells'] = [];
  for (let index = 0; index < model.cells.length; index++) {
    const cell = model.cells.get(index);
    const tags = cell.getMetadata('tags');
    cells.push({
      cell_type: cell.type,
      source: cell.sharedModel.getSource(),
      metadata: tags === undefined ? {} : { tags }
    });
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: model.metadata, cells };
}
