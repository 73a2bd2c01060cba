/**
 * A comma after a comprehension's last clause, which tree-sitter-python takes into the clause
 * (`[x for x in y,]`, `[x for x in y if z,]`) and CPython refuses: "invalid syntax" at the
 * comma, or, for a call's only argument (`f(x for x in y,)`), "Generator expression must be
 * parenthesized" at the expression.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

export function comprehensionCommaError(
  comprehension: IPyNode,
  source: string
): ICompileError | null {
  const children = comprehension.children;
  const last = children[children.length - 1];
  const parts = last?.children;
  const end = parts?.length ? parts[parts.length - 1].to : -1;
  if (end < 0) {
    return null;
  }
  const comma = source.indexOf(',', end);
  if (comma < 0 || comma >= last.to) {
    return null;
  }
  return comprehension.type === 'generator_expression' &&
    comprehension.field === 'arguments'
    ? {
        offset: children[0].from,
        reason: 'Generator expression must be parenthesized'
      }
    : { offset: comma, reason: 'invalid syntax' };
}
