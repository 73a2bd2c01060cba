/**
 * The DAG: one task per step, depending on the step's `after`. Argo's CRD allows at most 200
 * tasks in a DAG, so a longer pipeline is cut, in notebook order, into parts of at most 200
 * steps; the entrypoint DAG runs the parts, each after the parts holding its steps' `after`.
 */
import { UserError } from '../../errors';
import { IPipelineIR, IPipelineStep } from '../../ir/pipeline';
import { IPipelineSettings } from '../../settings/resolved';
import { IDagTask, IDagTemplate } from './model';
import { STEP_PARAMETER } from './step-template';

export const ENTRYPOINT = 'pipeline';
export const MAX_DAG_TASKS = 200;

export interface IStepTask {
  step: IPipelineStep;
  task: string;
  template: string;
  /** The template picks the script from the code volume by the `step` parameter. */
  codeInVolume: boolean;
}

function stepTask(
  entry: IStepTask,
  taskOf: Map<string, string>,
  inPart: Set<string>,
  settings: IPipelineSettings
): IDagTask {
  const task: IDagTask = { name: entry.task, template: entry.template };
  const dependencies = entry.step.after
    .filter(name => inPart.has(name))
    .map(name => taskOf.get(name) as string);
  if (dependencies.length) {
    task.dependencies = dependencies;
  }
  const parameters = entry.codeInVolume
    ? [{ name: STEP_PARAMETER, value: entry.step.name }]
    : [];
  const artifacts =
    settings.argo.dataPassing === 'artifacts'
      ? entry.step.inputs.map(name => {
          const producer = entry.step.producers[name];
          return {
            name,
            from: `{{tasks.${taskOf.get(producer)}.outputs.artifacts.${name}}}`
          };
        })
      : [];
  if (parameters.length || artifacts.length) {
    task.arguments = {};
    if (parameters.length) {
      task.arguments.parameters = parameters;
    }
    if (artifacts.length) {
      task.arguments.artifacts = artifacts;
    }
  }
  return task;
}

/** The number of DAG templates `steps` steps need (1, or the parts plus the entrypoint). */
export function dagTemplateCount(steps: number): number {
  return steps <= MAX_DAG_TASKS ? 1 : Math.ceil(steps / MAX_DAG_TASKS) + 1;
}

export function dagTemplates(
  ir: IPipelineIR,
  entries: IStepTask[],
  settings: IPipelineSettings
): IDagTemplate[] {
  const taskOf = new Map(entries.map(e => [e.step.name, e.task]));
  if (entries.length <= MAX_DAG_TASKS) {
    const all = new Set(entries.map(e => e.step.name));
    return [
      {
        name: ENTRYPOINT,
        dag: { tasks: entries.map(e => stepTask(e, taskOf, all, settings)) }
      }
    ];
  }
  const parts: IStepTask[][] = [];
  for (let i = 0; i < entries.length; i += MAX_DAG_TASKS) {
    parts.push(entries.slice(i, i + MAX_DAG_TASKS));
  }
  const partOf = new Map<string, number>();
  parts.forEach((part, index) =>
    part.forEach(e => partOf.set(e.step.name, index))
  );
  const partTemplates: IDagTemplate[] = [];
  const partTasks: IDagTask[] = [];
  parts.forEach((part, index) => {
    const inPart = new Set(part.map(e => e.step.name));
    for (const entry of part) {
      const crossing = entry.step.inputs.filter(
        name => !inPart.has(entry.step.producers[name])
      );
      if (settings.argo.dataPassing === 'artifacts' && crossing.length) {
        throw new UserError(
          `step '${entry.step.name}' takes '${crossing[0]}' from a step more than ` +
            `${MAX_DAG_TASKS} steps away, which Argo artifacts cannot reach across DAG parts; ` +
            'use argo.dataPassing "volume"',
          { notebook: ir.notebook, cell: entry.step.cells[0] }
        );
      }
    }
    const name = `${ENTRYPOINT}-part-${index + 1}`;
    partTemplates.push({
      name,
      dag: { tasks: part.map(e => stepTask(e, taskOf, inPart, settings)) }
    });
    const needs = new Set<number>();
    for (const entry of part) {
      for (const before of entry.step.after) {
        const other = partOf.get(before) as number;
        if (other !== index) {
          needs.add(other);
        }
      }
    }
    const task: IDagTask = { name: `part-${index + 1}`, template: name };
    if (needs.size) {
      task.dependencies = [...needs]
        .sort((a, b) => a - b)
        .map(other => `part-${other + 1}`);
    }
    partTasks.push(task);
  });
  return [{ name: ENTRYPOINT, dag: { tasks: partTasks } }, ...partTemplates];
}
