/**
 * The module-level functions a cell defines, in order, with their summaries, kept with the cell's
 * names: the incremental analyzer reuses a cell's analysis while the cell is unchanged, and the
 * IR reads these for every cell on every key (`step-functions.ts`, `function-module-changes.ts`),
 * where a `for…in` over `names.functions` made a new key list each time.
 */
import { ICellNames, IFunctionSummary } from '../analysis/cell-names';

export interface ICellFunctions {
  names: readonly string[];
  /** The summary of each of `names`, at the same index. */
  summaries: readonly IFunctionSummary[];
}

const NO_FUNCTIONS: ICellFunctions = {
  names: [],
  summaries: []
};

const cellFunctionsOf = new WeakMap<ICellNames, ICellFunctions>();

export function cellFunctions(names: ICellNames): ICellFunctions {
  let found = cellFunctionsOf.get(names);
  if (!found) {
    const defined = Object.keys(names.functions);
    const summaries = defined.map(name => names.functions[name]);
    found = defined.length ? { names: defined, summaries } : NO_FUNCTIONS;
    cellFunctionsOf.set(names, found);
  }
  return found;
}

/**
 * Function (or class) name → the cell that defines it last among `cells` (in notebook order): a
 * step that takes a function runs that definition, with its own globals.
 */
export function lastDefinitions(
  cells: readonly number[],
  namesOf: (cell: number) => ICellNames
): Map<string, number> {
  const definedIn = new Map<string, number>();
  for (const cell of cells) {
    for (const name of cellFunctions(namesOf(cell)).names) {
      definedIn.set(name, cell);
    }
  }
  return definedIn;
}
