/** A step record as a run record holds it: nothing started yet, unless `extra` says so. */
import { IStepRecord, RunStatus } from '../../src/core/runs/record';

export function stepRecord(
  name: string,
  status: RunStatus,
  extra: Partial<IStepRecord> = {}
): IStepRecord {
  return {
    name,
    status,
    startedAt: null,
    finishedAt: null,
    exitCode: null,
    log: null,
    ...extra
  };
}
