/**
 * The part of a live notebook model the analyzer reads (cell types, sources, tags, notebook
 * metadata), as nbformat 4 JSON. Much cheaper than `model.toJSON()`: outputs are left out.
 */

import { ISignal, Signal } from '@lumino/signaling';

/** What the snapshot needs of a cell model (JupyterLab's ICellModel has all of it). */
export interface ICellModelLike {
  readonly type: string;
  readonly sharedModel: {
    getSource(): string;
    /** Fires on any change of the cell (source, metadata, outputs): JupyterLab's ISharedCell. */
    readonly changed?: ISignal<unknown, unknown>;
  };
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

type CellSnapshot = INotebookSnapshot['cells'][number];

function cellSnapshot(cell: ICellModelLike): CellSnapshot {
  const tags = cell.getMetadata('tags');
  return {
    cell_type: cell.type,
    source: cell.sharedModel.getSource(),
    metadata: tags === undefined ? {} : { tags }
  };
}

export function notebookSnapshot(model: INotebookModelLike): INotebookSnapshot {
  const cells: INotebookSnapshot['cells'] = [];
  for (let index = 0; index < model.cells.length; index++) {
    cells.push(cellSnapshot(model.cells.get(index)));
  }
  return { nbformat: 4, nbformat_minor: 5, metadata: model.metadata, cells };
}

/**
 * Snapshots of a live notebook, re-reading only the cells that changed since the last one: the
 * live analysis takes one after every keystroke, and reading every cell's source (a Yjs text)
 * and tags (a deep copy each) costs about half a millisecond at 1,000 cells, for the one cell
 * a key changed. A cell's snapshot is kept until its shared model says it changed; cells
 * without that signal are read every time. The snapshots' cell objects are shared between
 * snapshots: readers must not change them.
 */
export class NotebookReader {
  read(model: INotebookModelLike): INotebookSnapshot {
    const cells: INotebookSnapshot['cells'] = [];
    for (let index = 0; index < model.cells.length; index++) {
      const cell = model.cells.get(index);
      const shared = cell.sharedModel;
      let snapshot = this._cells.get(shared);
      if (snapshot === undefined || snapshot.cell_type !== cell.type) {
        snapshot = cellSnapshot(cell);
        if (shared.changed) {
          shared.changed.connect(this.forget, this);
          this._cells.set(shared, snapshot);
        }
      }
      cells.push(snapshot);
    }
    return { nbformat: 4, nbformat_minor: 5, metadata: model.metadata, cells };
  }

  /** Forgets every kept cell and stops listening to them. */
  dispose(): void {
    Signal.disconnectReceiver(this);
    this._cells = new WeakMap();
  }

  /** Reads the cell of this shared model again next time (a change no signal told of). */
  forget(shared: unknown): void {
    this._cells.delete(shared as object);
  }

  private _cells = new WeakMap<object, CellSnapshot>();
}
