/**
 * Functions a step defines, as later steps take them:
 * - those that change a parameter in place: their calls in later steps mutate what they are
 *   passed, as calls of the shared cells' functions do (`step-names.ts`);
 * - those that read or change globals: a later step that takes one reads and changes those
 *   globals itself, since the function runs there with that step's globals (`build.ts`).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  emptySummary,
  IFunctionSummary,
  usesGlobals
} from '../analysis/cell-names';
import { cellFunctions } from './cell-functions';
import { IPipelineStep } from './pipeline';
import { LatestWriters } from './latest-writers';
import { mutatedArguments } from '../analysis/call-sites';

/** The step's module-level functions that change a parameter, or null when it has none. */
export function mutatingFunctions(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, IFunctionSummary> | null {
  let found: Map<string, IFunctionSummary> | null = null;
  for (const cell of cells) {
    const { functions } = analysisOf(cell).names;
    for (const name in functions) {
      if (functions[name].mutatedParameters.length) {
        (found ??= new Map()).set(name, functions[name]);
      }
    }
  }
  return found;
}

/**
 * The step's module-level functions and classes that read or change a global, and its classes
 * whose methods change their instances, by name (the last definition of each), or null when it
 * has none.
 */
export function definedFunctions(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, IFunctionSummary> | null {
  let found: Map<string, IFunctionSummary> | null = null;
  for (const cell of cells) {
    const analysis = analysisOf(cell);
    if (found === null && !analysis.definesGlobalUser) {
      continue; // nothing to take, and nothing taken before to drop
    }
    const defined = cellFunctions(analysis.names);
    for (let at = 0; at < defined.names.length; at++) {
      const summary = defined.summaries[at];
      if (usesGlobals(summary)) {
        (found ??= new Map()).set(defined.names[at], summary);
      } else {
        found?.delete(defined.names[at]);
      }
    }
  }
  return found;
}

/**
 * `functions` with the step's instances added (`reader = Reader()`, see ICellNames.instances),
 * and what functions that make closures returned (`inc = counter()`, closureOf), or null when
 * there are neither. Each instance takes the summary of the class it was made
 * from, where that reads or changes a global: the step's own class, else `earlier(callee)`, one
 * that an earlier step or a functions cell defines. A function's result takes nothing: a model
 * that `build()` returns does not run `build` again, and taking what `build` reads would move
 * its inputs to every step that uses the model. A name bound again in a later cell keeps its
 * entry: a few more inputs, never a wrong value.
 */
export function withInstances(
  functions: Map<string, IFunctionSummary> | null,
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  earlier: (callee: string) => IFunctionSummary | undefined
): Map<string, IFunctionSummary> | null {
  let found = functions;
  for (const cell of cells) {
    const { instances } = analysisOf(cell).names;
    for (const name in instances) {
      const callee = instances[name];
      const summary = functions?.get(callee) ?? earlier(callee);
      if (summary?.isClass) {
        (found ??= new Map()).set(name, instanceOf(summary));
      } else if (summary?.makesStatefulClosures || summary?.returnsFunction) {
        (found ??= new Map()).set(name, closureOf(summary));
      }
    }
  }
  return found;
}

/**
 * The class of the instance `name` that `producer` hands on (`p = P(2)`), where a step after it
 * has changed the class in place since (`P.double = …`, `P.count += 1`): the class's name, which
 * a step taking `p` takes too. Undefined where `name` is no instance of a call, or its callee
 * was not changed in place after.
 */
export function classChangedSince(
  producer: IPipelineStep,
  name: string,
  writers: LatestWriters,
  analysisOf: (cell: number) => ICellAnalysis
): string | undefined {
  const cells = producer.cells;
  let at = cells.length - 1;
  while (
    at >= 0 &&
    !Object.prototype.hasOwnProperty.call(
      analysisOf(cells[at]).names.instances,
      name
    )
  ) {
    at--;
  }
  if (at < 0) {
    return undefined;
  }
  for (let later = at + 1; later < cells.length; later++) {
    if (analysisOf(cells[later]).names.writes.includes(name)) {
      return undefined; // bound again by something else than a call
    }
  }
  const callee = analysisOf(cells[at]).names.instances[name];
  const changer = writers.latest(callee);
  if (changer === undefined || changer === producer) {
    return undefined;
  }
  return changer.cells.some(cell =>
    analysisOf(cell).names.mutations.includes(callee)
  )
    ? callee
    : undefined;
}

/** An instance's entry: its class's summary, marked as an instance (one object per class). */
export function instanceOf(summary: IFunctionSummary): IFunctionSummary {
  if (summary.instance) {
    return summary;
  }
  let entry = instanceEntries.get(summary);
  if (!entry) {
    entry = { ...summary, instance: true };
    instanceEntries.set(summary, entry);
  }
  return entry;
}

const instanceEntries = new WeakMap<IFunctionSummary, IFunctionSummary>();

/**
 * The entry of what a function that makes stateful closures returned (`inc = counter()`): an
 * object that its calls change, as an instance its methods change. It reads and changes no
 * global of the function that made it (never changed: one object for every such name).
 */
const STATEFUL_CLOSURE: IFunctionSummary = Object.freeze({
  ...emptySummary(),
  instance: true,
  mutatesSelf: true
});

/**
 * The entry of what `factory` returned, a closure: stateful where its calls change the state it
 * keeps (STATEFUL_CLOSURE), and reading and changing the globals of the factory's body where
 * that returns a function that may use them (IFunctionSummary.returnsFunction; the globals only
 * the factory itself reads come along too: a few more inputs, never a wrong value).
 */
function closureOf(factory: IFunctionSummary): IFunctionSummary {
  if (!factory.returnsFunction) {
    return STATEFUL_CLOSURE;
  }
  let entry = closureEntries.get(factory);
  if (!entry) {
    entry = {
      ...emptySummary(),
      globalReads: factory.globalReads,
      globalWrites: factory.globalWrites,
      ...(factory.calledOn ? { calledOn: factory.calledOn } : {}),
      instance: true,
      ...(factory.makesStatefulClosures ? { mutatesSelf: true } : {})
    };
    closureEntries.set(factory, entry);
  }
  return entry;
}

const closureEntries = new WeakMap<IFunctionSummary, IFunctionSummary>();

/**
 * The root names the step's module-level calls of `functions` change, and those functions that
 * change a default value of theirs (changed-defaults.ts), where the step calls them: itself, or
 * through a function that calls them (`twice()` calling `add()`), one the step defines or takes.
 * `summaryOf` gives the summary of such a function by name.
 */
export function argumentsMutatedBy(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  functions: ReadonlyMap<string, IFunctionSummary>,
  summaryOf: (name: string) => IFunctionSummary | undefined = () => undefined
): string[] {
  const names: string[] = [];
  for (const cell of cells) {
    const { calls, namedCalls } = analysisOf(cell).names;
    for (const call of calls) {
      const summary = functions.get(call.function);
      if (summary) {
        names.push(...mutatedArguments(call, summary));
      }
    }
    for (const call of namedCalls) {
      if (functions.get(call.name)?.changedDefaults) {
        names.push(call.name);
      } else {
        names.push(...defaultChangersCalledBy(call.name, functions, summaryOf));
      }
    }
  }
  return names;
}

/**
 * The functions of `functions` that change a default value of theirs and that a call of
 * `caller` may call: those it reads, or that a function it reads reads, and so on (a function
 * read is taken as called, as transitiveFunctionReads does).
 */
function defaultChangersCalledBy(
  caller: string,
  functions: ReadonlyMap<string, IFunctionSummary>,
  summaryOf: (name: string) => IFunctionSummary | undefined
): string[] {
  const found: string[] = [];
  const seen = new Set([caller]);
  const queue = [caller];
  while (queue.length) {
    const summary = summaryOf(queue.pop()!);
    for (const read of summary?.globalReads ?? []) {
      if (seen.has(read)) {
        continue;
      }
      seen.add(read);
      if (functions.get(read)?.changedDefaults) {
        found.push(read);
      } else {
        queue.push(read);
      }
    }
  }
  return found;
}
