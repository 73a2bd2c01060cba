/**
 * The step cache knows the modules next to the notebook that the pipeline imports, and the
 * folder it runs in: editing `helpers.py` reruns the steps, and the same notebook in another
 * folder (with its own `helpers.py`) is not served the first folder's outputs. Before, both
 * runs reported the old numbers from the cache.
 */
import { mkdtempSync, mkdirSync, utimesSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  runJson,
  runMetrics,
  step,
  tempHome,
  writeNotebook
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import helpers', tags: ['imports'] },
  { source: 'value = helpers.VALUE + helpers.extra()', tags: ['step:load'] },
  { source: 'print(value)', tags: ['pipeline-metrics'] }
];

/** A project folder with the notebook, `helpers.py` and a package it imports. */
function project(root: string, value: number): string {
  const dir = join(root, `project-${value}`);
  mkdirSync(join(dir, 'pkg'), { recursive: true });
  writeFileSync(
    join(dir, 'helpers.py'),
    `from pkg.more import EXTRA\nVALUE = ${value}\ndef extra():\n    return EXTRA\n`
  );
  writeFileSync(join(dir, 'pkg', '__init__.py'), '');
  writeFileSync(join(dir, 'pkg', 'more.py'), 'EXTRA = 0\n');
  return writeNotebook(dir, 'nb.ipynb', CELLS);
}

describe('the step cache and the modules next to the notebook', () => {
  const root = mkdtempSync(join(tmpdir(), 'cellpipe-cache-modules-'));
  const home = tempHome();
  const first = project(root, 1);
  const second = project(root, 2);

  const run = (notebook: string) => {
    const result = runJson(home, [notebook]);
    expect({
      code: result.code,
      stderr: result.code ? result.stderr : ''
    }).toEqual({ code: 0, stderr: '' });
    return result.record;
  };

  it('reruns the steps when a module changes, and not for another folder’s outputs', () => {
    expect(runMetrics(run(first))).toEqual({ value: 1 });
    expect(step(run(first), 'load').cached).toBe(true);

    const other = run(second);
    expect(step(other, 'load').cached).not.toBe(true);
    expect(runMetrics(other)).toEqual({ value: 2 });

    writeFileSync(
      join(root, 'project-1', 'helpers.py'),
      'from pkg.more import EXTRA\nVALUE = 10\ndef extra():\n    return EXTRA\n'
    );
    const edited = run(first);
    expect(step(edited, 'load').cached).not.toBe(true);
    expect(runMetrics(edited)).toEqual({ value: 10 });

    // A module that helpers.py imports, inside a package: same size, a new time.
    const more = join(root, 'project-1', 'pkg', 'more.py');
    writeFileSync(more, 'EXTRA = 5\n');
    utimesSync(more, new Date(), new Date(Date.now() + 5000));
    const deeper = run(first);
    expect(step(deeper, 'load').cached).not.toBe(true);
    expect(runMetrics(deeper)).toEqual({ value: 15 });

    expect(step(run(first), 'load').cached).toBe(true);
  });
});
