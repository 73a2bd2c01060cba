/** What the unordered-file warning says where a later step writes a file an earlier one writes. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the unordered-file warning for two writers', () => {
  it('names both steps, where the first writes, and the prev: tag that orders them', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell("open('result.csv', 'w').write('1')", ['step:first']),
        codeCell("x = 1\nopen('result.csv', 'w').write('2')", ['step:second'])
      ]),
      'files.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'unordered-file',
        message:
          "step 'second' writes the file 'result.csv', which step 'first' writes too (cell 1, " +
          'line 1), but does not run after it: steps hand on variables, not files, so the two ' +
          'may run in any order and the file ends as the last to finish leaves it (top to ' +
          "bottom, 'second' writes last). Add the tag prev:first to step 'second', or write " +
          'another file',
        cell: 1,
        line: 2,
        column: 5
      }
    ]);
  });
});
