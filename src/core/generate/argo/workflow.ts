/** Assembles the Workflow object from the step templates and the DAG. */
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { podSecurityContext } from '../../settings/security';
import { IEffectiveStepSettings } from '../../settings/step-settings';
import { dagTemplates, ENTRYPOINT, IStepTask } from './dag';
import {
  IArgoTemplate,
  IStepTemplate,
  IVolume,
  IWorkflow,
  IWorkflowSpec,
  VOLUMES
} from './model';
import { stepTemplate } from './step-template';
import { packedRuntime, RUNTIME_PARAMETER } from '../packed-script';
import { claimVolumes } from './claim-volumes';

/** Argo's CRD allows at most 200 templates in a Workflow. */
export const MAX_TEMPLATES = 200;

export interface IWorkflowInput {
  ir: IPipelineIR;
  settings: IPipelineSettings;
  baseName: string;
  labels: Record<string, string>;
  tasks: Map<string, string>;
  effective: Map<string, IEffectiveStepSettings>;
  /** Inline code per step, or the ConfigMaps' names when the code is in the volume. */
  code: { inline: Map<string, string> } | { configMaps: string[] };
}

/** Step templates; with code in the volume, steps whose templates are equal share one. */
function stepTemplates(input: IWorkflowInput): {
  templates: IStepTemplate[];
  entries: IStepTask[];
} {
  const { ir, settings } = input;
  const inline = 'inline' in input.code ? input.code.inline : undefined;
  const templates: IStepTemplate[] = [];
  const entries: IStepTask[] = [];
  const bySignature = new Map<string, IStepTemplate>();
  const users = new Map<IStepTemplate, number>();
  const templateNames = new Set<string>();
  for (const step of ir.steps) {
    const task = input.tasks.get(step.name) as string;
    const effective = input.effective.get(step.name) as IEffectiveStepSettings;
    const template = stepTemplate(
      uniqueTemplateName(task, templateNames),
      ir,
      step,
      settings,
      effective,
      inline
        ? { kind: 'inline', source: inline.get(step.name) as string }
        : { kind: 'volume' }
    );
    let chosen = template;
    if (!inline) {
      const { name: _name, ...shape } = template;
      void _name;
      const signature = JSON.stringify(shape);
      const known = bySignature.get(signature);
      if (known) {
        chosen = known;
      } else {
        bySignature.set(signature, template);
      }
    }
    if (chosen === template) {
      templates.push(template);
    }
    users.set(chosen, (users.get(chosen) ?? 0) + 1);
    entries.push({ step, task, template: chosen.name, codeInVolume: !inline });
  }
  // A template several steps share is named for what it is, not for its first step.
  let shared = 0;
  const renames = new Map<string, string>();
  for (const template of templates) {
    if ((users.get(template) ?? 0) > 1) {
      shared += 1;
      const name = `shared-step-${shared}`;
      renames.set(template.name, name);
      template.name = name;
    }
  }
  for (const entry of entries) {
    entry.template = renames.get(entry.template) ?? entry.template;
  }
  return { templates, entries };
}

/**
 * `step-<task>` in lower case: Argo names a step's pod after its workflow and template as they
 * are, and Kubernetes refuses a pod name with capitals (`step:LoadData`). Numbered where two
 * tasks differ only in case.
 */
function uniqueTemplateName(task: string, taken: Set<string>): string {
  const base = `step-${task.toLowerCase()}`;
  let name = base;
  for (let n = 2; taken.has(name); n++) {
    name = `${base}-${n}`;
  }
  taken.add(name);
  return name;
}

function volumes(input: IWorkflowInput): IVolume[] {
  const result: IVolume[] = [{ name: VOLUMES.tmp, emptyDir: {} }];
  if ('configMaps' in input.code) {
    result.push({
      name: VOLUMES.code,
      projected: {
        sources: input.code.configMaps.map(name => ({ configMap: { name } }))
      }
    });
  }
  result.push(...claimVolumes(input.settings));
  return result;
}

export function buildWorkflow(input: IWorkflowInput): IWorkflow {
  const { ir, settings } = input;
  const { templates, entries } = stepTemplates(input);
  const dags = dagTemplates(ir, entries, settings);
  const all: IArgoTemplate[] = [...dags, ...templates];
  if (all.length > MAX_TEMPLATES) {
    throw new UserError(
      `the Workflow needs ${all.length} templates, more than Argo's ${MAX_TEMPLATES}: ` +
        `${templates.length} distinct step templates (steps differ in image, resources, ` +
        'labels, retries, timeout or artifacts)',
      { notebook: ir.notebook }
    );
  }
  const spec: IWorkflowSpec = {
    entrypoint: ENTRYPOINT,
    automountServiceAccountToken:
      settings.security.automountServiceAccountToken,
    securityContext: podSecurityContext(settings.security),
    volumes: volumes(input),
    templates: all
  };
  // The notebook's parameters, then the runtime, carried once for every step.
  spec.arguments = {
    parameters: [
      ...ir.parameters.map(p => ({
        name: p.name,
        value: parameterText(p.default)
      })),
      { name: RUNTIME_PARAMETER, value: packedRuntime() }
    ]
  };
  if (settings.serviceAccount) {
    spec.serviceAccountName = settings.serviceAccount;
  }
  if (settings.imagePullSecrets.length) {
    spec.imagePullSecrets = settings.imagePullSecrets.map(name => ({ name }));
  }
  if (Object.keys(settings.nodeSelector).length) {
    spec.nodeSelector = { ...settings.nodeSelector };
  }
  if (settings.tolerations.length) {
    spec.tolerations = settings.tolerations.map(t => ({ ...t }));
  }
  const passesData = ir.steps.some(s => s.outputs.length > 0);
  if (settings.argo.dataPassing === 'volume' && passesData) {
    spec.volumeClaimTemplates = [
      {
        metadata: { name: VOLUMES.data },
        spec: {
          accessModes: [settings.argo.accessMode],
          resources: { requests: { storage: settings.argo.volumeSize } },
          ...(settings.argo.storageClass
            ? { storageClassName: settings.argo.storageClass }
            : {})
        }
      }
    ];
  }
  const annotations: Record<string, string> = {
    'cellpipe.dev/pipeline': ir.pipeline.name,
    'cellpipe.dev/notebook': ir.notebook,
    'cellpipe.dev/tasks': JSON.stringify(entries.map(e => e.task))
  };
  if (ir.pipeline.description) {
    annotations['workflows.argoproj.io/description'] = ir.pipeline.description;
  }
  return {
    apiVersion: 'argoproj.io/v1alpha1',
    kind: 'Workflow',
    metadata: {
      generateName: `${input.baseName}-`,
      labels: { ...input.labels },
      annotations
    },
    spec
  };
}

/** A parameter default as the string Argo passes and the step script converts back. */
export function parameterText(value: number | string | boolean): string {
  if (typeof value === 'boolean') {
    return value ? 'true' : 'false';
  }
  return String(value);
}
