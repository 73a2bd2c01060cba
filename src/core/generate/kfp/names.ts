/**
 * KFP names, as the KFP SDK makes them: tasks lower-case with '-' for '_', components
 * `comp-<task>`, executors `exec-<task>`. Two steps that would meet on one name are refused.
 */
import { UserError } from '../../errors';
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

/** KFP parameter and artifact names, as the KFP SDK makes them: Python identifiers in ASCII. */
const KFP_VALUE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/;

/** Refuses variable and parameter names KFP cannot carry (non-ASCII identifiers). */
export function checkKfpNames(ir: IPipelineIR): void {
  for (const parameter of ir.parameters) {
    if (!KFP_VALUE_NAME.test(parameter.name)) {
      throw new UserError(
        `parameter '${parameter.name}': KFP parameter names allow only ASCII letters, digits and '_'`,
        { notebook: ir.notebook, cell: parameter.cell, line: parameter.line }
      );
    }
  }
  for (const step of ir.steps) {
    for (const name of [...step.inputs, ...step.outputs]) {
      if (!KFP_VALUE_NAME.test(name)) {
        throw new UserError(
          `step '${step.name}' passes variable '${name}', but KFP artifact names allow only ` +
            "ASCII letters, digits and '_'; rename the variable",
          { notebook: ir.notebook, cell: step.cells[0] }
        );
      }
    }
  }
}
