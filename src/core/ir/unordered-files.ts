/**
 * Steps hand on variables, not files. A notebook that writes a file in one section and reads it
 * in a later one works top to bottom, but as a pipeline nothing orders the two steps unless data
 * or a `prev:` tag does: a local run may start the reader first, and on a cluster the reader's
 * pod never sees the writer's files. This warns where a step uses a file name that an earlier
 * step writes and the step does not run after that one; where it writes that file too, the two
 * may write it in either order. Where a step writes a file that an earlier step only reads, and
 * does not run after it, a local run may write it before that step reads it. A file name may be
 * spelled out in the step, or be a name a shared cell (imports, functions, parameters) binds to
 * one.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import { cellNumber } from '../cell-number';
import { IDiagnostic } from './diagnostic';
import { IPipelineStep } from './pipeline';
import {
  IFileUse,
  latestFileWriter,
  pathConstants,
  stepFileNames,
  stepsPathConstants
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
  /** Built the first time a step writes a file no earlier step writes. */
  let readers: Map<string, { step: number; use: IFileUse }[]> | null = null;
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
      if ((ownWrites.has(use.path) && !use.written) || warned.has(use.path)) {
        continue; // a file the step writes itself, it reads after (or before) writing
      }
      const writer = latestFileWriter(uses, index, use.path);
      if (writer === null) {
        const earlierReader = use.written
          ? unorderedReader(
              steps,
              (readers ??= fileReaders(uses)),
              index,
              use.path,
              byName
            )
          : null;
        if (earlierReader) {
          warned.add(use.path);
          diagnostics.push(readThenWritten(reader, use, earlierReader));
        }
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
      const where = `(cell ${cellNumber(writer.use.cell)}, line ${writer.use.line})`;
      diagnostics.push({
        severity: 'warning',
        code: 'unordered-file',
        message: use.written
          ? `step '${reader.name}' writes the file '${use.path}', which step '${step.name}' ` +
            `writes too ${where}, but does not run after it: steps hand on variables, not ` +
            `files, so the two may run in any order and the file ends as the last to finish ` +
            `leaves it (top to bottom, '${reader.name}' writes last). Add the tag ` +
            `prev:${step.name} to step '${reader.name}', or write another file`
          : `step '${reader.name}' uses the file '${use.path}', which step '${step.name}' writes ` +
            `${where}, but does not run ` +
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

/** Path → the steps that read it and do not write it, each with its first use, in step order. */
function fileReaders(
  uses: readonly IFileUse[][]
): Map<string, { step: number; use: IFileUse }[]> {
  const readers = new Map<string, { step: number; use: IFileUse }[]>();
  uses.forEach((stepUses, step) => {
    const written = new Set(
      stepUses.filter(use => use.written).map(use => use.path)
    );
    const seen = new Set<string>();
    for (const use of stepUses) {
      if (!written.has(use.path) && !seen.has(use.path)) {
        seen.add(use.path);
        const list = readers.get(use.path);
        if (list) {
          list.push({ step, use });
        } else {
          readers.set(use.path, [{ step, use }]);
        }
      }
    }
  });
  return readers;
}

/**
 * The latest step before `index` that reads `path` (see fileReaders), if the step at `index`
 * does not run after it; null otherwise.
 */
function unorderedReader(
  steps: readonly IPipelineStep[],
  readers: ReadonlyMap<string, { step: number; use: IFileUse }[]>,
  index: number,
  path: string,
  byName: ReadonlyMap<string, IPipelineStep>
): { step: IPipelineStep; use: IFileUse } | null {
  const list = readers.get(path) ?? [];
  for (let i = list.length - 1; i >= 0; i--) {
    if (list[i].step < index) {
      const earlier = steps[list[i].step];
      return runsAfter(steps[index], earlier.name, byName)
        ? null
        : { step: earlier, use: list[i].use };
    }
  }
  return null;
}

/** A step writes a file that an earlier step it does not run after reads. */
function readThenWritten(
  writer: IPipelineStep,
  use: IFileUse,
  earlier: { step: IPipelineStep; use: IFileUse }
): IDiagnostic {
  const { step, use: read } = earlier;
  return {
    severity: 'warning',
    code: 'unordered-file',
    message:
      `step '${writer.name}' writes the file '${use.path}', which step '${step.name}' reads ` +
      `(cell ${cellNumber(read.cell)}, line ${read.line}), but does not run after it: steps ` +
      'hand on variables, not files, so the two may run in any order and ' +
      `'${step.name}' may read what '${writer.name}' writes (top to bottom, it reads the file ` +
      `as it was before). Add the tag prev:${step.name} to step '${writer.name}', or write ` +
      'another file',
    cell: use.cell,
    line: use.line,
    column: use.column
  };
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
