/**
 * Annotated assignments CPython refuses though tree-sitter-python takes them, with CPython
 * 3.11's message: a tuple or list as the target (`a, b: int`, `(a, b): int`, `[a]: int`: "only
 * single target (not tuple) can be annotated", "… (not list) …"), a starred target (`*a: int`)
 * and a second `=` (`x: int = y = 1`): "invalid syntax". `(a): int` is a name in parentheses,
 * and valid.
 */
import { ICompileError } from './compile-error';
import { field, IPyNode } from './python-tree';

export function annotatedTargetError(
  assignment: IPyNode,
  source: string
): ICompileError | null {
  const left = field(assignment, 'left');
  if (!left || !field(assignment, 'type')) {
    return null;
  }
  const right = field(assignment, 'right');
  const shape = targetShape(left, source);
  if (shape) {
    return {
      offset: left.from,
      reason: `only single target (not ${shape}) can be annotated`
    };
  }
  if (left.type === 'list_splat_pattern') {
    return { offset: left.to, reason: 'invalid syntax' };
  }
  if (right?.type === 'assignment') {
    const inner = field(right, 'left');
    return {
      offset: source.indexOf('=', inner?.to ?? right.from),
      reason: 'invalid syntax'
    };
  }
  return null;
}

/** `tuple` or `list` for a target of several names, or null for a single one. */
function targetShape(left: IPyNode, source: string): string | null {
  switch (left.type) {
    case 'pattern_list':
      return 'tuple';
    case 'list_pattern':
      return 'list';
    case 'tuple_pattern': {
      // `(a)` is a name in parentheses; `(a,)` and `(a, b)` are tuples
      const parts = left.children.filter(child => child.named);
      const last = parts[parts.length - 1];
      const comma = last && source.slice(last.to, left.to).includes(',');
      return parts.length !== 1 || comma ? 'tuple' : null;
    }
    default:
      return null;
  }
}
