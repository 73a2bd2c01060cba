/** The deleted-name warning: what it says, and which deletions the cells report. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('the names a cell leaves deleted', () => {
  it('are the module-level del and except names it does not bind again, last deletion of each', () => {
    const { deletions } = analyzeCellSource(
      [
        'del a, b',
        'a = 1',
        'try:',
        '    pass',
        'except OSError as problem:',
        '    pass',
        'def f():',
        '    global c',
        '    del c',
        'class K:',
        '    d = 1',
        '    del d',
        'if b:',
        '    del e["k"], g.h',
        'del (i), [j]',
        'del b'
      ].join('\n')
    ).names;
    expect(deletions).toEqual([
      { name: 'problem', line: 5, column: 18, by: 'except', maybe: true },
      { name: 'i', line: 15, column: 5, by: 'del' },
      { name: 'j', line: 15, column: 10, by: 'del' },
      { name: 'b', line: 16, column: 4, by: 'del' }
    ]);
  });

  it('say where only some ways through the cell delete the name', () => {
    const { deletions } = analyzeCellSource(
      [
        'if drop:',
        '    del a',
        'for row in rows:',
        '    del b',
        'try:',
        '    del c',
        'except KeyError:',
        '    pass',
        'del d',
        'with open(p) as f:',
        '    del e'
      ].join('\n')
    ).names;
    expect(deletions).toEqual([
      { name: 'a', line: 2, column: 8, by: 'del', maybe: true },
      { name: 'b', line: 4, column: 8, by: 'del', maybe: true },
      { name: 'c', line: 6, column: 8, by: 'del', maybe: true },
      { name: 'd', line: 9, column: 4, by: 'del' },
      { name: 'e', line: 11, column: 8, by: 'del' }
    ]);
  });

  it('set the flag the IR builder reads', () => {
    expect(analyzeCellSource('del x').deletesNames).toBe(true);
    expect(analyzeCellSource('del x\nx = 1').deletesNames).toBe(false);
    expect(analyzeCellSource('del x["k"]').deletesNames).toBe(false);
  });
});

describe('the deleted-name warning', () => {
  const notebook = (deleting: string) =>
    notebookJson([
      codeCell('rows = [1, 2]\ntmp = 5', ['step:load']),
      codeCell(deleting, ['step:clean']),
      codeCell('n = 1\nprint(n, tmp)', ['step:use'])
    ]);

  it('names the reader, the step that deletes, where, and the fix', () => {
    const ir = analyzeNotebook(notebook('n = len(rows)\ndel tmp'), 'd.ipynb');
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'deleted-name',
        message:
          "'tmp' is read in step 'use', but step 'clean', the last step before it to bind " +
          "'tmp', deletes it (del tmp, cell 2, line 2) and does not bind it again: the run will " +
          "fail when 'clean' saves it (top to bottom, the notebook fails here with a " +
          "NameError). To fix it, remove that del, or stop reading 'tmp' in step 'use'",
        cell: 2,
        line: 2,
        column: 9
      }
    ]);
  });

  it('says the del may not run, where only some ways through the cell delete it', () => {
    const ir = analyzeNotebook(
      notebook('n = len(rows)\nif n > 5:\n    del tmp'),
      'd.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'tmp' is read in step 'use', but step 'clean', the last step before it to bind 'tmp', " +
        'may delete it (del tmp, cell 2, line 3, which only some ways through the cell run) ' +
        "and does not bind it again: if that del runs, the run will fail when 'clean' saves it " +
        '(top to bottom, the notebook fails here with a NameError). To fix it, remove that ' +
        "del, or stop reading 'tmp' in step 'use'"
    ]);
  });

  it('says how Python deletes an except name, and how to keep it', () => {
    const ir = analyzeNotebook(
      notebook('try:\n    n = len(rows)\nexcept TypeError as tmp:\n    pass'),
      'd.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "'tmp' is read in step 'use', but step 'clean', the last step before it to bind 'tmp', " +
        'binds it with except … as tmp (cell 2, line 3), and Python deletes that name at the ' +
        "end of the except clause: if that clause runs, the run will fail when 'clean' saves " +
        'it (top to bottom, the notebook fails here with a NameError). To fix it, inside the ' +
        'except clause, keep it under another name (error = tmp) and read that'
    ]);
  });
});
