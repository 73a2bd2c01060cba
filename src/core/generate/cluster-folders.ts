/**
 * Folders on a cluster (`step-folder`): a step writes a file into a relative folder that it does
 * not make itself. A local run shares the notebook's folder, where an earlier step made it (or
 * where it lies already); on Argo or KFP the step's pod has neither, and the write fails with
 * FileNotFoundError. The shared cells run in every step, so a folder they make is in every pod.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { cellNumber } from '../cell-number';
import { IDiagnostic } from '../ir/diagnostic';
import { IPipelineIR } from '../ir/pipeline';
import {
  IFileUse,
  IMadeFolder,
  isAbsolutePath,
  madeFolders,
  makesFolder
} from '../ir/step-files';

/**
 * `uses`: each step's files (stepFileNames), in step order. `nextToNotebook(path)`: whether the
 * relative `path` names a file or folder there.
 */
export function folderWarnings(
  ir: IPipelineIR,
  uses: readonly IFileUse[][],
  sharedCells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  nextToNotebook: (path: string) => boolean,
  engine: string
): IDiagnostic[] {
  const shared = madeFolders(sharedCells, constants, analysisOf, false);
  const made = ir.steps.map(step =>
    madeFolders(step.cells, constants, analysisOf, true)
  );
  const makes = (folders: readonly IMadeFolder[], folder: string) =>
    folders.find(m => makesFolder(m.folder, folder));
  const diagnostics: IDiagnostic[] = [];
  ir.steps.forEach((step, index) => {
    const warned = new Set<string>();
    for (const use of uses[index]) {
      const slash = use.path.lastIndexOf('/');
      const folder = slash > 0 ? use.path.slice(0, slash) : '';
      if (
        !use.written ||
        use.isFolder || // a call that writes a whole folder makes it, parents and all
        !folder ||
        isAbsolutePath(folder) ||
        folder.split('/').includes('..') || // outside, or back: not followed
        warned.has(folder) ||
        makes(shared, folder) ||
        makes(made[index], folder)
      ) {
        continue;
      }
      const maker = made
        .slice(0, index)
        .map((folders, at) => ({ at, made: makes(folders, folder) }))
        .filter(m => m.made)
        .pop();
      const where = maker?.made
        ? `step '${ir.steps[maker.at].name}' makes (cell ` +
          `${cellNumber(maker.made.cell)}, line ${maker.made.line})`
        : nextToNotebook(folder)
          ? 'lies next to the notebook'
          : null;
      if (where === null) {
        continue; // missing locally too: not a cluster's problem
      }
      warned.add(folder);
      diagnostics.push({
        severity: 'warning',
        code: 'step-folder',
        message:
          `step '${step.name}' writes '${use.path}' into '${folder}', which ${where}: a ` +
          `local run shares the notebook's folder, but on ${engine} each step runs in a pod ` +
          `of its own, where '${folder}' is missing, and the write fails. Make the folder in ` +
          `this step first (os.makedirs(${JSON.stringify(folder)}, exist_ok=True)), or in ` +
          'the imports or functions cell, which every step runs',
        cell: use.cell,
        line: use.line,
        column: use.column
      });
    }
  });
  return diagnostics;
}
