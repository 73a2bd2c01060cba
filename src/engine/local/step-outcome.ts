/** What a finished step attempt left behind: why it failed, and the metrics it wrote. */
import {
  closeSync,
  existsSync,
  fstatSync,
  openSync,
  readFileSync,
  readSync
} from 'node:fs';
import { IPlannedStep } from './plan';
import { IAttemptResult } from './step-process';

/** How much of a log's end is read for the runtime's last line. */
const TAIL_BYTES = 8192;

/**
 * The step runtime's own word on why the step failed, from the last lines of its log: the
 * runtime ends a failing step's log with `cellpipe: step 'NAME' failed: ValueError in
 * NB.ipynb [cell 2], line 2`; this returns what follows `failed: `, or undefined.
 */
export function runtimeFailure(log: string): string | undefined {
  let text: string;
  try {
    const fd = openSync(log, 'r');
    try {
      const size = fstatSync(fd).size;
      const length = Math.min(size, TAIL_BYTES);
      const buffer = Buffer.alloc(length);
      readSync(fd, buffer, 0, length, size - length);
      text = buffer.toString('utf8');
    } finally {
      closeSync(fd);
    }
  } catch {
    return undefined;
  }
  const lines = text.trimEnd().split('\n').slice(-3);
  for (const line of lines.reverse()) {
    const found = /^cellpipe: step '[^']*' failed: (.+)$/.exec(line.trimEnd());
    if (found) {
      return found[1];
    }
  }
  return undefined;
}

/** One line saying why the attempt did not succeed. */
export function failureMessage(
  result: IAttemptResult,
  step: IPlannedStep,
  python: string,
  log?: string
): string {
  if (result.spawnError) {
    return `cannot start ${python}: ${result.spawnError}`;
  }
  if (result.timedOut) {
    return `timed out after ${step.timeoutSeconds} s`;
  }
  if (result.signal) {
    return `ended by signal ${result.signal}`;
  }
  const said = log === undefined ? undefined : runtimeFailure(log);
  return said
    ? `${said} (exit code ${result.exitCode})${installHint(said, step)}`
    : `exited with code ${result.exitCode}`;
}

/**
 * For a module not found in a step whose notebook installs packages with `%pip install`: a
 * local run uses its Python as it is (cluster images get the packages), so the user learns
 * why, and where to install them.
 */
function installHint(said: string, step: IPlannedStep): string {
  const packages = step.packages ?? [];
  if (!/^ModuleNotFoundError\b/.test(said) || !packages.length) {
    return '';
  }
  return (
    `; the notebook installs ${packages.join(', ')} with %pip, which a local run does ` +
    'not do: run that cell in the notebook’s kernel, or pip install them into the Python ' +
    'the run uses'
  );
}

/** The metrics file the step script wrote (`--metrics`), if the step reports any. */
export function readMetrics(
  path: string,
  step: IPlannedStep
): Record<string, number | string | boolean> | undefined {
  if (!step.metrics.length || !existsSync(path)) {
    return undefined;
  }
  return JSON.parse(readFileSync(path, 'utf8')) as Record<
    string,
    number | string | boolean
  >;
}
