/**
 * IFunctionCalledOn's lists gathered from several summaries into one, each name once: a
 * function's own with those of the functions it calls (step-names.ts), a table's with those of
 * the functions it holds (function-tables.ts).
 */
import { IFunctionCalledOn } from '../analysis/cell-names';

/** The lists as sets, while they are gathered. */
export type CalledOnSets = { [list in keyof IFunctionCalledOn]?: Set<string> };

const CALLED_ON_LISTS: readonly (keyof IFunctionCalledOn)[] = [
  'drawnOn',
  'handleCalls',
  'passedTo'
];

/** Adds `lists`' names to `sets`. */
export function withCalledOn(
  sets: CalledOnSets,
  lists: IFunctionCalledOn
): void {
  for (const list of CALLED_ON_LISTS) {
    lists[list]?.forEach(name => (sets[list] ??= new Set()).add(name));
  }
}

/** The gathered sets as lists (a list absent where its set is). */
export function calledOnLists(sets: CalledOnSets): IFunctionCalledOn {
  const lists: IFunctionCalledOn = {};
  for (const list of CALLED_ON_LISTS) {
    if (sets[list]) {
      lists[list] = [...sets[list]];
    }
  }
  return lists;
}
