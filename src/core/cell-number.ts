/**
 * Text meant for people counts cells from 1, as JupyterLab does (its status bar reads
 * "Cell 1/4" on a notebook's first cell, and cellpipe's sidebar says "Cell 1"): messages, the
 * `analyze` summary and the file names tracebacks show (`titanic.ipynb [cell 6]`). Indices in
 * data (the IR, diagnostics, `--json` output, design §4) stay 0-based.
 */
export function cellNumber(index: number): number {
  return index + 1;
}
