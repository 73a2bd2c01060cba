/**
 * Before an Argo run is submitted: the PersistentVolumeClaims its pods mount (the settings'
 * `volumes`) must be there. A pod that mounts a claim that is not there waits as Pending for
 * ever; refusing the run names the claim at once, and nothing is created. Where we may not read
 * claims (403) or the read fails otherwise, the run goes ahead: the run's record then says why
 * its step waits.
 */
import * as k8s from '@kubernetes/client-node';
import { UserError } from '../../core/errors';
import { IKubeConnection } from './connection';
import { IWorkflowObject } from './argo-documents';
import { isNotFound } from './errors';

/** The claims the Workflow's pod volumes name, once each, in order. */
export function mountedClaims(workflow: IWorkflowObject): string[] {
  const volumes = (workflow.spec as { volumes?: unknown }).volumes;
  const names = (Array.isArray(volumes) ? volumes : []).flatMap(volume => {
    const claim = (
      volume as { persistentVolumeClaim?: { claimName?: unknown } }
    )?.persistentVolumeClaim?.claimName;
    return typeof claim === 'string' ? [claim] : [];
  });
  return [...new Set(names)];
}

export async function checkMountedClaims(
  connection: IKubeConnection,
  workflow: IWorkflowObject,
  notebook?: string
): Promise<void> {
  const claims = mountedClaims(workflow);
  if (!claims.length) {
    return;
  }
  const core = connection.config.makeApiClient(k8s.CoreV1Api);
  const missing: string[] = [];
  for (const name of claims) {
    try {
      await core.readNamespacedPersistentVolumeClaim({
        name,
        namespace: connection.namespace
      });
    } catch (error) {
      if (!isNotFound(error)) {
        return;
      }
      missing.push(name);
    }
  }
  if (missing.length) {
    const list = missing.map(name => `'${name}'`).join(', ');
    throw new UserError(
      `namespace '${connection.namespace}' has no PersistentVolumeClaim ${list}, which the ` +
        `settings' volumes mount in every step: nothing was submitted. Create the claim, or ` +
        'correct its name in the volumes',
      { notebook }
    );
  }
}
