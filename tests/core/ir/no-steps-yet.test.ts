/**
 * A notebook with an imports and a parameters cell but no step yet: untagged cells continue the
 * parameters cell (Kale's rule), but what they hold is not meant as parameters. The one error
 * that matters, no step, is not buried under a parameter error per line of code.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('a notebook with no step yet', () => {
  const cells = [
    codeCell('import pandas as pd', ['imports']),
    codeCell('C = 1.0\nseed = 0', ['pipeline-parameters']),
    codeCell('bc = load_breast_cancer(as_frame=True)\ndf = bc.frame')
  ];

  it('says there is no step, without the continuation cells as parameters', () => {
    const ir = analyzeNotebook(notebookJson(cells), 'untagged.ipynb');
    expect(ir.diagnostics.map(d => [d.code, d.cell])).toEqual([
      ['empty-pipeline', null]
    ]);
  });

  it('knows the parameters cell by its role, however its tag is spaced', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('a = 10**3', [' pipeline-parameters']),
        codeCell('x = 1')
      ]),
      'spaced.ipynb'
    );
    expect(ir.diagnostics.map(d => [d.code, d.cell])).toEqual([
      ['empty-pipeline', null],
      ['bad-parameter', 0]
    ]);
  });

  it('still refuses a bad value in the parameters cell itself, and those cells once steps follow', () => {
    const own = analyzeNotebook(
      notebookJson([
        codeCell('C = [1, 2]', ['pipeline-parameters']),
        codeCell('x = 1')
      ]),
      'own.ipynb'
    );
    expect(own.diagnostics.map(d => [d.code, d.cell])).toEqual([
      ['empty-pipeline', null],
      ['bad-parameter', 0]
    ]);
    const stepped = analyzeNotebook(
      notebookJson([...cells, codeCell('print(df)', ['step:show'])]),
      'stepped.ipynb'
    );
    expect(stepped.diagnostics.map(d => d.code)).toContain('bad-parameter');
  });
});
