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

describe('the unordered-file warning for a writer after a reader', () => {
  it('names both steps, where the earlier one reads, and the prev: tag that orders them', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import pandas as pd', ['imports']),
        codeCell("raw = pd.read_csv('data.csv')", ['step:load']),
        codeCell(
          "n = 1\npd.DataFrame({'a': [n]}).to_csv('data.csv', index=False)",
          ['step:export']
        ),
        codeCell('print(raw)', ['step:report'])
      ]),
      'files.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'unordered-file',
        message:
          "step 'export' writes the file 'data.csv', which step 'load' reads (cell 2, line 1), " +
          'but does not run after it: steps hand on variables, not files, so the two may run ' +
          "in any order and 'load' may read what 'export' writes (top to bottom, it reads the " +
          "file as it was before). Add the tag prev:load to step 'export', or write another file",
        cell: 2,
        line: 2,
        column: 32
      }
    ]);
  });

  it('says nothing where the writer runs after the reader', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import pandas as pd', ['imports']),
        codeCell("raw = pd.read_csv('data.csv')", ['step:load']),
        codeCell("raw.to_csv('data.csv', index=False)", ['step:export'])
      ]),
      'files.ipynb'
    );
    expect(ir.diagnostics).toEqual([]);
  });
});
