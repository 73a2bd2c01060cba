/**
 * Starred expressions where CPython refuses them though tree-sitter-python takes them, with
 * CPython 3.11's message:
 * - alone as a statement, returned or yielded (`*a`, `return *a`, `yield *a`): "can't use
 *   starred expression here" (`return *a, b` is a tuple, and valid);
 * - in a slice (`a[*b:1]`): "invalid syntax";
 * - `**` in a list or a parenthesized expression (`[**a]`: "invalid syntax", `(**a)`: "cannot use
 *   double starred expression here"), which the grammar reads as a star of a star;
 * - as a comprehension's element (`[*a for a in b]`): "iterable unpacking cannot be used in
 *   comprehension".
 * Each check reads one node the walker reaches, and its children.
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';

const HERE = "can't use starred expression here";

/** A statement's expression, a `return`'s or a `yield`'s value, when it is a lone star. */
export function loneStarError(
  value: IPyNode | undefined
): ICompileError | null {
  return value?.type === 'list_splat'
    ? { offset: value.from, reason: HERE }
    : null;
}

/**
 * The value of an expression statement, a `return` or a `yield`: its only named child (`*a, b`
 * is two children, a tuple).
 */
export function valueOf(node: IPyNode): IPyNode | undefined {
  let value: IPyNode | undefined;
  for (const child of node.children) {
    if (child.named) {
      if (value) {
        return undefined;
      }
      value = child;
    }
  }
  return value;
}

/** Nodes whose children `starredPartError` reads. */
export const STARRED_PARTS: ReadonlySet<string> = new Set([
  'slice',
  'list',
  'tuple'
]);

export function starredPartError(node: IPyNode): ICompileError | null {
  for (const child of node.children) {
    if (child.type !== 'list_splat') {
      continue;
    }
    if (node.type === 'slice') {
      return { offset: child.from, reason: 'invalid syntax' };
    }
    if (child.children[0]?.type === 'list_splat') {
      return {
        offset: child.from,
        reason:
          node.type === 'list'
            ? 'invalid syntax'
            : 'cannot use double starred expression here'
      };
    }
  }
  return null;
}

/** A comprehension whose element is starred. */
export function starredElementError(
  comprehension: IPyNode
): ICompileError | null {
  const body = field(comprehension, 'body');
  return body?.type === 'list_splat'
    ? {
        offset: body.from,
        reason: 'iterable unpacking cannot be used in comprehension'
      }
    : null;
}
