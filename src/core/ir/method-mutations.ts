/**
 * Methods of the notebook's classes that change a parameter in place
 * (`def add_features(self, df): df["b"] = …`): a step's module-level call of such a method
 * (`prep.add_features(frame)`) changes `frame`, which the step then hands on. Methods that
 * change their object (`self.n += 1`) change the receiver of such a call the same way. Matched by the
 * method's name whatever the object, as the analysis does not know the object's class: another
 * object's method of the same name (`model.fit(X)` where a notebook class's `fit` changes its
 * `X`) costs a save more, never a stale value.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { mutatedArguments } from '../analysis/call-sites';
import { IMethodSummary } from '../analysis/cell-names';

/** What the notebook's classes' methods change, by method name, over every cell. */
export interface INotebookMethods {
  /**
   * Method name → what each method of that name changes of its parameters (classes may differ
   * in their parameters); null when no class method changes one.
   */
  changingParameters: Map<string, IMethodSummary[]> | null;
  /**
   * The names of the methods that change their object (`def bump(self): self.n += 1`); null
   * when none does. Matched by name whatever the object, as for their parameters: `a.bump()`
   * changes `a`, where `a` came from a list, a dict or a factory as much as from the class.
   */
  changingSelf: Set<string> | null;
}

/**
 * Both tables of INotebookMethods, in one pass over the shared cells, then each step's: asked
 * on every key, so without a list of every cell.
 */
export function notebookMethods(
  sharedCells: readonly number[],
  steps: readonly { cells: readonly number[] }[],
  analysisOf: (cell: number) => ICellAnalysis
): INotebookMethods {
  const found: INotebookMethods = {
    changingParameters: null,
    changingSelf: null
  };
  const add = (cell: number) => {
    const { methodMutations, selfChangingMethods } = analysisOf(cell).names;
    for (const name in methodMutations) {
      found.changingParameters ??= new Map();
      const known = found.changingParameters.get(name);
      if (known) {
        known.push(...methodMutations[name]);
      } else {
        found.changingParameters.set(name, [...methodMutations[name]]);
      }
    }
    if (selfChangingMethods) {
      found.changingSelf ??= new Set();
      selfChangingMethods.forEach(method => found.changingSelf!.add(method));
    }
  };
  sharedCells.forEach(add);
  for (const step of steps) {
    step.cells.forEach(add);
  }
  return found;
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
