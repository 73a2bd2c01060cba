/**
 * Parameter values for a cluster run (the lab's and `cellpipe submit --param`'s), checked
 * against the notebook's declared parameters and typed as a local run's are: an unknown name or a
 * bad value is refused before anything is submitted. No prototype: parameters may be named
 * `constructor` or `__proto__`.
 */
import { IPipelineIR } from '../../core/ir/pipeline';
import { parameterText } from '../../core/generate/argo/workflow';
import { resolveParameters } from '../local/params';
import { refuseTemplateSyntax } from '../../core/generate/template-syntax';

export type ParameterValues = Record<string, string | number | boolean>;

/** The given values (a map, or `NAME=VALUE` strings), checked and typed. */
export function checkedParameters(
  ir: IPipelineIR,
  given: ParameterValues | string[]
): ParameterValues {
  const typed = resolveParameters(ir, given).values;
  const names = Array.isArray(given)
    ? given.map(text => text.slice(0, text.indexOf('=')))
    : Object.keys(given);
  const checked: ParameterValues = Object.create(null);
  for (const name of names) {
    const value = typed[name];
    if (typeof value === 'string') {
      // The orchestrator substitutes the value into the step's arguments (design §5).
      refuseTemplateSyntax(value, `the value of parameter '${name}'`, {
        notebook: ir.notebook
      });
    }
    checked[name] = value;
  }
  return checked;
}

/** Sets the Workflow's arguments to the run's parameter values. */
export function withParameters(
  workflow: Record<string, unknown>,
  values: ParameterValues
): void {
  const spec = workflow.spec as {
    arguments?: { parameters?: { name: string; value: string }[] };
  };
  for (const parameter of spec.arguments?.parameters ?? []) {
    if (Object.hasOwn(values, parameter.name)) {
      parameter.value = parameterText(values[parameter.name]);
    }
  }
}
