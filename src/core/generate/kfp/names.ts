/**
 * KFP names, as the KFP SDK makes them: tasks lower-case with '-' for '_', components
 * `comp-<task>`, executors `exec-<task>`. Two steps that would meet on one name are refused.
 */
import { IPipelineIR } from '../../ir/pipeline';
import { uniqueTaskNames } from '../task-names';

export function kfpTaskName(step: string): string {
  return step.toLowerCase().replace(/_/g, '-');
}

export function kfpTaskNames(ir: IPipelineIR): Map<string, string> {
  return uniqueTaskNames(
    ir,
    'KFP',
    "KFP names are lower case, with '-' for '_'",
    kfpTaskName
  );
}
