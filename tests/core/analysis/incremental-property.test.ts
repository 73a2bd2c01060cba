/**
 * Property: after any sequence of edits (sources, tags, roles, inserted and deleted cells), the
 * incremental analyzer, which reuses per-cell and per-step results, gives exactly the IR that a
 * fresh analysis of the same notebook gives.
 */
import fc from 'fast-check';
import { analyzeNotebook } from '../../../src/core/analyze';
import { IncrementalAnalyzer } from '../../../src/core/analysis/incremental';

const sources = fc.constantFrom(
  'import math',
  'import json as js, os',
  'def helper(x):\n    return x + offset',
  'def uses():\n    return helper(1) + shared',
  'offset = 3',
  'shared = [1, 2]',
  'a = 1',
  'b = a + 1',
  'c = helper(b)',
  'a.append(b)',
  'd = uses()',
  'print(c)',
  'print(a)',
  'rate = 0.5',
  'rate = 1.',
  '%pip install pandas',
  'x = (',
  'from os import *',
  'del b',
  'for i in range(a):\n    total = i',
  ''
);
const tags = fc.constantFrom<string[]>(
  [],
  [],
  ['imports'],
  ['functions'],
  ['pipeline-parameters'],
  ['pipeline-metrics'],
  ['skip'],
  ['step:one'],
  ['step:two'],
  ['step:three', 'prev:one'],
  ['step:two', 'limit:memory:1Gi'],
  ['block:'],
  ['prev:later', 'step:four']
);
const cell = fc.record({ source: sources, tags });
type Cell = { source: string; tags: string[] };
const edit = fc.oneof(
  fc.record({ kind: fc.constant('set' as const), at: fc.nat(), cell }),
  fc.record({ kind: fc.constant('insert' as const), at: fc.nat(), cell }),
  fc.record({ kind: fc.constant('delete' as const), at: fc.nat(), cell })
);

function notebook(cells: Cell[]): object {
  return {
    nbformat: 4,
    nbformat_minor: 5,
    metadata: {},
    cells: cells.map(c => ({
      cell_type: 'code',
      metadata: { tags: c.tags },
      source: c.source,
      outputs: []
    }))
  };
}

describe('IncrementalAnalyzer (property)', () => {
  it('equals a fresh analysis after every edit', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 12 }),
        fc.array(edit, { maxLength: 12 }),
        (start, edits) => {
          const analyzer = new IncrementalAnalyzer('p.ipynb');
          let cells = start;
          expect(analyzer.update(notebook(cells))).toEqual(
            analyzeNotebook(notebook(cells), 'p.ipynb')
          );
          for (const e of edits) {
            const at = e.at % (cells.length + 1);
            cells = cells.slice();
            if (e.kind === 'set' && at < cells.length) {
              cells[at] = e.cell;
            } else if (e.kind === 'delete' && at < cells.length) {
              cells.splice(at, 1);
            } else {
              cells.splice(at, 0, e.cell);
            }
            expect(analyzer.update(notebook(cells))).toEqual(
              analyzeNotebook(notebook(cells), 'p.ipynb')
            );
          }
        }
      ),
      { numRuns: 300 }
    );
  });
});
