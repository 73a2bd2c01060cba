/**
 * The figures that names of their axes are parts of, as the steps so far leave them: `fig, ax =
 * plt.subplots()` leaves `ax` a part of `fig`, as do `ax = fig.add_subplot(…)` and `ax =
 * axes[0]` (ICellNames.parts, between names of figures: ir/object-kinds.ts). Top to bottom, a
 * drawing on `ax` is a drawing on `fig`. So a later step that draws on `ax` takes `fig` beside it
 * from the step that hands both on, and hands `fig` on drawn: the runtime gives a step the names
 * of one figure it takes from one step as one copy of that figure (figure_share).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { kindsLeftBy, ObjectKinds } from './object-kinds';
import { ILocatedName } from './step-names';

export class FigureWholes {
  /** A name of axes (or of a part of a figure) → the names of the figures it is a part of. */
  private readonly wholesOf = new Map<string, readonly string[]>();

  /**
   * Takes in the bindings of `cells` (a step's, once it is built, after `kinds` took them in):
   * a name bound again is no longer a part, nor a whole, of what it was.
   */
  add(
    cells: readonly number[],
    analysisOf: (cell: number) => ICellAnalysis,
    kinds: ObjectKinds
  ): void {
    for (const cell of cells) {
      const { names } = analysisOf(cell);
      const bound = kindsLeftBy(names);
      if (!bound.size) {
        continue;
      }
      if (this.wholesOf.size) {
        for (const [part, wholes] of this.wholesOf) {
          if (bound.has(part)) {
            this.wholesOf.delete(part);
          } else if (wholes.some(whole => bound.has(whole))) {
            const kept = wholes.filter(whole => !bound.has(whole));
            if (kept.length) {
              this.wholesOf.set(part, kept);
            } else {
              this.wholesOf.delete(part);
            }
          }
        }
      }
      for (const part in names.parts ?? {}) {
        if (bound.get(part) !== 'figure') {
          continue;
        }
        const wholes = names.parts![part].filter(
          whole => (bound.get(whole) ?? kinds.kindOf(whole)) === 'figure'
        );
        if (wholes.length) {
          this.wholesOf.set(part, wholes);
        }
      }
    }
  }

  /**
   * The figures a step draws on through `drawn`, names it takes from before (in `reads`): the
   * wholes of each that the step that hands that name on (`producerOf`) hands on too, and that
   * the step does not bind before it reads them (`bindsFirst`).
   */
  drawnThrough(
    drawn: readonly string[],
    reads: readonly ILocatedName[],
    producerOf: (name: string) => unknown,
    bindsFirst: (name: string) => boolean
  ): string[] {
    const found: string[] = [];
    if (!this.wholesOf.size) {
      return found;
    }
    for (const name of drawn) {
      const wholes = this.wholesOf.get(name);
      if (!wholes || !reads.some(r => r.name === name)) {
        continue;
      }
      const producer = producerOf(name);
      for (const whole of wholes) {
        if (
          producerOf(whole) === producer &&
          !bindsFirst(whole) &&
          !found.includes(whole)
        ) {
          found.push(whole);
        }
      }
    }
    return found;
  }
}
