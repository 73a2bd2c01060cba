/** What undefined-name says of a name that a later step binds (a step in the wrong order). */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('a read of a name only a later step binds', () => {
  it('names the step and the cell that bind it, and the two ways out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import numpy as np', ['imports']),
        codeCell('baseline = float(np.mean(coef))', ['step:features']),
        codeCell('n = 3', ['step:fit']),
        codeCell('coef = [1.0, 2.0]')
      ]),
      'order.ipynb'
    );
    expect(
      ir.diagnostics
        .filter(d => d.code === 'undefined-name')
        .map(d => d.message)
    ).toEqual([
      "'coef' is read in step 'features' but no earlier step, imports or functions cell defines " +
        "it: step 'fit' binds it later, in cell 4 (top to bottom the notebook fails here too): " +
        'move that code above, or this code below it'
    ]);
  });

  it('says nothing more where no step binds it at all', () => {
    const ir = analyzeNotebook(
      notebookJson([codeCell('y = missing + 1', ['step:a'])]),
      'none.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'missing' is read in step 'a' but no earlier step, imports or functions cell defines it"
    ]);
  });
});
