/** Reads simple Python literals from parsed nodes: the values pipeline parameters may take. */
import { IPyNode } from '../analysis/python-tree';
import { ParameterType, ParameterValue } from './pipeline';

export interface ILiteral {
  type: ParameterType;
  value: ParameterValue;
}

/** The literal's type and value, or a reason why it is not a simple literal. */
export function readLiteral(node: IPyNode, source: string): ILiteral | string {
  const text = source.slice(node.from, node.to);
  switch (node.type) {
    case 'true':
    case 'false':
      return { type: 'bool', value: node.type === 'true' };
    case 'integer':
    case 'float':
      return readNumber(text, 1);
    case 'unary_operator': {
      const op = node.children[0];
      const operand = node.children[1];
      if (
        op &&
        (operand?.type === 'integer' || operand?.type === 'float') &&
        /^[-+]$/.test(source.slice(op.from, op.to))
      ) {
        return readNumber(
          source.slice(operand.from, operand.to),
          source[op.from] === '-' ? -1 : 1
        );
      }
      return `'${text}' is not a literal`;
    }
    case 'string':
      return readString(text);
    case 'concatenated_string': {
      let value = '';
      for (const c of node.children) {
        const part = readLiteral(c, source);
        if (typeof part === 'string') {
          return part;
        }
        value += String(part.value);
      }
      return { type: 'str', value };
    }
    default:
      return `'${text}' is not an int, float, str or bool literal`;
  }
}

function readNumber(text: string, sign: number): ILiteral | string {
  const clean = text.replace(/_/g, '');
  if (/[jJ]$/.test(clean)) {
    return `complex numbers are not supported as parameters`;
  }
  const based = /^0[xXoObB]/.test(clean);
  const isFloat = !based && /[.eE]/.test(clean);
  const value = sign * Number(based ? clean.toLowerCase() : clean);
  if (!Number.isFinite(value)) {
    return `'${text}' is out of range`;
  }
  if (!isFloat && !Number.isSafeInteger(value)) {
    return `'${text}' is too large to pass as a parameter`;
  }
  return { type: isFloat ? 'float' : 'int', value };
}

const SIMPLE_ESCAPES: Record<string, string> = {
  '\n': '',
  '\\': '\\',
  "'": "'",
  '"': '"',
  a: '\x07',
  b: '\b',
  f: '\f',
  n: '\n',
  r: '\r',
  t: '\t',
  v: '\v'
};

/** Decodes a Python string literal (not bytes, not f-string). */
export function readString(text: string): ILiteral | string {
  const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
  if (prefix.includes('b')) {
    return 'bytes are not supported as parameters';
  }
  if (prefix.includes('f')) {
    return 'f-strings are not literals';
  }
  const body = text.slice(prefix.length);
  const quote =
    body.startsWith('"""') || body.startsWith("'''")
      ? body.slice(0, 3)
      : body[0];
  const inner = body.slice(quote.length, body.length - quote.length);
  if (prefix.includes('r')) {
    return { type: 'str', value: inner };
  }
  let value = '';
  for (let i = 0; i < inner.length; i++) {
    const ch = inner[i];
    if (ch !== '\\') {
      value += ch;
      continue;
    }
    const next = inner[++i];
    if (next in SIMPLE_ESCAPES) {
      value += SIMPLE_ESCAPES[next];
    } else if (next === 'x' || next === 'u' || next === 'U') {
      const width = next === 'x' ? 2 : next === 'u' ? 4 : 8;
      const hex = inner.slice(i + 1, i + 1 + width);
      if (!new RegExp(`^[0-9a-fA-F]{${width}}$`).test(hex)) {
        return `bad \\${next} escape in string`;
      }
      value += String.fromCodePoint(parseInt(hex, 16));
      i += width;
    } else if (/[0-7]/.test(next)) {
      const octal = /^[0-7]{1,3}/.exec(inner.slice(i))![0];
      value += String.fromCodePoint(parseInt(octal, 8));
      i += octal.length - 1;
    } else if (next === 'N') {
      return 'named unicode escapes (\\N{...}) are not supported in parameters';
    } else {
      value += '\\' + next;
    }
  }
  return { type: 'str', value };
}
