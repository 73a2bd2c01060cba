/** `cellpipe analyze` through the real CLI: output format, diagnostics and exit codes. */
import { join } from 'node:path';
import { cellpipe, CORPUS, ROOT } from '../support/cli';

const data = (name: string) => join(ROOT, 'tests', 'data', 'notebooks', name);

describe('cellpipe analyze', () => {
  it('prints the design §4 JSON summary and exits 0 for a good notebook', () => {
    const result = cellpipe(['analyze', data('valid.ipynb'), '--json']);
    expect(result.code).toBe(0);
    const summary = JSON.parse(result.stdout);
    expect(Object.keys(summary)).toEqual([
      'pipeline',
      'parameters',
      'steps',
      'diagnostics'
    ]);
    expect(summary.steps).toEqual([
      { name: 'load', cells: [1], after: [], inputs: [], outputs: ['x'] },
      { name: 'train', cells: [2], after: ['load'], inputs: ['x'], outputs: [] }
    ]);
  });

  it('prints a readable table with cell and line numbers', () => {
    const result = cellpipe(['analyze', data('undefined-name.ipynb')]);
    expect(result.code).toBe(0);
    expect(result.stdout).toMatch(/step\s+cells\s+after\s+inputs\s+outputs/);
    // Cells counted from 1: step a is cell index 0 in the JSON.
    expect(result.stdout).toMatch(/^a\s+1\s+-\s/m);
    expect(result.stdout).toMatch(/^b\s+2\s+a\s/m);
    // Columns counted from 1 too, as JupyterLab's "Col": 'missing' starts at offset 8.
    expect(result.stdout).toContain(
      "undefined-name.ipynb, cell 2, line 1:9: warning undefined-name: 'missing' is read in step 'b'"
    );
  });

  it.each([
    ['truncated.ipynb', /invalid JSON .*truncated/],
    ['nbformat3.ipynb', /nbformat 3 is not supported/],
    ['no-cells.ipynb', /no "cells" array/],
    ['binary.ipynb', /binary file/],
    ['empty.ipynb', /the file is empty/]
  ])('%s is not a notebook: error diagnostic, exit 1', (file, message) => {
    const result = cellpipe(['analyze', data(file), '--json']);
    expect(result.code).toBe(1);
    const [diagnostic] = JSON.parse(result.stdout).diagnostics;
    expect(diagnostic).toMatchObject({
      severity: 'error',
      code: 'not-a-notebook',
      cell: null
    });
    expect(diagnostic.message).toMatch(message);
    expect(result.stderr).toBe('');
  });

  it.each([
    ['duplicate-step.ipynb', 'duplicate-step', 2],
    ['unknown-prev.ipynb', 'unknown-prev', 1]
  ])('%s gives %s at cell %i and exit 1', (file, code, cell) => {
    const result = cellpipe(['analyze', data(file), '--json']);
    expect(result.code).toBe(1);
    const diagnostics = JSON.parse(result.stdout).diagnostics;
    expect(diagnostics).toContainEqual(
      expect.objectContaining({ severity: 'error', code, cell })
    );
  });

  it('says "no steps" in the table of a file that is not a notebook', () => {
    const result = cellpipe(['analyze', data('empty.ipynb')]);
    expect(result.code).toBe(1);
    expect(result.stdout).toContain('no steps');
    expect(result.stdout).toContain(
      'empty.ipynb: error not-a-notebook: the file is empty, not a notebook'
    );
  });

  it('names a missing file without a stack trace (exit 2)', () => {
    const result = cellpipe(['analyze', data('does-not-exist.ipynb')]);
    expect(result.code).toBe(2);
    expect(result.stderr).toMatch(
      /cannot read .*does-not-exist.ipynb: no such file/
    );
    expect(result.stderr).not.toMatch(/at .*\.js:\d+/);
  });

  it('rejects unknown options (exit 2)', () => {
    const result = cellpipe(['analyze', data('valid.ipynb'), '--jsn']);
    expect(result.code).toBe(2);
    expect(result.stderr).toContain('unknown option --jsn');
  });

  it('analyses a Kale corpus notebook', () => {
    const result = cellpipe([
      'analyze',
      join(CORPUS, 'kale', 'titanic-ml-dataset_titanic_dataset_ml.ipynb'),
      '--json'
    ]);
    expect(result.code).toBe(0);
    const results = JSON.parse(result.stdout).steps.find(
      (s: { name: string }) => s.name === 'results'
    );
    expect(results.after).toEqual([
      'decisiontree',
      'logisticregression',
      'naivebayes',
      'randomforest',
      'svm'
    ]);
  });
});
