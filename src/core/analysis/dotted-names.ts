/** `os.path.join`: a chain of names read as one dotted name, as imports and calls write them. */
import { field, IPyNode } from './python-tree';

/**
 * The name a callee ends in: `f` of `f` and of `np.linalg.f`; null for any other callee
 * (`fs[0]`, `make()`).
 */
export function lastName(callee: IPyNode): IPyNode | null {
  const name =
    callee.type === 'attribute' ? field(callee, 'attribute') : callee;
  return name?.type === 'identifier' ? name : null;
}

/**
 * The dotted name `node` is (`a`, `a.b.c`), without the spaces Python allows around the dots;
 * null where any link is not a name (`f().x`, `a[0].b`).
 */
export function dottedName(
  node: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  if (node.type === 'identifier') {
    return text(node);
  }
  if (node.type !== 'attribute') {
    return null;
  }
  const object = field(node, 'object');
  const attribute = field(node, 'attribute');
  const head = object ? dottedName(object, text) : null;
  return head !== null && attribute ? `${head}.${text(attribute)}` : null;
}

/**
 * The dotted name a chain of calls starts with: `np.ones` of `np.ones(4).reshape` (the callee of
 * `np.ones(4).reshape(2, 2)`), the callee itself where it is a dotted name; else null.
 */
export function chainStart(
  callee: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  const dotted = dottedName(callee, text);
  if (dotted !== null || callee.type !== 'attribute') {
    return dotted;
  }
  const object = field(callee, 'object');
  const inner = object?.type === 'call' ? field(object, 'function') : null;
  return inner ? chainStart(inner, text) : null;
}
