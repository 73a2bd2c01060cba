/**
 * Which pipeline parameters each step depends on, for the step cache: a parameter change must
 * rerun exactly the steps that read it (directly, or through a `functions` cell function).
 * The IR leaves parameters out of a step's reads, since they are never passed; here the
 * analysis runs once more with the parameters not counted as available.
 */
import {
  analyzeCellSource,
  ICellAnalysis
} from '../../core/analysis/cell-analysis';
import { IFunctionSummary } from '../../core/analysis/cell-names';
import { IPipelineIR } from '../../core/ir/pipeline';
import {
  IGlobalContext,
  stepNames,
  transitiveFunctionReads
} from '../../core/ir/step-names';

/** Step name → names of the parameters it reads, sorted. */
export function parameterReads(ir: IPipelineIR): Map<string, string[]> {
  const parameters = new Set(ir.parameters.map(p => p.name));
  const sources = new Map<number, string>();
  for (const cell of [
    ...ir.imports,
    ...ir.functions,
    ...ir.steps.flatMap(s => s.code)
  ]) {
    sources.set(cell.cell, cell.source);
  }
  const analyses = new Map<number, ICellAnalysis>();
  const analysisOf = (cell: number): ICellAnalysis => {
    let analysis = analyses.get(cell);
    if (!analysis) {
      analysis = analyzeCellSource(sources.get(cell) ?? '');
      analyses.set(cell, analysis);
    }
    return analysis;
  };

  const available = new Set<string>();
  const functions = new Map<string, IFunctionSummary>();
  /** Parameters the imports and functions cells read at module level: every step reads them. */
  const shared = new Set<string>();
  for (const cell of [...ir.imports, ...ir.functions]) {
    const names = analysisOf(cell.cell).names;
    names.reads
      .filter(r => parameters.has(r.name) && !available.has(r.name))
      .forEach(r => shared.add(r.name));
    names.writes.forEach(n => available.add(n));
    Object.entries(names.functions).forEach(([name, summary]) =>
      functions.set(name, summary)
    );
  }
  const context: IGlobalContext = {
    available,
    functionReads: transitiveFunctionReads(functions)
  };
  const reads = new Map<string, string[]>();
  for (const step of ir.steps) {
    const names = stepNames(step.cells, analysisOf, context);
    const used = new Set(shared);
    names.reads
      .filter(r => parameters.has(r.name))
      .forEach(r => used.add(r.name));
    reads.set(step.name, [...used].sort());
  }
  return reads;
}
