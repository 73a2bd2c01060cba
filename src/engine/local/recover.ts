/**
 * Runs whose runner is gone. A record still Pending or Running whose runner process no longer
 * exists (crashed, killed, machine restarted) is marked Failed with a message, and any step
 * process it left behind is ended, so nothing shows Running forever.
 */
import { existsSync, readFileSync, rmSync } from 'node:fs';
import { IRunRecord } from '../../core/runs/record';
import { cellpipeHome, RunPaths } from '../paths';
import {
  commandLine,
  isProcessAlive,
  killTreeNow,
  processStartTime
} from './process-tree';
import { readPid, readRecord, storeProblem, writeRecord } from './store';

/** A runner may take this long to start after its run was prepared. */
const START_GRACE_MS = 30_000;

export function isActive(record: IRunRecord): boolean {
  return record.status === 'Pending' || record.status === 'Running';
}

/** True while the process that drives `record` is alive (and is not a recycled pid). */
export function runnerAlive(
  record: IRunRecord,
  home = cellpipeHome()
): boolean {
  const pid = readPid(new RunPaths(record.id, home).runnerPid);
  const created = Date.parse(record.createdAt);
  if (pid === undefined) {
    return Date.now() - created < START_GRACE_MS;
  }
  if (!isProcessAlive(pid)) {
    return false;
  }
  const started = processStartTime(pid);
  return started === undefined || started <= created + START_GRACE_MS;
}

function endLeftoverSteps(record: IRunRecord, home: string): void {
  const paths = new RunPaths(record.id, home);
  if (!existsSync(paths.stepProcesses)) {
    return;
  }
  let groups: Record<string, number>;
  try {
    groups = JSON.parse(readFileSync(paths.stepProcesses, 'utf8')) as Record<
      string,
      number
    >;
  } catch {
    return;
  }
  for (const pgid of Object.values(groups)) {
    // Only a process still running one of this run's scripts is ours to end.
    if (
      isProcessAlive(pgid) &&
      commandLine(pgid).some(arg => arg.startsWith(paths.dir))
    ) {
      killTreeNow(pgid);
    }
  }
}

/** Marks `record` Failed if its runner is gone; returns the (possibly updated) record. */
export function recoverIfStale(
  record: IRunRecord,
  home = cellpipeHome()
): IRunRecord {
  if (
    record.target !== 'local' ||
    !isActive(record) ||
    runnerAlive(record, home)
  ) {
    return record;
  }
  // The runner may have written its final record just before it exited.
  const current = readRecord(record.id, home) ?? record;
  if (!isActive(current)) {
    return current;
  }
  endLeftoverSteps(record, home);
  const now = new Date().toISOString();
  const pid = readPid(new RunPaths(record.id, home).runnerPid);
  if (existsSync(new RunPaths(record.id, home).cancelRequest)) {
    return markCancelled(current, home);
  }
  const recovered: IRunRecord = {
    ...current,
    status: 'Failed',
    finishedAt: current.finishedAt ?? now,
    error: `the local runner${pid ? ` (pid ${pid})` : ''} stopped without finishing the run`,
    steps: current.steps.map(step =>
      step.status === 'Running'
        ? {
            ...step,
            status: 'Failed',
            finishedAt: now,
            message: 'the runner stopped while this step ran'
          }
        : step.status === 'Pending'
          ? {
              ...step,
              status: 'Skipped',
              message: 'the runner stopped before this step started'
            }
          : step
    )
  };
  return saveRecovered(recovered, home);
}

/**
 * Writes the record of a run whose runner is gone, first freeing the run's space reserve. When
 * even that fails (a full disk), the record is still answered as recovered, with why it could
 * not be saved: reading the store never fails because it cannot be written.
 */
function saveRecovered(record: IRunRecord, home: string): IRunRecord {
  rmSync(new RunPaths(record.id, home).spaceReserve, { force: true });
  try {
    writeRecord(record, home);
    return record;
  } catch (error) {
    const problem = storeProblem(home, error);
    return {
      ...record,
      error: record.error ? `${record.error}; ${problem}` : problem
    };
  }
}

/** A run cancelled before (or while) its runner could record it. */
function markCancelled(record: IRunRecord, home: string): IRunRecord {
  const now = new Date().toISOString();
  const cancelled: IRunRecord = {
    ...record,
    status: 'Cancelled',
    finishedAt: record.finishedAt ?? now,
    steps: record.steps.map(step =>
      step.status === 'Running' || step.status === 'Pending'
        ? {
            ...step,
            status: 'Cancelled',
            finishedAt: step.startedAt ? now : step.finishedAt,
            message: 'the run was cancelled'
          }
        : step
    )
  };
  return saveRecovered(cancelled, home);
}
