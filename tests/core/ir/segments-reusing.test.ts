/**
 * The segmentation is kept while the cells are segmented as before (a keystroke changes only a
 * source): the same object comes back, and any change to what segmenting reads gives a new one
 * equal to a fresh segmentation.
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { readNotebook } from '../../../src/core/notebook/model';
import { segmentCells } from '../../../src/core/ir/segment';
import { segmentCellsReusing } from '../../../src/core/ir/segments-reusing';

type Cell = { cell_type?: string; source: string; tags?: unknown };

function notebook(cells: Cell[]) {
  return readNotebook(
    {
      nbformat: 4,
      nbformat_minor: 5,
      metadata: {},
      cells: cells.map(c => ({
        cell_type: c.cell_type ?? 'code',
        metadata: c.tags === undefined ? {} : { tags: c.tags },
        source: c.source,
        outputs: [],
        execution_count: null
      }))
    },
    'n.ipynb'
  );
}

function segment(cells: Cell[]) {
  const read = notebook(cells);
  const analysisOf = (cell: number) =>
    analyzeCellSource(read.cells[cell].source);
  return {
    reused: segmentCellsReusing(read, analysisOf),
    fresh: segmentCells(read, analysisOf)
  };
}

const base: Cell[] = [
  { source: '# notes only' },
  { source: 'import math', tags: ['imports'] },
  { source: 'a = 1', tags: ['step:one'] },
  { source: 'b = a + 1' },
  { source: 'text', cell_type: 'markdown' },
  { source: 'c = b', tags: ['step:two', 'prev:one'] }
];

describe('segmentCellsReusing', () => {
  it('gives back the same segmentation when only a source changed', () => {
    const first = segment(base).reused;
    const edited = base.map((c, at) =>
      at === 3 ? { ...c, source: 'b = a + 2' } : c
    );
    const { reused, fresh } = segment(edited);
    expect(reused).toBe(first);
    expect(reused).toEqual(fresh);
  });

  const changes: [string, (cells: Cell[]) => Cell[]][] = [
    [
      'a tag',
      cells =>
        cells.map((c, at) => (at === 3 ? { ...c, tags: ['step:mid'] } : c))
    ],
    [
      'a tag list of the same length',
      cells =>
        cells.map((c, at) =>
          at === 5 ? { ...c, tags: ['step:two', 'prev:other'] } : c
        )
    ],
    [
      'a cell type',
      cells =>
        cells.map((c, at) => (at === 4 ? { ...c, cell_type: 'code' } : c))
    ],
    [
      'a cell inserted',
      cells => [...cells.slice(0, 3), { source: 'z = 0' }, ...cells.slice(3)]
    ],
    ['a cell deleted', cells => cells.filter((_, at) => at !== 4)],
    [
      'tags that cannot be read',
      cells => cells.map((c, at) => (at === 2 ? { ...c, tags: 'step:one' } : c))
    ],
    [
      'code in an untagged cell above every tag',
      cells => cells.map((c, at) => (at === 0 ? { ...c, source: 'x = 1' } : c))
    ]
  ];
  it.each(changes)('segments again after a change of %s', (_, change) => {
    const first = segment(base).reused;
    const { reused, fresh } = segment(change(base));
    expect(reused).not.toBe(first);
    expect(reused).toEqual(fresh);
    expect(reused).not.toEqual(first);
  });
});
