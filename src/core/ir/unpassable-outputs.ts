/**
 * A step that would hand on a value no step can take (analysis/unpassable.ts): the run would
 * fail when the step saves it. An error where the step binds the name, before any run.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IUnpassableValue } from '../analysis/cell-names';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';

export function unpassableOutputErrors(
  steps: readonly IPipelineStep[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  const errors: IDiagnostic[] = [];
  for (const step of steps) {
    for (const name of step.outputs) {
      const bound = lastBinding(step.cells, name, analysisOf);
      if (!bound) {
        continue;
      }
      const readers = steps
        .filter(other => other.producers[name] === step.name)
        .map(other => `'${other.name}'`);
      errors.push({
        severity: 'error',
        code: 'unpassable-value',
        message:
          `step '${step.name}' hands '${name}' on` +
          (readers.length ? ` to step ${readers.join(', ')}` : '') +
          `, but '${name}' is ${bound.value.what}, which cannot be saved for another step: ` +
          advice(name, bound.value.what),
        cell: bound.cell,
        line: bound.value.line,
        column: bound.value.column
      });
    }
  }
  return errors;
}

/** Where the last of the step's cells that binds `name` binds it to such a value, if it does. */
function lastBinding(
  cells: readonly number[],
  name: string,
  analysisOf: (cell: number) => ICellAnalysis
): { cell: number; value: IUnpassableValue } | null {
  for (let i = cells.length - 1; i >= 0; i--) {
    const { names } = analysisOf(cells[i]);
    if (!names.writes.includes(name)) {
      continue;
    }
    const value = names.unpassable?.find(v => v.name === name);
    return value ? { cell: cells[i], value } : null;
  }
  return null;
}

/** What to do instead, by what the value is. */
function advice(name: string, what: string): string {
  if (what.startsWith('a file opened to write')) {
    return `open it in the step that writes to it (with open(…) as ${name}: …)`;
  }
  if (what.startsWith('a file')) {
    return `open it in the step that reads it, or pass what it holds (data = ${name}.read())`;
  }
  return `make it in the step that uses it, or pass a list of its items (list(${name}))`;
}
