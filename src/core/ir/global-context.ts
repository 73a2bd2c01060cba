/**
 * The names every step has (imports and functions cells, parameters) and the transitive reads
 * of the functions defined there (design §3.3). The same inputs give the same context object,
 * so that per-step results keyed on it (`stepNamesReusing`) survive an edit elsewhere.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';
import { IGlobalContext, transitiveFunctionReads } from './step-names';

interface IContextEntry {
  analyses: ICellAnalysis[];
  parameters: string[];
  context: IGlobalContext;
}

/** The last few contexts built: one per notebook being edited, a few notebooks at a time. */
const recent: IContextEntry[] = [];
const RECENT_LIMIT = 8;

export function globalContext(
  sharedCells: readonly number[],
  parameters: readonly string[],
  analysisOf: (cell: number) => ICellAnalysis
): IGlobalContext {
  const analyses = sharedCells.map(analysisOf);
  const found = recent.find(
    entry =>
      sameItems(entry.analyses, analyses) &&
      sameItems(entry.parameters, parameters)
  );
  if (found) {
    return found.context;
  }
  const context = buildContext(analyses, parameters);
  recent.unshift({ analyses, parameters: [...parameters], context });
  recent.length = Math.min(recent.length, RECENT_LIMIT);
  return context;
}

function buildContext(
  analyses: readonly ICellAnalysis[],
  parameters: readonly string[]
): IGlobalContext {
  const available = new Set<string>(parameters);
  const functions = new Map<string, IFunctionSummary>();
  for (const { names } of analyses) {
    names.writes.forEach(n => available.add(n));
    Object.entries(names.functions).forEach(([name, summary]) =>
      functions.set(name, summary)
    );
  }
  return { available, functionReads: transitiveFunctionReads(functions) };
}

function sameItems<T>(a: readonly T[], b: readonly T[]): boolean {
  return a.length === b.length && a.every((item, i) => item === b[i]);
}
