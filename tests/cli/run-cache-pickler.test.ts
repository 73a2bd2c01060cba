/**
 * The step cache knows which pickler saved a step's outputs. A function made in the notebook
 * cannot be saved without cloudpickle, and the error says to install it; once it is installed,
 * the next run must not reuse the producer's outputs saved without it.
 */
import { spawnSync } from 'node:child_process';
import { symlinkSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { PYTHON, runPython } from '../support/python';
import {
  notebookInTempDir,
  runJson,
  runMetrics,
  step
} from '../engine/local/local-run';

const CELLS = [
  {
    source: 'x = 1\ndef read_x():\n    return x',
    tags: ['step:define']
  },
  { source: 'seen = read_x()', tags: ['step:use'] },
  { source: 'print(seen)', tags: ['pipeline-metrics'] }
];

/** A Python of its own, without pip and without cloudpickle. */
function bareVenv(dir: string): { python: string; sitePackages: string } {
  const made = spawnSync(PYTHON, ['-m', 'venv', '--without-pip', dir], {
    encoding: 'utf8'
  });
  if (made.status !== 0) {
    throw new Error(`venv failed: ${made.stderr}`);
  }
  const python = join(dir, 'bin', 'python');
  const purelib = spawnSync(
    python,
    ['-c', 'import sysconfig; print(sysconfig.get_paths()["purelib"])'],
    { encoding: 'utf8' }
  );
  return { python, sitePackages: purelib.stdout.trim() };
}

/** The package directory of the test Python's cloudpickle. */
function cloudpickleDir(): string {
  const found = runPython([
    '-c',
    'import cloudpickle; print(cloudpickle.__file__)'
  ]);
  if (found.status !== 0) {
    throw new Error(`the test Python has no cloudpickle: ${found.stderr}`);
  }
  return dirname(found.stdout.trim());
}

describe('the step cache and the pickler', () => {
  const { dir, notebook, home } = notebookInTempDir(
    'cache-pickler',
    'functions.ipynb',
    CELLS
  );
  const venv = bareVenv(join(dir, 'venv'));
  const env = { CELLPIPE_PYTHON: venv.python };

  it('reruns a producer cached without cloudpickle once cloudpickle is installed', () => {
    const before = runJson(home, [notebook], env);
    expect(before.code).not.toBe(0);
    expect(step(before.record, 'define').status).toBe('Succeeded');
    expect(step(before.record, 'use').status).toBe('Failed');
    expect(step(before.record, 'use').message).toMatch(/install cloudpickle/);

    // Installed as pip would leave it: the package in the venv's site-packages.
    symlinkSync(cloudpickleDir(), join(venv.sitePackages, 'cloudpickle'));

    const after = runJson(home, [notebook], env);
    expect({
      code: after.code,
      stderr: after.code ? after.stderr : ''
    }).toEqual({ code: 0, stderr: '' });
    expect(step(after.record, 'define').cached).not.toBe(true);
    expect(runMetrics(after.record)).toEqual({ seen: 1 });

    // With the pickler unchanged, the cache serves the producer again.
    const again = runJson(home, [notebook], env);
    expect(again.code).toBe(0);
    expect(step(again.record, 'define').cached).toBe(true);
    expect(runMetrics(again.record)).toEqual({ seen: 1 });
  });
});
