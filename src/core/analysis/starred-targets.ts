/**
 * Starred assignment targets CPython refuses though the grammar takes them: a starred target
 * alone (`*a = 1`: "starred assignment target must be in a list or tuple"), two in one tuple or
 * list (`*a, *b = c`: "multiple starred expressions in assignment") and one after more than 255
 * targets (`a0, …, a255, *b = c`: "too many expressions in star-unpacking assignment", as the
 * unpacking instruction counts them in a byte), of `=`, `for`, `with … as` and a comprehension's
 * `for`. Only the target is read, as the walker reaches it. As CPython's compiler does, a list's
 * own targets are checked before the lists inside it.
 */
import { ICompileError } from './compile-error';
import { IPyNode, namedChildren } from './python-tree';

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
  return listStarError(target);
}

/** The most targets before a star that CPython's unpacking instruction can count. */
const MOST_BEFORE_STAR = 255;

function listStarError(node: IPyNode): ICompileError | null {
  if (node.type === 'parenthesized_expression') {
    const inner = namedChildren(node);
    return inner.length === 1 ? listStarError(inner[0]) : null; // `([a, *b])`
  }
  if (!TARGET_LISTS.has(node.type)) {
    return null;
  }
  const elements = node.children;
  let starred = false;
  for (let index = 0; index < elements.length; index++) {
    if (!STARRED.has(elements[index].type)) {
      continue;
    }
    if (starred) {
      return {
        offset: node.from,
        reason: 'multiple starred expressions in assignment'
      };
    }
    if (index > MOST_BEFORE_STAR) {
      return {
        offset: node.from,
        reason: 'too many expressions in star-unpacking assignment'
      };
    }
    starred = true;
  }
  for (const element of elements) {
    const inner = listStarError(element);
    if (inner) {
      return inner;
    }
  }
  return null;
}
