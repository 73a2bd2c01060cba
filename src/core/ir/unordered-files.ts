/**
 * Steps hand on variables, not files. A notebook that writes a file in one section and reads it
 * in a later one works top to bottom, but as a pipeline nothing orders the two steps unless data
 * or a `prev:` tag does: a local run may start the reader first, and on a cluster the reader's
 * pod never sees the writer's files. This warns where a step uses a file name that an earlier
 * step writes and the step does not run after that one. A file name may be spelled out in the
 * step, or be a name a shared cell (imports, functions, parameters) binds to one.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { cellNumber } from '../cell-number';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import {
  ancestorsOf,
  latestFileWriter,
  pathConstants,
  stepFileNames
} from './step-files';

export function unorderedFiles(
  steps: readonly IPipelineStep[],
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  if (steps.length < 2) {
    return [];
  }
  const constants = pathConstants(sharedCells, analysisOf);
  const uses = steps.map(step => stepFileNames(step, constants, analysisOf));
  const byName = new Map(steps.map(step => [step.name, step]));
  const diagnostics: IDiagnostic[] = [];
  steps.forEach((reader, index) => {
    if (!uses[index].length) {
      return;
    }
    const ownWrites = new Set(
      uses[index].filter(use => use.written).map(use => use.path)
    );
    const warned = new Set<string>();
    let ancestors: Set<string> | null = null;
    for (const use of uses[index]) {
      if (ownWrites.has(use.path) || warned.has(use.path)) {
        continue;
      }
      const writer = latestFileWriter(uses, index, use.path);
      if (writer === null) {
        continue;
      }
      ancestors ??= ancestorsOf(reader, byName);
      const step = steps[writer.step];
      if (ancestors.has(step.name)) {
        continue;
      }
      warned.add(use.path);
      diagnostics.push({
        severity: 'warning',
        code: 'unordered-file',
        message:
          `step '${reader.name}' uses the file '${use.path}', which step '${step.name}' writes ` +
          `(cell ${cellNumber(writer.use.cell)}, line ${writer.use.line}), but does not run ` +
          `after it: steps hand on variables, not files, so nothing orders the two. Add the tag ` +
          `prev:${step.name} to step '${reader.name}' (a local run then finds the file), or ` +
          'pass what the file holds as a variable: on a cluster each step has its own files',
        cell: use.cell,
        line: use.line,
        column: use.column
      });
    }
  });
  return diagnostics;
}
