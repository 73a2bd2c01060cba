/**
 * What the instances of the notebook's own classes hold: `h = Holder(xs)`, where `Holder`'s
 * `__init__` keeps `items` whole (`self.items = items`, IFunctionSummary.heldArguments), makes
 * `h` hold `xs`, as `make_pipeline(model)` holds `model` (holders.ts). A method that changes
 * `self.items` then changes `xs`: the step that does so hands `xs` on too, and a change in a
 * later step, which takes `h` and `xs` as values of their own, is an `aliased-name` warning.
 * A custom training loop is the common case: `trainer = Trainer(model, opt)`, then
 * `trainer.fit()`.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IFunctionSummary } from '../analysis/cell-names';

/** Holder → the names it holds, made by one cell (ICellNames.holds' shape). */
export type CellHolds = Record<string, string[]>;

/**
 * The instances each of `cells` makes of a class that holds its arguments, with the names given
 * for those; null when none. `classOf` gives a class by the name the cell calls it by.
 */
export function instanceHolds(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  classOf: (name: string) => IFunctionSummary | undefined
): Map<number, CellHolds> | null {
  let found: Map<number, CellHolds> | null = null;
  for (const cell of cells) {
    const { instances, calls } = analysisOf(cell).names;
    for (const instance in instances) {
      const callee = instances[instance];
      const held = classOf(callee)?.heldArguments;
      if (!held) {
        continue;
      }
      const members = new Set<string>();
      for (const site of calls) {
        if (site.function !== callee) {
          continue;
        }
        for (const { parameter, position } of held) {
          const given =
            (position === null ? null : site.positional[position]) ??
            site.keywords.find(([keyword]) => keyword === parameter)?.[1];
          if (given && given !== instance) {
            members.add(given);
          }
        }
      }
      if (members.size) {
        found ??= new Map();
        const holds = found.get(cell) ?? {};
        holds[instance] = [...members];
        found.set(cell, holds);
      }
    }
  }
  return found;
}

/**
 * The names the step changes through instances it makes: those an instance holds, where the
 * class's methods change its instances (IFunctionSummary.mutatesSelf: the step may call them, so
 * the names go on as the step leaves them, a save too many where it does not), or where a cell
 * of the step from the one that makes it on changes the instance (`h.add(1)`).
 */
export function changedThroughInstances(
  cells: readonly number[],
  holds: ReadonlyMap<number, CellHolds>,
  analysisOf: (cell: number) => ICellAnalysis,
  classOf: (name: string) => IFunctionSummary | undefined
): string[] {
  const changed: string[] = [];
  cells.forEach((cell, index) => {
    const made = holds.get(cell);
    if (!made) {
      return;
    }
    const { instances } = analysisOf(cell).names;
    for (const instance in made) {
      const isChanged =
        classOf(instances[instance])?.mutatesSelf === true ||
        cells
          .slice(index)
          .some(later => analysisOf(later).names.mutations.includes(instance));
      if (isChanged) {
        changed.push(...made[instance]);
      }
    }
  });
  return changed;
}
