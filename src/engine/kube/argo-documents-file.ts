/**
 * Reads compiled Argo documents (the multi-document YAML or JSON `cellpipe compile --target argo`
 * writes: ConfigMaps, then the Workflow) into what a submission sends.
 */
import { parseAllDocuments } from 'yaml';
import type { V1ConfigMap } from '@kubernetes/client-node';
import { UserError } from '../../core/errors';
import { IArgoDocuments, IWorkflowObject } from './argo-documents';

function asObject(value: unknown): Record<string, unknown> | undefined {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined;
}

/** Builds the submission from already-parsed objects (ConfigMaps and exactly one Workflow). */
export function argoDocumentsFrom(
  objects: unknown[],
  source: string
): IArgoDocuments {
  const configMaps: V1ConfigMap[] = [];
  const workflows: IWorkflowObject[] = [];
  objects.forEach((value, index) => {
    const object = asObject(value);
    const kind = object?.kind;
    if (kind === 'ConfigMap') {
      configMaps.push(object as V1ConfigMap);
    } else if (kind === 'Workflow') {
      if (!asObject(object?.metadata) || !asObject(object?.spec)) {
        throw new UserError(
          `${source}: document ${index + 1}: a Workflow needs metadata and spec`
        );
      }
      workflows.push(object as unknown as IWorkflowObject);
    } else if (value !== null && value !== undefined) {
      throw new UserError(
        `${source}: document ${index + 1} is a ${String(kind ?? typeof value)}; ` +
          'expected ConfigMaps and one Workflow (the output of `cellpipe compile --target argo`)'
      );
    }
  });
  if (workflows.length !== 1) {
    throw new UserError(
      `${source}: expected exactly one Workflow, found ${workflows.length} ` +
        '(compile it with `cellpipe compile NOTEBOOK --target argo`)'
    );
  }
  return { workflow: workflows[0], configMaps };
}

export function parseArgoDocuments(
  text: string,
  source: string
): IArgoDocuments {
  const objects: unknown[] = [];
  for (const document of parseAllDocuments(text)) {
    if (document.errors.length) {
      const error = document.errors[0];
      const line = error.linePos?.[0]?.line;
      throw new UserError(
        `${source}${line ? `, line ${line}` : ''}: not valid YAML: ${error.message.split('\n')[0]}`
      );
    }
    objects.push(document.toJS());
  }
  return argoDocumentsFrom(objects, source);
}

/** The step names: the tasks of the entrypoint's DAG (or its steps), else the templates. */
export function workflowStepNames(workflow: IWorkflowObject): string[] {
  // cellpipe's own Workflows list their step tasks (a long pipeline's DAG is cut into parts).
  const listed = workflow.metadata.annotations?.['cellpipe.dev/tasks'];
  if (listed !== undefined) {
    try {
      const tasks: unknown = JSON.parse(listed);
      if (Array.isArray(tasks) && tasks.every(t => typeof t === 'string')) {
        return tasks as string[];
      }
    } catch {
      // Not ours after all: read the DAG below.
    }
  }
  const spec = workflow.spec as {
    entrypoint?: string;
    templates?: {
      name?: string;
      dag?: { tasks?: { name?: string }[] };
      steps?: { name?: string }[][];
    }[];
  };
  const templates = spec.templates ?? [];
  const entry = templates.find(t => t.name === spec.entrypoint);
  const names =
    entry?.dag?.tasks?.map(t => t.name) ??
    entry?.steps?.flat().map(s => s.name) ??
    templates.map(t => t.name);
  return names.filter((n): n is string => typeof n === 'string');
}
