/** What the module-state warning says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the module-state warning', () => {
  it('names the module, the change, the step that will not see it and the ways out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import numpy as np', ['imports']),
        codeCell('x = np.zeros(2)\nnp.random.seed(42)', ['step:prepare']),
        codeCell('noise = np.random.rand(2) + x', ['step:train'])
      ]),
      'seed.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'module-state',
        message:
          "step 'prepare' changes state kept in the module 'np' (np.random.seed(42)), but " +
          "each step imports its modules afresh: step 'train', which uses 'np', does not see " +
          'the change, which top to bottom it would. Make the change in the imports cell, ' +
          'which runs in every step, or keep the state in a variable ' +
          '(rng = np.random.default_rng(0)) and pass that',
        cell: 1,
        line: 2,
        column: 0
      }
    ]);
  });
});
