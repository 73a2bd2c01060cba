/** The reads and writes of a whole step, from its cells' analyses (design §3.2–3.3). */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames, IFunctionSummary, INameUse } from '../analysis/cell-names';
import {
  closeMutatedParameters,
  itemChangedArguments,
  mutatedArguments
} from '../analysis/call-sites';
import { globalsReadByCall } from './called-globals';
import { StepTies, tieCellNames, untieRebound } from './step-ties';
import { CalledOnSets, calledOnLists, withCalledOn } from './called-on-lists';

export interface ILocatedName {
  name: string;
  cell: number;
  line: number;
  column: number;
  /** A read that may not happen (a method of a class the step calls): no warning if unbound. */
  quiet?: true;
}

export interface IStepNames {
  /** Names read before the step binds them, first use of each, in order. */
  reads: ILocatedName[];
  /** Names the step binds or mutates at module level. */
  writes: Set<string>;
  /**
   * Those of `writes` that the step may leave unbound (ICellNames.maybeBound, and globals its
   * functions assign through `global`), or null when there are none.
   */
  maybeWrites: Set<string> | null;
  /**
   * Builtin names the step reads before it binds them (ICellNames.builtinReads), quiet, or null
   * when there are none: inputs only where an earlier step binds the name.
   */
  builtinReads: ILocatedName[] | null;
  /**
   * The names the step's calls of its own and the shared functions change in place (`clean(df)`,
   * IFunctionSummary.mutatedParameters), and those of them whose items change (`add_col(frames)`,
   * itemChangedParameters), or null when the step makes no such call: what other names of those
   * objects the step takes beside them (object-shares.ts).
   */
  callChanges: ICallChanges | null;
}

/** Names calls change in place, and those whose items they change (see IStepNames). */
export interface ICallChanges {
  changed: string[];
  items: string[];
}

export interface IGlobalContext {
  /** Names every step has: imports, functions cells, parameters. */
  available: ReadonlySet<string>;
  /** Transitive global reads and writes of each function defined in a `functions` cell. */
  functionReads: ReadonlyMap<string, IFunctionSummary>;
}

export function stepNames(
  cells: number[],
  analysisOf: (cell: number) => ICellAnalysis,
  context: IGlobalContext
): IStepNames {
  const reads = new Map<string, ILocatedName>();
  const writes = new Set<string>();
  /** Names bound at module level: only these hide a function's global reads. */
  const bound = new Set<string>();
  const deferred: ILocatedName[] = [];
  /** The cells that may leave a name unbound, if any. */
  let maybe: Set<number> | null = null;
  let builtinReads: Map<string, ILocatedName> | null = null;
  /**
   * Names earlier cells bind only in a branch (ICellNames.maybeBound) and not for sure: a read of
   * one may find the earlier step's value, or none, quietly (ILocatedName.quiet).
   */
  let maybeSoFar: Set<string> | null = null;
  const quietWhereUnsure = (at: ILocatedName): ILocatedName =>
    maybeSoFar?.has(at.name) ? { ...at, quiet: true } : at;
  const expandFunction = (use: INameUse, cell: number) => {
    const summary = context.functionReads.get(use.name);
    if (summary) {
      for (const name of summary.globalReads) {
        deferred.push(located(use, cell, name));
      }
      summary.globalWrites.forEach(name => writes.add(name));
    }
  };
  /** Functions the step defines itself: they hide the shared cells' of the same name. */
  let ownFunctions: Map<string, IFunctionSummary> | null = null;
  /**
   * Names earlier cells of the step left tied (`b = a`, `pipe = make_pipeline(model)`), both
   * ways: a later cell's change to one changes the other, which the step then hands on too.
   */
  let tied: StepTies | null = null;
  let callChanges: ICallChanges | null = null;
  for (const cell of cells) {
    const analysis = analysisOf(cell);
    const names = analysis.names;
    if (tied) {
      untieRebound(tied, names);
      for (const name of names.mutations) {
        tied.get(name)?.forEach((_, other) => {
          if (!context.available.has(other)) {
            writes.add(other);
          }
        });
      }
      // A method an earlier cell bound (`push = tally.append`), called or handed to a call
      // here (`push(9)`, `map(push, xs)`): its object changes.
      const methodCalled = (name: string) =>
        tied!.get(name)?.forEach((how, other) => {
          if (how === 'method' && !context.available.has(other)) {
            writes.add(other);
          }
        });
      names.namedCalls.forEach(call => methodCalled(call.name));
      names.passedTo?.forEach(methodCalled);
    }
    if (analysis.aliasesNames) {
      tieCellNames((tied ??= new Map()), names);
    }
    for (const name in names.functions) {
      (ownFunctions ??= new Map()).set(name, names.functions[name]);
    }
    for (const call of names.calls) {
      const summary =
        ownFunctions?.get(call.function) ??
        context.functionReads.get(call.function);
      if (summary?.mutatedParameters.length) {
        for (const name of mutatedArguments(call, summary)) {
          if (!context.available.has(name)) {
            writes.add(name);
            (callChanges ??= { changed: [], items: [] }).changed.push(name);
          }
        }
        for (const name of itemChangedArguments(call, summary)) {
          if (!context.available.has(name)) {
            (callChanges ??= { changed: [], items: [] }).items.push(name);
          }
        }
      }
    }
    for (const call of names.namedCalls) {
      if (context.functionReads.get(call.name)?.changedDefaults) {
        // Changes the shared function's default (changed-defaults.ts), which the steps after
        // do not see: a `shared-name` warning where one calls it too.
        writes.add(call.name);
      }
    }
    for (const read of names.reads) {
      if (context.available.has(read.name)) {
        expandFunction(read, cell);
      } else if (!bound.has(read.name) && !reads.has(read.name)) {
        reads.set(read.name, quietWhereUnsure(located(read, cell, read.name)));
      }
    }
    for (const read of names.builtinReads) {
      if (!bound.has(read.name) && !builtinReads?.has(read.name)) {
        (builtinReads ??= new Map()).set(read.name, {
          ...located(read, cell, read.name),
          quiet: true
        });
      }
    }
    const unsure = names.maybeBound.length ? new Set(names.maybeBound) : null;
    if (names.namedCalls.length) {
      readsOfCalls(
        names,
        cell,
        ownFunctions,
        context,
        bound,
        reads,
        name => (unsure?.has(name) || maybeSoFar?.has(name)) ?? false
      );
    }
    for (const name of names.writes) {
      if (!unsure?.has(name)) {
        bound.add(name);
        maybeSoFar?.delete(name);
      } else if (!bound.has(name)) {
        (maybeSoFar ??= new Set()).add(name);
      }
      writes.add(name);
    }
    if (names.maybeBound.length || names.deferredWrites.length) {
      (maybe ??= new Set()).add(cell); // sorted out below, once the step's writes are known
    }
    names.deferredWrites.forEach(name => writes.add(name));
    for (const read of names.deferredReads) {
      deferred.push(located(read, cell, read.name));
      if (context.available.has(read.name)) {
        expandFunction(read, cell);
      }
    }
  }
  for (const use of deferred) {
    if (
      !context.available.has(use.name) &&
      !bound.has(use.name) &&
      !reads.has(use.name)
    ) {
      reads.set(use.name, quietWhereUnsure(use));
    }
  }
  return {
    reads: [...reads.values()],
    writes,
    maybeWrites: maybe && maybeUnbound(cells, maybe, analysisOf),
    builtinReads: builtinReads && [...builtinReads.values()],
    callChanges
  };
}

/**
 * The names that `cells` of one step may leave unbound: those that the cells in `uncertain` bind
 * only in branches or through `global`, and no cell of the step binds for sure.
 */
function maybeUnbound(
  cells: readonly number[],
  uncertain: ReadonlySet<number>,
  analysisOf: (cell: number) => ICellAnalysis
): Set<string> | null {
  const candidates = new Set<string>();
  for (const cell of uncertain) {
    const { maybeBound, deferredWrites } = analysisOf(cell).names;
    maybeBound.forEach(name => candidates.add(name));
    deferredWrites.forEach(name => candidates.add(name));
  }
  for (const cell of cells) {
    const { writes, maybeBound } = analysisOf(cell).names;
    const unsure = maybeBound.length ? new Set(maybeBound) : null;
    for (const name of writes) {
      if (!unsure?.has(name)) {
        candidates.delete(name);
      }
    }
  }
  return candidates.size ? candidates : null;
}

/**
 * Adds to `reads` the globals that the cell's calls read (see called-globals.ts) where neither
 * the step's earlier cells (`bound`) nor this cell before the call bound them for sure; quietly
 * where the step may have bound them (`unsure`: only in a branch).
 */
function readsOfCalls(
  names: ICellNames,
  cell: number,
  own: ReadonlyMap<string, IFunctionSummary> | null,
  context: IGlobalContext,
  bound: ReadonlySet<string>,
  reads: Map<string, ILocatedName>,
  unsure: (name: string) => boolean
): void {
  let order: Map<string, number> | null = null;
  for (const call of names.namedCalls) {
    globalsReadByCall(call, own, context.functionReads, (global, quiet) => {
      if (
        context.available.has(global) ||
        bound.has(global) ||
        reads.has(global)
      ) {
        return;
      }
      // Bound before the call for sure, or maybe (quietly: it may find the earlier value).
      const maybe = unsure(global);
      order ??= new Map(names.writes.map((name, at) => [name, at]));
      if (maybe || (order.get(global) ?? Infinity) >= call.boundBefore) {
        const read = located(call, cell, global);
        reads.set(global, quiet || maybe ? { ...read, quiet: true } : read);
      }
    });
  }
}

interface IStepNamesEntry {
  cells: number[];
  analyses: ICellAnalysis[];
  context: IGlobalContext;
  names: IStepNames;
}

/** Keyed by the analysis of a step's first cell: entries live as long as cached analyses do. */
const reusable = new WeakMap<ICellAnalysis, IStepNamesEntry>();

/**
 * `stepNames`, reusing the result computed for the same cells (same indices, same analysis
 * objects) in the same context: after an edit, only the edited step is computed again.
 * The result is shared between calls and must not be changed.
 */
export function stepNamesReusing(
  cells: number[],
  analysisOf: (cell: number) => ICellAnalysis,
  context: IGlobalContext
): IStepNames {
  if (!cells.length) {
    return stepNames(cells, analysisOf, context);
  }
  const first = analysisOf(cells[0]);
  const entry = reusable.get(first);
  if (
    entry &&
    entry.context === context &&
    entry.cells.length === cells.length &&
    sameCells(entry, cells, analysisOf)
  ) {
    return entry.names;
  }
  const names = stepNames(cells, analysisOf, context);
  const analyses = cells.map(analysisOf);
  reusable.set(first, { cells: [...cells], analyses, context, names });
  return names;
}

/** Same indices and same analysis objects, compared without allocating (this runs per key). */
function sameCells(
  entry: IStepNamesEntry,
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  for (let i = 0; i < cells.length; i++) {
    if (
      entry.cells[i] !== cells[i] ||
      entry.analyses[i] !== analysisOf(cells[i])
    ) {
      return false;
    }
  }
  return true;
}

function located(use: INameUse, cell: number, name: string): ILocatedName {
  const at: ILocatedName = { name, cell, line: use.line, column: use.column };
  if (use.quiet) {
    at.quiet = true;
  }
  return at;
}

/** Closes each function's global reads over the other functions it reads (design §3.3). */
export function transitiveFunctionReads(
  functions: ReadonlyMap<string, IFunctionSummary>
): Map<string, IFunctionSummary> {
  const closed = new Map<string, IFunctionSummary>();
  for (const start of functions.keys()) {
    const reads = new Set<string>();
    const writes = new Set<string>();
    let calledOn: CalledOnSets | undefined;
    const queue = [start];
    const seen = new Set(queue);
    while (queue.length) {
      const name = queue.shift()!;
      const summary = functions.get(name)!;
      summary.globalWrites.forEach(w => writes.add(w));
      if (summary.calledOn) {
        withCalledOn((calledOn ??= {}), summary.calledOn);
      }
      if (name !== start && summary.changedDefaults) {
        // Calls `add`, which changes its default (changed-defaults.ts): reads and changes it.
        reads.add(name);
        writes.add(name);
      }
      for (const read of summary.globalReads) {
        if (!functions.has(read)) {
          reads.add(read);
        } else if (!seen.has(read)) {
          seen.add(read);
          queue.push(read);
        }
      }
    }
    const own = functions.get(start)!;
    closed.set(start, {
      globalReads: [...reads],
      globalWrites: [...writes],
      ...(calledOn ? { calledOn: calledOnLists(calledOn) } : {}),
      parameters: own.parameters,
      positional: own.positional,
      ...(own.rest === undefined ? {} : { rest: own.rest }),
      mutatedParameters: [...own.mutatedParameters],
      ...(own.itemChangedParameters
        ? { itemChangedParameters: [...own.itemChangedParameters] }
        : {}),
      parameterCalls: own.parameterCalls,
      ...(own.isClass ? { isClass: own.isClass } : {}),
      ...(own.heldArguments ? { heldArguments: own.heldArguments } : {}),
      ...(own.mutatesSelf ? { mutatesSelf: own.mutatesSelf } : {}),
      ...(own.changedDefaults ? { changedDefaults: own.changedDefaults } : {}),
      ...(own.makesStatefulClosures ? { makesStatefulClosures: true } : {}),
      ...(own.returnsFunction ? { returnsFunction: true } : {}),
      ...(own.generator ? { generator: true } : {})
    });
  }
  // Across the shared cells: a function that passes a parameter to one that changes it.
  closeMutatedParameters(closed);
  return closed;
}
