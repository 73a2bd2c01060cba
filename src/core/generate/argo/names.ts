/**
 * Names in the Workflow. Argo's template and task names allow letters, digits and '-' only;
 * parameter and artifact names letters, digits, '_' and '-'. Step names (design §3) may hold
 * '_', so a task is the step's name with '_' written '-'; two steps that would meet on one task
 * name are refused, as is a variable or parameter name Argo cannot carry.
 */
import { UserError } from '../../errors';
import { withoutAccents } from '../../without-accents';
import { IPipelineIR } from '../../ir/pipeline';
import { uniqueTaskNames } from '../task-names';

/** Argo parameter and artifact names. */
const ARGO_VALUE_NAME = /^[A-Za-z0-9_-]+$/;

export function taskName(step: string): string {
  return step.replace(/_/g, '-');
}

/** The task name of each step, checked for clashes. */
export function taskNames(ir: IPipelineIR): Map<string, string> {
  return uniqueTaskNames(
    ir,
    'Argo',
    "Argo names allow '-' but not '_'",
    taskName
  );
}

/** Refuses variable and parameter names Argo cannot carry (non-ASCII identifiers). */
export function checkArgoNames(ir: IPipelineIR): void {
  for (const parameter of ir.parameters) {
    if (!ARGO_VALUE_NAME.test(parameter.name)) {
      throw new UserError(
        `parameter '${parameter.name}': Argo parameter names allow only ASCII letters, digits, '_' and '-'`,
        { notebook: ir.notebook, cell: parameter.cell, line: parameter.line }
      );
    }
  }
  for (const step of ir.steps) {
    for (const name of [...step.inputs, ...step.outputs]) {
      if (!ARGO_VALUE_NAME.test(name)) {
        throw new UserError(
          `step '${step.name}' passes variable '${name}', but Argo artifact names allow only ` +
            "ASCII letters, digits, '_' and '-'; rename the variable",
          { notebook: ir.notebook, cell: step.cells[0] }
        );
      }
    }
  }
}

/**
 * The Workflow's base name, from the pipeline name: a display name, so it is normalized to a
 * DNS label (the original stays in an annotation), accents dropped as step names from headings
 * drop them (`Données été` → `donnees-ete`). A name with no ASCII letter or digit left
 * (`データ分析`, `???`) takes the notebook's file name instead, and `pipeline` after that.
 */
export function workflowBaseName(ir: IPipelineIR): string {
  const fileName = ir.notebook.split(/[\\/]/).pop() ?? '';
  return (
    dnsLabel(ir.pipeline.name) ||
    dnsLabel(fileName.replace(/\.ipynb$/, '')) ||
    'pipeline'
  );
}

/** `text` as the start of a DNS label (45 characters at most), or '' when nothing is left. */
function dnsLabel(text: string): string {
  const label = withoutAccents(text)
    .toLowerCase()
    .replace(/[^a-z0-9-]+/g, '-')
    .replace(/-+/g, '-')
    .replace(/^-+/, '')
    .slice(0, 45)
    .replace(/-+$/, '');
  return /^[a-z0-9]/.test(label) ? label : '';
}
