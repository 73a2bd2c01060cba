/**
 * Steps hand on variables, not files. A notebook that writes a file in one section and reads it
 * in a later one works top to bottom, but as a pipeline nothing orders the two steps unless data
 * or a `prev:` tag does: a local run may start the reader first, and on a cluster the reader's
 * pod never sees the writer's files. This warns where a step uses a file name that an earlier
 * step writes and the step does not run after that one; where it writes that file too, the two
 * may write it in either order. A file name may be spelled out in the
 * step, or be a name a shared cell (imports, functions, parameters) binds to one.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import {
  latestFileWriter,
  pathConstants,
  stepFileNames,
  stepsPathConstants,
  writePlace,
  writesPath
} from './step-files';

export function unorderedFiles(
  steps: readonly IPipelineStep[],
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis
): IDiagnostic[] {
  if (steps.length < 2) {
    return [];
  }
  const constants = stepsPathConstants(
    steps,
    pathConstants(sharedCells, analysisOf),
    analysisOf
  );
  const uses = steps.map(step =>
    stepFileNames(step, constants.get(step.name)!, analysisOf)
  );
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
    /** Earlier writer → whether this step runs after it. */
    const after = new Map<string, boolean>();
    for (const use of uses[index]) {
      if (
        (!use.written && writesPath(ownWrites, use.path)) ||
        warned.has(use.path)
      ) {
        continue; // a file the step writes itself, it reads after (or before) writing
      }
      const writer = latestFileWriter(uses, index, use.path);
      if (writer === null) {
        continue;
      }
      const step = steps[writer.step];
      let ordered = after.get(step.name);
      if (ordered === undefined) {
        ordered = runsAfter(reader, step.name, byName);
        after.set(step.name, ordered);
      }
      if (ordered) {
        continue;
      }
      warned.add(use.path);
      const where = writePlace(use.path, writer.use);
      const kind = use.isFolder ? 'folder' : 'file';
      diagnostics.push({
        severity: 'warning',
        code: 'unordered-file',
        message: use.written
          ? `step '${reader.name}' writes the ${kind} '${use.path}', which step '${step.name}' ` +
            `writes too ${where}, but does not run after it: steps hand on variables, not ` +
            `files, so the two may run in any order and the ${kind} ends as the last to finish ` +
            `leaves it (top to bottom, '${reader.name}' writes last). Add the tag ` +
            `prev:${step.name} to step '${reader.name}', or write another ${kind}`
          : `step '${reader.name}' uses the ${kind} '${use.path}', which step '${step.name}' writes ` +
            `${where}, but does not run ` +
            `after it: steps hand on variables, not files, so nothing orders the two. Add the tag ` +
            `prev:${step.name} to step '${reader.name}' (a local run then finds the ${kind}), or ` +
            `pass what the ${kind} holds as a variable: on a cluster each step has its own files`,
        cell: use.cell,
        line: use.line,
        column: use.column
      });
    }
  });
  return diagnostics;
}

/**
 * Whether `step` runs after step `earlier`, directly or through others: a search that stops
 * once it finds it (most often among the step's own producers), where the set of every ancestor
 * of every step that uses a file cost more than the rest of this check.
 */
function runsAfter(
  step: IPipelineStep,
  earlier: string,
  byName: ReadonlyMap<string, IPipelineStep>
): boolean {
  const seen = new Set<string>();
  const pending = [...step.after];
  while (pending.length) {
    const name = pending.pop()!;
    if (name === earlier) {
      return true;
    }
    if (!seen.has(name)) {
      seen.add(name);
      pending.push(...(byName.get(name)?.after ?? []));
    }
  }
  return false;
}
