/**
 * String literals CPython refuses though tree-sitter-python takes them, with CPython 3.11's
 * message:
 * - a prefix Python 3 does not have (`ur''`, `bf''`) or backticks (Python 2's `repr`):
 *   "invalid syntax";
 * - a character outside ASCII in a bytes literal: "bytes can only contain ASCII literal
 *   characters";
 * - bytes written next to a string (`'a' b'b'`): "cannot mix bytes and nonbytes literals";
 * - an escape cut short (`'\x4'`, `'\u12'`, `'\U1234'`, `'\N'` without its `{name}`), in CPython's
 *   words, which count the literal's bytes from 0; in bytes, `\x` only ("invalid \x escape");
 * - in an f-string's replacement field, a conversion other than `!s`, `!r`, `!a`, a starred
 *   expression, or a lambda without parentheses.
 * CPython reports an escape, a conversion or a mix at the end of the literals written one
 * after another (`('a'` then `'\x4')` on the next line: that line), the rest where the literal
 * starts. Unknown `\N{…}` names are not checked: that needs Unicode's name table.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

const VALID_PREFIXES = new Set([
  '',
  'r',
  'u',
  'b',
  'br',
  'rb',
  'f',
  'fr',
  'rf'
]);

/**
 * Where CPython's codec says an escape is: it decodes the literal with each character outside
 * ASCII first written as a `\\U0000XXXX` escape, ten bytes.
 */
function codecPosition(source: string, start: number, at: number): number {
  let position = 0;
  for (const char of source.slice(start, at)) {
    position += char.charCodeAt(0) < 0x80 ? 1 : 10;
  }
  return position;
}

/**
 * The first error of literals written one after another (`parts`: one string, or a
 * concatenation's), in CPython's order: each literal's, then whether it mixes bytes with the
 * ones before.
 */
export function stringGroupError(
  parts: readonly IPyNode[],
  source: string
): ICompileError | null {
  const groupEnd = parts[parts.length - 1].to - 1;
  let bytes: boolean | null = null;
  for (const part of parts) {
    const prefix = /^[A-Za-z]*/.exec(source.slice(part.from, part.to))![0];
    const literal = new Literal(part, prefix, groupEnd, source);
    // CPython reads each literal, checks the mix, then reads an f-string's pieces
    const error = literal.error();
    if (error) {
      return error;
    }
    if (bytes !== null && bytes !== literal.bytes) {
      return {
        offset: groupEnd,
        reason: 'cannot mix bytes and nonbytes literals'
      };
    }
    bytes = literal.bytes;
    const fString = literal.fStringError();
    if (fString) {
      return fString;
    }
  }
  return null;
}

/** One string or bytes literal of a group. */
class Literal {
  readonly bytes: boolean;
  private readonly raw: boolean;
  private readonly formatted: boolean;
  private readonly valid: boolean;
  private readonly bodyStart: number;
  private readonly bodyEnd: number;

  constructor(
    private readonly node: IPyNode,
    private readonly prefix: string,
    private readonly groupEnd: number,
    private readonly source: string
  ) {
    const lower = prefix.toLowerCase();
    const quote = source[node.from + prefix.length];
    this.valid = quote !== '`' && VALID_PREFIXES.has(lower);
    this.bytes = lower.includes('b');
    this.raw = lower.includes('r');
    this.formatted = lower.includes('f');
    const quotes = source.startsWith(quote.repeat(3), node.from + prefix.length)
      ? 3
      : 1;
    this.bodyStart = node.from + prefix.length + quotes;
    this.bodyEnd = node.to - quotes;
  }

  /** The prefix's, the bytes' and, but in an f-string, the escapes' error. */
  error(): ICompileError | null {
    const { node, source, bodyStart, bodyEnd } = this;
    if (!this.valid) {
      return {
        offset: node.from + this.prefix.length,
        reason: 'invalid syntax'
      };
    }
    // eslint-disable-next-line no-control-regex
    if (this.bytes && /[^\x00-\x7f]/.test(source.slice(bodyStart, bodyEnd))) {
      return {
        offset: node.from,
        reason: 'bytes can only contain ASCII literal characters'
      };
    }
    return this.formatted ? null : this.escapes(bodyStart, bodyEnd);
  }

  /**
   * An f-string's pieces in order: the text between replacement fields (its escapes, counted
   * from the start of each piece; a doubled brace starts a new one) and each field.
   */
  fStringError(): ICompileError | null {
    if (!this.formatted) {
      return null;
    }
    return this.pieces(this.node, this.bodyStart, this.bodyEnd);
  }

  /** The pieces of `holder` (an f-string or a format specifier) between `from` and `to`. */
  private pieces(
    holder: IPyNode,
    from: number,
    to: number
  ): ICompileError | null {
    let at = from;
    for (const child of holder.children) {
      if (
        child.type !== 'interpolation' &&
        child.type !== 'format_expression'
      ) {
        continue;
      }
      const error = this.text(at, child.from) ?? this.field(child);
      if (error) {
        return error;
      }
      at = child.to;
    }
    return this.text(at, to);
  }

  /** Literal text of an f-string: its escapes, a doubled brace starting a new piece. */
  private text(from: number, to: number): ICompileError | null {
    if (this.raw || from >= to) {
      return null;
    }
    let start = from;
    for (let at = from; at < to; at++) {
      const char = this.source[at];
      if (char === '\\') {
        // an escape's braces (`\N{DASH}`) are no doubled braces
        const name = /^N\{[^}\n]+\}/.exec(this.source.slice(at + 1, to));
        at += name ? name[0].length : 1;
      } else if (
        (char === '{' || char === '}') &&
        this.source[at + 1] === char
      ) {
        const error = this.escapes(start, at);
        if (error) {
          return error;
        }
        start = at + 2;
        at++;
      }
    }
    return this.escapes(start, to);
  }

  private escapes(from: number, to: number): ICompileError | null {
    if (this.raw || !hasBackslash(this.source, from, to)) {
      return null;
    }
    const escape = escapeError(this.source, from, to, this.bytes);
    return escape ? { offset: this.groupEnd, reason: escape } : null;
  }

  /** A replacement field: its conversion, its expression, its format specifier's pieces. */
  private field(field: IPyNode): ICompileError | null {
    const { source } = this;
    for (const part of field.children) {
      if (
        part.field === 'type_conversion' &&
        !CONVERSIONS.has(source.slice(part.from, part.to))
      ) {
        return {
          offset: this.groupEnd,
          reason:
            "f-string: invalid conversion character: expected 's', 'r', or 'a'"
        };
      }
      if (part.field === 'expression' && part.type === 'list_splat') {
        return {
          offset: part.from,
          reason: 'f-string: cannot use starred expression here'
        };
      }
      if (part.field === 'expression' && part.type === 'lambda') {
        return { offset: part.from, reason: 'f-string: invalid syntax' };
      }
      if (part.type === 'format_specifier') {
        // the specifier starts after its `:`
        const error = this.pieces(part, part.from + 1, part.to);
        if (error) {
          return error;
        }
      }
    }
    return null;
  }
}

const HEX_DIGITS: Record<string, number> = { x: 2, u: 4, U: 8 };
const ESCAPE_NAMES: Record<string, string> = {
  x: '\\xXX',
  u: '\\uXXXX',
  U: '\\UXXXXXXXX'
};

/**
 * The first escape cut short in the text between `start` and `end`, with positions counted as
 * CPython's codec counts them (`codecPosition`).
 */
function escapeError(
  source: string,
  start: number,
  end: number,
  bytes: boolean
): string | null {
  for (let at = start; at < end; at++) {
    if (source[at] !== '\\') {
      continue;
    }
    const kind = source[at + 1];
    const wanted = HEX_DIGITS[kind];
    if (wanted && (!bytes || kind === 'x')) {
      let digits = 0;
      while (
        digits < wanted &&
        at + 2 + digits < end &&
        /[0-9a-fA-F]/.test(source[at + 2 + digits])
      ) {
        digits++;
      }
      if (digits < wanted) {
        const from = codecPosition(source, start, at);
        return bytes
          ? `(value error) invalid \\x escape at position ${from}`
          : `(unicode error) 'unicodeescape' codec can't decode bytes in position ` +
              `${from}-${from + 1 + digits}: truncated ${ESCAPE_NAMES[kind]} escape`;
      }
    } else if (
      kind === 'N' &&
      !bytes &&
      !/^\{[^}\n]+\}/.test(source.slice(at + 2, end))
    ) {
      const from = codecPosition(source, start, at);
      return (
        `(unicode error) 'unicodeescape' codec can't decode bytes in position ` +
        `${from}-${from + 1}: malformed \\N character escape`
      );
    }
    at++; // the escaped character is no backslash of its own
  }
  return null;
}

const CONVERSIONS = new Set(['!s', '!r', '!a']);

/**
 * Whether `source` has a backslash from `from` up to `to`: a look at the literal's own text
 * (`lastIndexOf` from `to` would go on back through the whole cell for a literal without one,
 * for every literal of the cell).
 */
function hasBackslash(source: string, from: number, to: number): boolean {
  for (let at = from; at < to; at++) {
    if (source.charCodeAt(at) === 92) {
      return true;
    }
  }
  return false;
}
