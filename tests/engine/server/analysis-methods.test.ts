/**
 * The engine's compile method lists the notebook's warnings as the lab shows them: a cell's with
 * its cell (counted from 1) and line, the notebook's own with its name.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
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

describe('modules next to the notebook', () => {
  let folder: string;
  const notebook = notebookJson([
    codeCell('import os\nimport helpers', ['imports']),
    codeCell('import tools.sub as t\nx = t.f()', ['step:load']),
    codeCell('def g():\n    from shapes import Box\n    return Box(x)', [
      'step:show'
    ])
  ]);

  beforeAll(() => {
    folder = join(root, 'project');
    mkdirSync(join(folder, 'tools'), { recursive: true });
    mkdirSync(join(folder, 'shapes'));
    writeFileSync(join(folder, 'helpers.py'), 'def f():\n    return 1\n');
    writeFileSync(join(folder, 'tools', '__init__.py'), '');
    writeFileSync(join(folder, 'shapes', 'box.py'), 'class Box: pass\n');
    writeFileSync(join(folder, 'os.txt'), 'not a module');
    writeFileSync(join(folder, 'mod.ipynb'), JSON.stringify(notebook));
  });

  test('each imported one warns once, at its first import, naming the file and the steps', () => {
    const { warnings } = compileMethod(
      { root },
      { path: 'project/mod.ipynb', target: 'kfp' }
    );
    expect(warnings).toEqual([
      "cell 1, line 2: 'helpers' is imported from helpers.py, next to the notebook: a local " +
        'run finds it, but on Kubeflow Pipelines every step runs in a pod that has the step ' +
        "image, not the notebook's folder, and fails with ModuleNotFoundError. Install it in " +
        'the step image (pip install your package there), or move its code into a functions cell',
      expect.stringMatching(
        /^cell 2, line 1: 'tools' is imported from tools\/, next to the notebook: .* on Kubeflow Pipelines step 'load' runs/
      ),
      expect.stringMatching(
        /^cell 3, line 2: 'shapes' is imported from shapes\/, next to the notebook: .* step 'show' runs/
      )
    ]);
  });

  test('an unsaved notebook is looked for in the folder its path names', () => {
    const { warnings } = compileMethod(
      { root },
      { path: 'project/Untitled.ipynb', notebook, target: 'argo' }
    );
    expect(warnings.map(w => w.split(':')[0])).toEqual([
      'cell 1, line 2',
      'cell 2, line 1',
      'cell 3, line 2'
    ]);
    expect(warnings[0]).toContain('on Argo every step runs');
  });

  test('none for modules that are not there, or for a notebook elsewhere', () => {
    const { warnings } = compileMethod(
      { root },
      { path: 'elsewhere.ipynb', notebook, target: 'argo' }
    );
    expect(warnings).toEqual([]);
  });
});
