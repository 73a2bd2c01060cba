/**
 * The pods an Argo Workflow would create, as the Argo controller builds them from the Workflow
 * (Argo v3/v4 `workflowpod.go` behaviour): one pod per DAG task (or `steps` step) that runs a
 * container/script/containerSet template, with the task's `arguments.parameters` substituted for
 * `{{inputs.parameters.NAME}}` (and the input's default where the task gives none); a pod
 * template that no task references (an entrypoint) gives one pod as written. A pod's spec is
 *   - `spec.podMetadata` labels and annotations under the template's own `metadata`,
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
  const templates = new Map<string, IObject>();
  for (const raw of listAt(spec.templates, 'spec.templates')) {
    const template = mergePatch(defaults, raw);
    templateKind(template);
    templates.set(String(template.name), template);
  }
  const pods: IPod[] = [];
  const referenced = new Set<string>();
  for (const [name, template] of templates) {
    for (const task of invocations(template, name)) {
      const target = templates.get(String(task.template));
      if (!target) {
        throw new Error(
          `${name}: task ${task.name} names unknown template ${task.template}`
        );
      }
      referenced.add(String(task.template));
      if (POD_TEMPLATE_KINDS.includes(templateKind(target))) {
        const resolved = withArguments(target, task);
        pods.push(templatePod(spec, resolved, String(task.name)));
      }
    }
  }
  for (const [name, template] of templates) {
    if (
      !referenced.has(name) &&
      POD_TEMPLATE_KINDS.includes(templateKind(template))
    ) {
      pods.push(templatePod(spec, template, name));
    }
  }
  return pods;
}

function templateKind(template: IObject): string {
  const kinds = Object.keys(template).filter(
    key => POD_TEMPLATE_KINDS.includes(key) || NO_POD_KINDS.includes(key)
  );
  if (kinds.length !== 1) {
    throw new Error(
      `template ${String(template.name)}: expected one of ${[...POD_TEMPLATE_KINDS, ...NO_POD_KINDS].join(', ')}, found ${kinds.join(', ') || 'none'} (an unmodelled template kind)`
    );
  }
  return kinds[0];
}

/** The tasks of a DAG template, or the steps of a `steps` template. */
function invocations(template: IObject, name: string): IObject[] {
  if (template.dag !== undefined) {
    return listAt(
      objectAt(template.dag, `${name}.dag`).tasks,
      `${name}.dag.tasks`
    );
  }
  if (template.steps !== undefined) {
    return (template.steps as unknown[][]).flatMap(group =>
      listAt(group, `${name}.steps`)
    );
  }
  return [];
}

/** The template with `{{inputs.parameters.NAME}}` replaced by the task's argument (or default). */
function withArguments(template: IObject, task: IObject): IObject {
  const values = new Map<string, unknown>();
  for (const input of listAt(
    objectAt(template.inputs, 'inputs').parameters,
    'inputs.parameters'
  )) {
    values.set(String(input.name), input.value ?? input.default);
  }
  for (const argument of listAt(
    objectAt(task.arguments, 'arguments').parameters,
    'arguments.parameters'
  )) {
    values.set(String(argument.name), argument.value);
  }
  let text = JSON.stringify(template);
  for (const [name, value] of values) {
    if (value !== undefined) {
      text = text
        .split(`{{inputs.parameters.${name}}}`)
        .join(JSON.stringify(String(value)).slice(1, -1));
    }
  }
  return JSON.parse(text) as IObject;
}

function templatePod(spec: IObject, template: IObject, name: string): IPod {
  const path = `template ${name}`;
  const metadata = mergePatch(
    objectAt(spec.podMetadata, 'spec.podMetadata'),
    objectAt(template.metadata, `${path}.metadata`)
  );
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
