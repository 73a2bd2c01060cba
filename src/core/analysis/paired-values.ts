/** The names an assignment binds one to one, each with its own value. */
import { IPyNode } from './python-tree';

/**
 * The `[name, value]` pairs an assignment binds one to one: `v = x[:2]`, and each element of
 * `a, b = x[:8], x[8:]` where both sides have as many and no star.
 */
export function pairedValues(
  targets: readonly IPyNode[],
  value: IPyNode
): [IPyNode, IPyNode][] {
  const only = targets.length === 1 ? targets[0] : null;
  if (only?.type === 'identifier') {
    return [[only, value]];
  }
  if (
    !only ||
    (only.type !== 'pattern_list' && only.type !== 'tuple_pattern') ||
    (value.type !== 'expression_list' && value.type !== 'tuple')
  ) {
    return [];
  }
  const names = only.children.filter(c => c.named);
  const values = value.children.filter(c => c.named);
  if (
    names.length !== values.length ||
    !names.every(n => n.type === 'identifier')
  ) {
    return [];
  }
  return names.map((n, i) => [n, values[i]]);
}
