/** The IR of a notebook that cannot be analysed (not a notebook, not Python): one error, no steps. */
import { IDiagnostic } from './diagnostic';
import { IPipelineIR } from './pipeline';

/** The notebook's file name, which the IR reports as `notebook`. */
export function notebookFileName(path: string): string {
  return path.split(/[\\/]/).pop() ?? path;
}

export function unanalysable(
  path: string,
  error: Omit<IDiagnostic, 'severity' | 'cell' | 'column'>
): IPipelineIR {
  const base = notebookFileName(path);
  return {
    pipeline: { name: base.replace(/\.ipynb$/, ''), description: '' },
    notebook: base,
    settings: {},
    parameters: [],
    metrics: [],
    imports: [],
    functions: [],
    steps: [],
    diagnostics: [{ severity: 'error', cell: null, column: 0, ...error }]
  };
}
