/**
 * Diagnostics: every problem the analyzer or a generator finds, located in the notebook.
 * Codes are stable: tests, the CLI and the lab match on them.
 */
export type Severity = 'error' | 'warning' | 'info';

export type DiagnosticCode =
  | 'not-a-notebook'
  | 'not-python'
  | 'syntax-error'
  | 'undefined-name'
  | 'untagged-cell'
  | 'duplicate-step'
  | 'invalid-step-name'
  | 'unknown-prev'
  | 'star-import'
  | 'dynamic-name'
  | 'unsupported-magic'
  | 'bad-parameter'
  | 'bad-metric'
  | 'bad-tag'
  | 'bad-setting'
  | 'dropped-setting'
  | 'empty-pipeline'
  | 'unordered-file'
  | 'deleted-name'
  | 'aliased-name'
  | 'module-state'
  | 'shared-seed'
  | 'keyboard-input'
  | 'local-module'
  | 'local-file'
  | 'step-file'
  | 'step-folder'
  | 'notebook-function'
  | 'shared-name'
  | 'shared-cell-read'
  | 'unpassable-value';

export interface IDiagnostic {
  severity: Severity;
  code: DiagnosticCode;
  message: string;
  /** 0-based index into the notebook's `cells`; null for notebook-level problems. */
  cell: number | null;
  /** 1-based line inside the cell's source (1 when the problem is the cell as a whole). */
  line: number;
  /** 0-based column inside that line. */
  column: number;
}

/** Sorts `diagnostics` in place into notebook order (cell, line, column); notebook-level first. */
export function inNotebookOrder(diagnostics: IDiagnostic[]): IDiagnostic[] {
  return diagnostics.sort(
    (a, b) =>
      (a.cell ?? -1) - (b.cell ?? -1) || a.line - b.line || a.column - b.column
  );
}
