/** Why a local step failed, in one line (step-outcome.ts). */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { IPlannedStep } from '../../../src/engine/local/plan';
import { failureMessage } from '../../../src/engine/local/step-outcome';

let dir: string;
beforeEach(() => {
  dir = mkdtempSync(join(tmpdir(), 'cellpipe-step-outcome-'));
});
afterEach(() => rmSync(dir, { recursive: true, force: true }));

function planned(packages?: string[]): IPlannedStep {
  return {
    name: 'fmt',
    after: [],
    producers: {},
    outputs: [],
    metrics: [],
    parameters: [],
    retries: 0,
    cache: true,
    ...(packages ? { packages } : {})
  };
}

function logEnding(line: string): string {
  const log = join(dir, 'fmt.log');
  writeFileSync(log, `Traceback (most recent call last):\n  ...\n${line}\n`);
  return log;
}

const failed = { exitCode: 1, signal: null, timedOut: false, cancelled: false };

describe('failureMessage', () => {
  it('names what the notebook installs with %pip when a module is missing', () => {
    const log = logEnding(
      "cellpipe: step 'fmt' failed: ModuleNotFoundError in pip.ipynb [cell 1], line 2"
    );
    expect(
      failureMessage(
        failed,
        planned(['humanize==4.9.0', 'six']),
        'python3',
        log
      )
    ).toBe(
      'ModuleNotFoundError in pip.ipynb [cell 1], line 2 (exit code 1); the notebook installs ' +
        'humanize==4.9.0, six with %pip, which a local run does not do: run that cell in the ' +
        'notebook’s kernel, or pip install them into the Python the run uses'
    );
  });

  it('adds nothing when the notebook installs nothing, or the error is another', () => {
    const missing = logEnding(
      "cellpipe: step 'fmt' failed: ModuleNotFoundError in pip.ipynb [cell 1], line 2"
    );
    expect(failureMessage(failed, planned([]), 'python3', missing)).toBe(
      'ModuleNotFoundError in pip.ipynb [cell 1], line 2 (exit code 1)'
    );
    // A plan written before packages were planned.
    expect(failureMessage(failed, planned(), 'python3', missing)).toBe(
      'ModuleNotFoundError in pip.ipynb [cell 1], line 2 (exit code 1)'
    );
    const other = logEnding(
      "cellpipe: step 'fmt' failed: ZeroDivisionError in pip.ipynb [cell 2], line 1"
    );
    expect(failureMessage(failed, planned(['six']), 'python3', other)).toBe(
      'ZeroDivisionError in pip.ipynb [cell 2], line 1 (exit code 1)'
    );
  });
});
