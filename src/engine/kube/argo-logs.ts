/**
 * Step logs of an Argo run: the `main` container logs of the step's pods, read through the
 * Kubernetes API, one per attempt (a step with `retry:` has a pod per attempt, under its Retry
 * node). The Workflow's node tree says which pods belong to a step; each pod names its node in
 * the `workflows.argoproj.io/node-id` annotation (Argo sets it on every step pod).
 */
import * as k8s from '@kubernetes/client-node';
import { IRunRecord } from '../../core/runs/record';
import { UserError } from '../../core/errors';
import { IKubeConnection } from './connection';
import { IWorkflowNode, IWorkflowObject, WORKFLOW_API } from './argo-documents';
import { IAttemptLog, stepPodNodes } from './argo-log-attempts';
import { describeKubeError, isNotFound } from './errors';

export { formatAttemptLogs } from './argo-log-attempts';
export type { IAttemptLog } from './argo-log-attempts';

/** Logs of each attempt of each of `steps` (all of the run's steps when empty). */
export async function readArgoStepLogs(
  connection: IKubeConnection,
  record: IRunRecord,
  steps: string[]
): Promise<IAttemptLog[]> {
  const namespace = record.namespace ?? connection.namespace;
  const name = record.workflowName;
  if (!name || !namespace) {
    throw new UserError(`run '${record.id}' has no Workflow recorded`);
  }
  const custom = connection.config.makeApiClient(k8s.CustomObjectsApi);
  const core = connection.config.makeApiClient(k8s.CoreV1Api);
  let workflow: IWorkflowObject;
  try {
    workflow = (await custom.getNamespacedCustomObject({
      ...WORKFLOW_API,
      namespace,
      name
    })) as IWorkflowObject;
  } catch (error) {
    throw describeKubeError(error, {
      verb: 'get',
      resource: 'workflows.argoproj.io',
      namespace,
      name,
      server: connection.server
    });
  }
  let pods: k8s.V1Pod[];
  try {
    pods = (
      await core.listNamespacedPod({
        namespace,
        labelSelector: `workflows.argoproj.io/workflow=${name}`
      })
    ).items;
  } catch (error) {
    throw describeKubeError(error, {
      verb: 'list',
      resource: 'pods',
      namespace,
      server: connection.server
    });
  }
  const podOf = (node: IWorkflowNode): k8s.V1Pod | undefined =>
    pods.find(
      p =>
        p.metadata?.annotations?.['workflows.argoproj.io/node-id'] ===
          node.id ||
        p.metadata?.annotations?.['workflows.argoproj.io/node-name'] ===
          node.name
    );
  const names = steps.length ? steps : record.steps.map(s => s.name);
  const logs: IAttemptLog[] = [];
  for (const step of names) {
    if (!record.steps.some(s => s.name === step)) {
      throw new UserError(`run '${record.id}' has no step '${step}'`);
    }
    const attempts = stepPodNodes(workflow, step);
    if (!attempts.length) {
      logs.push({
        step,
        attempt: 0,
        attempts: 0,
        text: 'not started',
        available: false
      });
    }
    for (const [index, node] of attempts.entries()) {
      const pod = podOf(node);
      const entry: IAttemptLog = {
        step,
        attempt: index + 1,
        attempts: attempts.length,
        pod: pod?.metadata?.name,
        phase: node.phase,
        text: '',
        available: false
      };
      if (!pod?.metadata?.name) {
        entry.text =
          'its pod is gone (deleted by pod garbage collection, or never created)';
      } else {
        try {
          entry.text = await core.readNamespacedPodLog({
            name: pod.metadata.name,
            namespace,
            container: 'main'
          });
          entry.available = true;
        } catch (error) {
          if (!isNotFound(error) && (error as { code?: number }).code !== 400) {
            throw describeKubeError(error, {
              verb: 'get',
              resource: 'pods/log',
              namespace,
              name: pod.metadata.name,
              server: connection.server
            });
          }
          entry.text = 'no log yet (the container has not started)';
        }
      }
      logs.push(entry);
    }
  }
  return logs;
}
