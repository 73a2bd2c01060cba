/**
 * Python 2's literals and operator that tree-sitter-python still takes and CPython 3 refuses,
 * with CPython 3.11's message: a long integer (`10L`, `0x1fL`: "invalid decimal literal",
 * "invalid hexadecimal literal", …) and `<>` for `!=` ("invalid syntax"). Backticks are read as
 * a string (string-literals.ts).
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

const BASES: Record<string, string> = {
  x: 'hexadecimal',
  o: 'octal',
  b: 'binary'
};

/** `10L`: the integer's text ends in `l` or `L`. */
export function longIntegerError(
  node: IPyNode,
  text: string
): ICompileError | null {
  const last = text[text.length - 1];
  if (last !== 'l' && last !== 'L') {
    return null;
  }
  const base = /^0([xXoObB])/.exec(text)?.[1].toLowerCase();
  return {
    offset: node.from,
    reason: `invalid ${base ? BASES[base] : 'decimal'} literal`
  };
}

/** `a <> b`: its operator, as a comparison's `operators` token. */
export function oldNotEqual(comparison: IPyNode): ICompileError | null {
  const operator = comparison.children.find(child => child.type === '<>');
  return operator ? { offset: operator.from, reason: 'invalid syntax' } : null;
}
