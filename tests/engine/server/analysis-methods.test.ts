/**
 * The engine's compile method lists the notebook's warnings as the lab shows them: a cell's with
 * its cell (counted from 1) and line, the notebook's own with its name.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileMethod } from '../../../src/engine/server/analysis-methods';
import { codeCell, notebookJson } from '../../support/notebook-json';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'cellpipe-compile-warnings-'));
  const notebook = notebookJson(
    [
      codeCell('import os', ['imports']),
      codeCell('x = 1\nfrom math import *', ['step:load']),
      codeCell('print(x, y)', ['step:show'])
    ],
    { kubeflow_notebook: { volumes: 'not a list' } }
  );
  writeFileSync(join(root, 'warned.ipynb'), JSON.stringify(notebook));
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

test("compile's warnings name the cell (from 1) and line, or the notebook", () => {
  const { warnings } = compileMethod(
    { root },
    { path: 'warned.ipynb', target: 'argo' }
  );
  expect(warnings).toEqual(
    expect.arrayContaining([
      'warned.ipynb: metadata.kubeflow_notebook.volumes is not a list; it is ignored',
      expect.stringMatching(/^cell 2, line 2: 'import \*' hides which names/),
      expect.stringMatching(/^cell 3, line 1: 'y' is read in step 'show'/)
    ])
  );
});
