/** What a finished step attempt left behind: why it failed, and the metrics it wrote. */
import { existsSync, readFileSync } from 'node:fs';
import { IPlannedStep } from './plan';
import { IAttemptResult } from './step-process';

/** One line saying why the attempt did not succeed. */
export function failureMessage(
  result: IAttemptResult,
  step: IPlannedStep,
  python: string
): string {
  if (result.spawnError) {
    return `cannot start ${python}: ${result.spawnError}`;
  }
  if (result.timedOut) {
    return `timed out after ${step.timeoutSeconds} s`;
  }
  return result.signal
    ? `ended by signal ${result.signal}`
    : `exited with code ${result.exitCode}`;
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
