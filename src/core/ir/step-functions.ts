/**
 * Functions a step defines that change a parameter in place, and the calls of such functions in
 * later steps (which take the function as an input): those calls mutate what they are passed,
 * as calls of the shared cells' functions do (`step-names.ts`).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';
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

/** The root names the step's module-level calls of `functions` change. */
export function argumentsMutatedBy(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  functions: ReadonlyMap<string, IFunctionSummary>
): string[] {
  const names: string[] = [];
  for (const cell of cells) {
    for (const call of analysisOf(cell).names.calls) {
      const summary = functions.get(call.function);
      if (summary) {
        names.push(...mutatedArguments(call, summary));
      }
    }
  }
  return names;
}
