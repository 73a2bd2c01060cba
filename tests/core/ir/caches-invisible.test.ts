/**
 * The IR builder keeps caches between calls (parsed tags by their text, per-step names by the
 * cells' analyses, the global context), so that a keystroke in a big notebook does not redo
 * every cell. They must be invisible: after any sequence of edits analysed incrementally, the IR
 * equals the one a process that never saw the earlier notebooks builds. The fresh side loads
 * the analyzer in a module registry of its own (jest.isolateModules), so it shares no cache.
 */
import fc from 'fast-check';
import { IncrementalAnalyzer } from '../../../src/core/analysis/incremental';
import { cellTags } from '../../../src/core/ir/segment';
import { parseCellTags } from '../../../src/core/notebook/tags';
import type * as AnalyzeModule from '../../../src/core/analyze';
import { caseNotebook } from '../../support/analyzer-cases';

function freshAnalyzer(): typeof AnalyzeModule {
  let loaded: typeof AnalyzeModule | undefined;
  jest.isolateModules(() => {
    loaded = require('../../../src/core/analyze');
  });
  return loaded!;
}

const sources = fc.constantFrom(
  'import math',
  'def helper(x):\n    return x + offset',
  'offset = 3',
  'a = 1',
  'b = a + 1',
  'c = helper(b)',
  'a.append(b)',
  'print(c)',
  '%pip install pandas',
  '%time b',
  'x = (',
  'from os import *',
  'rate = 0.5',
  // kept per analysis or per step: a builtin a step binds, a module a cell configures
  'sum = 10',
  'total = sum([a, b])',
  'import pandas as pd',
  'pd.set_option("display.precision", 2)',
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
  ['step:one', 'limit:memory:1Gi'],
  ['step:two', 'image:registry.example/py:3.11', 'retry:2'],
  ['block:', 'label:team:data'],
  ['block:', 'annotation:note'],
  ['prev:one', 'step:three'],
  ['step:one', 'imports'],
  ['step:bad name'],
  ['limit:cpu'],
  ['prev:', 'step:four', 'timeout:30m', 'cache:disabled']
);
const cell = fc.record({ source: sources, tags });
type Cell = { source: string; tags: string[] };
const edit = fc.record({
  kind: fc.constantFrom('set', 'source', 'tags', 'insert', 'delete'),
  at: fc.nat(),
  cell
});

function applyEdit(
  cells: Cell[],
  e: {
    kind: string;
    at: number;
    cell: Cell;
  }
): Cell[] {
  const next = cells.slice();
  const at = e.at % (next.length + 1);
  if (at === next.length || e.kind === 'insert') {
    next.splice(at, 0, e.cell);
  } else if (e.kind === 'delete') {
    next.splice(at, 1);
  } else if (e.kind === 'source') {
    next[at] = { ...next[at], source: e.cell.source };
  } else if (e.kind === 'tags') {
    next[at] = { ...next[at], tags: e.cell.tags };
  } else {
    next[at] = e.cell;
  }
  return next;
}

describe('IR caches', () => {
  it('are invisible: incremental edits give the IR a fresh process gives for the last notebook', () => {
    fc.assert(
      fc.property(
        fc.array(cell, { minLength: 1, maxLength: 10 }),
        fc.array(edit, { minLength: 1, maxLength: 10 }),
        (start, edits) => {
          const analyzer = new IncrementalAnalyzer('p.ipynb');
          let cells: Cell[] = start;
          analyzer.update(caseNotebook(cells));
          for (const e of edits) {
            cells = applyEdit(cells, e);
            analyzer.update(caseNotebook(cells));
          }
          const fresh = freshAnalyzer().analyzeNotebook(
            caseNotebook(cells),
            'p.ipynb'
          );
          expect(analyzer.update(caseNotebook(cells))).toEqual(fresh);
        }
      ),
      { numRuns: 60 }
    );
  });

  it('hands out parsed tags that equal a fresh parse and cannot be changed', () => {
    const list = ['step:a', 'limit:memory:1Gi', 'prev:b', 'label:k:v'];
    const cached = cellTags(list);
    expect(cellTags([...list])).toBe(cached);
    const { hasSettings, validName, ...parsed } = cached;
    expect(hasSettings).toBe(true);
    expect(validName).toBe(true);
    expect(parsed).toEqual(parseCellTags(list));
    expect(Object.isFrozen(cached.settings.limits)).toBe(true);
    expect(Object.isFrozen(cached.prev)).toBe(true);
    expect(() => {
      (cached.settings.limits as Record<string, string>).cpu = '1';
    }).toThrow(TypeError);
    expect(cellTags(['step:a']).hasSettings).toBe(false);
    for (const plain of [['step:b'], ['skip'], [], ['block:', 'prev:a']]) {
      const cachedPlain = cellTags(plain);
      const fresh = parseCellTags(plain);
      expect(cachedPlain).toEqual({
        ...fresh,
        hasSettings: false,
        validName: cachedPlain.validName
      });
    }
    expect(cellTags(['step:no good']).validName).toBe(false);
    // One tag that looks like a list is not the list.
    expect(cellTags(['["step:a","skip"]']).role).toEqual({ kind: 'continue' });
    expect(cellTags(['step:a', 'skip']).problems).toHaveLength(1);
  });
});
