/**
 * Where a name that a step reads before any step binds it is bound after all: in a later step.
 * The undefined-name warning then says so (`step 'fit' binds it later, in cell 5`): top to
 * bottom the notebook fails the same way, and the fix is to move one of the two.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { cellNumber } from '../cell-number';
import { IStepBlock } from './segment';
import { IGlobalContext, stepNamesReusing } from './step-names';

/** The first step after `index` that binds `name`, and its first cell that does; or null. */
export function laterBinder(
  name: string,
  steps: readonly IStepBlock[],
  index: number,
  analysisOf: (cell: number) => ICellAnalysis,
  context: IGlobalContext
): { step: string; cell: number } | null {
  for (let at = index + 1; at < steps.length; at++) {
    const block = steps[at];
    if (!stepNamesReusing(block.cells, analysisOf, context).writes.has(name)) {
      continue;
    }
    const cell =
      block.cells.find(c => analysisOf(c).names.writes.includes(name)) ??
      block.cells[0];
    return { step: block.name, cell };
  }
  return null;
}

/** The words the undefined-name warning adds for a later binder. */
export function laterBinderHint(
  binder: { step: string; cell: number } | null
): string {
  return binder === null
    ? ''
    : `: step '${binder.step}' binds it later, in cell ${cellNumber(binder.cell)} ` +
        '(top to bottom the notebook fails here too): move that code above, or this code below it';
}
