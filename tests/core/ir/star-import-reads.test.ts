/** What undefined-name says of a name a step after an `import *` reads. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('a read after a step with an import *', () => {
  it('says the names of the import * do not reach later steps, and what to do', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from math import *\nx = 2', ['step:a']),
        codeCell('y = sqrt(x)', ['step:b'])
      ]),
      'star.ipynb'
    );
    expect(ir.diagnostics.filter(d => d.code === 'undefined-name')).toEqual([
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
