/**
 * Figures a step draws on (ICellNames.drawnOn, analysis/figures.ts) that it takes from before:
 * `ax.plot(x)` in a step after the one that made `fig, ax = plt.subplots()` changes `ax` in
 * place, so the step hands `ax` on as it does any name it changes (design §3.2). Whether a
 * drawn-on name is a figure is told by the cell that last binds it: an earlier cell of the step,
 * else one of the latest step before that binds it (a step in between that only drew on it, or
 * changed it otherwise in place, binds nothing), else an imports or functions cell. `df.plot()`
 * draws on a new figure and leaves the frame as it was: a DataFrame is no figure.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';

/**
 * Whether each name is a figure as the steps so far last bound it, kept up step by step while
 * the pipeline is built, so that a step looks its names up instead of going back over the steps
 * before it (a plotting step draws on its axes in many notebooks, on every key).
 */
export class FigureBindings {
  private readonly figure = new Map<string, boolean>();

  /** Takes in the bindings of `cells` (a step's, once it is built), in order. */
  add(
    cells: readonly number[],
    analysisOf: (cell: number) => ICellAnalysis
  ): void {
    for (let c = 0; c < cells.length; c++) {
      const names = analysisOf(cells[c]).names;
      for (let i = 0; i < names.writes.length; i++) {
        const bound = leftAsFigure(names, names.writes[i]);
        if (bound !== null) {
          this.figure.set(names.writes[i], bound);
        }
      }
    }
  }

  /** Whether the steps so far left `name` a figure; undefined where none bound it. */
  isFigure(name: string): boolean | undefined {
    return this.figure.get(name);
  }
}

/** The names the step's cells draw on that are figures where the step takes them from. */
export function figuresDrawnOn(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  before: FigureBindings,
  sharedCells: readonly number[]
): string[] {
  const drawn: string[] = [];
  for (let at = 0; at < cells.length; at++) {
    for (const name of analysisOf(cells[at]).names.drawnOn ?? []) {
      if (drawn.includes(name)) {
        continue;
      }
      const figure =
        lastLeftAsFigure(cells.slice(0, at), name, analysisOf) ??
        before.isFigure(name) ??
        lastLeftAsFigure(sharedCells, name, analysisOf);
      if (figure) {
        drawn.push(name);
      }
    }
  }
  return drawn;
}

/** How the last of `cells` that binds `name` leaves it (leftAsFigure), or null. */
function lastLeftAsFigure(
  cells: readonly number[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): boolean | null {
  for (let i = cells.length - 1; i >= 0; i--) {
    const figure = leftAsFigure(analysisOf(cells[i]).names, name);
    if (figure !== null) {
      return figure;
    }
  }
  return null;
}

/**
 * Whether the cell leaves `name` a figure; null where it does not bind it, or only changes it in
 * place (`fig.label = "a"`), which leaves it the object it was.
 */
function leftAsFigure(names: ICellNames, name: string): boolean | null {
  if (!names.writes.includes(name)) {
    return null;
  }
  if (
    names.mutations.includes(name) &&
    !names.reboundAndChanged?.includes(name)
  ) {
    return null;
  }
  return names.figures?.includes(name) ?? false;
}
