/**
 * What a mapping pattern's key equals, as Python compares keys (`True == 1 == 1.0 == 0x1`,
 * `'ab' == 'a' 'b' == '\x61b'`), and how CPython prints it when it refuses a key given twice
 * ("mapping pattern checks duplicate key (1.0)"): its `repr`. Keys are literals: strings and
 * bytes (also concatenated), numbers (also negative and complex: `-1+2j`), True, False, None.
 */
import { readString } from '../ir/python-literal';
import { IPyNode } from './python-tree';

export interface IPatternKey {
  /** Equal for keys Python finds equal. */
  id: string;
  repr: string;
}

/**
 * The key `node` writes (after a `-` when `negative`), or null where it is no literal read here
 * (a dotted name, `\N{…}`).
 */
export function patternKey(
  node: IPyNode,
  source: string,
  negative = false
): IPatternKey | null {
  const written = source.slice(node.from, node.to);
  const text = negative ? `-${written}` : written;
  switch (text) {
    case 'True':
      return { id: 'n:1', repr: 'True' };
    case 'False':
      return { id: 'n:0', repr: 'False' };
    case 'None':
      return { id: 'None', repr: 'None' };
  }
  if (node.type === 'string' || node.type === 'concatenated_string') {
    return stringKey(node.type === 'string' ? [node] : node.children, source);
  }
  if (node.type === 'complex_pattern') {
    return complexKey(text);
  }
  const number = numberValue(text);
  return number && numberKey(number);
}

/** A number written in a pattern: its real part and, for `2j` and `1+2j`, its imaginary. */
interface INumber {
  real: number | bigint;
  imaginary: number | null;
}

/** `-1`, `0x10`, `1_000`, `1.5e3`, `-2j`, or null. */
function numberValue(text: string): INumber | null {
  const match =
    /^(-?)\s*([0-9][0-9a-fA-FxXoObB_.]*(?:[eE][-+]?[0-9_]+)?)([jJ]?)$/.exec(
      text
    );
  if (!match) {
    return null;
  }
  const [, minus, digits, imaginary] = match;
  const clean = digits.replace(/_/g, '');
  const sign = minus ? -1 : 1;
  if (imaginary) {
    return { real: minus ? -0 : 0, imaginary: sign * Number(clean) };
  }
  if (/^0[xXoObB]/.test(clean) || /^[0-9]+$/.test(clean)) {
    const value = BigInt(clean.toLowerCase());
    return { real: minus ? -value : value, imaginary: null };
  }
  const value = Number(clean);
  return Number.isNaN(value) ? null : { real: sign * value, imaginary: null };
}

/** `1+2j`, `-1.5-2j`: a real and an imaginary number joined by a sign. */
function complexKey(text: string): IPatternKey | null {
  const match = /^(-?\s*[^-+\s]+)\s*([-+])\s*([^-+\s]+[jJ])$/.exec(text);
  const real = match && numberValue(match[1].replace(/\s+/g, ''));
  const imaginary = match && numberValue(match[3]);
  if (!match || !real || !imaginary || real.imaginary !== null) {
    return null;
  }
  const sign = match[2] === '-' ? -1 : 1;
  return numberKey({
    real: Number(real.real),
    imaginary: sign * (imaginary.imaginary ?? 0)
  });
}

function numberKey(number: INumber): IPatternKey {
  const { real, imaginary } = number;
  if (imaginary !== null && imaginary !== 0) {
    return {
      id: `c:${Number(real)}:${imaginary}`,
      repr: complexRepr(Number(real), imaginary)
    };
  }
  const repr =
    imaginary !== null
      ? complexRepr(Number(real), imaginary)
      : typeof real === 'bigint'
        ? real.toString()
        : floatRepr(real);
  // Python compares numbers by value: 1 == 1.0 == 1+0j
  if (typeof real === 'bigint') {
    return { id: `n:${real}`, repr };
  }
  const id = Number.isInteger(real)
    ? `n:${BigInt(real)}`
    : `f:${real === 0 ? 0 : real}`;
  return { id, repr };
}

/** `repr(float)`: the shortest digits that read back, in fixed notation from 1e-4 to 1e16. */
export function floatRepr(value: number): string {
  if (!Number.isFinite(value)) {
    return Number.isNaN(value) ? 'nan' : value > 0 ? 'inf' : '-inf';
  }
  const [mantissa, exponentText] = value.toExponential().split('e');
  const exponent = Number(exponentText);
  if (exponent < -4 || exponent >= 16) {
    const sign = exponent < 0 ? '-' : '+';
    return `${mantissa}e${sign}${String(Math.abs(exponent)).padStart(2, '0')}`;
  }
  const fixed = Object.is(value, -0)
    ? '-0'
    : value.toFixed(Math.max(0, significantDecimals(mantissa, exponent)));
  return fixed.includes('.') ? fixed : `${fixed}.0`;
}

/** How many digits after the point the shortest mantissa needs at this exponent. */
function significantDecimals(mantissa: string, exponent: number): number {
  const fraction = mantissa.split('.')[1] ?? '';
  return fraction.length - exponent;
}

/** `repr(complex)`: `2j`, `(1+2j)`, `(-0-1j)`; parts without a `.0`. */
function complexRepr(real: number, imaginary: number): string {
  const part = (value: number) => {
    const repr = floatRepr(value);
    return repr.endsWith('.0') ? repr.slice(0, -2) : repr;
  };
  if (real === 0 && !Object.is(real, -0)) {
    return `${part(imaginary)}j`;
  }
  const imaginaryText = part(imaginary);
  const sign = imaginaryText.startsWith('-') ? '' : '+';
  return `(${part(real)}${sign}${imaginaryText}j)`;
}

/** Strings or bytes written one after another: equal to their concatenation. */
function stringKey(
  parts: readonly IPyNode[],
  source: string
): IPatternKey | null {
  let value = '';
  let bytes: boolean | null = null;
  for (const part of parts) {
    const text = source.slice(part.from, part.to);
    const prefix = /^[a-zA-Z]*/.exec(text)![0].toLowerCase();
    const isBytes = prefix.includes('b');
    if (prefix.includes('f') || (bytes !== null && bytes !== isBytes)) {
      return null;
    }
    bytes = isBytes;
    if (isBytes && !prefix.includes('r') && /\\[uUN]/.test(text)) {
      return null; // bytes keep `\u` as it is; not read here
    }
    const read = readString(
      isBytes ? text.replace(/^([a-zA-Z]*)/, p => p.replace(/[bB]/, '')) : text
    );
    if (typeof read === 'string') {
      return null;
    }
    value += String(read.value);
  }
  return {
    id: `${bytes ? 'b' : 's'}:${value}`,
    repr: `${bytes ? 'b' : ''}${stringRepr(value, Boolean(bytes))}`
  };
}

/** `repr(str)` (or of bytes' text): single quotes unless the text holds one and no double. */
function stringRepr(value: string, bytes: boolean): string {
  const quote = value.includes("'") && !value.includes('"') ? '"' : "'";
  let out = '';
  for (const char of value) {
    const code = char.codePointAt(0)!;
    if (char === quote || char === '\\') {
      out += `\\${char}`;
    } else if (char === '\n') {
      out += '\\n';
    } else if (char === '\r') {
      out += '\\r';
    } else if (char === '\t') {
      out += '\\t';
    } else if (code < 0x20 || code === 0x7f || (bytes && code > 0x7f)) {
      out += `\\x${code.toString(16).padStart(2, '0')}`;
    } else {
      out += char;
    }
  }
  return `${quote}${out}${quote}`;
}
