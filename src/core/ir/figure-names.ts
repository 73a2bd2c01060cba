/**
 * The names of one matplotlib figure, as the steps so far leave them: `fig, ax = plt.subplots()`
 * makes `fig` and `ax` names of one figure, as do `ax = fig.add_subplot(…)`, `ax = axes[0]`,
 * `ax2 = ax.twinx()` and `fig = ax.figure` (ICellNames.parts between names of figures, either
 * way: ir/object-kinds.ts). Top to bottom, a drawing on `ax` is a drawing on that figure, which
 * every one of its names shows. So a later step that draws on `ax` takes the other names of its
 * figure beside it, from the step that hands them all on, and hands them on drawn: the runtime
 * gives a step the names of one figure it takes from one step as one copy of that figure
 * (figure_share).
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { kindsLeftBy, ObjectKinds } from './object-kinds';
import { ILocatedName } from './step-names';

export class FigureNames {
  /** A name → the names of its figure, itself included (one set, shared by all of them). */
  private readonly namesOf = new Map<string, Set<string>>();

  /**
   * Takes in the bindings of `cells` (a step's, once it is built, after `kinds` took them in):
   * a name bound again is no longer a name of the figure it was.
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
      for (const name of [...this.namesOf.keys()]) {
        if (bound.has(name)) {
          this.namesOf.get(name)!.delete(name);
          this.namesOf.delete(name);
        }
      }
      for (const artist in names.artistsOf ?? {}) {
        const axes = names.artistsOf![artist];
        // the kinds as the step leaves them: see ObjectKinds.add
        if (
          bound.has(artist) &&
          kinds.kindOf(artist) === 'figure' &&
          kinds.kindOf(axes) === 'figure'
        ) {
          this.join(artist, axes);
        }
      }
      for (const part in names.parts ?? {}) {
        if (bound.get(part) !== 'figure') {
          continue;
        }
        for (const whole of names.parts![part]) {
          if ((bound.get(whole) ?? kinds.kindOf(whole)) === 'figure') {
            this.join(part, whole);
          }
        }
      }
    }
  }

  /**
   * The other names of the figures a step draws on through `drawn`, names it takes from before
   * (in `reads`): those that the step that hands the drawn name on (`producerOf`) hands on too,
   * and that the step does not bind before it reads them (`bindsFirst`).
   */
  drawnThrough(
    drawn: readonly string[],
    reads: readonly ILocatedName[],
    producerOf: (name: string) => unknown,
    bindsFirst: (name: string) => boolean
  ): string[] {
    const found: string[] = [];
    if (!this.namesOf.size) {
      return found;
    }
    for (const name of drawn) {
      const figure = this.namesOf.get(name);
      if (!figure || !reads.some(r => r.name === name)) {
        continue;
      }
      const producer = producerOf(name);
      for (const other of figure) {
        if (
          other !== name &&
          !drawn.includes(other) &&
          producerOf(other) === producer &&
          !bindsFirst(other) &&
          !found.includes(other)
        ) {
          found.push(other);
        }
      }
    }
    return found;
  }

  /** Makes `a` and `b` names of one figure, with the names of each one's figure so far. */
  private join(a: string, b: string): void {
    const first = this.namesOf.get(a) ?? new Set([a]);
    const second = this.namesOf.get(b) ?? new Set([b]);
    if (first === second) {
      return;
    }
    second.forEach(name => first.add(name));
    first.forEach(name => this.namesOf.set(name, first));
  }
}
