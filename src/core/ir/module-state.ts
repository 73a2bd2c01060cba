/**
 * State kept in an imported module: `np.random.seed(0)` (the global generator),
 * `sys.path.append(…)`, `os.environ["KEY"] = …`, `torch.manual_seed(…)`. Each step runs in a
 * process of its own and imports its modules afresh, so a change one step makes there is gone in
 * the next step, where top to bottom every later cell sees it. This warns (`module-state`) at the
 * first step that changes a module's state where a later step uses that module, or, for a change
 * that is no seed (`pd.set_option(…)`, `warnings.filterwarnings(…)`, `os.chdir(…)`, a bare
 * `set_config(…)` imported from sklearn), where any step follows: the change is to how code
 * that never names the module behaves (`print(df)`, `scaler.fit_transform(X)`).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { SEED_SETTERS } from '../analysis/mutators';
import { IDiagnostic } from './diagnostic';
import { changesModuleState, configuredModules } from './module-state-change';
import { moduleChangers, ModuleChangers } from './function-module-changes';
import { IPipelineStep } from './pipeline';
import { firstStepLine, IStepLine } from './step-lines';
import {
  callsSetter,
  isImportedSetter,
  setterModule
} from './imported-setters';

/** What most steps change in the modules: nothing (shared, never written to). */
const NO_CHANGES: ReadonlySet<string> = new Set();

export function moduleStateWarnings(
  steps: readonly IPipelineStep[],
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  // This runs on every key for every cell: indexed loops (a for-of makes an iterator each time
  // where V8 has not optimised the loop), and a step's own set is made only when it changes a
  // module (`changed` collects each step's in turn).
  const modules = new Set<string>();
  /** Names bound to a logger (`log = logging.getLogger("app")`): state the logging module keeps. */
  let loggers: Set<string> | null = null;
  const addImports = (cell: number) => {
    const { imported, loggers: bound } = analysisOf(cell).names;
    for (let i = 0; i < imported.length; i++) {
      modules.add(imported[i]);
    }
    bound?.forEach(name => {
      modules.add(name);
      (loggers ??= new Set()).add(name);
    });
  };
  sharedCells.forEach(addImports);
  for (let s = 0; s < steps.length; s++) {
    steps[s].cells.forEach(addImports);
  }
  if (!modules.size) {
    return [];
  }
  const changers = moduleChangers(sharedCells, steps, modules, analysisOf);
  // Most notebooks change no module's state: the reads are looked at only where one does.
  const changed = new Set<string>();
  const add = (module: string) => changed.add(module);
  const changedIn: ReadonlySet<string>[] = [];
  for (let s = 0; s < steps.length; s++) {
    changed.clear();
    const cells = steps[s].cells;
    for (let c = 0; c < cells.length; c++) {
      const analysis = analysisOf(cells[c]);
      const { mutations, namedCalls } = analysis.names;
      for (let i = 0; i < mutations.length; i++) {
        if (modules.has(mutations[i])) {
          add(mutations[i]);
        }
      }
      configuredModules(analysis, modules).forEach(add);
      for (let i = 0; i < namedCalls.length; i++) {
        const name = namedCalls[i].name;
        changers.get(name)?.forEach(add);
        if (modules.has(name) && isImportedSetter(name)) {
          add(name); // `set_config(…)`, from sklearn
        }
      }
    }
    changedIn.push(changed.size ? new Set(changed) : NO_CHANGES);
  }
  if (!changedIn.some(changed => changed.size)) {
    return [];
  }
  const uses = (step: IPipelineStep, module: string) =>
    step.cells.some(cell => {
      const { reads, mutations } = analysisOf(cell).names;
      return (
        mutations.includes(module) || reads.some(read => read.name === module)
      );
    });
  const diagnostics: IDiagnostic[] = [];
  const warned = new Set<string>();
  steps.forEach((step, index) => {
    for (const module of changedIn[index]) {
      if (warned.has(module)) {
        continue;
      }
      const at =
        changeLine(step, module, analysisOf) ??
        callLine(step, module, changers, analysisOf);
      if (!at) {
        continue;
      }
      // A seed matters only to a step that draws from the module; a setting to any step.
      const seeding = seeds(at.text) || /\bset_?state\s*\(/u.test(at.text);
      const user = steps.find(
        (later, after) => after > index && uses(later, module)
      );
      const reader = user ?? (seeding ? undefined : steps[index + 1]);
      if (!reader) {
        continue;
      }
      warned.add(module);
      const origin = loggers?.has(module)
        ? 'logging'
        : isImportedSetter(module)
          ? setterModule(module, [
              ...sharedCells.map(cell => analysisOf(cell).python),
              ...step.cells.map(cell => analysisOf(cell).python)
            ])
          : module;
      diagnostics.push({
        severity: 'warning',
        code: 'module-state',
        message:
          `step '${step.name}' changes state kept in the module '${origin}' (${at.text})` +
          `, but each step imports its modules afresh: ` +
          (user
            ? `step '${reader.name}', which uses '${module}', does not see the change, ` +
              'which top to bottom it would. '
            : `the steps after it, from '${reader.name}' on, run without the change, ` +
              'which top to bottom they would see. ') +
          (seeding
            ? 'Keep the generator in a variable made in one step (rng = ' +
              'np.random.default_rng(0)) and pass that: a seed in the imports cell would ' +
              'start every step at the same numbers'
            : origin === 'logging'
              ? 'Configure logging in the imports cell, which runs in every step'
              : 'Make the change in the imports cell, which runs in every step, or keep the ' +
                'state in a variable (rng = np.random.default_rng(0)) and pass that'),
        cell: at.cell,
        line: at.line,
        column: 0
      });
    }
  });
  return diagnostics;
}

/**
 * Whether a line seeds a generator (`np.random.seed(0)`, `torch.manual_seed(0)`, or a notebook
 * function named so: `seed_everything(42)`).
 */
function seeds(text: string): boolean {
  return (
    [...text.matchAll(/\.(\w+)\s*\(/gu)].some(call =>
      SEED_SETTERS.has(call[1])
    ) || /(^|[^\w.])\w*seed\w*\s*\(/iu.test(text) // seed_everything(42)
  );
}

/**
 * The first line of the step that changes the module's state in place: a call of a method that
 * changes its receiver (`np.random.seed(0)`, `sys.path.append(p)`) or an item set on it
 * (`os.environ["KEY"] = "1"`), not a draw from a generator; null when there is none.
 */
function changeLine(
  step: IPipelineStep,
  module: string,
  analysisOf: (cell: number) => ICellAnalysis
): IStepLine | null {
  const changed = firstStepLine(step, analysisOf, text =>
    isImportedSetter(module)
      ? callsSetter(text, module)
      : changesModuleState(text, module)
  );
  return changed && { ...changed, text: changed.text.slice(0, 60) };
}

/** The first line of the step that calls a notebook function changing the module's state. */
function callLine(
  step: IPipelineStep,
  module: string,
  changers: ModuleChangers,
  analysisOf: (cell: number) => ICellAnalysis
): IStepLine | null {
  const names = [...changers]
    .filter(([, changed]) => changed.has(module))
    .map(([name]) => name);
  if (!names.length) {
    return null;
  }
  // A Python name has no character a regular expression treats specially.
  const call = new RegExp(`(^|[^\\w.])(${names.join('|')})\\s*\\(`, 'u');
  const called = firstStepLine(step, analysisOf, text => call.test(text));
  return called && { ...called, text: called.text.slice(0, 60) };
}
