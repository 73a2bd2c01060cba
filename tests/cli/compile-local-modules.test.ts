/** `cellpipe compile` warns of the modules next to the notebook that the step pods will lack. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { cellpipe } from '../support/cli';
import { PYTHON } from '../support/python';
import { codeCell, notebookJson } from '../support/notebook-json';

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
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

test.each([
  ['argo', 'Argo'],
  ['kfp', 'Kubeflow Pipelines']
])('compile --target %s warns on stderr at the import', (target, engine) => {
  const path = join(dir, 'uses.ipynb');
  const result = cellpipe(['compile', path, '--target', target]);
  expect(result.code).toBe(0);
  expect(result.stderr).toBe(
    `cellpipe: warning: ${path}, cell 2, line 1: 'helpers' is imported from helpers.py, next ` +
      `to the notebook: a local run finds it, but on ${engine} step 'make' runs in a pod that ` +
      "has the step image, not the notebook's folder, and fails with ModuleNotFoundError. " +
      'Install it in the step image (pip install your package there), or move its code into a ' +
      'functions cell\n'
  );
});

test('a local run imports it, as the kernel does', () => {
  const result = cellpipe(['run', join(dir, 'uses.ipynb'), '--no-cache'], {
    env: { CELLPIPE_HOME: join(dir, 'home'), CELLPIPE_PYTHON: PYTHON }
  });
  expect(result.code).toBe(0);
  expect(result.stderr).not.toContain('warning');
});
