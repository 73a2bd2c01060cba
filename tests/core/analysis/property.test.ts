/** Property: analysing arbitrary text in arbitrary cells never throws; it only gives diagnostics. */
import fc from 'fast-check';
import {
  analyzeNotebook,
  analyzeNotebookText
} from '../../../src/core/analyze';

const pythonish = fc.oneof(
  fc.string({ maxLength: 200 }),
  fc.stringMatching(/^[a-z_=+\-*/()[\]{}:,.@%!#'"\\\n\t 0-9]{0,200}$/),
  fc
    .array(
      fc.constantFrom(
        'x = y',
        'def f(a):',
        '    return a',
        'class C:',
        'for i in r:',
        'match v:',
        '  case [a, *b]:',
        'lambda q: q',
        '[z for z in w]',
        '%time x',
        '!ls',
        '%%bash',
        'import os',
        'from m import *',
        'f"{a}"',
        '(',
        ')',
        'del x',
        'global g',
        'x.fit()',
        '1.',
        '"""',
        "'",
        'with (open(p) as f,',
        '      g() as h):',
        '    x = yield',
        '__proto__ = toString'
      ),
      { maxLength: 12 }
    )
    .map(lines => lines.join('\n'))
);

const tags = fc.array(
  fc.oneof(
    fc.constantFrom(
      'step:a',
      'step:b',
      'block:',
      'prev:a',
      'skip',
      'imports',
      'functions'
    ),
    fc.constantFrom(
      'pipeline-parameters',
      'pipeline-metrics',
      'limit:cpu:2',
      'timeout:xx',
      'toString',
      'label:__proto__:x'
    ),
    fc.string({ maxLength: 20 })
  ),
  { maxLength: 3 }
);

describe('analyzer properties', () => {
  it('never throws on arbitrary cells', () => {
    fc.assert(
      fc.property(
        fc.array(fc.record({ source: pythonish, tags }), { maxLength: 8 }),
        cells => {
          const notebook = {
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
          const ir = analyzeNotebook(notebook, 'fuzz.ipynb');
          for (const d of ir.diagnostics) {
            expect(['error', 'warning', 'info']).toContain(d.severity);
            expect(d.line).toBeGreaterThanOrEqual(1);
          }
          for (const step of ir.steps) {
            for (const input of step.inputs) {
              expect(step.after).toContain(step.producers[input]);
            }
          }
        }
      ),
      { numRuns: 500 }
    );
  });

  it('never throws on arbitrary file text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), text => {
        const ir = analyzeNotebookText(text, 'junk.ipynb');
        expect(ir.diagnostics.length).toBeGreaterThan(0);
      }),
      { numRuns: 300 }
    );
  });
});
