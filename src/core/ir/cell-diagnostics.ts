/**
 * Diagnostics about one cell's own code: syntax errors, star imports, names bound through
 * `exec` or `globals()`, dropped magics.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic } from './diagnostic';
import { starImportMessage } from './star-import-reads';

/** pip options that install from files the step's image does not have. */
const PIP_FILE_OPTION = /\s(-r|--requirement|-e|--editable)(?=[\s=])/;

/** What a clean cell gives: shared, so that most cells allocate nothing. */
const NONE: readonly IDiagnostic[] = Object.freeze([]);

export function cellDiagnostics(
  cell: number,
  analysis: ICellAnalysis
): readonly IDiagnostic[] {
  if (analysis.clean) {
    return NONE;
  }
  const first = analysis.names.syntaxErrors[0];
  const out: IDiagnostic[] = [];
  if (first) {
    const lineText = analysis.python.split('\n')[first.line - 1] ?? '';
    out.push({
      severity: 'error',
      code: 'syntax-error',
      message: `${first.reason ?? 'invalid Python syntax'} near '${lineText.trim().slice(0, 60)}'`,
      cell,
      line: first.line,
      column: first.column
    });
  }
  for (const star of analysis.names.starImports) {
    out.push({
      severity: 'warning',
      code: 'star-import',
      message: starImportMessage(star.name),
      cell,
      line: star.line,
      column: star.column
    });
  }
  for (const binding of analysis.names.dynamicBindings) {
    out.push({
      severity: 'warning',
      code: 'dynamic-name',
      message:
        binding.name === 'exec'
          ? "'exec(…)' binds names the analysis cannot see: bound so in a step, later steps do not get them; write the code in the cell instead"
          : "'globals()' written with a computed name binds names the analysis cannot see: bound so in a step, later steps do not get them; assign each name (name = …) or keep the values in one dict",
      cell,
      line: binding.line,
      column: binding.column
    });
  }
  for (const magic of analysis.magics) {
    if (magic.kind === 'pip') {
      const unread = PIP_FILE_OPTION.exec(magic.text)?.[1];
      if (unread) {
        out.push({
          severity: 'warning',
          code: 'unsupported-magic',
          message: `'pip install ${unread} ...' is not installed in the pipeline: the step gets only the packages named on the line; name them there`,
          cell,
          line: magic.line,
          column: 0
        });
      }
      continue;
    }
    out.push({
      severity: 'info',
      code: 'unsupported-magic',
      message: magic.bodyRuns
        ? `'${magic.text.slice(0, 60)}' is IPython, not Python: the pipeline runs the cell's code without it`
        : `'${magic.text.slice(0, 60)}' is IPython, not Python; it does not run in the pipeline`,
      cell,
      line: magic.line,
      column: 0
    });
  }
  return out;
}
