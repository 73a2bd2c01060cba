/**
 * `segmentCells`, reusing the last result while the notebook's cells are segmented as before: a
 * keystroke changes a source, not the cells' types, tags or order, and segmenting again went over
 * every cell's parsed tags on every key (a fifth of an update of a 1,000-step notebook). The
 * result is shared between calls and must not be changed. It is not frozen: V8 reads and loops
 * over frozen arrays on slower paths, and the IR builder reads these on every key.
 */
import { INotebook, INotebookCell } from '../notebook/model';
import { ICellAnalysis } from '../analysis/cell-analysis';
import { ISegments, segmentCells } from './segment';
import { sameList } from './same-list';

/** What segmenting read of one cell (`hasCode` only where it asked: untagged cells on top). */
interface ISegmentedCell {
  cellType: INotebookCell['cellType'];
  tags: readonly string[];
  tagsProblem: string | undefined;
  hasCode: boolean | undefined;
}

interface ILastSegments {
  cells: ISegmentedCell[];
  segments: ISegments;
}

/** The last notebook's: one, as the lab analyses the notebook in view. */
let last: ILastSegments | null = null;

export function segmentCellsReusing(
  notebook: INotebook,
  analysisOf: (cell: number) => ICellAnalysis
): ISegments {
  if (last !== null && segmentedAsBefore(notebook, analysisOf, last.cells)) {
    return last.segments;
  }
  const cells: ISegmentedCell[] = notebook.cells.map(cell => ({
    cellType: cell.cellType,
    tags: cell.tags,
    tagsProblem: cell.tagsProblem,
    hasCode: undefined
  }));
  const segments = segmentCells(notebook, index => {
    const analysis = analysisOf(index);
    if (index < cells.length) {
      cells[index].hasCode = analysis.hasCode;
    }
    return analysis;
  });
  last = { cells, segments };
  return segments;
}

function segmentedAsBefore(
  notebook: INotebook,
  analysisOf: (cell: number) => ICellAnalysis,
  before: readonly ISegmentedCell[]
): boolean {
  const { cells } = notebook;
  if (cells.length !== before.length) {
    return false;
  }
  for (let at = 0; at < cells.length; at++) {
    const cell = cells[at];
    const was = before[at];
    if (
      cell.index !== at ||
      cell.cellType !== was.cellType ||
      cell.tagsProblem !== was.tagsProblem ||
      !sameList(cell.tags, was.tags) ||
      (was.hasCode !== undefined && analysisOf(at).hasCode !== was.hasCode)
    ) {
      return false;
    }
  }
  return true;
}
