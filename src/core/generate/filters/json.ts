/**
 * The `json` filter: a value as JSON text. JSON is valid YAML (flow style), so this is also
 * how values enter YAML documents. Characters that YAML 1.1 readers (PyYAML, the kfp SDK)
 * fold or refuse inside double-quoted scalars are written as `\uXXXX` escapes, which mean
 * the same in JSON and YAML.
 */
import { UserError } from '../../errors';

/** DEL, C1 controls (NEL included), line/paragraph separators, BOM and the BMP non-characters. */
const YAML_UNSAFE = /[\u007f-\u009f\u2028\u2029\ufeff\ufffe\uffff]/g;

function escapeUnit(char: string): string {
  return '\\u' + char.charCodeAt(0).toString(16).padStart(4, '0');
}

/** Refuses what JSON cannot say faithfully (undefined, NaN, functions...) instead of dropping it. */
function checkJsonValue(value: unknown, path: string): void {
  if (
    value === null ||
    typeof value === 'string' ||
    typeof value === 'boolean'
  ) {
    return;
  }
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) {
      throw new UserError(
        `${path} is ${value}, which JSON and YAML cannot carry`
      );
    }
    return;
  }
  if (Array.isArray(value)) {
    value.forEach((item, index) => checkJsonValue(item, `${path}[${index}]`));
    return;
  }
  if (isPlainObject(value)) {
    for (const [key, item] of Object.entries(value as object)) {
      checkJsonValue(item, `${path}.${key}`);
    }
    return;
  }
  throw new UserError(
    `${path} is ${value === undefined ? 'undefined' : `a ${typeof value}`}: only plain JSON data can be rendered`
  );
}

/** `value` as one line of JSON text (valid YAML flow). */
export function toJsonText(value: unknown, what = 'value'): string {
  checkJsonValue(value, what);
  return JSON.stringify(value).replace(YAML_UNSAFE, escapeUnit);
}

/** A plain data object: `{...}` or `Object.create(null)`, not a Date, Map or class instance. */
export function isPlainObject(
  value: unknown
): value is Record<string, unknown> {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) {
    return false;
  }
  const prototype = Object.getPrototypeOf(value);
  return prototype === Object.prototype || prototype === null;
}
