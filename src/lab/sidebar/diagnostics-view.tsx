/** The diagnostics list: severity icon, message, "cell N, line L"; a click jumps there. */
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { IDiagnostic } from '../../core/ir/diagnostic';
import { CLASS } from './class-names';

const ICON: Record<IDiagnostic['severity'], string> = {
  error: '⛔',
  warning: '⚠',
  info: 'ℹ'
};

export function whereText(
  diagnostic: IDiagnostic,
  trans: TranslationBundle
): string {
  return diagnostic.cell === null
    ? trans.__('notebook')
    : trans.__('cell %1, line %2', diagnostic.cell, diagnostic.line);
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
      {props.diagnostics.map((d, i) => (
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
            <span className={CLASS.severity} aria-label={d.severity}>
              {ICON[d.severity]}
            </span>
            <span>{d.message}</span>
            <span className={CLASS.where}>{whereText(d, trans)}</span>
          </button>
        </li>
      ))}
    </ul>
  );
}
