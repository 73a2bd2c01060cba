/**
 * Call arguments in an order CPython refuses though tree-sitter-python takes it, with CPython
 * 3.11's message and place. Calls, class bases and decorators alike; read in one pass as the
 * walker reaches the list.
 *
 * CPython's parser reads the arguments as positional ones (`x`, `*s`), then keyword ones (`k=1`,
 * `*s`), then keyword ones after `**` unpacking (`k=1`, `**m`). Where that stops before the
 * list's end:
 * - at a `*s` after `**m`: "iterable argument unpacking follows keyword argument unpacking",
 *   at the star;
 * - at anything else (a positional argument): "positional argument follows keyword argument"
 *   ("… keyword argument unpacking" after a `**`). It reads on from there in the same order
 *   and reports the token after where it stops again: the list's `)`, or the comma after the
 *   argument it stopped at.
 */
import { ICompileError } from './compile-error';
import { IPyNode } from './python-tree';
import { tokenAfter } from './token-after';

/** The order's phases: positional arguments, keyword ones, keyword ones after `**`. */
const POSITIONAL = 0;
const KEYWORD = 1;
const AFTER_UNPACKING = 2;

/** The phase an argument moves the reading to, or -1 where it cannot come in `phase`. */
function next(arg: IPyNode, phase: number): number {
  switch (arg.type) {
    case 'keyword_argument':
      return Math.max(phase, KEYWORD);
    case 'dictionary_splat':
      return AFTER_UNPACKING;
    case 'list_splat':
      return phase === AFTER_UNPACKING ? -1 : phase;
    default:
      return phase === POSITIONAL ? POSITIONAL : -1;
  }
}

export function argumentOrderError(
  args: IPyNode,
  source: string
): ICompileError | null {
  const items = args.children;
  let phase = POSITIONAL;
  let at = 0;
  for (; at < items.length; at++) {
    const item = items[at];
    if (item.type === 'ERROR') {
      return null; // the parser's error stands (`f(a=1, x for x in y)`)
    }
    const moved = next(item, phase);
    if (moved < 0) {
      break;
    }
    phase = moved;
  }
  if (at === items.length) {
    return null;
  }
  const stopped = items[at];
  if (stopped.type === 'list_splat') {
    return {
      offset: stopped.from,
      reason: 'iterable argument unpacking follows keyword argument unpacking'
    };
  }
  const reason =
    phase === AFTER_UNPACKING
      ? 'positional argument follows keyword argument unpacking'
      : 'positional argument follows keyword argument';
  // CPython reads on from the argument it stopped at, in the same order.
  let again = POSITIONAL;
  for (let i = at; i < items.length; i++) {
    if (items[i].type === 'ERROR') {
      return null;
    }
    again = next(items[i], again);
    if (again < 0) {
      return { offset: tokenAfter(items[i].to, source), reason };
    }
  }
  return { offset: args.to - 1, reason };
}
