/** Parameter errors of the cells that only continue a parameters cell, while no step exists. */
import { INotebook } from '../notebook/model';
import { IDiagnostic } from './diagnostic';
import { cellTags, ISegments } from './segment';

/**
 * With no step yet, the untagged cells after a parameters cell continue it (Kale's rule), but
 * hold the notebook's code, not parameters: their parameter errors would bury the one that
 * matters (empty-pipeline). Those of the tagged parameters cells stay.
 */
export function withoutContinuedParameters(
  diagnostics: IDiagnostic[],
  segments: ISegments,
  notebook: INotebook
): IDiagnostic[] {
  if (segments.steps.length || !segments.parameters.length) {
    return diagnostics;
  }
  const tagged = new Set(
    notebook.cells
      .filter(cell => cellTags(cell.tags).role.kind === 'parameters')
      .map(cell => cell.index)
  );
  return diagnostics.filter(
    d => d.code !== 'bad-parameter' || d.cell === null || tagged.has(d.cell)
  );
}
