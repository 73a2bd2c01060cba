/**
 * What a module-level name may hold for a later call to run (ICellNames.heldCallables): the
 * names written in a display at any depth (`plan = [("a", a), ("b", b)]`, a dict's values), and
 * the function `partial(f, …)` wraps. Whether a name is a function is the IR's to tell.
 */
import { field, IPyNode, namedChildren } from './python-tree';

const DISPLAYS = new Set([
  'list',
  'tuple',
  'set',
  'expression_list',
  'parenthesized_expression',
  'dictionary'
]);

/** The callees that wrap the function they are given first (`functools.partial(f, 1)`). */
export const WRAPPERS = new Set(['partial']);

/** The names a display holds, at any depth of displays (a dict's values, not its keys). */
export function displayedNames(
  node: IPyNode,
  text: (node: IPyNode) => string
): string[] {
  const found: string[] = [];
  const visit = (item: IPyNode | null) => {
    if (item?.type === 'identifier') {
      found.push(text(item));
    } else if (item && DISPLAYS.has(item.type)) {
      namedChildren(item).forEach(child =>
        visit(child.type === 'pair' ? field(child, 'value') : child)
      );
    }
  };
  if (DISPLAYS.has(node.type)) {
    visit(node);
  }
  return found;
}

/** The first positional argument of a call, where it is a name (`partial(add, 1)`: `add`). */
export function firstNamedArgument(
  call: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  const args = field(call, 'arguments');
  const first = args ? namedChildren(args)[0] : undefined;
  return first?.type === 'identifier' ? text(first) : null;
}
