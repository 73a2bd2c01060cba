/** Maps an Argo Workflow's phase and node phases onto run and step statuses (design §4). */
import { IRunRecord, IStepRecord, RunStatus } from '../../core/runs/record';
import { IWorkflowNode, IWorkflowObject } from './argo-documents';

const terminalPhases = new Set(['Succeeded', 'Failed', 'Error']);

export function isWorkflowFinished(workflow: IWorkflowObject): boolean {
  return terminalPhases.has(workflow.status?.phase ?? '');
}

function isShutDown(workflow: IWorkflowObject): boolean {
  return (
    typeof workflow.spec.shutdown === 'string' && workflow.spec.shutdown !== ''
  );
}

export function workflowRunStatus(workflow: IWorkflowObject): RunStatus {
  const phase = workflow.status?.phase ?? '';
  if (phase === 'Succeeded') {
    return 'Succeeded';
  }
  if (phase === 'Failed' || phase === 'Error') {
    return isShutDown(workflow) ? 'Cancelled' : 'Failed';
  }
  return phase === 'Running' ? 'Running' : 'Pending';
}

function nodeStatus(phase: string | undefined): RunStatus {
  switch (phase) {
    case 'Running':
      return 'Running';
    case 'Succeeded':
      return 'Succeeded';
    case 'Failed':
    case 'Error':
      return 'Failed';
    case 'Skipped':
    case 'Omitted':
      return 'Skipped';
    default:
      return 'Pending';
  }
}

/** The node that stands for step `name`: its DAG task (a Retry node wraps the attempts). */
function stepNode(
  nodes: IWorkflowNode[],
  name: string
): { node: IWorkflowNode; attempts: number } | undefined {
  const matches = nodes.filter(n => n.displayName === name && n.type !== 'DAG');
  const node = matches.find(n => n.type === 'Retry') ?? matches[0];
  if (!node) {
    return undefined;
  }
  const attempts = node.type === 'Retry' ? (node.children?.length ?? 1) : 1;
  return { node, attempts };
}

/**
 * What the controller says of the step's node: its own message, or, for a Retry node without
 * one, that of its latest attempt (a retried pod that waits for its image says so there).
 */
function nodeMessage(
  node: IWorkflowNode,
  byId: Record<string, IWorkflowNode>
): string | undefined {
  if (node.message || node.type !== 'Retry') {
    return node.message || undefined;
  }
  const latest = node.children?.length
    ? byId[node.children[node.children.length - 1]]
    : undefined;
  return latest?.message || undefined;
}

/** The steps as the Workflow reports them; steps it has not reached stay Pending. */
export function stepRecords(
  workflow: IWorkflowObject,
  steps: IStepRecord[]
): IStepRecord[] {
  const byId = workflow.status?.nodes ?? {};
  const nodes = Object.values(byId);
  const finished = isWorkflowFinished(workflow);
  const cancelled = workflowRunStatus(workflow) === 'Cancelled';
  return steps.map(step => {
    const found = stepNode(nodes, step.name);
    let status = nodeStatus(found?.node.phase);
    if (finished && (status === 'Pending' || status === 'Running')) {
      status = cancelled ? 'Cancelled' : 'Skipped';
    }
    const record: IStepRecord = {
      ...step,
      status,
      startedAt: found?.node.startedAt ?? step.startedAt,
      finishedAt: found?.node.finishedAt ?? step.finishedAt
    };
    if (found && found.attempts > 1) {
      record.attempts = found.attempts;
    }
    // Why a step failed, or why it waits: the controller copies a pending pod's reason
    // (ImagePullBackOff, Unschedulable: a claim not found, too little memory) into the node.
    const message = found && nodeMessage(found.node, byId);
    if (message && (status === 'Failed' || status === 'Pending')) {
      record.message = message;
    } else {
      delete record.message;
    }
    return record;
  });
}

/** The run record updated from the Workflow's status. */
export function applyWorkflowStatus(
  record: IRunRecord,
  workflow: IWorkflowObject
): IRunRecord {
  const status = workflowRunStatus(workflow);
  const updated: IRunRecord = {
    ...record,
    status,
    startedAt: workflow.status?.startedAt ?? record.startedAt,
    finishedAt: workflow.status?.finishedAt ?? record.finishedAt,
    steps: stepRecords(workflow, record.steps)
  };
  if (status === 'Failed' && workflow.status?.message) {
    updated.error = workflow.status.message;
  }
  return updated;
}

/** `<argo-ui>/workflows/<ns>/<name>` (design §6). */
export function argoWorkflowLink(
  base: string,
  namespace: string,
  name: string
): string {
  return `${base.replace(/\/+$/, '')}/workflows/${encodeURIComponent(namespace)}/${encodeURIComponent(name)}`;
}
