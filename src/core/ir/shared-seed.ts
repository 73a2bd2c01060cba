/**
 * A seed set in a shared cell (`np.random.seed(0)` in the imports cell) runs again at the start
 * of every step: each step's draws from that module's global generator start from the same
 * seed, so two steps draw the same numbers, where top to bottom the second goes on from where
 * the first left off. Warned (`shared-seed`) at the seed, naming the first two steps that draw.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  DRAWS_NAMED_LIKE_OTHERS,
  RANDOM_DRAWS,
  SEED_SETTERS
} from '../analysis/mutators';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import { firstStepLine } from './step-lines';

/** Draws from a module's generator: a generator's draws, and the module functions that draw. */
const MODULE_DRAWS: ReadonlySet<string> = new Set([
  ...RANDOM_DRAWS,
  'sample', // random.sample
  'randperm',
  'bernoulli',
  'rand_like',
  'randn_like',
  'randint_like'
]);

/** A call `module.….name(` not inside a def: the module (1) and the name (2). */
const SEED_CALL = /(?:^|[^\w.])([A-Za-z_]\w*)(?:\.\w+)*\.(\w+)\s*\(/gu;

export function sharedSeedWarnings(
  steps: readonly IPipelineStep[],
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  const diagnostics: IDiagnostic[] = [];
  const warned = new Set<string>();
  for (const cell of sharedCells) {
    const { python } = analysisOf(cell);
    if (!python.includes('seed')) {
      continue; // most shared cells seed nothing
    }
    const lines = python.split('\n');
    lines.forEach((text, index) => {
      if (/^\s/.test(text)) {
        return; // in a function or a block: it may not run, or runs where a step calls it
      }
      for (const found of text.matchAll(SEED_CALL)) {
        const module = found[1];
        if (
          !SEED_SETTERS.has(found[2]) ||
          warned.has(module) ||
          !sharedCellsImport(module, sharedCells, analysisOf)
        ) {
          continue;
        }
        const drawers = stepsDrawingFrom(module, steps, analysisOf);
        if (drawers.length < 2) {
          continue;
        }
        warned.add(module);
        const [first, second] = drawers;
        diagnostics.push({
          severity: 'warning',
          code: 'shared-seed',
          message:
            `'${text.trim().slice(0, 60)}' runs again at the start of every step, so steps ` +
            `'${first}' and '${second}' both draw from '${module}' starting at this seed: ` +
            'they draw the same numbers, where top to bottom the second would go on from the ' +
            `first. Make a generator in one step and pass it (rng = np.random.default_rng(0)), ` +
            'or seed each step with a seed of its own',
          cell,
          line: index + 1,
          column: 0
        });
      }
    });
  }
  return diagnostics;
}

/** Whether a shared cell imports `module`. */
function sharedCellsImport(
  module: string,
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  return sharedCells.some(cell =>
    analysisOf(cell).names.imported.includes(module)
  );
}

/**
 * The names of the steps that draw from `module`'s generator (`np.random.rand(…)`), in order;
 * not those that seed it themselves (`np.random.seed(1)` in the step).
 */
function stepsDrawingFrom(
  module: string,
  steps: readonly IPipelineStep[],
  analysisOf: (cell: number) => ICellAnalysis
): string[] {
  // A Python name has no character a regular expression treats specially.
  const call = new RegExp(
    `(?:^|[^\\w.])${module}((?:\\.\\w+)*)\\.(\\w+)\\s*\\(`,
    'gu'
  );
  const calls = (
    text: string,
    matches: (chain: string, name: string) => boolean
  ) => [...text.matchAll(call)].some(found => matches(found[1], found[2]));
  const draws = (text: string) =>
    calls(
      text,
      (chain, name) =>
        MODULE_DRAWS.has(name) &&
        // np.power, math.gamma: a draw only through the module's `random` (np.random.gamma)
        (!DRAWS_NAMED_LIKE_OTHERS.has(name) || /\.random\b/.test(chain))
    );
  const seeds = (text: string) =>
    calls(text, (_, name) => SEED_SETTERS.has(name));
  return steps
    .filter(
      step =>
        firstStepLine(step, analysisOf, draws) !== null &&
        firstStepLine(step, analysisOf, seeds) === null
    )
    .map(step => step.name);
}
