/**
 * A step that binds or changes a name that the shared cells or the parameters give every step
 * (`threshold = 0.9` where `threshold` is a parameter, a functions cell's `def clean` defined
 * again, `CONFIG["lr"] = 0.5`): design §3.3 never passes such names, since every step has them,
 * so a later step sees the shared value, not the change, as it would not top to bottom. Warned
 * (`shared-name`) where a later step reads the name, itself or through a functions cell's
 * function. Names the shared cells import are left out: a step that imports one again gets the
 * same module.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import { firstStepLine } from './step-lines';
import { IGlobalContext } from './step-names';

export type SharedKind = 'parameter' | 'functions' | 'imports';

/** Name → where every step gets it from: the parameters, a functions or an imports cell. */
export function sharedNameKinds(
  parameters: readonly string[],
  imports: readonly number[],
  functions: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, SharedKind> {
  const kinds = new Map<string, SharedKind>();
  const add = (cells: readonly number[], kind: SharedKind) => {
    for (const cell of cells) {
      const { writes, imported } = analysisOf(cell).names;
      const modules = new Set(imported);
      writes.forEach(name => !modules.has(name) && kinds.set(name, kind));
      modules.forEach(name => kinds.delete(name));
    }
  };
  add(imports, 'imports');
  add(functions, 'functions');
  parameters.forEach(name => kinds.set(name, 'parameter'));
  return kinds;
}

/**
 * One warning per shared name: at the first step that binds or changes it and has a later step
 * reading it, naming the first few such readers and how many steps change it. One pass over the
 * steps' writes, and over their reads only where a step changes a shared name (the lab runs
 * this on every edit).
 */
export function sharedRebindWarnings(
  steps: readonly IPipelineStep[],
  writesOf: readonly ReadonlySet<string>[],
  kinds: ReadonlyMap<string, SharedKind>,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  if (!kinds.size) {
    return [];
  }
  /** Shared name → the steps that bind or change it, in order (most notebooks: none). */
  const writersOf = new Map<string, number[]>();
  writesOf.forEach((writes, index) => {
    for (const name of writes) {
      if (kinds.has(name)) {
        let writers = writersOf.get(name);
        if (!writers) {
          writers = [];
          writersOf.set(name, writers);
        }
        writers.push(index);
      }
    }
  });
  if (!writersOf.size) {
    return [];
  }
  /** Those names → the indices of the steps that read them, in order. */
  const readersOf = new Map<string, number[]>();
  const classOf = sharedClassInstances(steps, writersOf, analysisOf);
  steps.forEach((step, index) => {
    for (const name of sharedReads(
      step,
      writersOf,
      classOf,
      context,
      analysisOf
    )) {
      let readers = readersOf.get(name);
      if (!readers) {
        readers = [];
        readersOf.set(name, readers);
      }
      readers.push(index);
    }
  });
  const diagnostics: IDiagnostic[] = [];
  for (const [name, writers] of writersOf) {
    const readers = readersOf.get(name);
    if (!readers) {
      continue;
    }
    const index = writers.find(w => readers[readers.length - 1] > w);
    if (index === undefined) {
      continue;
    }
    const later = readers.filter(r => r > index).map(r => `'${steps[r].name}'`);
    const listed =
      later.length > MAX_LISTED
        ? `${later.slice(0, MAX_LISTED).join(', ')} and ${later.length - MAX_LISTED} more`
        : later.join(', ');
    const others = writers.length - 1;
    const kind = kinds.get(name)!;
    const at = bindingLine(steps[index], name, analysisOf, context);
    const defaults =
      kind === 'functions' && at.byCall
        ? context.functionReads.get(name)?.changedDefaults
        : undefined;
    diagnostics.push({
      severity: 'warning',
      code: 'shared-name',
      message:
        `step '${steps[index].name}' binds or changes '${name}', ${WHAT[kind]}` +
        (others === 0
          ? ''
          : others === 1
            ? ' (and 1 more step does)'
            : ` (and ${others} more steps do)`) +
        `: each step starts afresh from the shared value, so ` +
        `${later.length > 1 ? 'steps' : 'step'} ${listed} will not see this change, which ` +
        `top to bottom ${later.length > 1 ? 'they' : 'it'} would; ` +
        (defaults
          ? `its calls change its default value of '${defaults[0]}', which every step ` +
            `makes afresh: pass that value as an argument instead`
          : `give the new value a name of its own`) +
        (kind === 'parameter'
          ? `, or set the parameter for the run (--param ${name}=…)`
          : ''),
      cell: at.cell,
      line: at.line,
      column: 0
    });
  }
  return diagnostics;
}

/** Readers listed by name in a warning; the rest are counted. */
const MAX_LISTED = 3;

const WHAT: Record<SharedKind, string> = {
  parameter: 'a pipeline parameter',
  functions: 'which a functions cell defines',
  imports: 'which the imports cell binds'
};

/**
 * The names the steps bind to an instance of a class of `wanted` (`model = Model()`), by that
 * class: a step that uses the instance uses its class, as a change to the class (`Model.predict
 * = …`) would show top to bottom, but its own, which a functions cell made afresh. A name bound
 * to something else elsewhere counts too: a warning too many, never one too few.
 */
function sharedClassInstances(
  steps: readonly IPipelineStep[],
  wanted: ReadonlyMap<string, unknown>,
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, string> {
  const classOf = new Map<string, string>();
  for (const step of steps) {
    for (const cell of step.cells) {
      const { instances } = analysisOf(cell).names;
      for (const name in instances) {
        if (wanted.has(instances[name])) {
          classOf.set(name, instances[name]);
        }
      }
    }
  }
  return classOf;
}

/**
 * The names of `wanted` a step reads, itself, through a functions cell's function, or through an
 * instance of its class (`classOf`).
 */
function sharedReads(
  step: IPipelineStep,
  wanted: ReadonlyMap<string, unknown>,
  classOf: ReadonlyMap<string, string>,
  context: IGlobalContext,
  analysisOf: (cell: number) => ICellAnalysis
): Set<string> {
  const found = new Set<string>();
  for (const cell of step.cells) {
    const { reads, deferredReads } = analysisOf(cell).names;
    for (const list of [reads, deferredReads]) {
      for (const read of list) {
        if (wanted.has(read.name)) {
          found.add(read.name);
        }
        const instanceOf = classOf.get(read.name);
        if (instanceOf !== undefined) {
          found.add(instanceOf);
        }
        for (const global of context.functionReads.get(read.name)
          ?.globalReads ?? []) {
          if (wanted.has(global)) {
            found.add(global);
          }
        }
      }
    }
  }
  return found;
}

/** Where the step first binds `name` at the start of a line (else its first cell's line 1). */
function bindingLine(
  step: IPipelineStep,
  name: string,
  analysisOf: (cell: number) => ICellAnalysis,
  context: IGlobalContext
): { cell: number; line: number; byCall?: true } {
  // A Python name has no character a regular expression treats specially.
  const binding = new RegExp(
    `^\\s*(def\\s+${name}\\b|class\\s+${name}\\b|${name}\\s*(\\[|\\.|[-+*/%@&|^]?=(?!=)))`,
    'u'
  );
  const bound = firstStepLine(step, analysisOf, text => binding.test(text));
  if (bound) {
    return { cell: bound.cell, line: bound.line };
  }
  // Else the first call of a functions cell's function that changes it (`cached_square(4)`),
  // or of the function itself, where a call changes its default value (changed-defaults.ts);
  // a call of another function that calls it (`twice(4)`) changes that default too.
  const changesDefault =
    context.functionReads.get(name)?.changedDefaults !== undefined;
  for (const cell of step.cells) {
    const call = analysisOf(cell).names.namedCalls.find(c =>
      c.name === name
        ? changesDefault
        : context.functionReads.get(c.name)?.globalWrites.includes(name)
    );
    if (call) {
      return changesDefault
        ? { cell, line: call.line, byCall: true }
        : { cell, line: call.line };
    }
  }
  return { cell: step.cells[0], line: 1 };
}
