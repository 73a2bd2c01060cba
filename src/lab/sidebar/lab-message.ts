import { TranslationBundle } from '@jupyterlab/translation';
import { IDiagnostic } from '../../core/ir/diagnostic';

/**
 * A diagnostic's message as the lab shows it. The analyzer's advice about tagging names tags and
 * the command line (`cellpipe tag NOTEBOOK --by-headings`), which JupyterLab's terminal does not
 * find when `jupyter lab` was started from an environment that was not activated; the lab names
 * its own ways instead: the Pipeline step panel (a click on an untagged cell's diagnostic opens
 * it on that cell) and, while no cell is a step, the buttons above the diagnostics.
 */
export function labMessage(
  diagnostic: IDiagnostic,
  trans: TranslationBundle
): string {
  if (diagnostic.code === 'empty-pipeline') {
    return trans.__(
      'no cell is a step yet: make the first cell of each step a step in the Pipeline step panel, or click Tag steps by headings above'
    );
  }
  if (diagnostic.code === 'untagged-cell') {
    return trans.__(
      'this code cell comes before any step: in the Pipeline step panel, make it a step, an imports or functions cell, or skipped'
    );
  }
  return diagnostic.message;
}
