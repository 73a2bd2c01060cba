/**
 * A seed set in a shared cell (`np.random.seed(0)` in the imports cell) runs again at the start
 * of every step: each step's draws from that module's global generator start from the same
 * seed, so two steps draw the same numbers, where top to bottom the second goes on from where
 * the first left off. Warned (`shared-seed`) at the seed, naming the first two steps that draw
 * (scikit-learn's `train_test_split` and estimators draw from NumPy's where they are given no
 * `random_state`).
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

/**
 * scikit-learn's functions and estimators, and pandas' `sample`, that draw from NumPy's global
 * generator where they are not given `random_state` (its default, None): a seed of NumPy's
 * generator in a shared cell makes two steps that call them draw the same, as
 * `np.random.rand()` does.
 */
const NUMPY_GLOBAL_DRAWERS: ReadonlySet<string> = new Set([
  'sample', // pandas' df.sample(…), from NumPy's generator too
  'train_test_split',
  'shuffle',
  'resample',
  'KFold',
  'StratifiedKFold',
  'GroupKFold',
  'ShuffleSplit',
  'StratifiedShuffleSplit',
  'RepeatedKFold',
  'RepeatedStratifiedKFold',
  'RandomizedSearchCV',
  'RandomForestClassifier',
  'RandomForestRegressor',
  'ExtraTreesClassifier',
  'ExtraTreesRegressor',
  'GradientBoostingClassifier',
  'GradientBoostingRegressor',
  'HistGradientBoostingClassifier',
  'HistGradientBoostingRegressor',
  'DecisionTreeClassifier',
  'DecisionTreeRegressor',
  'BaggingClassifier',
  'BaggingRegressor',
  'AdaBoostClassifier',
  'AdaBoostRegressor',
  'IsolationForest',
  'KMeans',
  'MiniBatchKMeans',
  'MLPClassifier',
  'MLPRegressor',
  'SGDClassifier',
  'SGDRegressor',
  'TSNE',
  'make_classification',
  'make_regression',
  'make_blobs',
  'make_moons',
  'make_circles'
]);

/** A call of one of NUMPY_GLOBAL_DRAWERS, its module path before it if any: the name (1). */
const GLOBAL_DRAWER_CALL = new RegExp(
  `(?:^|[^\\w.])(?:[A-Za-z_]\\w*\\.)*(${[...NUMPY_GLOBAL_DRAWERS].join('|')})\\s*\\(`,
  'gu'
);

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
        const drawers = stepsDrawingFrom(
          module,
          importsNumpy(module, sharedCells, analysisOf),
          steps,
          analysisOf
        );
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

/** Whether `module` is NumPy where the shared cells import it (`import numpy as np`). */
function importsNumpy(
  module: string,
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  return sharedCells.some(cell => {
    const { names } = analysisOf(cell);
    return (
      (names.importSources?.[module] ??
        (names.imported.includes(module) ? module : null)) === 'numpy'
    );
  });
}

/**
 * Whether `python` calls one of NUMPY_GLOBAL_DRAWERS without `random_state` among its
 * arguments (`train_test_split(X, y, test_size=0.2)`, over several lines too).
 */
function drawsThroughScikitLearn(python: string): boolean {
  for (const found of python.matchAll(GLOBAL_DRAWER_CALL)) {
    const open = (found.index ?? 0) + found[0].length - 1;
    if (!callArguments(python, open).includes('random_state')) {
      return true;
    }
  }
  return false;
}

/** The text from the bracket at `open` to the one that closes it (or the end). */
function callArguments(python: string, open: number): string {
  let depth = 0;
  for (let i = open; i < python.length; i++) {
    const c = python[i];
    if (c === '(' || c === '[' || c === '{') {
      depth++;
    } else if (c === ')' || c === ']' || c === '}') {
      depth--;
      if (depth === 0) {
        return python.slice(open, i + 1);
      }
    }
  }
  return python.slice(open);
}

/**
 * The names of the steps that draw from `module`'s generator (`np.random.rand(…)`, and where
 * it is NumPy, scikit-learn's calls that draw from it: NUMPY_GLOBAL_DRAWERS), in order; not
 * those that seed it themselves (`np.random.seed(1)` in the step).
 */
function stepsDrawingFrom(
  module: string,
  isNumpy: boolean,
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
  const drawsThroughCalls = (step: IPipelineStep) =>
    isNumpy &&
    step.cells.some(cell => drawsThroughScikitLearn(analysisOf(cell).python));
  return steps
    .filter(
      step =>
        (firstStepLine(step, analysisOf, draws) !== null ||
          drawsThroughCalls(step)) &&
        firstStepLine(step, analysisOf, seeds) === null
    )
    .map(step => step.name);
}
