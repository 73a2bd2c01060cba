/**
 * tree-sitter-python reads a lone `not` between two operands (`a not b`) as the operator
 * `not in`, which CPython refuses as invalid syntax: the operator's own text says which it was.
 */
import { IPyNode } from './python-tree';

/** The `not in` operators of a comparison that are a `not` alone, to report. */
export function loneNots(comparison: IPyNode, source: string): IPyNode[] {
  return comparison.children.filter(
    c =>
      c.type === 'not in' &&
      source.slice(c.from, c.to).replace(/[\s\\]+/g, '') !== 'notin'
  );
}
