/**
 * What the analysis says of names an `import *` may bind: a step has the names of an imports
 * cell's or its own earlier `import *` when it runs, so a read that no cell defines is taken
 * from there (listed on the star-import warning) instead of warned about one by one; a later
 * step does not get the names of an earlier step's `import *`.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { IDiagnostic } from '../../../src/core/ir/diagnostic';
import { codeCell, notebookJson } from '../../support/notebook-json';

const coded = (diagnostics: IDiagnostic[], code: string) =>
  diagnostics.filter(d => d.code === code);

describe('a read after a step with an import *', () => {
  it('says the names of the import * do not reach later steps, and what to do', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from math import *\nx = 2', ['step:a']),
        codeCell('y = sqrt(x)', ['step:b'])
      ]),
      'star.ipynb'
    );
    expect(coded(ir.diagnostics, 'undefined-name')).toEqual([
      {
        severity: 'warning',
        code: 'undefined-name',
        message:
          "'sqrt' is read in step 'b' but no earlier step, imports or functions cell defines " +
          "it (step 'a' has an 'import *', whose names later steps do not get: import the " +
          'names you use in the imports cell)',
        cell: 1,
        line: 1,
        column: 4
      }
    ]);
  });
});

describe('reads an import * in reach may bind', () => {
  it('takes names no cell defines from an imports cell’s import *, and lists them on its warning', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from math import *\nimport os', ['imports']),
        codeCell('x = sqrt(16) + pi\ny = floor(x)', ['step:a']),
        codeCell('print(x, y, cos(0), sqrt(4))', ['step:b'])
      ]),
      'star.ipynb'
    );
    expect(coded(ir.diagnostics, 'undefined-name')).toEqual([]);
    expect(coded(ir.diagnostics, 'star-import')).toEqual([
      {
        severity: 'warning',
        code: 'star-import',
        message:
          "'from math import *' hides which names it defines, so the analysis cannot be " +
          'complete: sqrt, pi, floor and cos, which no cell defines, are taken to come from ' +
          'it; import the names you use',
        cell: 0,
        line: 1,
        column: 17
      }
    ]);
    expect(ir.steps.find(s => s.name === 'b')?.inputs).toEqual(['x', 'y']);
  });

  it('takes them from the step’s own import * above the read, not from one below it (sqrt is read first above it: a NameError)', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('r = sqrt(2)', ['step:a']),
        codeCell('from math import *\ns = sqrt(r) + e')
      ]),
      'star.ipynb'
    );
    expect(
      coded(ir.diagnostics, 'undefined-name').map(d => [d.message, d.cell])
    ).toEqual([
      [
        "'sqrt' is read in step 'a' but no earlier step, imports or functions cell defines it",
        0
      ]
    ]);
    expect(coded(ir.diagnostics, 'star-import').map(d => d.message)).toEqual([
      "'from math import *' hides which names it defines, so the analysis cannot be " +
        'complete: e, which no cell defines, is taken to come from it; import the names you use'
    ]);
  });

  it('counts the names past the first eight', () => {
    const names = ['a1', 'a2', 'a3', 'a4', 'a5', 'a6', 'a7', 'a8', 'a9', 'a10'];
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from helpers import *', ['imports']),
        codeCell(`total = ${names.join(' + ')}`, ['step:a'])
      ]),
      'star.ipynb'
    );
    expect(coded(ir.diagnostics, 'star-import').map(d => d.message)).toEqual([
      "'from helpers import *' hides which names it defines, so the analysis cannot be " +
        'complete: a1, a2, a3, a4, a5, a6, a7, a8 and 2 more, which no cell defines, are ' +
        'taken to come from it; import the names you use'
    ]);
  });

  it('names a relative module as written, and keeps the plain warning when every read is defined', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from .tools import *', ['imports']),
        codeCell('x = 1', ['step:a'])
      ]),
      'star.ipynb'
    );
    expect(coded(ir.diagnostics, 'star-import').map(d => d.message)).toEqual([
      "'from .tools import *' hides which names it defines, so the analysis cannot be " +
        'complete; import the names you use'
    ]);
  });
});
