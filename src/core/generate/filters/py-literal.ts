/**
 * The `pyLiteral` and `pyText` filters: values as Python source literals. Every string is
 * escaped character by character, so no input can end the literal or change the code around it.
 */
import { UserError } from '../../errors';
import { ParameterType } from '../../ir/pipeline';
import { isPlainObject } from './json';

/** Quote, backslash, controls, format characters (bidi, BOM), lone surrogates, separators, unassigned. */
const ESCAPED = /[\\'\p{Cc}\p{Cf}\p{Cs}\p{Zl}\p{Zp}\p{Cn}]/gu;

const SHORT_ESCAPES: Record<string, string> = {
  '\\': '\\\\',
  "'": "\\'",
  '\n': '\\n',
  '\r': '\\r',
  '\t': '\\t'
};

function escapeCodePoint(char: string): string {
  const short = SHORT_ESCAPES[char];
  if (short !== undefined) {
    return short;
  }
  const code = char.codePointAt(0)!;
  if (code <= 0xff) {
    return '\\x' + code.toString(16).padStart(2, '0');
  }
  if (code <= 0xffff) {
    return '\\u' + code.toString(16).padStart(4, '0');
  }
  return '\\U' + code.toString(16).padStart(8, '0');
}

/** `text` as a single-quoted Python str literal that evaluates to exactly `text`. */
export function pyString(text: string): string {
  return "'" + text.replace(ESCAPED, escapeCodePoint) + "'";
}

function pyFloat(value: number, what: string): string {
  if (!Number.isFinite(value)) {
    throw new UserError(
      `${what} is ${value}; only finite numbers can be written as Python literals`
    );
  }
  if (Object.is(value, -0)) {
    return '-0.0';
  }
  const text = String(value);
  return /[.e]/.test(text) ? text : text + '.0';
}

function pyNumber(
  value: number,
  type: ParameterType | undefined,
  what: string
): string {
  if (
    type === 'float' ||
    !Number.isInteger(value) ||
    !Number.isSafeInteger(value)
  ) {
    if (type === 'int') {
      throw new UserError(`${what} should be an int but is ${value}`);
    }
    return pyFloat(value, what);
  }
  return String(value);
}

const JS_TYPE_OF: Record<ParameterType, string> = {
  int: 'number',
  float: 'number',
  str: 'string',
  bool: 'boolean'
};

/**
 * `value` as a Python literal: str, int, float, bool, None, lists and dicts. JavaScript has one
 * number type, so pass `type` ('float') where an integral value must stay a float (`1.0`).
 */
export function toPyLiteral(
  value: unknown,
  type?: ParameterType,
  what = 'value'
): string {
  if (type !== undefined && typeof value !== JS_TYPE_OF[type]) {
    throw new UserError(
      `${what} should be a ${type} but is ${JSON.stringify(value) ?? String(value)}`
    );
  }
  if (value === null) {
    return 'None';
  }
  switch (typeof value) {
    case 'string':
      return pyString(value);
    case 'boolean':
      return value ? 'True' : 'False';
    case 'number':
      return pyNumber(value, type, what);
  }
  if (Array.isArray(value)) {
    return (
      '[' +
      value
        .map((item, i) => toPyLiteral(item, undefined, `${what}[${i}]`))
        .join(', ') +
      ']'
    );
  }
  if (isPlainObject(value)) {
    const items = Object.entries(value as object).map(
      ([key, item]) =>
        `${pyString(key)}: ${toPyLiteral(item, undefined, `${what}.${key}`)}`
    );
    return '{' + items.join(', ') + '}';
  }
  throw new UserError(
    `${what} is ${value === undefined ? 'undefined' : `a ${typeof value}`}; it has no Python literal`
  );
}

/**
 * A long, multi-line `text` as a parenthesized run of one literal per line, readable in the
 * generated script: `(\n    'line 1\n'\n    'line 2'\n)`. Continuation lines get `indent` spaces.
 */
export function pyText(text: unknown, indent = 4): string {
  if (typeof text !== 'string') {
    throw new UserError(
      `pyText needs a string, not ${text === undefined ? 'undefined' : typeof text}`
    );
  }
  const lines = text.split(/(?<=\n)/);
  if (lines.length <= 1) {
    return pyString(text);
  }
  const pad = ' '.repeat(indent);
  return (
    '(\n' +
    lines.map(line => pad + '    ' + pyString(line)).join('\n') +
    '\n' +
    pad +
    ')'
  );
}
