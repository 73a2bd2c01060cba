/**
 * Figures a step draws on (ICellNames.drawnOn, analysis/figures.ts) that it takes from before:
 * `ax.plot(x)` in a step after the one that made `fig, ax = plt.subplots()` changes `ax` in
 * place, so the step hands `ax` on as it does any name it changes (design §3.2). Whether a
 * drawn-on name is a figure is told by the cell that last binds it: an earlier cell of the step,
 * else one of the latest step before that binds it (a step in between that only drew on it binds
 * nothing), else an imports or functions cell. `df.plot()` draws on a new figure and leaves the
 * frame as it was: a DataFrame is no figure.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';
import { IEarlierBindings } from './augmented-objects';
import { lastBinding } from './last-binding';
import { IPipelineStep } from './pipeline';

/** The names the step's cells draw on that are figures where the step takes them from. */
export function figuresDrawnOn(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  earlier: IEarlierBindings,
  stepsBefore: readonly IPipelineStep[]
): string[] {
  const drawn: string[] = [];
  cells.forEach((cell, at) => {
    for (const name of analysisOf(cell).names.drawnOn ?? []) {
      if (drawn.includes(name) || earlier.parameters.has(name)) {
        continue;
      }
      const binding =
        lastBinding(cells.slice(0, at), name, analysisOf) ??
        bindingBefore(stepsBefore, name, analysisOf) ??
        lastBinding(earlier.sharedCells, name, analysisOf);
      if (binding && isFigure(binding, name)) {
        drawn.push(name);
      }
    }
  });
  return drawn;
}

/** Whether the cell that last binds `name` leaves it a figure. */
export function isFigure(binding: ICellNames, name: string): boolean {
  return binding.figures?.includes(name) ?? false;
}

/** The names of the last cell of `steps` that binds `name`, latest step first, or null. */
export function bindingBefore(
  steps: readonly IPipelineStep[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): ICellNames | null {
  for (let s = steps.length - 1; s >= 0; s--) {
    const found = lastBinding(steps[s].cells, name, analysisOf);
    if (found) {
      return found;
    }
  }
  return null;
}
