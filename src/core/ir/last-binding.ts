/** The cell that last binds a name, among some cells: how it left the name tells what it is. */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ICellNames } from '../analysis/cell-names';

/** The names of the last of `cells` that binds `name`, or null when none binds it. */
export function lastBinding(
  cells: readonly number[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): ICellNames | null {
  for (let i = cells.length - 1; i >= 0; i--) {
    const { names } = analysisOf(cells[i]);
    if (names.writes.includes(name)) {
      return names;
    }
  }
  return null;
}
