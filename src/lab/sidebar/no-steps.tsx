/**
 * What the Steps section shows while no cell is a step: the two ways to make steps, each a
 * button. The Pipeline step panel makes the active cell a step (or an imports, functions... cell);
 * Tag steps by headings tags the first code cell after each `##` heading (undoable). A notebook
 * that cannot be a pipeline whatever its tags (not Python, not a notebook) gets the reason instead.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { DiagnosticCode, IDiagnostic } from '../../core/ir/diagnostic';
import { CLASS } from './class-names';

/** The errors after which a notebook has no steps whatever its tags: tagging would not help. */
const UNANALYSABLE: ReadonlySet<DiagnosticCode> = new Set<DiagnosticCode>([
  'not-a-notebook',
  'not-python'
]);

export function NoStepsYet(props: {
  onTagByHeadings: () => void;
  onOpenStepPanel: () => void;
  /** The notebook's diagnostics: one that makes it unanalysable is said instead of the buttons. */
  diagnostics: readonly IDiagnostic[];
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  const blocking = props.diagnostics.find(d => UNANALYSABLE.has(d.code));
  if (blocking) {
    return (
      <p className={`${CLASS.empty} jp-cellpipe-NoSteps-blocked`}>
        {trans.__('No steps: %1', blocking.message)}
      </p>
    );
  }
  return (
    <div className="jp-cellpipe-NoSteps">
      <p className={CLASS.empty}>
        {trans.__(
          'No steps yet. Select a code cell and make it a step in the Pipeline step panel, or tag steps by the notebook’s ## headings.'
        )}
      </p>
      <button
        className="jp-cellpipe-openStepPanel jp-mod-styled jp-mod-accept"
        onClick={props.onOpenStepPanel}
        title={trans.__(
          'Open the Pipeline step panel (right area), which makes the active cell a step'
        )}
      >
        {trans.__('Open the step panel')}
      </button>
      <button
        className="jp-cellpipe-tagByHeadings jp-mod-styled jp-mod-reject"
        onClick={props.onTagByHeadings}
        title={trans.__(
          'Tag the first code cell after each ## heading as a step (undoable)'
        )}
      >
        {trans.__('Tag steps by headings')}
      </button>
    </div>
  );
}
