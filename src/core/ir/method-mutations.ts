/**
 * Methods of the notebook's classes that change a parameter in place
 * (`def add_features(self, df): df["b"] = …`): a step's module-level call of such a method
 * (`prep.add_features(frame)`) changes `frame`, which the step then hands on. Matched by the
 * method's name whatever the object, as the analysis does not know the object's class: another
 * object's method of the same name (`model.fit(X)` where a notebook class's `fit` changes its
 * `X`) costs a save more, never a stale value.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { mutatedArguments } from '../analysis/call-sites';
import { IMethodSummary } from '../analysis/cell-names';

/**
 * Method name → what each method of that name changes, over every cell (classes may differ in
 * their parameters); null when no class method changes one.
 */
export function notebookMethodMutations(
  sharedCells: readonly number[],
  steps: readonly { cells: readonly number[] }[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, IMethodSummary[]> | null {
  let found: Map<string, IMethodSummary[]> | null = null;
  const add = (cell: number) => {
    const methods = analysisOf(cell).names.methodMutations;
    for (const name in methods) {
      found ??= new Map();
      const known = found.get(name);
      if (known) {
        known.push(...methods[name]);
      } else {
        found.set(name, [...methods[name]]);
      }
    }
  };
  everyCell(sharedCells, steps, add);
  return found;
}

/**
 * Calls `visit` with each of the shared cells, then each step's: asked on every key, so without
 * a list of every cell.
 */
function everyCell(
  sharedCells: readonly number[],
  steps: readonly { cells: readonly number[] }[],
  visit: (cell: number) => void
): void {
  sharedCells.forEach(visit);
  for (const step of steps) {
    step.cells.forEach(visit);
  }
}

/** The root names the cells' module-level calls of those methods change, in order. */
export function argumentsChangedByMethods(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  methods: ReadonlyMap<string, readonly IMethodSummary[]>
): string[] {
  const names: string[] = [];
  for (const cell of cells) {
    for (const call of analysisOf(cell).names.methodCalls ?? []) {
      for (const method of methods.get(call.function) ?? []) {
        names.push(...mutatedArguments(call, method));
      }
    }
  }
  return names;
}

/**
 * The names of the notebook's classes' methods that change their object (`def bump(self):
 * self.n += 1`), over every cell; null when none does. Matched by name whatever the object, as
 * for their parameters: `a.bump()` changes `a`, where `a` came from a list, a dict or a factory
 * as much as from the class itself.
 */
export function selfChangingMethods(
  sharedCells: readonly number[],
  steps: readonly { cells: readonly number[] }[],
  analysisOf: (cell: number) => ICellAnalysis
): ReadonlySet<string> | null {
  let found: Set<string> | null = null;
  const add = (cell: number) => {
    const methods = analysisOf(cell).names.selfChangingMethods;
    if (methods) {
      found ??= new Set();
      methods.forEach(method => found!.add(method));
    }
  };
  everyCell(sharedCells, steps, add);
  return found;
}

/** The names the cells' module-level calls of those methods change (ICellNames.receiverCalls). */
export function receiversChangedByMethods(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  methods: ReadonlySet<string>
): string[] {
  const names: string[] = [];
  for (const cell of cells) {
    const calls = analysisOf(cell).names.receiverCalls;
    for (const method in calls) {
      if (methods.has(method)) {
        names.push(...calls[method]);
      }
    }
  }
  return names;
}
