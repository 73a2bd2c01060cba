/** A Kubeflow Pipelines run in the run store: create, poll the status, terminate. */
import { parseAllDocuments } from 'yaml';
import { UserError } from '../../core/errors';
import {
  IRunRecord,
  IStepRecord,
  pendingStep,
  RunStatus
} from '../../core/runs/record';
import { cellpipeHome } from '../paths';
import { newRunId, readRecord, writeRecord } from '../local/store';
import { ICreateRunRequest, IKfpRun, KfpClient } from './client';
import { kfpPipelineLink, kfpRunLink } from './endpoint';

export interface IKfpDocuments {
  pipelineSpec: Record<string, unknown>;
  platformSpec?: Record<string, unknown>;
}

/** The compiled KFP file: the PipelineSpec document, then optionally its platform spec. */
export function parseKfpDocuments(text: string, source: string): IKfpDocuments {
  const objects = parseAllDocuments(text).map((document, index) => {
    if (document.errors.length) {
      throw new UserError(
        `${source}: document ${index + 1} is not valid YAML: ${document.errors[0].message.split('\n')[0]}`
      );
    }
    return document.toJS() as Record<string, unknown> | null;
  });
  const pipelineSpec = objects.find(
    o => o && 'pipelineInfo' in o && 'root' in o
  );
  if (!pipelineSpec) {
    throw new UserError(
      `${source}: no KFP PipelineSpec (with pipelineInfo and root) found; compile it with \`cellpipe compile NOTEBOOK --target kfp\``
    );
  }
  const platformSpec = objects.find(o => o && 'platforms' in o) ?? undefined;
  return { pipelineSpec, platformSpec };
}

/** The task names of the root DAG: the steps. */
export function kfpStepNames(spec: Record<string, unknown>): string[] {
  const root = spec.root as
    { dag?: { tasks?: Record<string, unknown> } } | undefined;
  return Object.keys(root?.dag?.tasks ?? {});
}

const runStates: Record<string, RunStatus> = {
  PENDING: 'Pending',
  RUNNING: 'Running',
  SUCCEEDED: 'Succeeded',
  SKIPPED: 'Skipped',
  FAILED: 'Failed',
  CANCELING: 'Running',
  CANCELED: 'Cancelled',
  PAUSED: 'Running'
};

export function kfpStatus(state: string | undefined): RunStatus {
  return runStates[state ?? ''] ?? 'Pending';
}

export function isKfpFinished(run: IKfpRun): boolean {
  return ['SUCCEEDED', 'SKIPPED', 'FAILED', 'CANCELED'].includes(
    run.state ?? ''
  );
}

export function applyKfpRun(record: IRunRecord, run: IKfpRun): IRunRecord {
  const tasks = run.run_details?.task_details ?? [];
  const finished = isKfpFinished(run);
  const steps = record.steps.map((step): IStepRecord => {
    const task = tasks.find(t => t.display_name === step.name);
    let status = kfpStatus(task?.state);
    if (finished && (status === 'Pending' || status === 'Running')) {
      status = run.state === 'CANCELED' ? 'Cancelled' : 'Skipped';
    }
    return {
      ...step,
      status,
      startedAt: task?.start_time ?? step.startedAt,
      finishedAt: task?.end_time ?? step.finishedAt,
      ...(status === 'Failed' && task?.error?.message
        ? { message: task.error.message }
        : {})
    };
  });
  const updated: IRunRecord = {
    ...record,
    status: kfpStatus(run.state),
    finishedAt:
      run.finished_at && finished ? run.finished_at : record.finishedAt,
    steps
  };
  if (run.error?.message && updated.status === 'Failed') {
    updated.error = run.error.message;
  }
  return updated;
}

export async function submitKfpRun(
  client: KfpClient,
  given: ICreateRunRequest & { notebook: string },
  home = cellpipeHome()
): Promise<IRunRecord> {
  await client.checkServer();
  // An experiment named in the settings is found, or made, only once the server answers.
  const experiment =
    !given.experimentId && given.experimentName
      ? await client.experiment(given.experimentName, given.namespace)
      : null;
  const request = experiment
    ? { ...given, experimentId: experiment.id }
    : given;
  const createdAt = new Date();
  let run: IKfpRun;
  let pipelineId: string | undefined;
  try {
    if (client.endpoint.upload) {
      ({ run, pipelineId } = await client.uploadAndRun(request));
    } else {
      run = await client.createRun(request);
    }
  } catch (error) {
    // A failed submission leaves no experiment made for it behind.
    if (experiment?.made) {
      await client.deleteExperiment(experiment.id).catch(() => undefined);
    }
    throw error;
  }
  if (!run.run_id) {
    throw new UserError(
      'Kubeflow Pipelines accepted the run but returned no run_id'
    );
  }
  const ui = client.endpoint.ui;
  const record: IRunRecord = {
    id: newRunId(createdAt),
    status: 'Pending',
    target: 'kfp',
    notebook: request.notebook,
    pipeline: request.displayName,
    createdAt: createdAt.toISOString(),
    startedAt: createdAt.toISOString(),
    finishedAt: null,
    params: request.parameters ?? {},
    links: [
      {
        kind: 'kfp-run',
        // The engine runs outside the lab's translator; the lab may relabel it.
        // eslint-disable-next-line jupyter/no-untranslated-string
        label: 'Kubeflow run',
        url: kfpRunLink(ui, run.run_id)
      },
      ...(pipelineId
        ? [
            {
              kind: 'kfp-pipeline' as const,
              // The engine runs outside the lab's translator; the lab may relabel it.
              // eslint-disable-next-line jupyter/no-untranslated-string
              label: 'Kubeflow pipeline',
              url: kfpPipelineLink(ui, pipelineId)
            }
          ]
        : [])
    ],
    steps: kfpStepNames(request.pipelineSpec).map(name => pendingStep(name)),
    kfpRunId: run.run_id,
    kfpEndpoint: client.endpoint.api,
    kfpEndpointConfigured: client.endpoint.configured,
    ...(client.endpoint.notice ? { notice: client.endpoint.notice } : {})
  };
  const updated = applyKfpRun(record, run);
  writeRecord(updated, home);
  return updated;
}

/** Polls until the run finishes (or `signal` aborts), rewriting the record on every change. */
export async function pollKfpRun(
  client: KfpClient,
  record: IRunRecord,
  options: {
    intervalMs?: number;
    signal?: AbortSignal;
    home?: string;
    onChange?: (r: IRunRecord) => void;
  } = {}
): Promise<IRunRecord> {
  let current = record;
  while (!options.signal?.aborted) {
    const run = await client.getRun(record.kfpRunId as string);
    const next = applyKfpRun(current, run);
    if (JSON.stringify(next) !== JSON.stringify(current)) {
      current = next;
      writeRecord(current, options.home ?? cellpipeHome());
      options.onChange?.(current);
    }
    if (isKfpFinished(run)) {
      break;
    }
    await new Promise(done => setTimeout(done, options.intervalMs ?? 3000));
  }
  return current;
}

export async function cancelKfpRun(
  client: KfpClient,
  id: string,
  home = cellpipeHome()
): Promise<IRunRecord | undefined> {
  const record = readRecord(id, home);
  if (!record?.kfpRunId) {
    return undefined;
  }
  await client.terminateRun(record.kfpRunId);
  return record;
}
