/**
 * readNotebook with the cells read before (`ReadCells`, what the lab's incremental analysis
 * keeps): a cell object read at the same index is not read again, and anything else is.
 */
import {
  INotebookCell,
  ReadCells,
  readNotebook
} from '../../../src/core/notebook/model';

const cell = (source: string, tags?: unknown) => ({
  cell_type: 'code',
  metadata: tags === undefined ? {} : { tags },
  source,
  outputs: [],
  execution_count: null
});

const notebook = (cells: object[]) => ({
  nbformat: 4,
  nbformat_minor: 5,
  metadata: {},
  cells
});

describe('readNotebook with the cells read before', () => {
  const a = cell('a = 1', ['step:one']);
  const b = cell('b = a', 'step:two');

  it('gives back the cell read from the same object at the same index', () => {
    const kept: ReadCells = new WeakMap();
    const first = readNotebook(notebook([a, b]), 'n.ipynb', kept);
    const edited = cell('b = a + 1', 'step:two');
    const second = readNotebook(notebook([a, edited]), 'n.ipynb', kept);
    expect(second.cells[0]).toBe(first.cells[0]);
    expect(second.cells[1]).not.toBe(first.cells[1]);
    expect(second.cells[1].source).toBe('b = a + 1');
    // what was read is what a reading without the kept cells gives, problems included
    expect(second).toEqual(readNotebook(notebook([a, edited]), 'n.ipynb'));
    expect(second.cells[1].tagsProblem).toMatch(/not a list/);
  });

  it('reads a cell again when it moved', () => {
    const kept: ReadCells = new WeakMap();
    const first = readNotebook(notebook([a, b]), 'n.ipynb', kept);
    const inserted = readNotebook(
      notebook([cell('x = 0'), a, b]),
      'n.ipynb',
      kept
    );
    expect(inserted.cells.map((c: INotebookCell) => c.index)).toEqual([
      0, 1, 2
    ]);
    expect(inserted.cells[1]).not.toBe(first.cells[0]);
    expect(inserted.cells[1].source).toBe('a = 1');
  });

  it('still refuses a cell that is not one', () => {
    const kept: ReadCells = new WeakMap();
    expect(() =>
      readNotebook(notebook([a, 5 as unknown as object]), 'n.ipynb', kept)
    ).toThrow(/cell 2 is not an object/);
  });
});
