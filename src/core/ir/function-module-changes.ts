/**
 * The modules whose state a notebook function changes when it runs: `np` for
 * `def seed_everything(seed): np.random.seed(seed)`, also through the notebook functions it
 * calls. A step that calls it makes that change (module-state.ts), though the step's own text
 * never names the module.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';
import { changesModuleState } from './module-state-change';
import { cellFunctions, lastDefinitions } from './cell-functions';
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
  const definesModuleChanger = (cell: number) => {
    const analysis = analysisOf(cell);
    return (
      analysis.definesGlobalWriter && namesAModule(analysis.names, modules)
    );
  };
  if (
    !sharedCells.some(definesModuleChanger) &&
    !steps.some(step => step.cells.some(definesModuleChanger))
  ) {
    // No function changes a module in its own body (nor, then, through those it calls): the
    // usual case, found without the map of every function below, nor a list of every cell.
    return NO_CHANGERS;
  }
  const definedIn = lastDefinitions(
    [...sharedCells, ...steps.flatMap(step => step.cells)],
    cell => analysisOf(cell).names
  );
  const functions: IFunctions = { definedIn, analysisOf };
  const changers = new Map<string, ReadonlySet<string>>();
  const visiting = new Set<string>();
  for (const name of definedIn.keys()) {
    visiting.clear();
    const changed = changedThrough(name, functions, modules, visiting);
    if (changed.size) {
      changers.set(name, changed);
    }
  }
  return changers;
}

const NO_CHANGERS: ModuleChangers = new Map();

/** Whether one of the cell's functions names one of `modules` in place (its globalWrites). */
function namesAModule(
  names: ICellNames,
  modules: ReadonlySet<string>
): boolean {
  for (const summary of cellFunctions(names).summaries) {
    for (const written of summary.globalWrites) {
      if (modules.has(written)) {
        return true;
      }
    }
  }
  return false;
}

/** The notebook's functions: the cell that defines each last, and the cells' analyses. */
interface IFunctions {
  definedIn: ReadonlyMap<string, number>;
  analysisOf: (cell: number) => ICellAnalysis;
}

/** What most functions change: no module (shared, never written to). */
const NO_MODULES: ReadonlySet<string> = new Set();

function changedThrough(
  name: string,
  functions: IFunctions,
  modules: ReadonlySet<string>,
  visiting: Set<string>
): ReadonlySet<string> {
  const cell = functions.definedIn.get(name);
  if (cell === undefined || visiting.has(name)) {
    return NO_MODULES;
  }
  visiting.add(name);
  const { names, python } = functions.analysisOf(cell);
  const summary = names.functions[name];
  // This runs on every key for every function of the notebook: sets and the body's lines are
  // made only for a function that names a module or calls another notebook function.
  let changed: Set<string> | null = null;
  let body: string[] | null = null;
  // A module the body names in place (globalWrites) counts where a line of the body changes its
  // state as a step's line would (a draw, np.append, do not).
  for (const module of summary.globalWrites) {
    if (!modules.has(module)) {
      continue;
    }
    body ??= definitionBody(python, name);
    if (body.some(line => changesModuleState(line, module))) {
      (changed ??= new Set()).add(module);
    }
  }
  for (const read of summary.globalReads) {
    if (read !== name && functions.definedIn.has(read)) {
      for (const module of changedThrough(read, functions, modules, visiting)) {
        (changed ??= new Set()).add(module);
      }
    }
  }
  return changed ?? NO_MODULES;
}

/**
 * The lines of each `def name` or `class name` in the cell: its header and the lines after it
 * indented deeper than it (blank lines and comments included).
 */
function definitionBody(python: string, name: string): string[] {
  const lines = python.split('\n');
  const header = new RegExp(
    `^(\\s*)(?:async\\s+)?(?:def|class)\\s+${name}\\b`,
    'u'
  );
  const body: string[] = [];
  lines.forEach((line, at) => {
    const found = header.exec(line);
    if (!found) {
      return;
    }
    const indent = found[1].length;
    body.push(line); // a body on the header's line: `def reseed(): np.random.seed(1)`
    for (const next of lines.slice(at + 1)) {
      const text = next.trim();
      if (
        text &&
        !text.startsWith('#') &&
        next.length - next.trimStart().length <= indent
      ) {
        break;
      }
      body.push(next);
    }
  });
  return body;
}
