/**
 * What a name stands for through an import, where a step runs one of its cells: `mp` is
 * `multiprocessing` after `import multiprocessing as mp`, `Lock` is `threading.Lock` after
 * `from threading import Lock` (analysis/import-sources.ts). The binding that counts is the last
 * one before: in the step's own cells up to that cell, else in the cells every step runs first
 * (imports, functions), else in the step the name comes from.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IPipelineStep } from './pipeline';
import { bindsAgain } from './step-ties';

/**
 * The dotted name `name` was imported as, where the step's cell at index `at` runs (`name`
 * itself after a plain `import name`); null where the binding that counts is no import (an
 * assignment) or none is found.
 */
export function importedAs(
  name: string,
  at: number,
  step: IPipelineStep,
  sharedCells: readonly number[],
  producer: IPipelineStep | undefined,
  analysisOf: (cell: number) => ICellAnalysis
): string | null {
  const places: [readonly number[], number][] = [
    [step.cells, at],
    [sharedCells, sharedCells.length - 1]
  ];
  if (producer) {
    places.push([producer.cells, producer.cells.length - 1]);
  }
  for (const [cells, last] of places) {
    for (let i = last; i >= 0; i--) {
      const { names } = analysisOf(cells[i]);
      if (bindsAgain(names, name)) {
        return (
          names.importSources?.[name] ??
          (names.imported.includes(name) ? name : null)
        );
      }
    }
  }
  return null;
}
