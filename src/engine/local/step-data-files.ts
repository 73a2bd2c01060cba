/**
 * The files each step reads by name, for its cache key (step-cache.ts): the paths its cells and
 * the shared cells (imports, functions) name, literal or built from path names the shared cells,
 * the parameters, the step or the step an input comes from bind (core/ir/step-files.ts), less those the step writes itself (its own
 * output would make every run a miss); and the folders they list (`glob.glob("in/*.csv")`,
 * `os.listdir(DATA)`), as `in/`. A file that changes between runs, or a file added to a listed
 * folder, then reruns the step; so do those a function or class it takes from an earlier step may
 * read (that step's files). The files a step writes are checked after the cache would serve it: a
 * step served from the cache does not write them again (execute.ts).
 */
import { pipelineAnalysisOf } from '../../core/generate/code-analysis';
import { IPipelineIR, ParameterValue } from '../../core/ir/pipeline';
import {
  listedFolders,
  pathConstants,
  sharedFileNames,
  stepFileNames,
  stepsPathConstants
} from '../../core/ir/step-files';

/** The files and folders a step reads, and the files it writes. */
export interface IStepFiles {
  read: string[];
  /** The files it writes into a folder it lists. */
  writes?: string[];
  /** The files it names that it writes and no other step (nor a shared cell) writes. */
  written?: string[];
}

/**
 * Step name → the paths (as the code names them) it reads and writes, sorted; steps naming none
 * left out.
 */
export function stepReadFiles(
  ir: IPipelineIR,
  params: Record<string, ParameterValue>
): Map<string, IStepFiles> {
  const analysisOf = pipelineAnalysisOf(ir);
  const parameters = new Map(
    Object.entries(params)
      .filter(([, value]) => typeof value === 'string')
      .map(([name, value]) => [name, String(value)])
  );
  const sharedCells = [...ir.imports, ...ir.functions].map(c => c.cell);
  const constants = pathConstants(sharedCells, analysisOf, parameters);
  const shared = sharedFileNames(sharedCells, constants, analysisOf);
  const sharedFolders = listedFolders(
    sharedCells,
    constants,
    analysisOf,
    false
  );
  const files = new Map<string, IStepFiles>();
  const perStep = stepsPathConstants(ir.steps, constants, analysisOf);
  const ownUses = ir.steps.map(step =>
    stepFileNames(step, perStep.get(step.name) ?? constants, analysisOf)
  );
  // A file that only one step writes, and no shared cell: the one the cache checks is as that
  // step left it. One that others write too (a log two steps append to, a helper's output)
  // changes after the step ran, and would never let it be served from the cache.
  const writers = new Map<string, number>();
  for (const uses of ownUses) {
    for (const path of new Set(uses.filter(u => u.written).map(u => u.path))) {
      writers.set(path, (writers.get(path) ?? 0) + 1);
    }
  }
  shared.filter(u => u.written).forEach(u => writers.set(u.path, Infinity));
  const indexOf = new Map(ir.steps.map((step, index) => [step.name, index]));
  /** The functions and classes each step defines: a later step that takes one runs its reads. */
  const defined = ir.steps.map(
    step =>
      new Set(
        step.cells.flatMap(cell =>
          Object.keys(analysisOf(cell).names.functions)
        )
      )
  );
  const ownFolders = ir.steps.map(step =>
    listedFolders(
      step.cells,
      perStep.get(step.name) ?? constants,
      analysisOf,
      true
    )
  );
  ir.steps.forEach((step, index) => {
    // A function taken from an earlier step reads there what it reads (`def load(): open(…)`):
    // the files and folders that step's cells read count here too.
    const takenFrom = [
      ...new Set(
        step.inputs.flatMap(input => {
          const producer = indexOf.get(step.producers[input]);
          return producer !== undefined && defined[producer].has(input)
            ? [producer]
            : [];
        })
      )
    ];
    const uses = [
      ...shared,
      ...ownUses[index],
      ...takenFrom.flatMap(producer =>
        ownUses[producer].filter(u => !u.written)
      )
    ];
    const written = new Set(
      [...shared, ...ownUses[index]].filter(u => u.written).map(u => u.path)
    );
    const folders = [
      ...sharedFolders,
      ...ownFolders[index],
      ...takenFrom.flatMap(producer => ownFolders[producer])
    ].map(use => `${use.folder}/`);
    const read = [
      ...new Set([
        ...uses.map(u => u.path).filter(path => !written.has(path)),
        ...folders
      ])
    ].sort();
    const stepFiles: IStepFiles = { read };
    // A listed folder's entries that the step writes itself do not count (see execute.ts).
    const own = [...written].filter(path =>
      folders.some(folder => path.startsWith(folder))
    );
    if (own.length) {
      stepFiles.writes = own.sort();
    }
    const checked = [...written].filter(path => writers.get(path) === 1);
    if (checked.length) {
      stepFiles.written = checked.sort();
    }
    if (read.length || checked.length) {
      files.set(step.name, stepFiles);
    }
  });
  return files;
}
