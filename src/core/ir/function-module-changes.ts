/**
 * The modules whose state a notebook function changes when it runs: `np` for
 * `def seed_everything(seed): np.random.seed(seed)`, also through the notebook functions it
 * calls. A step that calls it makes that change (module-state.ts), though the step's own text
 * never names the module.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';
import { IPipelineStep } from './pipeline';

/** Function name → the modules it changes (only functions that change one). */
export type ModuleChangers = ReadonlyMap<string, ReadonlySet<string>>;

/**
 * The functions of the shared cells and of the steps (the last definition of a name wins, as
 * a step that takes a function runs it with its own globals) that change one of `modules`.
 */
export function moduleChangers(
  sharedCells: readonly number[],
  steps: readonly IPipelineStep[],
  modules: ReadonlySet<string>,
  analysisOf: (cell: number) => ICellAnalysis
): ModuleChangers {
  const functions = new Map<string, IFunctionSummary>();
  const add = (cell: number) => {
    const defined = analysisOf(cell).names.functions;
    for (const name in defined) {
      functions.set(name, defined[name]);
    }
  };
  sharedCells.forEach(add);
  steps.forEach(step => step.cells.forEach(add));
  const changers = new Map<string, ReadonlySet<string>>();
  for (const name of functions.keys()) {
    const changed = changedThrough(name, functions, modules, new Set());
    if (changed.size) {
      changers.set(name, changed);
    }
  }
  return changers;
}

function changedThrough(
  name: string,
  functions: ReadonlyMap<string, IFunctionSummary>,
  modules: ReadonlySet<string>,
  visiting: Set<string>
): Set<string> {
  const changed = new Set<string>();
  const summary = functions.get(name);
  if (!summary || visiting.has(name)) {
    return changed;
  }
  visiting.add(name);
  summary.globalWrites.forEach(g => modules.has(g) && changed.add(g));
  for (const read of summary.globalReads) {
    if (read !== name && functions.has(read)) {
      changedThrough(read, functions, modules, visiting).forEach(m =>
        changed.add(m)
      );
    }
  }
  return changed;
}
