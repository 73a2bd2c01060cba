/**
 * Pod security from settings (design §5): the pod and container security contexts every target
 * emits, and the list of ways the settings weaken Pod Security Standards `restricted`, which the
 * CLI prints as warnings and the sidebar shows in red.
 */
import { ISecuritySettings } from './types';

export interface IPodSecurityContext {
  runAsNonRoot?: boolean;
  runAsUser: number;
  runAsGroup: number;
  fsGroup: number;
  seccompProfile: { type: 'RuntimeDefault' | 'Unconfined' };
}

export interface IContainerSecurityContext {
  allowPrivilegeEscalation: boolean;
  capabilities?: { drop: ['ALL'] };
  readOnlyRootFilesystem: boolean;
  runAsNonRoot?: boolean;
}

export function podSecurityContext(
  security: ISecuritySettings
): IPodSecurityContext {
  return {
    ...(security.runAsNonRoot ? { runAsNonRoot: true } : {}),
    runAsUser: security.runAsUser,
    runAsGroup: security.runAsGroup,
    fsGroup: security.fsGroup,
    seccompProfile: { type: security.seccompProfile }
  };
}

export function containerSecurityContext(
  security: ISecuritySettings
): IContainerSecurityContext {
  return {
    allowPrivilegeEscalation: security.allowPrivilegeEscalation,
    ...(security.dropAllCapabilities
      ? { capabilities: { drop: ['ALL'] } }
      : {}),
    readOnlyRootFilesystem: security.readOnlyRootFilesystem,
    ...(security.runAsNonRoot ? { runAsNonRoot: true } : {})
  };
}

/** One line per way these settings fall short of `restricted` (empty when they meet it). */
export function securityWeakenings(security: ISecuritySettings): string[] {
  const found: string[] = [];
  if (!security.runAsNonRoot) {
    found.push('security.runAsNonRoot is false: containers may run as root');
  }
  if (security.runAsUser === 0) {
    found.push('security.runAsUser is 0 (root)');
  }
  if (security.allowPrivilegeEscalation) {
    found.push('security.allowPrivilegeEscalation is true');
  }
  if (!security.dropAllCapabilities) {
    found.push(
      'security.dropAllCapabilities is false: containers keep Linux capabilities'
    );
  }
  if (security.seccompProfile !== 'RuntimeDefault') {
    found.push(`security.seccompProfile is ${security.seccompProfile}`);
  }
  if (!security.readOnlyRootFilesystem) {
    found.push(
      'security.readOnlyRootFilesystem is false (allowed by restricted, but weaker)'
    );
  }
  if (security.automountServiceAccountToken) {
    found.push(
      'security.automountServiceAccountToken is true: steps get an API token'
    );
  }
  return found;
}
