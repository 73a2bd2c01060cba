/**
 * Whether a function returns a function it defines in its body (`def counter(): … def inc(): …
 * return inc`, `return lambda: …`, or such a function in a tuple it returns): a factory of
 * closures. Only a factory's result keeps the state its closures change
 * (IFunctionSummary.makesStatefulClosures); a function that uses a nested helper and returns a
 * value (`history`, a model) hands back no closure.
 */
import { field, IPyNode, namedChildren } from './python-tree';
import { OWN_BODIES } from './own-bodies';

/** A word that can start a function the body defines: `def` or `lambda`. */
const NESTED_FUNCTION = /\b(?:def|lambda)\b/;

export function returnsNestedFunction(
  body: IPyNode,
  text: (node: IPyNode) => string
): boolean {
  if (!NESTED_FUNCTION.test(text(body))) {
    return false; // no def or lambda in it: most bodies, without a walk
  }
  const nested = new Set<string>();
  const returned: IPyNode[] = [];
  const visit = (node: IPyNode): void => {
    for (const child of node.children) {
      if (child.type === 'function_definition') {
        const name = field(child, 'name');
        if (name) {
          nested.add(text(name));
        }
      } else if (child.type === 'return_statement') {
        returned.push(...namedChildren(child));
      } else if (!OWN_BODIES.has(child.type)) {
        visit(child);
      }
    }
  };
  visit(body);
  const isFunction = (value: IPyNode): boolean => {
    switch (value.type) {
      case 'lambda':
        return true;
      case 'identifier':
        return nested.has(text(value));
      case 'tuple':
      case 'expression_list':
      case 'list':
      case 'parenthesized_expression':
        return namedChildren(value).some(isFunction);
      default:
        return false;
    }
  };
  return returned.some(isFunction);
}
