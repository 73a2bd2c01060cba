/**
 * KFP names, as the KFP SDK makes them: tasks lower-case with '-' for '_', components
 * `comp-<task>`, executors `exec-<task>`. Two steps that would meet on one name are refused.
 */
import { UserError } from '../../errors';
import { IPipelineIR, IPipelineStep } from '../../ir/pipeline';

export function kfpTaskName(step: string): string {
  return step.toLowerCase().replace(/_/g, '-');
}

export function kfpTaskNames(ir: IPipelineIR): Map<string, string> {
  const tasks = new Map<string, string>();
  const owners = new Map<string, IPipelineStep>();
  for (const step of ir.steps) {
    const task = kfpTaskName(step.name);
    const clash = owners.get(task);
    if (clash) {
      throw new UserError(
        `steps '${clash.name}' and '${step.name}' both become the KFP task '${task}' ` +
          "(KFP names are lower case, with '-' for '_'); rename one of them",
        { notebook: ir.notebook, cell: step.cells[0] }
      );
    }
    owners.set(task, step);
    tasks.set(step.name, task);
  }
  return tasks;
}
