/**
 * The diagnostics list, errors first: severity icon (SVG: no font needed), message, "Cell N, line L" (cells counted
 * from 1, as JupyterLab's status bar and cell toolbar count them); a click jumps there.
 */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { IDiagnostic } from '../../core/ir/diagnostic';
import { CLASS } from './class-names';
import { SeverityIcon } from '../severity-icon';
import { cellNumber } from '../../core/cell-number';
import { labMessage } from './lab-message';

const RANK: Record<IDiagnostic['severity'], number> = {
  error: 0,
  warning: 1,
  info: 2
};

/** Errors, then warnings, then information; notebook order within each. */
export function byImportance(diagnostics: IDiagnostic[]): IDiagnostic[] {
  return diagnostics
    .map((diagnostic, index) => ({ diagnostic, index }))
    .sort(
      (a, b) =>
        RANK[a.diagnostic.severity] - RANK[b.diagnostic.severity] ||
        a.index - b.index
    )
    .map(entry => entry.diagnostic);
}

export function whereText(
  diagnostic: IDiagnostic,
  trans: TranslationBundle
): string {
  return diagnostic.cell === null
    ? trans.__('notebook')
    : trans.__(
        'Cell %1, line %2',
        cellNumber(diagnostic.cell),
        diagnostic.line
      );
}

export function DiagnosticsView(props: {
  diagnostics: IDiagnostic[];
  onSelect: (diagnostic: IDiagnostic) => void;
  trans: TranslationBundle;
}): JSX.Element {
  const { trans } = props;
  if (!props.diagnostics.length) {
    return <p className={CLASS.empty}>{trans.__('No problems found.')}</p>;
  }
  return (
    <ul className={CLASS.diagnostics}>
      {byImportance(props.diagnostics).map((d, i) => (
        <li
          key={`${d.code}:${d.cell}:${d.line}:${d.column}:${i}`}
          className={`${CLASS.diagnostic} jp-mod-${d.severity}`}
          data-code={d.code}
        >
          <button
            disabled={d.cell === null}
            onClick={() => props.onSelect(d)}
            title={`${d.severity} ${d.code}`}
          >
            <span className={CLASS.severity}>
              <SeverityIcon severity={d.severity} label={d.severity} />
            </span>
            <span>{labMessage(d, trans)}</span>
            <span className={CLASS.where}>{whereText(d, trans)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
