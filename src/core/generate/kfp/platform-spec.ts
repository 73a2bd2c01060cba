/**
 * The Kubernetes platform document (kfp-kubernetes; ../shared/schemas/kfp-2.17/
 * kubernetes_executor_config.proto), per executor: security context, image pull secrets, node
 * selector, tolerations, pod labels and annotations, the step timeout, an emptyDir at /tmp, and
 * the settings' volumes (existing claims; `compile-kfp.ts` refuses a read-only one).
 */
import { IPipelineSettings } from '../../settings/resolved';
import { IKfpStepInput } from './pipeline-spec';

function executorConfig(settings: IPipelineSettings, input: IKfpStepInput) {
  const security = settings.security;
  const config: Record<string, unknown> = {
    securityContext: {
      runAsUser: security.runAsUser,
      runAsGroup: security.runAsGroup,
      ...(security.runAsNonRoot ? { runAsNonRoot: true } : {})
    },
    emptyDirMounts: [{ volumeName: 'cellpipe-tmp', mountPath: '/tmp' }]
  };
  if (settings.volumes.length) {
    // As kfp-kubernetes' mount_pvc writes it: the claim also as the deprecated `constant`,
    // which KFP backends before pvcNameParameter read.
    config.pvcMount = settings.volumes.map(volume => ({
      constant: volume.claim,
      mountPath: volume.mountPath,
      pvcNameParameter: { runtimeValue: { constant: volume.claim } },
      ...(volume.subPath !== undefined ? { subPath: volume.subPath } : {})
    }));
  }
  if (settings.imagePullSecrets.length) {
    config.imagePullSecret = settings.imagePullSecrets.map(name => ({
      secretNameParameter: { runtimeValue: { constant: name } }
    }));
  }
  if (Object.keys(settings.nodeSelector).length) {
    config.nodeSelector = { labels: { ...settings.nodeSelector } };
  }
  if (settings.tolerations.length) {
    config.tolerations = settings.tolerations.map(t => ({ ...t }));
  }
  const { labels, annotations } = input.settings;
  if (Object.keys(labels).length || Object.keys(annotations).length) {
    config.podMetadata = {
      ...(Object.keys(labels).length ? { labels: { ...labels } } : {}),
      ...(Object.keys(annotations).length
        ? { annotations: { ...annotations } }
        : {})
    };
  }
  if (input.settings.timeoutSeconds !== undefined) {
    config.activeDeadlineSeconds = input.settings.timeoutSeconds;
  }
  return config;
}

export function platformSpec(
  settings: IPipelineSettings,
  steps: IKfpStepInput[]
): Record<string, unknown> {
  return {
    platforms: {
      kubernetes: {
        deploymentSpec: {
          executors: Object.fromEntries(
            steps.map(s => [`exec-${s.task}`, executorConfig(settings, s)])
          )
        }
      }
    }
  };
}
