/**
 * What a call of a function does to the globals its body calls on (IFunctionSummary.calledOn):
 * `def pick(): return rng.sample(xs, 2)`, then `pick()` in a step, draws from `rng` there as
 * `rng.sample(xs, 2)` written in the step would. So does a call of a function that calls
 * `pick`: the lists are gathered through the functions the body reads, each once.
 */
import { IFunctionSummary } from '../analysis/cell-names';

/** Which of the lists: drawings for figures; a handle's calls for handles; and what is passed. */
export type CalledOnKind = 'figure' | 'handle';

const NONE: readonly string[] = [];

/**
 * The globals a call of `callee` calls on, for `kind` (drawnOn or handleCalls, and passedTo),
 * through the functions it calls as `summaryOf` finds them; empty when none.
 */
export function calledOnThroughCall(
  callee: string,
  kind: CalledOnKind,
  summaryOf: (name: string) => IFunctionSummary | undefined
): readonly string[] {
  const first = summaryOf(callee);
  if (!first) {
    return NONE; // `print(x)`, a class made elsewhere: most calls
  }
  const found: string[] = [];
  const listed = new Set<string>();
  const visited = new Set<string>([callee]);
  const queue: IFunctionSummary[] = [first];
  while (queue.length) {
    const summary = queue.pop()!;
    const { calledOn } = summary;
    if (calledOn) {
      const lists = [
        kind === 'figure' ? calledOn.drawnOn : calledOn.handleCalls,
        calledOn.passedTo
      ];
      for (const names of lists) {
        names?.forEach(name => {
          if (!listed.has(name)) {
            listed.add(name);
            found.push(name);
          }
        });
      }
    }
    for (const read of summary.globalReads) {
      if (!visited.has(read)) {
        visited.add(read);
        const called = summaryOf(read);
        if (called) {
          queue.push(called);
        }
      }
    }
  }
  return found;
}
