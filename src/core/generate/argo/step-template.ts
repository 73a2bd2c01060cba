/**
 * One step's Argo template: the step script's container with the pod security of the settings,
 * the step's resources, retries, timeout, labels and annotations, and its data passing.
 */
import { IPipelineIR, IPipelineStep } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { containerSecurityContext } from '../../settings/security';
import { IEffectiveStepSettings } from '../../settings/step-settings';
import {
  IArtifactPath,
  IResources,
  IStepContainer,
  IStepTemplate,
  IVolumeMount,
  PATHS,
  VOLUMES
} from './model';
import { packedCommand, RUNTIME_PARAMETER } from '../packed-script';
import { claimMounts } from './claim-volumes';

/** Where the step's code (its packed program, src/core/generate/packed-script.ts) comes from. */
export type CodePlacement =
  { kind: 'inline'; source: string } | { kind: 'volume' };

/** The template parameter that names the script in the code volume. */
export const STEP_PARAMETER = 'step';

function resources(settings: IEffectiveStepSettings): IResources | undefined {
  const result: IResources = {};
  if (Object.keys(settings.limits).length) {
    result.limits = { ...settings.limits };
  }
  if (Object.keys(settings.requests).length) {
    result.requests = { ...settings.requests };
  }
  return result.limits || result.requests ? result : undefined;
}

function scriptArguments(
  ir: IPipelineIR,
  step: IPipelineStep,
  settings: IPipelineSettings
): string[] {
  // The packed runtime first: the step's program checks it, removes it and runs it.
  const args: string[] = [`{{workflow.parameters.${RUNTIME_PARAMETER}}}`];
  if (settings.argo.dataPassing === 'volume') {
    if (step.inputs.length || step.outputs.length) {
      args.push('--data-root', PATHS.data);
    }
  } else {
    for (const name of step.inputs) {
      args.push('--input', `${name}=${PATHS.artifactsIn}/${name}`);
    }
    for (const name of step.outputs) {
      args.push('--output', `${name}=${PATHS.artifactsOut}/${name}`);
    }
  }
  for (const parameter of ir.parameters) {
    args.push(
      '--param',
      `${parameter.name}={{workflow.parameters.${parameter.name}}}`
    );
  }
  if (step.metrics.length) {
    args.push('--metrics', PATHS.metrics);
  }
  return args;
}

function volumeMounts(
  step: IPipelineStep,
  settings: IPipelineSettings,
  code: CodePlacement
): IVolumeMount[] {
  const mounts: IVolumeMount[] = [{ name: VOLUMES.tmp, mountPath: PATHS.tmp }];
  const passesData = step.inputs.length > 0 || step.outputs.length > 0;
  if (settings.argo.dataPassing === 'volume' && passesData) {
    mounts.push({ name: VOLUMES.data, mountPath: PATHS.data });
  }
  if (code.kind === 'volume') {
    mounts.push({
      name: VOLUMES.code,
      mountPath: PATHS.code,
      readOnly: true
    });
  }
  mounts.push(...claimMounts(settings));
  return mounts;
}

function artifacts(
  names: string[],
  directory: string
): IArtifactPath[] | undefined {
  return names.length
    ? names.map(name => ({ name, path: `${directory}/${name}` }))
    : undefined;
}

/**
 * The template for `step`. With code in the volume, the script's file is chosen by the
 * `step` input parameter, so steps that differ only in their code share one template.
 */
export function stepTemplate(
  name: string,
  ir: IPipelineIR,
  step: IPipelineStep,
  settings: IPipelineSettings,
  effective: IEffectiveStepSettings,
  code: CodePlacement
): IStepTemplate {
  // Inline code runs from the container's command, never as a `script` template: Argo appends
  // a script template's file after its args, and substitutes `{{…}}` in its source.
  const container: IStepContainer = {
    image: effective.image,
    command:
      code.kind === 'inline'
        ? packedCommand(code.source)
        : [
            'python3',
            `${PATHS.code}/{{inputs.parameters.${STEP_PARAMETER}}}.py`
          ],
    args: scriptArguments(ir, step, settings),
    env: [
      { name: 'HOME', value: PATHS.tmp },
      { name: 'PYTHONUNBUFFERED', value: '1' }
    ],
    securityContext: containerSecurityContext(settings.security),
    volumeMounts: volumeMounts(step, settings, code)
  };
  const limits = resources(effective);
  if (limits) {
    container.resources = limits;
  }
  const template: IStepTemplate = { name, container };
  const labels = effective.labels;
  const annotations = effective.annotations;
  if (Object.keys(labels).length || Object.keys(annotations).length) {
    template.metadata = {};
    if (Object.keys(labels).length) {
      template.metadata.labels = { ...labels };
    }
    if (Object.keys(annotations).length) {
      template.metadata.annotations = { ...annotations };
    }
  }
  const inputArtifacts =
    settings.argo.dataPassing === 'artifacts'
      ? artifacts(step.inputs, PATHS.artifactsIn)
      : undefined;
  if (code.kind === 'volume' || inputArtifacts) {
    template.inputs = {};
    if (code.kind === 'volume') {
      template.inputs.parameters = [{ name: STEP_PARAMETER }];
    }
    if (inputArtifacts) {
      template.inputs.artifacts = inputArtifacts;
    }
  }
  const outputArtifacts =
    settings.argo.dataPassing === 'artifacts'
      ? artifacts(step.outputs, PATHS.artifactsOut)
      : undefined;
  if (step.metrics.length || outputArtifacts) {
    template.outputs = {};
    if (step.metrics.length) {
      template.outputs.parameters = [
        {
          name: 'metrics',
          valueFrom: { path: PATHS.metrics, default: '{}' }
        }
      ];
    }
    if (outputArtifacts) {
      template.outputs.artifacts = outputArtifacts;
    }
  }
  if (effective.retries !== undefined && effective.retries > 0) {
    template.retryStrategy = { limit: String(effective.retries) };
  }
  if (effective.timeoutSeconds !== undefined) {
    template.activeDeadlineSeconds = String(effective.timeoutSeconds);
  }
  return template;
}
