/** What the unpassable-value error says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the unpassable-value error', () => {
  it('names the step, the value, the steps that take it and what to do instead, at the binding', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import gzip', ['imports']),
        codeCell(
          'x = 1\nout = open("out.txt", "w")\nraw = gzip.open("d.gz")\nrows = (n for n in range(3))',
          ['step:open']
        ),
        codeCell('out.write("a")\nprint(raw.read())', ['step:write']),
        codeCell('print(list(rows), x)', ['step:count']),
        codeCell('print(list(rows))', ['step:again'])
      ]),
      'files.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'error',
        code: 'unpassable-value',
        message:
          "step 'open' hands 'out' on to step 'write', but 'out' is a file opened to write " +
          '("w"), which cannot be saved for another step: open it in the step that writes to ' +
          'it (with open(…) as out: …)',
        cell: 1,
        line: 2,
        column: 0
      },
      {
        severity: 'error',
        code: 'unpassable-value',
        message:
          "step 'open' hands 'raw' on to step 'write', but 'raw' is a file opened with " +
          'gzip.open, which cannot be saved for another step: open it in the step that reads ' +
          'it, or pass what it holds (data = raw.read())',
        cell: 1,
        line: 3,
        column: 0
      },
      {
        severity: 'error',
        code: 'unpassable-value',
        message:
          "step 'open' hands 'rows' on to steps 'count', 'again', but 'rows' is a generator, which " +
          'cannot be saved for another step: make it in the step that uses it, or pass a list ' +
          'of its items (list(rows))',
        cell: 1,
        line: 4,
        column: 0
      }
    ]);
  });

  it('follows a maker imported under another name or as a name of its own, in the imports cell, the step or the step before', () => {
    const errorsOf = (cells: ReturnType<typeof codeCell>[]) =>
      analyzeNotebook(notebookJson(cells), 'pools.ipynb')
        .diagnostics.filter(d => d.code === 'unpassable-value')
        .map(d => [d.cell, d.line, d.message.split(': ')[0]]);
    expect(
      errorsOf([
        codeCell('import multiprocessing as mp\nfrom threading import Lock', [
          'imports'
        ]),
        codeCell('x = 1\npool = mp.Pool(2)\nguard = Lock()', ['step:start']),
        codeCell('print(pool, guard, x)', ['step:use'])
      ])
    ).toEqual([
      [
        1,
        2,
        "step 'start' hands 'pool' on to step 'use', but 'pool' is a pool of worker processes (multiprocessing.Pool), which cannot be saved for another step"
      ],
      [
        1,
        3,
        "step 'start' hands 'guard' on to step 'use', but 'guard' is a lock (threading.Lock), which cannot be saved for another step"
      ]
    ]);
    // the step binds the name again after the import: what it calls is its own
    expect(
      errorsOf([
        codeCell('import multiprocessing as mp', ['imports']),
        codeCell('mp = Workers()\npool = mp.Pool(2)', ['step:start']),
        codeCell('print(pool)', ['step:use'])
      ])
    ).toEqual([]);
    // the import in an earlier step that hands the module on
    expect(
      errorsOf([
        codeCell('import sqlite3 as db', ['step:open']),
        codeCell('con = db.connect("x.db")', ['step:start']),
        codeCell('print(con)', ['step:use'])
      ])
    ).toEqual([
      [
        1,
        1,
        "step 'start' hands 'con' on to step 'use', but 'con' is a database connection (sqlite3.connect), which cannot be saved for another step"
      ]
    ]);
    // a maker imported under a name of its own, in the imports cell; a name of its own that is
    // bound again in the step is the step's
    expect(
      errorsOf([
        codeCell(
          'from multiprocessing import Pool as P\nfrom queue import Queue as Q',
          ['imports']
        ),
        codeCell('pool = P(2)\nQ = list\nq = Q()', ['step:start']),
        codeCell('print(pool, q)', ['step:use'])
      ])
    ).toEqual([
      [
        1,
        1,
        "step 'start' hands 'pool' on to step 'use', but 'pool' is a pool of worker processes (multiprocessing.Pool), which cannot be saved for another step"
      ]
    ]);
  });
});
