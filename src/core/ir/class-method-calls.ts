/**
 * A method called on a class itself (`Counter.bump()`), where the class is the notebook's and
 * its methods change their first parameter: a classmethod that does (`cls.n += 1`) changes the
 * class, which the step then hands on as an instance whose methods change it is (a save too many
 * where the method changes nothing). Read from the text, only for such a class a step takes.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';

export function callsMethodOn(
  name: string,
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): boolean {
  // A Python name has no character a regular expression treats specially.
  const call = new RegExp(
    `(^|[^\\w.])${name}\\s*\\.\\s*[\\p{L}_][\\w]*\\s*\\(`,
    'mu'
  );
  return cells.some(cell => call.test(analysisOf(cell).python));
}
