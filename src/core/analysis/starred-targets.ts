/**
 * Starred assignment targets CPython refuses though the grammar takes them: a starred target
 * alone (`*a = 1`: "starred assignment target must be in a list or tuple") and two in one
 * tuple or list (`*a, *b = c`: "multiple starred expressions in assignment"), of `=` and `for`.
 * Only the target is read, as the walker reaches it.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';

/** A starred target, as the grammar names it on each side of `=`. */
const STARRED = new Set(['list_splat_pattern', 'list_splat']);

/** Targets holding targets (`a, *b`, `[a, *b]`, `(a, *b)`). */
const TARGET_LISTS = new Set([
  'pattern_list',
  'tuple_pattern',
  'list_pattern',
  'expression_list',
  'tuple',
  'list'
]);

export function starredTargetError(target: IPyNode): ICompileError | null {
  if (STARRED.has(target.type)) {
    return {
      offset: target.from,
      reason: 'starred assignment target must be in a list or tuple'
    };
  }
  return multipleStars(target);
}

function multipleStars(node: IPyNode): ICompileError | null {
  if (!TARGET_LISTS.has(node.type)) {
    return null;
  }
  let starred = 0;
  for (const element of node.children) {
    if (STARRED.has(element.type) && ++starred > 1) {
      return {
        offset: node.from,
        reason: 'multiple starred expressions in assignment'
      };
    }
    const inner = multipleStars(element);
    if (inner) {
      return inner;
    }
  }
  return null;
}
