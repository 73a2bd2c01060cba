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

  it('says folder where a step reads a folder another writes (a saved model)', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell("model.save('my_model')", ['step:train']),
        codeCell("m = load_model('my_model')", ['step:serve'])
      ]),
      'models.ipynb'
    );
    expect(
      ir.diagnostics
        .filter(d => d.code === 'unordered-file')
        .map(d => d.message)
    ).toEqual([
      "step 'serve' uses the folder 'my_model', which step 'train' writes (cell 1, line 1), " +
        'but does not run after it: steps hand on variables, not files, so nothing orders ' +
        "the two. Add the tag prev:train to step 'serve' (a local run then finds the folder), " +
        'or pass what the folder holds as a variable: on a cluster each step has its own files'
    ]);
  });
});
