/**
 * Brings the records of unfinished cluster runs up to date: one read of each Argo Workflow or
 * KFP run, written back to the store. A cluster that cannot be reached within the time limit
 * leaves the record as it was (the listing still shows the last known status).
 */
import { IRunRecord } from '../core/runs/record';
import { applyWorkflowStatus } from './kube/argo-status';
import { WorkflowWatcher } from './kube/argo-watch';
import { connect } from './kube/connection';
import { KfpClient } from './kfp/client';
import { recordedKfpEndpoint } from './kfp/endpoint';
import { applyKfpRun } from './kfp/kfp-run';
import { writeRecord } from './local/store';
import { cellpipeHome } from './paths';

const ACTIVE = new Set(['Pending', 'Running']);

export function needsRefresh(record: IRunRecord): boolean {
  return record.target !== 'local' && ACTIVE.has(record.status);
}

function within<T>(promise: Promise<T>, ms: number): Promise<T> {
  return Promise.race([
    promise,
    new Promise<T>((_, reject) =>
      setTimeout(
        () => reject(new Error(`no answer within ${ms} ms`)),
        ms
      ).unref()
    )
  ]);
}

async function fresh(record: IRunRecord): Promise<IRunRecord> {
  if (record.target === 'argo' && record.namespace && record.workflowName) {
    const watcher = new WorkflowWatcher(
      connect({ namespace: record.namespace }),
      record.namespace,
      record.workflowName
    );
    return applyWorkflowStatus(record, await watcher.read());
  }
  if (record.target === 'kfp' && record.kfpRunId) {
    const client = new KfpClient(recordedKfpEndpoint(record.kfpEndpoint));
    return applyKfpRun(record, await client.getRun(record.kfpRunId));
  }
  return record;
}

/** The records, those of unfinished cluster runs re-read (at most `timeoutMs` each, in parallel). */
export async function refreshClusterRuns(
  records: IRunRecord[],
  home = cellpipeHome(),
  timeoutMs = 3000
): Promise<IRunRecord[]> {
  return Promise.all(
    records.map(async record => {
      if (!needsRefresh(record)) {
        return record;
      }
      try {
        const updated = await within(fresh(record), timeoutMs);
        if (JSON.stringify(updated) !== JSON.stringify(record)) {
          writeRecord(updated, home);
        }
        return updated;
      } catch {
        return record;
      }
    })
  );
}
