/**
 * The pods a KFP 2.17 backend would create for a compiled pipeline: one per container executor
 * that a task uses, modelled on the backend's Argo compiler (executor template) and driver
 * (`extendPodSpecPatch`), which build the pod from the executor's container and the task's
 * Kubernetes platform spec:
 *   - pod securityContext: `seccompProfile: RuntimeDefault` (the compiler sets only that at pod
 *     level for executor templates);
 *   - init container `kfp-launcher` (a KFP system image) with the compiler's full default:
 *     runAsNonRoot, allowPrivilegeEscalation false, capabilities drop ALL, seccomp RuntimeDefault;
 *   - the user container `main`: image, command and args from the executor, the compiler's user
 *     default (allowPrivilegeEscalation false, drop ALL, seccomp RuntimeDefault: the platform
 *     proto itself says "All capabilities are always dropped by the backend"), plus the platform
 *     spec's `securityContext` (runAsUser, runAsGroup, runAsNonRoot: all it can express);
 *   - volumes: the launcher and scratch emptyDirs the compiler adds, then the platform spec's
 *     pvcMount, secretAsVolume, configMapAsVolume, emptyDirMounts, genericEphemeralVolume and
 *     enabledSharedMemory volumes; imagePullSecret, nodeSelector, tolerations and podMetadata.
 * Not modelled: KFP's own driver pods (system images configured by the KFP installation) and
 * Argo's init/wait executor containers (see argo-pods.ts). A platform field this model does not
 * know fails the extraction rather than being ignored.
 */
import { IPod } from './psa-checker';
import { defined, IObject, isObject, listAt, objectAt } from './object-access';

const SCRATCH_VOLUMES = [
  'kfp-launcher',
  'gcs-scratch',
  's3-scratch',
  'minio-scratch',
  'dot-local-scratch',
  'dot-cache-scratch',
  'dot-config-scratch'
];

/** Platform fields that add nothing Pod Security looks at (env, scheduling hints, deadline). */
const NEUTRAL_FIELDS = new Set([
  'secretAsEnv',
  'configMapAsEnv',
  'fieldPathAsEnv',
  'imagePullPolicy',
  'activeDeadlineSeconds',
  'nodeAffinity',
  'podAffinity'
]);

const RESTRICTED_CONTAINER = {
  allowPrivilegeEscalation: false,
  capabilities: { drop: ['ALL'] },
  seccompProfile: { type: 'RuntimeDefault' }
};

export function kfpPods(documents: unknown[]): IPod[] {
  const pipeline = documents.find(
    doc => isObject(doc) && doc.deploymentSpec !== undefined
  ) as IObject | undefined;
  if (!pipeline) {
    throw new Error('no PipelineSpec document (with deploymentSpec) found');
  }
  const platform = documents.find(
    doc => isObject(doc) && doc.platforms !== undefined
  );
  const platformExecutors = objectAt(
    objectAt(
      objectAt(
        objectAt(objectAt(platform, 'platform').platforms, 'platforms')
          .kubernetes,
        'platforms.kubernetes'
      ).deploymentSpec,
      'platforms.kubernetes.deploymentSpec'
    ).executors,
    'platforms.kubernetes.deploymentSpec.executors'
  );
  const executors = objectAt(
    objectAt(pipeline.deploymentSpec, 'deploymentSpec').executors,
    'deploymentSpec.executors'
  );
  return Object.entries(executors).map(([name, executor]) =>
    executorPod(
      name,
      objectAt(executor, `executor ${name}`),
      objectAt(platformExecutors[name], `platform executor ${name}`)
    )
  );
}

function executorPod(name: string, executor: IObject, platform: IObject): IPod {
  if (executor.container === undefined) {
    throw new Error(
      `executor ${name}: only container executors are modelled, found ${Object.keys(executor).join(', ')}`
    );
  }
  const container = objectAt(executor.container, `executor ${name}.container`);
  const volumes: IObject[] = SCRATCH_VOLUMES.map(volume => ({
    name: volume,
    emptyDir: {}
  }));
  let podSpecExtras: IObject = {};
  let userSecurity: IObject = {};
  let metadata: IObject = {};
  for (const [field, value] of Object.entries(platform)) {
    const path = `platform executor ${name}.${field}`;
    if (NEUTRAL_FIELDS.has(field)) {
      continue;
    }
    switch (field) {
      case 'pvcMount':
        for (const mount of listAt(value, path)) {
          const claimName = parameterName(
            mount.pvcNameParameter ?? mount.constant,
            path
          );
          volumes.push({
            name: claimName,
            persistentVolumeClaim: { claimName }
          });
        }
        break;
      case 'secretAsVolume':
        for (const secret of listAt(value, path)) {
          const secretName = parameterName(
            secret.secretNameParameter ?? secret.secretName,
            path
          );
          volumes.push({ name: secretName, secret: { secretName } });
        }
        break;
      case 'configMapAsVolume':
        for (const map of listAt(value, path)) {
          const mapName = parameterName(
            map.configMapNameParameter ?? map.configMapName,
            path
          );
          volumes.push({ name: mapName, configMap: { name: mapName } });
        }
        break;
      case 'emptyDirMounts':
        for (const dir of listAt(value, path)) {
          volumes.push({
            name: dir.volumeName,
            emptyDir: defined({ medium: dir.medium, sizeLimit: dir.sizeLimit })
          });
        }
        break;
      case 'enabledSharedMemory': {
        const memory = objectAt(value, path);
        volumes.push({
          name: memory.volumeName ?? 'shm',
          emptyDir: defined({ medium: 'Memory', sizeLimit: memory.size })
        });
        break;
      }
      case 'genericEphemeralVolume':
        for (const volume of listAt(value, path)) {
          volumes.push({
            name: volume.volumeName,
            ephemeral: {
              volumeClaimTemplate: {
                spec: { accessModes: volume.accessModes ?? ['ReadWriteOnce'] }
              }
            }
          });
        }
        break;
      case 'imagePullSecret':
        podSpecExtras.imagePullSecrets = listAt(value, path).map(secret => ({
          name: parameterName(
            secret.secretNameParameter ?? secret.secretName,
            path
          )
        }));
        break;
      case 'nodeSelector':
        podSpecExtras.nodeSelector = objectAt(
          objectAt(value, path).labels,
          path
        );
        break;
      case 'tolerations':
        podSpecExtras.tolerations = listAt(value, path);
        break;
      case 'podMetadata':
        metadata = objectAt(value, path);
        break;
      case 'securityContext':
        userSecurity = securityFields(objectAt(value, path), path);
        break;
      case 'initContainers':
        // Added by the driver as given: no security defaults are known to be applied to them.
        podSpecExtras = {
          ...podSpecExtras,
          extraInit: listAt(value, path).map(init => ({
            name: init.name,
            image: init.image
          }))
        };
        break;
      default:
        throw new Error(`${path}: a platform field this model does not know`);
    }
  }
  const { extraInit, ...extras } = podSpecExtras;
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: defined({
      name,
      labels: metadata.labels as Record<string, string> | undefined,
      annotations: metadata.annotations as Record<string, string> | undefined
    }) as IPod['metadata'],
    spec: {
      securityContext: { seccompProfile: { type: 'RuntimeDefault' } },
      initContainers: [
        {
          name: 'kfp-launcher',
          image: 'ghcr.io/kubeflow/kfp-launcher',
          securityContext: { ...RESTRICTED_CONTAINER, runAsNonRoot: true }
        },
        ...((extraInit as IObject[] | undefined) ?? [])
      ],
      containers: [
        defined({
          name: 'main',
          image: container.image,
          command: container.command,
          args: container.args,
          securityContext: { ...RESTRICTED_CONTAINER, ...userSecurity }
        })
      ],
      volumes,
      ...extras
    }
  };
}

/** The platform proto's SecurityContext: runAsUser, runAsGroup, runAsNonRoot, nothing else. */
function securityFields(context: IObject, path: string): IObject {
  const known = ['runAsUser', 'runAsGroup', 'runAsNonRoot'];
  const unknown = Object.keys(context).filter(key => !known.includes(key));
  if (unknown.length) {
    throw new Error(
      `${path}: ${unknown.join(', ')} cannot be expressed in the KFP platform spec (only ${known.join(', ')})`
    );
  }
  return Object.fromEntries(
    Object.entries(context).map(([key, value]) => [
      key,
      key === 'runAsNonRoot' ? value : Number(value)
    ])
  );
}

/** A name given as a constant, or as an InputParameterSpec resolved at run time. */
function parameterName(spec: unknown, path: string): string {
  if (typeof spec === 'string') {
    return spec;
  }
  const parameter = objectAt(spec, path);
  const constant = objectAt(parameter.runtimeValue, path).constant;
  if (typeof constant === 'string') {
    return constant;
  }
  if (
    parameter.componentInputParameter !== undefined ||
    parameter.taskOutputParameter !== undefined
  ) {
    return 'resolved-at-run-time';
  }
  throw new Error(`${path}: no name given`);
}
