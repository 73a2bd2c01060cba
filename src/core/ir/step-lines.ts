/** Finding where in a step's cells something is written, to point a warning at that line. */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IPipelineStep } from './pipeline';

export interface IStepLine {
  cell: number;
  /** 1-based line in the cell's Python. */
  line: number;
  /** The line's text, trimmed. */
  text: string;
}

/** The first line of the step's cells, in order, that `matches`; null when none does. */
export function firstStepLine(
  step: IPipelineStep,
  analysisOf: (cell: number) => ICellAnalysis,
  matches: (text: string) => boolean
): IStepLine | null {
  for (const cell of step.cells) {
    const lines = analysisOf(cell).python.split('\n');
    const line = lines.findIndex(matches);
    if (line >= 0) {
      return { cell, line: line + 1, text: lines[line].trim() };
    }
  }
  return null;
}
