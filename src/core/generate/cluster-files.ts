/**
 * Files on a cluster. A notebook reads and writes files in its own folder, and so does a local
 * run: every step runs there. On Argo or KFP each step runs in a pod of its own, with the step
 * image and none of the notebook's folder, so two uses of a file that work locally fail there:
 * - `local-file`: a step reads a file that lies next to the notebook (the data a notebook
 *   starts from), which no step writes: the pod does not have it;
 * - `step-file`: a step reads a file that an earlier step it runs after writes: the file stays
 *   in the writer's pod. (Where nothing orders the two steps, `unordered-file` already warns,
 *   for every target.)
 * - `step-folder` (cluster-folders.ts): a step writes into a folder that an earlier step made,
 *   or that lies next to the notebook.
 * Which paths lie next to the notebook is the caller's to say: core reads no files.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic, inNotebookOrder } from '../ir/diagnostic';
import { IPipelineIR, IPipelineStep } from '../ir/pipeline';
import {
  ancestorsOf,
  IFileUse,
  IListedFolder,
  isAbsolutePath,
  latestFileWriter,
  listedFolders,
  pathConstants,
  sharedFileNames,
  stepFileNames,
  writePlace,
  writesPath
} from '../ir/step-files';
import { pipelineAnalysisOf } from './code-analysis';
import { CompileTarget } from './compiled';
import { ENGINE_NAMES } from './local-modules';
import { folderWarnings } from './cluster-folders';

/** `nextToNotebook(path)`: whether the relative `path` names a file or folder there. */
export function clusterFileWarnings(
  ir: IPipelineIR,
  target: CompileTarget,
  nextToNotebook: (path: string) => boolean
): IDiagnostic[] {
  const analysisOf = pipelineAnalysisOf(ir);
  // Parameters bind paths too (`DATA_DIR = "data"`): their cells are not in the IR, their values are.
  const parameters = new Map(
    ir.parameters
      .filter(p => typeof p.default === 'string')
      .map(p => [p.name, String(p.default)])
  );
  const sharedCells = [...ir.imports, ...ir.functions].map(c => c.cell);
  const constants = pathConstants(sharedCells, analysisOf, parameters);
  const uses = ir.steps.map(step => stepFileNames(step, constants, analysisOf));
  const engine = ENGINE_NAMES[target];
  const writtenBefore = (index: number, folder: string) =>
    uses
      .slice(0, index + 1)
      .some(step =>
        step.some(
          u =>
            u.written && (u.path === folder || u.path.startsWith(`${folder}/`))
        )
      );
  const listed = (use: IListedFolder, index: number) =>
    !writtenBefore(index, use.folder) && nextToNotebook(use.folder);
  const diagnostics: IDiagnostic[] = [
    ...sharedLocalFiles(sharedCells, constants, analysisOf, nextToNotebook),
    ...listedFolders(sharedCells, constants, analysisOf, false).filter(use =>
      listed(use, -1)
    )
  ].map(use => localFileWarning('every step', use, engine));
  const byName = new Map(ir.steps.map(step => [step.name, step]));
  ir.steps.forEach((step, index) => {
    let ancestors: Set<string> | null = null;
    const warned = new Set<string>();
    const written = new Set<string>();
    for (const use of uses[index]) {
      if (use.written) {
        written.add(use.path);
        continue;
      }
      if (
        writesPath(written, use.path) ||
        warned.has(use.path) ||
        !relative(use)
      ) {
        continue;
      }
      const writer = latestFileWriter(uses, index, use.path);
      if (writer !== null) {
        const writing = ir.steps[writer.step];
        if ((ancestors ??= ancestorsOf(step, byName)).has(writing.name)) {
          warned.add(use.path);
          diagnostics.push(
            stepFileWarning(step, use, writing, writer.use, engine)
          );
        }
        continue;
      }
      if (nextToNotebook(use.path)) {
        warned.add(use.path);
        diagnostics.push(localFileWarning(`step '${step.name}'`, use, engine));
      }
    }
    for (const use of listedFolders(step.cells, constants, analysisOf, true)) {
      if (!warned.has(use.path) && listed(use, index)) {
        warned.add(use.path);
        diagnostics.push(localFileWarning(`step '${step.name}'`, use, engine));
      }
    }
  });
  diagnostics.push(
    ...folderWarnings(
      ir,
      uses,
      sharedCells,
      constants,
      analysisOf,
      nextToNotebook,
      engine
    )
  );
  return inNotebookOrder(diagnostics);
}

function relative(use: IFileUse): boolean {
  return !isAbsolutePath(use.path);
}

/** The files next to the notebook that the shared cells read (every step runs them), once each. */
function sharedLocalFiles(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  nextToNotebook: (path: string) => boolean
): IFileUse[] {
  const written = new Set<string>();
  const found = new Map<string, IFileUse>();
  for (const use of sharedFileNames(cells, constants, analysisOf)) {
    if (use.written) {
      written.add(use.path);
    } else if (
      !writesPath(written, use.path) &&
      !found.has(use.path) &&
      relative(use) &&
      nextToNotebook(use.path)
    ) {
      found.set(use.path, use);
    }
  }
  return [...found.values()];
}

/** `who`: `step 'NAME'`, or `every step` for the shared cells. */
function localFileWarning(
  who: string,
  use: IFileUse,
  engine: string
): IDiagnostic {
  const each = who === 'every step' ? 'each step' : 'the step';
  return {
    severity: 'warning',
    code: 'local-file',
    message:
      `${who} uses '${use.path}', which lies next to the notebook: a local run finds it, but ` +
      `on ${engine} ${each} runs in a pod that has the step image, not the notebook's folder, ` +
      'and does not find it. Read it from storage the pods reach (a claim mounted by the ' +
      "settings' volumes, object storage, a URL), or build it into the step image",
    cell: use.cell,
    line: use.line,
    column: use.column
  };
}

function stepFileWarning(
  step: IPipelineStep,
  use: IFileUse,
  writer: IPipelineStep,
  write: IFileUse,
  engine: string
): IDiagnostic {
  const kind = use.isFolder ? 'folder' : 'file';
  return {
    severity: 'warning',
    code: 'step-file',
    message:
      `step '${step.name}' uses '${use.path}', which step '${writer.name}' writes ` +
      `${writePlace(use.path, write)}: a local run shares the ` +
      `notebook's folder, but on ${engine} each step runs in a pod of its own, and the ` +
      `${kind} stays in the pod of step '${writer.name}'. Pass what the ${kind} holds as a ` +
      'variable (steps hand on variables), or write it to storage both pods reach (a claim ' +
      "mounted by the settings' volumes)",
    cell: use.cell,
    line: use.line,
    column: use.column
  };
}
