/**
 * An Argo run in the run store: submit (record written once the Workflow exists), follow (the
 * record tracks the Workflow's status), cancel. Same store and record shape as local runs.
 */
import { IRunRecord, pendingStep } from '../../core/runs/record';
import { cellpipeHome } from '../paths';
import { newRunId, readRecord, writeRecord } from '../local/store';
import { IKubeConnection } from './connection';
import { IArgoDocuments } from './argo-documents';
import { workflowStepNames } from './argo-documents-file';
import { submitWorkflow, ISubmitOptions } from './argo-submit';
import { applyWorkflowStatus, argoWorkflowLink } from './argo-status';
import { IWatchOptions, WorkflowWatcher } from './argo-watch';
import { terminateWorkflow } from './argo-cancel';

export const DEFAULT_ARGO_UI = 'https://localhost:2746';

export interface IArgoRunRequest {
  documents: IArgoDocuments;
  /** The notebook (or compiled file) as given. */
  notebook: string;
  pipeline: string;
  params?: Record<string, number | string | boolean>;
  /** Argo UI base URL for the link. */
  argoUi?: string;
  home?: string;
  submit?: ISubmitOptions;
}

export async function submitArgoRun(
  connection: IKubeConnection,
  request: IArgoRunRequest
): Promise<IRunRecord> {
  const createdAt = new Date();
  const submitted = await submitWorkflow(connection, request.documents, {
    notebook: request.notebook,
    ...request.submit
  });
  const record: IRunRecord = {
    id: newRunId(createdAt),
    status: 'Pending',
    target: 'argo',
    notebook: request.notebook,
    pipeline: request.pipeline,
    createdAt: createdAt.toISOString(),
    startedAt: null,
    finishedAt: null,
    params: request.params ?? {},
    links: [
      {
        kind: 'argo',
        // The engine runs outside the lab's translator; the lab may relabel it.
        // eslint-disable-next-line jupyter/no-untranslated-string
        label: 'Argo Workflows',
        url: argoWorkflowLink(
          request.argoUi ?? DEFAULT_ARGO_UI,
          submitted.namespace,
          submitted.name
        )
      }
    ],
    steps: workflowStepNames(submitted.workflow).map(name => pendingStep(name)),
    namespace: submitted.namespace,
    workflowName: submitted.name
  };
  writeRecord(record, request.home ?? cellpipeHome());
  return record;
}

/** Follows the run's Workflow, rewriting its record on every change; resolves with the last. */
export async function followArgoRun(
  connection: IKubeConnection,
  record: IRunRecord,
  onChange?: (record: IRunRecord) => void,
  options: IWatchOptions & { home?: string } = {}
): Promise<IRunRecord> {
  const home = options.home ?? cellpipeHome();
  let current = record;
  const watcher = new WorkflowWatcher(
    connection,
    record.namespace as string,
    record.workflowName as string
  );
  await watcher.follow(workflow => {
    const next = applyWorkflowStatus(current, workflow);
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      current = next;
      writeRecord(current, home);
      onChange?.(current);
    }
  }, options);
  return current;
}

/** Cancels a recorded Argo run (spec.shutdown: Terminate); the watch records the outcome. */
export async function cancelArgoRun(
  connection: IKubeConnection,
  id: string,
  home = cellpipeHome()
): Promise<IRunRecord | undefined> {
  const record = readRecord(id, home);
  if (!record?.namespace || !record.workflowName) {
    return undefined;
  }
  await terminateWorkflow(connection, record.namespace, record.workflowName);
  return record;
}
