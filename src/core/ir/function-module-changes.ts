/**
 * The modules whose state a notebook function changes when it runs: `np` for
 * `def seed_everything(seed): np.random.seed(seed)`, also through the notebook functions it
 * calls. A step that calls it makes that change (module-state.ts), though the step's own text
 * never names the module.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';
import { changesModuleState } from './module-state-change';
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
  const functions = new Map<string, IDefinedFunction>();
  const add = (cell: number) => {
    const { names, python } = analysisOf(cell);
    for (const name in names.functions) {
      functions.set(name, { summary: names.functions[name], python });
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

/** A notebook function and the code of the cell that defines it. */
interface IDefinedFunction {
  summary: IFunctionSummary;
  python: string;
}

function changedThrough(
  name: string,
  functions: ReadonlyMap<string, IDefinedFunction>,
  modules: ReadonlySet<string>,
  visiting: Set<string>
): Set<string> {
  const changed = new Set<string>();
  const defined = functions.get(name);
  if (!defined || visiting.has(name)) {
    return changed;
  }
  visiting.add(name);
  const { summary, python } = defined;
  // A module the body names in place (globalWrites) counts where a line of the body changes its
  // state as a step's line would (a draw, np.append, do not).
  const written = summary.globalWrites.filter(g => modules.has(g));
  if (written.length) {
    const body = definitionBody(python, name);
    written.forEach(
      module =>
        body.some(line => changesModuleState(line, module)) &&
        changed.add(module)
    );
  }
  for (const read of summary.globalReads) {
    if (read !== name && functions.has(read)) {
      changedThrough(read, functions, modules, visiting).forEach(m =>
        changed.add(m)
      );
    }
  }
  return changed;
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
