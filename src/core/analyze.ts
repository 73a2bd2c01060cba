/**
 * The analyzer's entry points: notebook (text or JSON) → pipeline IR. They never throw for
 * bad input: a file that is not a notebook gives an IR with a `not-a-notebook` error.
 */
import {
  INotebook,
  NotebookError,
  parseNotebookText,
  readNotebook
} from './notebook/model';
import { CellAnalysisCache } from './analysis/cell-analysis';
import { IPipelineIR } from './ir/pipeline';
import { buildPipeline } from './ir/build';
import { unanalysable } from './ir/unanalysable';

export function analyzeNotebookText(text: string, path: string): IPipelineIR {
  return analyzeParsed(
    () => parseNotebookText(text, path),
    path,
    new CellAnalysisCache()
  );
}

export function analyzeNotebook(notebook: unknown, path: string): IPipelineIR {
  return analyzeParsed(
    () => readNotebook(notebook, path),
    path,
    new CellAnalysisCache()
  );
}

/** Analyses with a shared cache, for incremental re-analysis. */
export function analyzeParsed(
  read: () => INotebook,
  path: string,
  cache: CellAnalysisCache
): IPipelineIR {
  let notebook: INotebook;
  try {
    notebook = read();
  } catch (error) {
    if (error instanceof NotebookError) {
      return unanalysable(path, {
        code: 'not-a-notebook',
        message: error.message,
        line: error.line ?? 1
      });
    }
    throw error;
  }
  return buildPipeline(notebook, cell =>
    cache.get(notebook.cells[cell].source)
  );
}
