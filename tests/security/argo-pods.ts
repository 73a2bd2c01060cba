/**
 * The pods an Argo Workflow would create, as the Argo controller builds them from the Workflow
 * (Argo v3/v4 `workflowpod.go` behaviour): one pod per container/script/containerSet template,
 * whose spec is
 *   - the workflow-level pod fields (securityContext, serviceAccountName,
 *     automountServiceAccountToken, imagePullSecrets, nodeSelector, tolerations, hostNetwork),
 *     with the template's own values winning where a template sets them,
 *   - `spec.templateDefaults` under the template,
 *   - volumes: `spec.volumes`, one persistentVolumeClaim volume per `spec.volumeClaimTemplates`
 *     entry (the controller creates the claim and mounts it by name), then the template's volumes,
 *   - the template's container (named `main`; a script's `source` is dropped, Argo passes it as a
 *     file), init containers and sidecars,
 *   - then `podSpecPatch` (workflow-level, then the template's), merged as a strategic merge patch
 *     (containers, initContainers and volumes by name).
 *
 * Not modelled, because the controller adds them from its own configuration rather than from the
 * Workflow: the `init` and `wait` executor containers and the `var-run-argo` emptyDir. Their
 * security context is the controller's `executor.securityContext` (workflow-controller-configmap);
 * cluster admins must set it to a restricted one (runAsNonRoot, allowPrivilegeEscalation: false,
 * capabilities.drop [ALL], seccompProfile RuntimeDefault) or those containers fail admission.
 */
import { parse } from 'yaml';
import { IPod } from './psa-checker';
import { defined, IObject, isObject, listAt, objectAt } from './object-access';

const POD_TEMPLATE_KINDS = ['container', 'script', 'containerSet'];
const NO_POD_KINDS = ['dag', 'steps', 'suspend'];

export function argoPods(documents: unknown[]): IPod[] {
  const workflows = documents.filter(
    doc => isObject(doc) && doc.kind === 'Workflow'
  );
  if (workflows.length !== 1) {
    throw new Error(`expected one Workflow, found ${workflows.length}`);
  }
  const workflow = workflows[0] as IObject;
  const spec = objectAt(workflow.spec, 'spec');
  const defaults = objectAt(spec.templateDefaults, 'spec.templateDefaults');
  const pods: IPod[] = [];
  for (const raw of listAt(spec.templates, 'spec.templates')) {
    const template = mergePatch(defaults, raw);
    const name = String(template.name);
    const kinds = Object.keys(template).filter(
      key => POD_TEMPLATE_KINDS.includes(key) || NO_POD_KINDS.includes(key)
    );
    if (kinds.length !== 1) {
      throw new Error(
        `template ${name}: expected one of ${[...POD_TEMPLATE_KINDS, ...NO_POD_KINDS].join(', ')}, found ${kinds.join(', ') || 'none'} (an unmodelled template kind)`
      );
    }
    if (NO_POD_KINDS.includes(kinds[0])) {
      continue;
    }
    pods.push(templatePod(spec, template, name));
  }
  return pods;
}

function templatePod(spec: IObject, template: IObject, name: string): IPod {
  const path = `template ${name}`;
  const metadata = objectAt(template.metadata, `${path}.metadata`);
  let podSpec: IObject = defined({
    securityContext: template.securityContext ?? spec.securityContext,
    serviceAccountName: template.serviceAccountName ?? spec.serviceAccountName,
    automountServiceAccountToken:
      template.automountServiceAccountToken ??
      spec.automountServiceAccountToken,
    imagePullSecrets: spec.imagePullSecrets,
    nodeSelector:
      spec.nodeSelector || template.nodeSelector
        ? {
            ...objectAt(spec.nodeSelector, 'spec.nodeSelector'),
            ...objectAt(template.nodeSelector, `${path}.nodeSelector`)
          }
        : undefined,
    tolerations: template.tolerations ?? spec.tolerations,
    hostNetwork: spec.hostNetwork,
    volumes: [
      ...listAt(spec.volumes, 'spec.volumes'),
      ...listAt(spec.volumeClaimTemplates, 'spec.volumeClaimTemplates').map(
        claim => {
          const claimName = objectAt(claim.metadata, 'volumeClaimTemplate')
            .name as string;
          return { name: claimName, persistentVolumeClaim: { claimName } };
        }
      ),
      ...listAt(template.volumes, `${path}.volumes`)
    ],
    initContainers: listAt(template.initContainers, `${path}.initContainers`),
    containers: [
      ...mainContainers(template, path),
      ...listAt(template.sidecars, `${path}.sidecars`)
    ]
  });
  for (const [where, patch] of [
    ['spec.podSpecPatch', spec.podSpecPatch],
    [`${path}.podSpecPatch`, template.podSpecPatch]
  ] as const) {
    if (patch !== undefined) {
      podSpec = mergePatch(podSpec, parsePatch(patch, where));
    }
  }
  if (!(podSpec.volumes as unknown[]).length) {
    delete podSpec.volumes;
  }
  if (!(podSpec.initContainers as unknown[]).length) {
    delete podSpec.initContainers;
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: defined({
      name,
      labels: metadata.labels as Record<string, string> | undefined,
      annotations: metadata.annotations as Record<string, string> | undefined
    }) as IPod['metadata'],
    spec: podSpec
  };
}

function mainContainers(template: IObject, path: string): IObject[] {
  if (template.containerSet !== undefined) {
    return listAt(
      objectAt(template.containerSet, `${path}.containerSet`).containers,
      `${path}.containerSet.containers`
    );
  }
  const container = objectAt(
    template.container ?? template.script,
    `${path}.container`
  );
  const main: IObject = { ...container, name: container.name ?? 'main' };
  delete main.source;
  return [main];
}

function parsePatch(patch: unknown, where: string): IObject {
  const value = typeof patch === 'string' ? parse(patch) : patch;
  if (!isObject(value)) {
    throw new Error(`${where} is not an object`);
  }
  return value;
}

const MERGE_BY_NAME = new Set(['containers', 'initContainers', 'volumes']);

/** A strategic-merge-patch subset: objects merge, named lists merge by name, the rest replaces. */
export function mergePatch(base: IObject, patch: IObject): IObject {
  const merged: IObject = { ...base };
  for (const [key, value] of Object.entries(patch)) {
    const current = merged[key];
    if (
      MERGE_BY_NAME.has(key) &&
      Array.isArray(current) &&
      Array.isArray(value)
    ) {
      const byName = new Map<unknown, IObject>(
        listAt(current, key).map(item => [item.name, item])
      );
      for (const item of listAt(value, key)) {
        const old = byName.get(item.name);
        byName.set(item.name, old ? mergePatch(old, item) : item);
      }
      merged[key] = [...byName.values()];
    } else if (isObject(current) && isObject(value)) {
      merged[key] = mergePatch(current, value);
    } else {
      merged[key] = value;
    }
  }
  return merged;
}
