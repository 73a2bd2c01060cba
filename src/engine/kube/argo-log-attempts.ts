/**
 * Which pods hold an Argo step's attempts, and how `cellpipe logs` and the run viewer print them.
 * No Kubernetes client here (Jest tests load it).
 */
import { IWorkflowNode, IWorkflowObject } from './argo-documents';

export interface IAttemptLog {
  step: string;
  /** 1-based. */
  attempt: number;
  attempts: number;
  pod?: string;
  phase?: string;
  /** The container's log, or why there is none. */
  text: string;
  available: boolean;
}

/** The Pod nodes of step `name`, in attempt order. */
export function stepPodNodes(
  workflow: IWorkflowObject,
  name: string
): IWorkflowNode[] {
  const nodes = workflow.status?.nodes ?? {};
  const all = Object.entries(nodes).map(([id, node]) => ({
    ...node,
    id: node.id ?? id
  }));
  const matches = all.filter(n => n.displayName === name && n.type !== 'DAG');
  const retry = matches.find(n => n.type === 'Retry');
  if (retry) {
    return (retry.children ?? [])
      .map(id => all.find(n => n.id === id))
      .filter(
        (n): n is IWorkflowNode & { id: string } =>
          n !== undefined && n.type === 'Pod'
      )
      .sort((a, b) => (a.startedAt ?? '').localeCompare(b.startedAt ?? ''));
  }
  return matches.filter(n => n.type === 'Pod');
}

/** The logs as one text: a header line per attempt when there is more than one. */
export function formatAttemptLogs(
  logs: IAttemptLog[],
  headers: boolean
): string {
  return logs
    .map(log => {
      const text = log.available ? log.text : `(${log.text})\n`;
      if (!headers && logs.length === 1 && log.attempts <= 1) {
        return text;
      }
      const attempt =
        log.attempts > 1 ? ` attempt ${log.attempt}/${log.attempts}` : '';
      const pod = log.pod ? ` (pod ${log.pod})` : '';
      const body = text.endsWith('\n') || text === '' ? text : text + '\n';
      return `==> ${log.step}${attempt}${pod} <==\n${body}`;
    })
    .join('');
}
