/**
 * A function that an earlier step defines runs in the step that calls it with that step's
 * globals; the functions it calls from a functions cell do too (design §3.3). So what those
 * read and change of the globals is read and changed there as well: `def g(): add_item(1)` in
 * one step, where a functions cell's `add_item` appends to `acc`, changes `acc` in the step
 * that calls `g()`. A table of functions (`ops = {"add": add_item}`) reads its items as `g`
 * calls `add_item`, so it counts the same way.
 */
import { IFunctionSummary } from '../analysis/cell-names';
import { IGlobalContext } from './step-names';

/** Each context's expanded summaries, by the summary taken. */
const expanded = new WeakMap<
  IGlobalContext,
  WeakMap<IFunctionSummary, IFunctionSummary>
>();

/**
 * `taken`, with the globals that the functions cells' functions it reads (calls) read and change
 * added to its own; `taken` itself where it reads none of them (most functions).
 */
export function withSharedCallees(
  taken: IFunctionSummary,
  context: IGlobalContext
): IFunctionSummary {
  const { functionReads } = context;
  if (
    !functionReads.size ||
    !taken.globalReads.some(n => functionReads.has(n))
  ) {
    return taken;
  }
  let known = expanded.get(context);
  if (!known) {
    known = new WeakMap();
    expanded.set(context, known);
  }
  let found = known.get(taken);
  if (!found) {
    const reads = new Set(taken.globalReads);
    const writes = new Set(taken.globalWrites);
    for (const name of taken.globalReads) {
      const callee = functionReads.get(name);
      callee?.globalReads.forEach(read => reads.add(read));
      callee?.globalWrites.forEach(write => writes.add(write));
    }
    found = { ...taken, globalReads: [...reads], globalWrites: [...writes] };
    known.set(taken, found);
  }
  return found;
}
