/** The Argo documents a submission sends, and the naming that keeps each submission unique. */
import { randomBytes } from 'node:crypto';
import type { V1ConfigMap } from '@kubernetes/client-node';

export interface IWorkflowObject {
  apiVersion?: string;
  kind?: string;
  metadata: {
    name?: string;
    generateName?: string;
    namespace?: string;
    uid?: string;
    resourceVersion?: string;
    labels?: Record<string, string>;
    annotations?: Record<string, string>;
  };
  spec: Record<string, unknown>;
  status?: IWorkflowStatus;
}

export interface IWorkflowNode {
  id?: string;
  name?: string;
  displayName?: string;
  templateName?: string;
  type?: string;
  phase?: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  children?: string[];
}

export interface IWorkflowStatus {
  phase?: string;
  startedAt?: string;
  finishedAt?: string;
  message?: string;
  nodes?: Record<string, IWorkflowNode>;
}

export interface IArgoDocuments {
  workflow: IWorkflowObject;
  configMaps: V1ConfigMap[];
}

export const WORKFLOW_API = {
  group: 'argoproj.io',
  version: 'v1alpha1',
  plural: 'workflows'
};

/** Names are DNS labels; leave room for the suffix. */
function baseName(documents: IArgoDocuments): string {
  const given =
    documents.workflow.metadata.name ??
    documents.workflow.metadata.generateName ??
    'pipeline';
  const cleaned = given
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/^-+|-+$/g, '');
  return (cleaned || 'pipeline').slice(0, 40).replace(/-+$/, '');
}

export function randomSuffix(): string {
  const alphabet = 'bcdfghjklmnpqrstvwxz2456789';
  return [...randomBytes(5)].map(b => alphabet[b % alphabet.length]).join('');
}

/** Replaces `configMap.name` / `configMapKeyRef.name` values found in `renames`, anywhere. */
function renameReferences(
  value: unknown,
  renames: Map<string, string>
): unknown {
  if (Array.isArray(value)) {
    return value.map(v => renameReferences(v, renames));
  }
  if (value === null || typeof value !== 'object') {
    return value;
  }
  const out: Record<string, unknown> = {};
  for (const [key, child] of Object.entries(value)) {
    const ref = child as { name?: unknown } | null;
    if (
      (key === 'configMap' || key === 'configMapKeyRef') &&
      ref &&
      typeof ref.name === 'string' &&
      renames.has(ref.name)
    ) {
      out[key] = { ...ref, name: renames.get(ref.name) };
    } else {
      out[key] = renameReferences(child, renames);
    }
  }
  return out;
}

/**
 * The documents under fresh names: the Workflow `<base>-<suffix>` and each ConfigMap
 * `<its name>-<suffix>`, references rewritten, namespace set, and a label tying them together.
 */
export function nameSubmission(
  documents: IArgoDocuments,
  namespace: string,
  suffix = randomSuffix()
): IArgoDocuments {
  const name = `${baseName(documents)}-${suffix}`;
  const renames = new Map<string, string>();
  const label = { 'cellpipe.dev/submission': name };
  const configMaps = documents.configMaps.map(cm => {
    const old = cm.metadata?.name ?? 'code';
    const renamed = `${old.slice(0, 240)}-${suffix}`;
    renames.set(old, renamed);
    return {
      ...cm,
      apiVersion: 'v1',
      kind: 'ConfigMap',
      metadata: {
        ...cm.metadata,
        name: renamed,
        namespace,
        labels: { ...cm.metadata?.labels, ...label }
      }
    };
  });
  const { generateName: _unused, ...metadata } = documents.workflow.metadata;
  void _unused;
  const workflow: IWorkflowObject = {
    ...documents.workflow,
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      ...metadata,
      name,
      namespace,
      labels: { ...documents.workflow.metadata.labels, ...label }
    },
    spec: renameReferences(documents.workflow.spec, renames) as Record<
      string,
      unknown
    >
  };
  return { workflow, configMaps };
}
