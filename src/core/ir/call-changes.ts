/**
 * What a step changes in place through calls: `clean(b)` where `clean` changes its parameter,
 * `add_col(combine)` where it changes what its parameter holds (`for f in frames: f["x"] = 1`),
 * `prep.add_features(b)` and `b.bump()` where a notebook class's method does so. Where `b` is
 * another name's object (`b = a` in an earlier step), the step takes that name beside it and
 * hands it on changed (object-shares.ts), as it does for a change written out in its cells.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { itemChangedArguments, mutatedArguments } from '../analysis/call-sites';
import {
  ICallSite,
  IFunctionSummary,
  IMethodSummary
} from '../analysis/cell-names';
import { receiversChangedByMethods } from './method-mutations';
import { ICallChanges } from './step-names';

/** The callees whose calls change what they are given, besides the step's own and shared ones. */
export interface IChangingCallees {
  /** Method name → what each method of that name changes (INotebookMethods), or null. */
  methods: ReadonlyMap<string, readonly IMethodSummary[]> | null;
  /** Methods that change their object (INotebookMethods.changingSelf), or null. */
  selfChangers: ReadonlySet<string> | null;
  /**
   * The function of this name that the step takes from an earlier step, where it changes a
   * parameter (undefined otherwise).
   */
  takenMutator: (name: string) => IFunctionSummary | undefined;
}

/**
 * The names the step's calls change in place and those whose items they change: `own` (the
 * calls of its own and the shared functions, IStepNames.callChanges) and those of `callees`.
 * Null when there are none.
 */
export function changesByCalls(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  own: ICallChanges | null,
  callees: IChangingCallees
): ICallChanges | null {
  const found: ICallChanges = {
    changed: [...(own?.changed ?? [])],
    items: [...(own?.items ?? [])]
  };
  const add = (call: ICallSite, summary: IMethodSummary) => {
    found.changed.push(...mutatedArguments(call, summary));
    found.items.push(...itemChangedArguments(call, summary));
  };
  for (const cell of cells) {
    const { calls, methodCalls } = analysisOf(cell).names;
    for (const call of calls) {
      const taken = callees.takenMutator(call.function);
      if (taken) {
        add(call, taken);
      }
    }
    if (callees.methods && methodCalls) {
      for (const call of methodCalls) {
        for (const method of callees.methods.get(call.function) ?? []) {
          add(call, method);
        }
      }
    }
  }
  if (callees.selfChangers) {
    found.changed.push(
      ...receiversChangedByMethods(cells, analysisOf, callees.selfChangers)
    );
  }
  return found.changed.length || found.items.length ? found : null;
}

/**
 * `changes` with the figures a step draws on that it takes from before (object-kinds.ts) added,
 * as changed and as changed in their items: a drawing through a list of figures (`for f in figs:
 * f.suptitle(…)`) is on the figures it holds, as a drawing on one is on the list that holds it.
 */
export function withDrawings(
  changes: ICallChanges | null,
  drawn: readonly string[]
): ICallChanges | null {
  if (!drawn.length) {
    return changes;
  }
  return {
    changed: [...(changes?.changed ?? []), ...drawn],
    items: [...(changes?.items ?? []), ...drawn]
  };
}
