/**
 * The PipelineSpec (KFP IR, schemaVersion 2.1.0; ../shared/schemas/kfp-2.17/pipeline_spec.proto):
 * one component and executor per step running the step script, variables passed as artifacts,
 * parameters typed, metrics as a system.Metrics artifact, retries and caching per task.
 */
import { IPipelineIR, IPipelineStep, ParameterType } from '../../ir/pipeline';
import { IEffectiveStepSettings } from '../../settings/step-settings';
import { UserError } from '../../errors';
import {
  packedCommand,
  packedRuntime,
  RUNTIME_PARAMETER
} from '../packed-script';

export const METRICS_ARTIFACT = 'metrics';

/**
 * The name of a step's system.Metrics output: `metrics`, unless the step also hands on a
 * variable of that name (whose artifact has it), then `cellpipe_metrics` (numbered if need be).
 */
export function metricsArtifactName(step: IPipelineStep): string {
  if (!step.outputs.includes(METRICS_ARTIFACT)) {
    return METRICS_ARTIFACT;
  }
  let name = 'cellpipe_metrics';
  for (let n = 2; step.outputs.includes(name); n++) {
    name = `cellpipe_metrics_${n}`;
  }
  return name;
}

const PARAMETER_TYPES: Record<ParameterType, string> = {
  int: 'NUMBER_INTEGER',
  float: 'NUMBER_DOUBLE',
  str: 'STRING',
  bool: 'BOOLEAN'
};

const artifactType = (title: string) => ({
  artifactType: { schemaTitle: title, schemaVersion: '0.0.1' }
});

export interface IKfpStepInput {
  step: IPipelineStep;
  task: string;
  settings: IEffectiveStepSettings;
  /** The step's own part of its script (the runtime is the pipeline's runtime parameter). */
  script: string;
}

/** The notebook's parameters, then the runtime parameter every step takes. */
function parameterDefinitions(ir: IPipelineIR) {
  return Object.fromEntries([
    ...ir.parameters.map(p => [
      p.name,
      { parameterType: PARAMETER_TYPES[p.type] }
    ]),
    [RUNTIME_PARAMETER, { parameterType: 'STRING' }]
  ]);
}

function component(ir: IPipelineIR, input: IKfpStepInput) {
  const { step, task } = input;
  const definition: Record<string, unknown> = { executorLabel: `exec-${task}` };
  const inputs: Record<string, unknown> = {};
  if (step.inputs.length) {
    inputs.artifacts = Object.fromEntries(
      step.inputs.map(name => [name, artifactType('system.Artifact')])
    );
  }
  inputs.parameters = parameterDefinitions(ir);
  definition.inputDefinitions = inputs;
  const outputs: [string, object][] = step.outputs.map(name => [
    name,
    artifactType('system.Artifact')
  ]);
  if (step.metrics.length) {
    outputs.push([metricsArtifactName(step), artifactType('system.Metrics')]);
  }
  if (outputs.length) {
    definition.outputDefinitions = { artifacts: Object.fromEntries(outputs) };
  }
  return definition;
}

function scriptArguments(ir: IPipelineIR, step: IPipelineStep): string[] {
  // The packed runtime first: the step's program checks it, removes it and runs it.
  const args: string[] = [`{{$.inputs.parameters['${RUNTIME_PARAMETER}']}}`];
  for (const name of step.inputs) {
    args.push('--input', `${name}={{$.inputs.artifacts['${name}'].path}}`);
  }
  for (const name of step.outputs) {
    args.push('--output', `${name}={{$.outputs.artifacts['${name}'].path}}`);
  }
  for (const p of ir.parameters) {
    args.push('--param', `${p.name}={{$.inputs.parameters['${p.name}']}}`);
  }
  if (step.metrics.length) {
    args.push(
      '--metrics',
      `{{$.outputs.artifacts['${metricsArtifactName(step)}'].path}}`
    );
  }
  if (step.outputs.length || step.metrics.length) {
    // The whole executor input: the script lists its output artifacts in the executor output
    // file it names, as KFP's own components do (kfp.local reads a task's outputs only from
    // there), with the metrics as the Metrics artifact's metadata, which the KFP UI shows.
    args.push('--kfp-executor-input', '{{$}}');
  }
  return args;
}

function resources(settings: IEffectiveStepSettings) {
  const result: Record<string, unknown> = {};
  const fields: [Record<string, string>, string, string][] = [
    [settings.limits, 'cpu', 'resourceCpuLimit'],
    [settings.limits, 'memory', 'resourceMemoryLimit'],
    [settings.requests, 'cpu', 'resourceCpuRequest'],
    [settings.requests, 'memory', 'resourceMemoryRequest']
  ];
  for (const [map, key, field] of fields) {
    if (map[key] !== undefined) {
      result[field] = map[key];
    }
  }
  const accelerator = Object.keys(settings.limits).find(key =>
    key.includes('/')
  );
  if (accelerator) {
    result.accelerator = {
      resourceType: accelerator,
      resourceCount: settings.limits[accelerator]
    };
  }
  return Object.keys(result).length ? result : undefined;
}

/**
 * KFP carries a step's code in its container's command, and Linux starts no program whose
 * arguments pass about 2 MiB in all (with the default 8 MiB stack); past this, the step is
 * refused at compile time instead of failing to start.
 */
export const KFP_COMMAND_LIMIT = 1024 * 1024;

function stepCommand(ir: IPipelineIR, input: IKfpStepInput): string[] {
  const command = packedCommand(input.script);
  const size = command.reduce((total, part) => total + part.length, 0);
  if (size > KFP_COMMAND_LIMIT) {
    throw new UserError(
      `step '${input.step.name}' is ${Math.ceil(size / 1024)} KiB of packed code, more than ` +
        `the ${KFP_COMMAND_LIMIT / 1024} KiB a KFP step's command can carry; split the step, ` +
        'or move data out of the code (or the modules it ships) into files the step reads',
      { notebook: ir.notebook, cell: input.step.cells[0] }
    );
  }
  return command;
}

function executor(ir: IPipelineIR, input: IKfpStepInput) {
  const container: Record<string, unknown> = {
    image: input.settings.image,
    command: stepCommand(ir, input),
    args: scriptArguments(ir, input.step),
    env: [
      { name: 'HOME', value: '/tmp' },
      { name: 'PYTHONUNBUFFERED', value: '1' }
    ]
  };
  const limits = resources(input.settings);
  if (limits) {
    container.resources = limits;
  }
  return { container };
}

function task(
  ir: IPipelineIR,
  input: IKfpStepInput,
  tasks: Map<string, string>
) {
  const { step } = input;
  const entry: Record<string, unknown> = {
    cachingOptions: { enableCache: input.settings.cache ?? true },
    componentRef: { name: `comp-${input.task}` }
  };
  if (step.after.length) {
    entry.dependentTasks = step.after.map(name => tasks.get(name) as string);
  }
  const inputs: Record<string, unknown> = {};
  if (step.inputs.length) {
    inputs.artifacts = Object.fromEntries(
      step.inputs.map(name => [
        name,
        {
          taskOutputArtifact: {
            outputArtifactKey: name,
            producerTask: tasks.get(step.producers[name]) as string
          }
        }
      ])
    );
  }
  inputs.parameters = Object.fromEntries(
    [...ir.parameters.map(p => p.name), RUNTIME_PARAMETER].map(name => [
      name,
      { componentInputParameter: name }
    ])
  );
  entry.inputs = inputs;
  if (input.settings.retries) {
    entry.retryPolicy = { maxRetryCount: input.settings.retries };
  }
  entry.taskInfo = { name: input.task };
  return entry;
}

export function pipelineSpec(
  ir: IPipelineIR,
  name: string,
  steps: IKfpStepInput[],
  tasks: Map<string, string>,
  sdkVersion: string
): Record<string, unknown> {
  const root: Record<string, unknown> = {
    dag: {
      tasks: Object.fromEntries(steps.map(s => [s.task, task(ir, s, tasks)]))
    }
  };
  // The runtime is carried once, as an optional parameter whose default is the packed runtime.
  root.inputDefinitions = {
    parameters: Object.fromEntries([
      ...ir.parameters.map(p => [
        p.name,
        {
          defaultValue: p.default,
          isOptional: true,
          parameterType: PARAMETER_TYPES[p.type]
        }
      ]),
      [
        RUNTIME_PARAMETER,
        {
          defaultValue: packedRuntime(),
          isOptional: true,
          parameterType: 'STRING'
        }
      ]
    ])
  };
  // The name is the KFP-safe form; the name as the user wrote it is the display name.
  const info: Record<string, string> = { name };
  if (ir.pipeline.name !== name) {
    info.displayName = ir.pipeline.name;
  }
  if (ir.pipeline.description) {
    info.description = ir.pipeline.description;
  }
  return {
    components: Object.fromEntries(
      steps.map(s => [`comp-${s.task}`, component(ir, s)])
    ),
    deploymentSpec: {
      executors: Object.fromEntries(
        steps.map(s => [`exec-${s.task}`, executor(ir, s)])
      )
    },
    pipelineInfo: info,
    root,
    schemaVersion: '2.1.0',
    sdkVersion
  };
}
