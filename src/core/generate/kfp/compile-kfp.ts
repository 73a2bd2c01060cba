/**
 * The KFP v2 target (issue 3, design §5): the PipelineSpec, then its Kubernetes platform document,
 * as the KFP SDK writes them with kfp-kubernetes. Computed here as data; the templates lay it
 * out, every value through a serializing filter.
 */
import pipelineTemplate from '../../../../templates/kfp/pipeline.yaml.njk';
import platformTemplate from '../../../../templates/kfp/platform.yaml.njk';
import { UserError } from '../../errors';
import { IPipelineIR } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { stepSettings } from '../../settings/step-settings';
import { ICompiled } from '../compiled';
import { assertClusterStepCount } from '../step-limit';
import { registerTemplates, renderTemplate } from '../environment';
import { renderStepScriptParts } from '../step-script';
import { workflowBaseName } from '../argo/names';
import { checkKfpNames, kfpTaskNames } from './names';
import { IKfpStepInput, pipelineSpec } from './pipeline-spec';
import { platformSpec } from './platform-spec';
import { VERSION_FOR_DOCUMENTS } from './sdk-version';

registerTemplates({
  'kfp/pipeline.yaml.njk': pipelineTemplate,
  'kfp/platform.yaml.njk': platformTemplate
});

/** KFP has fields for CPU, memory and one accelerator (`vendor/resource`) only. */
function checkResources(ir: IPipelineIR, input: IKfpStepInput): void {
  const where = { notebook: ir.notebook, cell: input.step.cells[0] };
  const accelerators = Object.keys(input.settings.limits).filter(k =>
    k.includes('/')
  );
  const unknown = [
    ...Object.keys(input.settings.limits).filter(
      k => k !== 'cpu' && k !== 'memory' && !k.includes('/')
    ),
    ...Object.keys(input.settings.requests).filter(
      k => k !== 'cpu' && k !== 'memory'
    )
  ];
  if (unknown.length) {
    throw new UserError(
      `step '${input.step.name}': KFP cannot set the resource '${unknown[0]}' ` +
        '(only cpu, memory and one accelerator limit such as nvidia.com/gpu)',
      where
    );
  }
  if (accelerators.length > 1) {
    throw new UserError(
      `step '${input.step.name}': KFP takes one accelerator per step, not ${accelerators.join(' and ')}`,
      where
    );
  }
}

/** KFP's platform spec mounts a claim read-write only; never mount one weaker than asked. */
function checkVolumes(ir: IPipelineIR, settings: IPipelineSettings): void {
  const index = settings.volumes.findIndex(volume => volume.readOnly);
  if (index >= 0) {
    const volume = settings.volumes[index];
    throw new UserError(
      `volumes[${index}] (claim '${volume.claim}' at ${volume.mountPath}) is readOnly, and KFP ` +
        'cannot mount a volume read-only (its Kubernetes platform spec has no such field): ' +
        'drop readOnly to mount it read-write, or compile for Argo',
      { notebook: ir.notebook }
    );
  }
}

export function buildKfpDocuments(
  ir: IPipelineIR,
  settings: IPipelineSettings
): [Record<string, unknown>, Record<string, unknown>] {
  checkVolumes(ir, settings);
  checkKfpNames(ir);
  const tasks = kfpTaskNames(ir);
  const steps: IKfpStepInput[] = ir.steps.map(step => ({
    step,
    task: tasks.get(step.name) as string,
    settings: stepSettings(settings, step, ir.notebook),
    script: renderStepScriptParts(ir, step, { metricsFormat: 'kfp-v1' }).step
  }));
  steps.forEach(input => checkResources(ir, input));
  const name = workflowBaseName(ir);
  return [
    pipelineSpec(ir, name, steps, tasks, VERSION_FOR_DOCUMENTS),
    platformSpec(settings, steps)
  ];
}

export function compileKfp(
  ir: IPipelineIR,
  settings: IPipelineSettings
): ICompiled {
  assertClusterStepCount(ir, 'KFP');
  const [spec, platform] = buildKfpDocuments(ir, settings);
  const text =
    renderTemplate('kfp/pipeline.yaml.njk', {
      spec,
      parameters: ir.parameters
    }) +
    '---\n' +
    renderTemplate('kfp/platform.yaml.njk', { platform });
  return { target: 'kfp', documents: [spec, platform], text };
}
