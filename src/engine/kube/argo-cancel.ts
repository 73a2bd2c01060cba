/**
 * Cancels a Workflow the way Argo's own `argo terminate` does: `spec.shutdown: Terminate`. It
 * also asks for the Workflow's pods to be deleted once it has stopped (`podGC`), so a cancelled
 * run leaves no pods behind; finished runs keep theirs for `cellpipe logs`.
 */
import * as k8s from '@kubernetes/client-node';
import { IKubeConnection } from './connection';
import { WORKFLOW_API } from './argo-documents';
import { describeKubeError } from './errors';

export async function terminateWorkflow(
  connection: IKubeConnection,
  namespace: string,
  name: string
): Promise<void> {
  const custom = connection.config.makeApiClient(k8s.CustomObjectsApi);
  try {
    // A JSON patch (the client's default for custom objects): add replaces an existing value.
    await custom.patchNamespacedCustomObject({
      ...WORKFLOW_API,
      namespace,
      name,
      body: [
        { op: 'add', path: '/spec/shutdown', value: 'Terminate' },
        {
          op: 'add',
          path: '/spec/podGC',
          value: { strategy: 'OnWorkflowCompletion' }
        }
      ],
      fieldManager: 'cellpipe'
    });
  } catch (error) {
    throw describeKubeError(error, {
      verb: 'patch',
      resource: 'workflows.argoproj.io',
      namespace,
      name,
      server: connection.server
    });
  }
}
