/**
 * Tables of functions: `ops = {"add": add_item}`, `callbacks = [on_epoch, log_loss]`,
 * `plan = [("a", a)]`, `ops["add"] = add_item`, `add1 = partial(add, 1)` (ICellNames.items and
 * heldCallables). A call through the table (`ops["add"](1)`, `for cb in callbacks: cb(i)`)
 * runs one of the functions it holds, so in a later step the table reads and changes the
 * globals they do, as a function taken from an earlier step does (build.ts), and calls on those
 * they call on (`rng.sample(…)`, `ax.set_title(…)`: object-kinds.ts). Its functions may
 * be the step's own, an earlier step's or a functions cell's. A table of lambdas written in
 * place has its own summary already (lambda-tables.ts); this adds the functions it holds by
 * name.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  emptySummary,
  IFunctionCalledOn,
  IFunctionSummary
} from '../analysis/cell-names';
import { CalledOnSets, calledOnLists, withCalledOn } from './called-on-lists';

/**
 * `functions` (the step's functions and instances, by name) with an entry for each table of
 * functions the step's cells make, or `functions` itself where they make none. A function held
 * is found in `functions`, else by `earlier(name)`.
 */
export function withFunctionTables(
  functions: Map<string, IFunctionSummary> | null,
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  earlier: (name: string) => IFunctionSummary | undefined
): Map<string, IFunctionSummary> | null {
  let found = functions;
  const add = (table: string, item: string) => {
    const held = found?.get(item) ?? earlier(item);
    if (held && !held.instance && changesOrReadsGlobals(held)) {
      found ??= new Map();
      found.set(table, withCallee(found.get(table), held));
    }
  };
  for (const cell of cells) {
    const { items, heldCallables } = analysisOf(cell).names;
    for (const item in items) {
      items[item].forEach(table => add(table, item));
    }
    for (const holder in heldCallables) {
      heldCallables[holder].forEach(item => add(holder, item));
    }
  }
  return found;
}

/** Whether `summary` reads or changes a global (one it calls on it reads: calledOn). */
function changesOrReadsGlobals(summary: IFunctionSummary): boolean {
  return summary.globalReads.length !== 0 || summary.globalWrites.length !== 0;
}

/** What either calls on, or undefined where neither calls on anything. */
function calledOnBoth(
  table: IFunctionCalledOn | undefined,
  held: IFunctionCalledOn | undefined
): IFunctionCalledOn | undefined {
  if (!table || !held) {
    return table ?? held;
  }
  const sets: CalledOnSets = {};
  withCalledOn(sets, table);
  withCalledOn(sets, held);
  return calledOnLists(sets);
}

/**
 * A table's entry that also runs `held`: what both read, change and call on
 * (IFunctionSummary.calledOn). A holder that is already a function, or an instance whose methods
 * change it (`trainer.hook = log_step`), stays one.
 */
function withCallee(
  table: IFunctionSummary | undefined,
  held: IFunctionSummary
): IFunctionSummary {
  const base = table ?? emptySummary();
  const calledOn = calledOnBoth(base.calledOn, held.calledOn);
  return {
    ...base,
    globalReads: [...new Set([...base.globalReads, ...held.globalReads])],
    globalWrites: [...new Set([...base.globalWrites, ...held.globalWrites])],
    ...(calledOn ? { calledOn } : {})
  };
}
