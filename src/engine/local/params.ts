/**
 * `--param NAME=VALUE` overrides, checked against the notebook's declared pipeline parameters
 * with the same conversions the step script applies, so a bad value fails before anything runs.
 */
import { pythonName } from '../../core/analysis/python-name';
import { UserError } from '../../core/errors';
import { pythonFloatValue, pythonIntValue } from '../../core/ir/python-numbers';
import {
  IPipelineIR,
  IPipelineParameter,
  ParameterValue
} from '../../core/ir/pipeline';

export interface IParameterValues {
  /** Every parameter's value for this run (defaults, then overrides), typed. */
  values: Record<string, ParameterValue>;
  /** The overrides as strings for the step scripts' `--param NAME=RAW`. */
  overrides: Record<string, string>;
}

/** A Map: a value such as `constructor` must not find Object.prototype. */
const BOOLEANS = new Map<string, boolean>([
  ['true', true],
  ['1', true],
  ['false', false],
  ['0', false]
]);

export function convertParameter(
  parameter: IPipelineParameter,
  raw: string
): ParameterValue {
  const text = raw.trim();
  const fail = (expected: string): never => {
    throw new UserError(
      `bad value for parameter '${parameter.name}' (${parameter.type}): ${JSON.stringify(raw)} is not ${expected}`
    );
  };
  switch (parameter.type) {
    case 'int': {
      const value = pythonIntValue(text);
      if (value === null) {
        return fail('an integer');
      }
      // Beyond 2^53 a number is no longer exact (1e+23 would be stored), as for defaults.
      return Number.isSafeInteger(value)
        ? value
        : fail(`an integer within ±${Number.MAX_SAFE_INTEGER}`);
    }
    case 'float':
      return pythonFloatValue(text) ?? fail('a finite number');
    case 'bool': {
      const value = BOOLEANS.get(text.toLowerCase());
      return value === undefined ? fail('true, false, 1 or 0') : value;
    }
    default:
      return raw;
  }
}

/** The run's parameter values from `NAME=VALUE` strings (or an already split map). */
export function resolveParameters(
  ir: IPipelineIR,
  given: string[] | Record<string, string | number | boolean>
): IParameterValues {
  const pairs: [string, string][] = Array.isArray(given)
    ? given.map(text => {
        const equals = text.indexOf('=');
        if (equals <= 0) {
          throw new UserError(
            `--param expects NAME=VALUE, got ${JSON.stringify(text)}`
          );
        }
        return [pythonName(text.slice(0, equals)), text.slice(equals + 1)];
      })
    : Object.entries(given).map(([name, value]) => [
        pythonName(name),
        String(value)
      ]);
  // No prototype: a parameter may be named `__proto__` or `constructor` (Python allows it).
  const values: Record<string, ParameterValue> = Object.create(null);
  ir.parameters.forEach(p => (values[p.name] = p.default));
  const overrides: Record<string, string> = Object.create(null);
  for (const [name, raw] of pairs) {
    const parameter = ir.parameters.find(p => p.name === name);
    if (!parameter) {
      const declared = ir.parameters.map(p => p.name).join(', ');
      throw new UserError(
        `unknown parameter '${name}'; ${declared ? `the notebook declares: ${declared}` : 'the notebook declares no pipeline parameters (tag a cell pipeline-parameters)'}`,
        { notebook: ir.notebook }
      );
    }
    if (name in overrides) {
      throw new UserError(`parameter '${name}' is given twice`);
    }
    values[name] = convertParameter(parameter, raw);
    overrides[name] = parameter.type === 'str' ? raw : raw.trim();
  }
  return { values, overrides };
}
