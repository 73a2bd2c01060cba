/**
 * Task names for a target whose names are narrower than step names (Argo: no '_'; KFP: lower
 * case, no '_'). Two steps that would meet on one task name are refused, naming both.
 */
import { UserError } from '../errors';
import { IPipelineIR, IPipelineStep } from '../ir/pipeline';

export function uniqueTaskNames(
  ir: IPipelineIR,
  target: string,
  rule: string,
  taskName: (step: string) => string
): Map<string, string> {
  const tasks = new Map<string, string>();
  const owners = new Map<string, IPipelineStep>();
  for (const step of ir.steps) {
    const task = taskName(step.name);
    const clash = owners.get(task);
    if (clash) {
      throw new UserError(
        `steps '${clash.name}' and '${step.name}' both become the ${target} task '${task}' ` +
          `(${rule}); rename one of them`,
        { notebook: ir.notebook, cell: step.cells[0] }
      );
    }
    owners.set(task, step);
    tasks.set(step.name, task);
  }
  return tasks;
}
