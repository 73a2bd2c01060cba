/**
 * A step that deletes a name (`del x`, or the end of `except … as x:`, where Python deletes `x`)
 * and does not bind it again cannot hand it on. When a later step reads the name from that step,
 * the run fails as the step saves it, as the notebook run top to bottom fails on a NameError.
 * This warns where the later step reads it, so the user learns it before running. A deletion
 * that only some ways through the cell make (`if drop: del x`) is said to be one that may happen.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { INameDeletion } from '../analysis/cell-names';
import { cellNumber } from '../cell-number';
import { IDiagnostic } from './diagnostic';
import { ILocatedName } from './step-names';

export interface IStepDeletion {
  cell: number;
  deletion: INameDeletion;
}

/** The names a step's cells leave deleted at its end, or null when there are none (most steps). */
export function stepDeletions(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, IStepDeletion> | null {
  let deleted: Map<string, IStepDeletion> | null = null;
  for (const cell of cells) {
    const names = analysisOf(cell).names;
    if (deleted !== null) {
      // A later cell that binds the name again (its own deletions come after its bindings).
      for (const name of names.writes) {
        deleted.delete(name);
      }
    }
    for (const deletion of names.deletions) {
      (deleted ??= new Map()).set(deletion.name, { cell, deletion });
    }
  }
  return deleted?.size ? deleted : null;
}

/** The warning at `read`, a read in step `reader` of a name its producer left deleted. */
export function deletedNameWarning(
  read: ILocatedName,
  reader: string,
  producer: string,
  at: IStepDeletion
): IDiagnostic {
  const name = read.name;
  const where = `cell ${cellNumber(at.cell)}, line ${at.deletion.line}`;
  const maybe = at.deletion.maybe === true;
  const how =
    at.deletion.by === 'del'
      ? `${maybe ? 'may delete' : 'deletes'} it (del ${name}, ${where}${maybe ? ', which only some ways through the cell run' : ''}) and does not bind it again`
      : `binds it with except … as ${name} (${where}), and Python deletes that name at the end of the except clause`;
  const when = !maybe
    ? ''
    : at.deletion.by === 'del'
      ? 'if that del runs, '
      : 'if that clause runs, ';
  const fix =
    at.deletion.by === 'del'
      ? `remove that del, or stop reading '${name}' in step '${reader}'`
      : `inside the except clause, keep it under another name (error = ${name}) and read that`;
  return {
    severity: 'warning',
    code: 'deleted-name',
    message:
      `'${name}' is read in step '${reader}', but step '${producer}', the last step before it ` +
      `to bind '${name}', ${how}: ${when}the run will fail when '${producer}' saves it (top to bottom, ` +
      `the notebook fails here with a NameError). To fix it, ${fix}`,
    cell: read.cell,
    line: read.line,
    column: read.column
  };
}
