/**
 * The analysis of an IR cell's code, made once per code object: compiling for a cluster reads
 * the pipeline's cells again after the analysis (for the modules they import and the files they
 * use), and each of those passes asks here.
 */
import { analyzeCellSource, ICellAnalysis } from '../analysis/cell-analysis';
import { ICellCode, IPipelineIR } from '../ir/pipeline';

const analyses = new WeakMap<ICellCode, ICellAnalysis>();

export function codeAnalysis(code: ICellCode): ICellAnalysis {
  let analysis = analyses.get(code);
  if (!analysis) {
    analysis = analyzeCellSource(code.source);
    analyses.set(code, analysis);
  }
  return analysis;
}

/** Each cell of a pipeline (imports, functions, steps) → its code's analysis, by cell index. */
export function pipelineAnalysisOf(
  ir: IPipelineIR
): (cell: number) => ICellAnalysis {
  const byCell = new Map<number, ICellAnalysis>();
  for (const code of [
    ...ir.imports,
    ...ir.functions,
    ...ir.steps.flatMap(s => s.code)
  ]) {
    byCell.set(code.cell, codeAnalysis(code));
  }
  return cell => byCell.get(cell)!;
}
