/**
 * `cellpipe compile` ships the modules next to the notebook that the steps import (the step pods
 * have the step image only), and warns of those it cannot ship.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellpipe } from '../support/cli';
import { PYTHON } from '../support/python';
import { codeCell, notebookJson } from '../support/notebook-json';
import { stepScripts } from '../support/packed';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'cellpipe-local-modules-'));
  writeFileSync(join(dir, 'helpers.py'), 'def double(x):\n    return 2 * x\n');
  writeFileSync(
    join(dir, 'uses.ipynb'),
    JSON.stringify(
      notebookJson([
        codeCell('import json', ['imports']),
        codeCell('from helpers import double\nx = double(2)', ['step:make']),
        codeCell('print(json.dumps(x))', ['step:show'])
      ])
    )
  );
  writeFileSync(join(dir, 'tables.py'), `ROWS = '${'x'.repeat(300 * 1024)}'\n`);
  writeFileSync(
    join(dir, 'big.ipynb'),
    JSON.stringify(
      notebookJson([
        codeCell('import json', ['imports']),
        codeCell('from tables import ROWS\nx = len(ROWS)', ['step:make']),
        codeCell('print(json.dumps(x))', ['step:show'])
      ])
    )
  );
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each(['argo', 'kfp'])(
  'compile --target %s ships helpers.py in every step, silently',
  target => {
    const result = cellpipe([
      'compile',
      join(dir, 'uses.ipynb'),
      '--target',
      target
    ]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe('');
    const scripts = stepScripts(result.stdout);
    expect(scripts).toHaveLength(2);
    for (const script of scripts) {
      expect(script).toContain(
        "MODULE_FILES = [\n    ('helpers.py', (\n        'def double(x):\\n'\n" +
          "        '    return 2 * x\\n'\n    )),\n]\n"
      );
    }
  }
);

test.each([
  ['argo', 'Argo'],
  ['kfp', 'Kubeflow Pipelines']
])(
  'compile --target %s warns on stderr at the import of a module it cannot ship',
  (target, engine) => {
    const path = join(dir, 'big.ipynb');
    const result = cellpipe(['compile', path, '--target', target]);
    expect(result.code).toBe(0);
    expect(result.stderr).toBe(
      `cellpipe: warning: ${path}, cell 2, line 1: 'tables' is imported from tables.py, next ` +
        'to the notebook, and cellpipe does not ship it with the pipeline: with it, the ' +
        'modules shipped would come to 301 KiB, over the 256 KiB that every step carries. A ' +
        `local run finds it, but on ${engine} step 'make' runs in a pod that has the step ` +
        "image, not the notebook's folder, and fails with ModuleNotFoundError. Install it in " +
        'the step image (pip install your package there), or move its code into a functions ' +
        'cell\n'
    );
  }
);

test('a local run imports it, as the kernel does', () => {
  const result = cellpipe(['run', join(dir, 'uses.ipynb'), '--no-cache'], {
    env: { CELLPIPE_HOME: join(dir, 'home'), CELLPIPE_PYTHON: PYTHON }
  });
  expect(result.code).toBe(0);
  expect(result.stderr).not.toContain('warning');
});
