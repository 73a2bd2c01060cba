/**
 * The builtin names among a step's writes (`sum = 10`, `id = 5`): a later step that reads one
 * takes it from the step (build.ts). Asked of every step on every key, so the answer is kept with
 * the set of writes: `stepNamesReusing` hands an unchanged step the same set after each edit.
 */
import { BUILTINS } from '../analysis/builtins';

const NONE: readonly string[] = [];

const builtinsAmong = new WeakMap<ReadonlySet<string>, readonly string[]>();

export function builtinsBoundBy(
  writes: ReadonlySet<string>
): readonly string[] {
  let found = builtinsAmong.get(writes);
  if (!found) {
    const bound = [...writes].filter(name => BUILTINS.has(name));
    found = bound.length ? bound : NONE;
    builtinsAmong.set(writes, found);
  }
  return found;
}
