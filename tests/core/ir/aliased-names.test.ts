/** What the aliased-name warning says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the aliased-name warning', () => {
  it('names both names, the three steps, where the change is made and the ways out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('a = [1, 2, 3]\nb = a', ['step:load']),
        codeCell('n = 1\nb.append(4)', ['step:grow']),
        codeCell('print(a, b, n)', ['step:report'])
      ]),
      'alias.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'aliased-name',
        message:
          "'b' is the same object as 'a' in step 'load', but steps hand each name on as a " +
          "value of its own: the change step 'grow' makes to 'b' does not reach the 'a' that " +
          "step 'report' takes (top to bottom it would). Change 'a' itself, read 'b' instead, " +
          "or make 'b' a copy in step 'load' (b = a.copy())",
        cell: 1,
        line: 2,
        column: 0
      }
    ]);
  });
});
