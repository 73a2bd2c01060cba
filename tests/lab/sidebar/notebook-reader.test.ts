import { Signal } from '@lumino/signaling';
import {
  ICellModelLike,
  NotebookReader,
  notebookSnapshot
} from '../../../src/lab/sidebar/notebook-snapshot';

/** A cell whose shared model says when it changes, as JupyterLab's does; counts its reads. */
class Cell implements ICellModelLike {
  constructor(
    private source: string,
    private tags?: string[]
  ) {}

  reads = 0;
  readonly type = 'code';
  // The signal's sender is the shared model, as JupyterLab's ISharedCell.changed sends itself.
  readonly sharedModel: {
    getSource: () => string;
    changed: Signal<object, void>;
  } = {
    getSource: () => {
      this.reads++;
      return this.source;
    },
    changed: null as unknown as Signal<object, void>
  };
  private readonly changed = (this.sharedModel.changed = new Signal<
    object,
    void
  >(this.sharedModel));

  getMetadata(key: string): unknown {
    return key === 'tags' ? this.tags : undefined;
  }

  edit(source: string, tags = this.tags): void {
    this.source = source;
    this.tags = tags;
    this.changed.emit(undefined);
  }
}

function notebook(cells: ICellModelLike[]) {
  return {
    cells: {
      get length() {
        return cells.length;
      },
      get: (index: number) => cells[index]
    },
    metadata: { kernelspec: { name: 'python3' } }
  };
}

describe('notebook reader', () => {
  it('re-reads only the cells whose shared model changed, and gives what a full snapshot gives', () => {
    const cells = [new Cell('a = 1\n', ['step:a']), new Cell('b = a\n')];
    const model = notebook(cells);
    const reader = new NotebookReader();
    expect(reader.read(model)).toEqual(notebookSnapshot(model));
    expect(cells.map(c => c.reads)).toEqual([2, 2]);

    cells[1].edit('b = a + 1\n', ['step:b']);
    const after = reader.read(model);
    expect(cells.map(c => c.reads)).toEqual([2, 3]);
    expect(after.cells[1]).toEqual({
      cell_type: 'code',
      source: 'b = a + 1\n',
      metadata: { tags: ['step:b'] }
    });
    expect(after).toEqual(notebookSnapshot(model));
    expect(cells.map(c => c.reads)).toEqual([3, 4]);

    // A cell added (or moved) is read once, then kept.
    cells.push(new Cell('c = b\n'));
    reader.read(model);
    reader.read(model);
    expect(cells[2].reads).toBe(1);
  });

  it('forgets every cell when disposed, and reads cells without a change signal every time', () => {
    const cell = new Cell('a = 1\n');
    const plain: ICellModelLike = {
      type: 'code',
      sharedModel: { getSource: () => 'x = 2\n' },
      getMetadata: () => undefined
    };
    const reader = new NotebookReader();
    reader.read(notebook([cell, plain]));
    reader.dispose();
    reader.read(notebook([cell, plain]));
    expect(cell.reads).toBe(2);
    expect(reader.read(notebook([plain])).cells[0].source).toBe('x = 2\n');
  });
});
