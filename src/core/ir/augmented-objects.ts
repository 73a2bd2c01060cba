/**
 * Objects a step changes through another name's augmented assignment: `norm = scale` then
 * `norm /= 2` (ICellNames.augmentedObjects). On a NumPy array, a list or a DataFrame, `/=` and
 * `+=` change the object in place, so `scale` changes too and the step hands it on; on a number,
 * a string or a tuple they only bind `norm` again, and handing `scale` on would be a save too
 * many (and, for a parameter, a false shared-name warning). Which it is depends on the value the
 * step takes `scale` from: one written out as a scalar (ICellNames.scalars) or a parameter
 * (always a number, string or bool) is left alone; anything else is taken as changed.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';

/** Where a step takes names from that it does not bind itself. */
export interface IEarlierBindings {
  /** The cells of the step that last binds `name` before this one, or null. */
  stepCells(name: string): readonly number[] | null;
  /** The imports and functions cells, which every step runs first. */
  sharedCells: readonly number[];
  parameters: ReadonlySet<string>;
}

/** The names whose objects the step's cells may change through another name's `+=` and the like. */
export function objectsChangedThroughAliases(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  earlier: IEarlierBindings
): string[] {
  const changed: string[] = [];
  cells.forEach((cell, at) => {
    for (const name of analysisOf(cell).names.augmentedObjects ?? []) {
      const bound =
        bindingKind(cells.slice(0, at), name, analysisOf) ??
        (earlier.parameters.has(name)
          ? 'scalar'
          : bindingKind(earlier.stepCells(name) ?? [], name, analysisOf)) ??
        bindingKind(earlier.sharedCells, name, analysisOf);
      if (bound !== 'scalar' && !changed.includes(name)) {
        changed.push(name);
      }
    }
  });
  return changed;
}

/**
 * How the last of `cells` that binds `name` leaves it: 'scalar' (a value written out that nothing
 * changes in place), 'object' (anything else), or null when none binds it.
 */
export function bindingKind(
  cells: readonly number[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): 'scalar' | 'object' | null {
  for (let i = cells.length - 1; i >= 0; i--) {
    const { writes, scalars } = analysisOf(cells[i]).names;
    if (writes.includes(name)) {
      return scalars?.includes(name) ? 'scalar' : 'object';
    }
  }
  return null;
}
