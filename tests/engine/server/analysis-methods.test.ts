/**
 * The engine's compile method lists the notebook's warnings as the lab shows them: a cell's with
 * its cell (counted from 1) and line, the notebook's own with its name.
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { compileMethod } from '../../../src/engine/server/analysis-methods';
import { codeCell, notebookJson } from '../../support/notebook-json';
import { stepScripts } from '../../support/packed';

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
      expect.stringMatching(
        /^cell 2, line 2: 'from math import \*' hides which names/
      ),
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

  test.each(['argo', 'kfp'])(
    'they go with the pipeline for %s, in every step, without a warning',
    target => {
      const { text, warnings, shipped } = compileMethod(
        { root },
        { path: 'project/mod.ipynb', target }
      );
      expect(warnings).toEqual([]);
      expect(shipped).toEqual(['helpers.py', 'tools/', 'shapes/']);
      const carried = stepScripts(text).map(moduleFiles);
      expect(carried).toHaveLength(2);
      for (const files of carried) {
        expect(files).toEqual(
          "MODULE_FILES = [\n    ('helpers.py', (\n        'def f():\\n'\n" +
            "        '    return 1\\n'\n    )),\n    ('tools/__init__.py', ''),\n" +
            "    ('shapes/box.py', 'class Box: pass\\n'),\n]"
        );
      }
    }
  );

  test('an unsaved notebook is looked for in the folder its path names', () => {
    const { text } = compileMethod(
      { root },
      { path: 'project/Untitled.ipynb', notebook, target: 'argo' }
    );
    expect(stepScripts(text).map(moduleFiles)[0]).toContain("('helpers.py'");
  });

  test('one that cannot go warns at its first import, naming the file, the reason and the steps', () => {
    writeFileSync(
      join(folder, 'shapes', 'table.py'),
      `ROWS = '${'x'.repeat(300 * 1024)}'\n`
    );
    try {
      const { text, warnings } = compileMethod(
        { root },
        { path: 'project/mod.ipynb', target: 'kfp' }
      );
      expect(warnings).toEqual([
        "cell 3, line 2: 'shapes' is imported from shapes/, next to the notebook, and cellpipe " +
          'does not ship it with the pipeline: with it, the modules shipped would come to 301 ' +
          'KiB, over the 256 KiB that every step carries. A local run finds it, but on Kubeflow ' +
          "Pipelines step 'show' runs in a pod that has the step image, not the notebook's " +
          'folder, and fails with ModuleNotFoundError. Install it in the step image (pip ' +
          'install your package there), or move its code into a functions cell'
      ]);
      expect(stepScripts(text).map(moduleFiles)[0]).not.toContain('shapes');
    } finally {
      rmSync(join(folder, 'shapes', 'table.py'));
    }
  });

  test('none for modules that are not there, or for a notebook elsewhere', () => {
    const { text, warnings } = compileMethod(
      { root },
      { path: 'elsewhere.ipynb', notebook, target: 'argo' }
    );
    expect(warnings).toEqual([]);
    expect(stepScripts(text).map(moduleFiles)).toEqual([
      'MODULE_FILES = [\n]',
      'MODULE_FILES = [\n]'
    ]);
  });
});

function moduleFiles(script: string): string {
  const start = script.indexOf('MODULE_FILES = [');
  return script.slice(start, script.indexOf('\n]\n', start) + 2);
}

describe('files next to the notebook', () => {
  test('a step reading one warns for a cluster target, in notebook order with the others', () => {
    const folder = join(root, 'data-project');
    mkdirSync(join(folder, 'data'), { recursive: true });
    writeFileSync(join(folder, 'data', 'train.csv'), 'a\n1\n');
    writeFileSync(
      join(folder, 'tables.py'),
      `ROWS = '${'x'.repeat(300 * 1024)}'\n`
    );
    writeFileSync(
      join(folder, 'train.ipynb'),
      JSON.stringify(
        notebookJson([
          codeCell('import pandas as pd', ['imports']),
          codeCell('df = pd.read_csv("data/train.csv")\nimport tables', [
            'step:load'
          ]),
          codeCell('df.to_csv("clean.csv")\nrows = len(df)', ['step:clean']),
          codeCell('n = len(pd.read_csv("clean.csv")) + rows', ['step:count'])
        ])
      )
    );
    const { warnings } = compileMethod(
      { root },
      { path: 'data-project/train.ipynb', target: 'argo' }
    );
    expect(warnings.map(w => w.slice(0, w.indexOf(':', 16)))).toEqual([
      "cell 2, line 1: step 'load' uses 'data/train.csv', which lies next to the notebook",
      "cell 2, line 2: 'tables' is imported from tables.py, next to the notebook, and cellpipe does not ship it with the pipeline",
      "cell 4, line 1: step 'count' uses 'clean.csv', which step 'clean' writes (cell 3, line 1)"
    ]);
  });
});
