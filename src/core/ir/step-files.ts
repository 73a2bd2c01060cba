/**
 * The files each step names (design §3 has steps hand on variables, not files): literal paths,
 * and paths built with names that the shared cells (imports, functions, parameters) bind to
 * paths (`DATA = Path("data")`, then `DATA / "x.csv"`). unordered-files.ts warns where a step
 * uses a file an unordered earlier step writes; the cluster targets warn of files the step pods
 * will not have.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  cellFileNames,
  cellFilePatterns,
  cellPathConstants,
  IFileName,
  isFileName
} from '../analysis/file-names';
import { resolvePath } from '../analysis/path-expressions';
import { IPipelineStep } from './pipeline';

export interface IFileUse extends IFileName {
  cell: number;
}

/**
 * The names the shared cells bind to paths, in cell order (a later binding wins; one that is not
 * a path unbinds the name), after the bindings of `given`.
 */
export function pathConstants(
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  given: ReadonlyMap<string, string> = new Map()
): Map<string, string> {
  const constants = new Map(given);
  for (const cell of sharedCells) {
    for (const [name, parts] of cellPathConstants(analysisOf(cell))) {
      const path = resolvePath(parts, known => constants.get(known));
      if (path === null) {
        constants.delete(name);
      } else {
        constants.set(name, path);
      }
    }
  }
  return constants;
}

/** The files a step names, in its cells' order: literal paths, and paths built with shared names. */
export function stepFileNames(
  step: IPipelineStep,
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis
): IFileUse[] {
  const uses: IFileUse[] = [];
  // A name the step binds itself is its own, not the shared cell's (read only when needed).
  let own: Set<string> | null = null;
  const binds = (name: string) =>
    (own ??= new Set(
      step.cells.flatMap(cell => analysisOf(cell).names.writes)
    )).has(name);
  const valueOf = (name: string) =>
    binds(name) ? undefined : constants.get(name);
  for (const cell of step.cells) {
    const analysis = analysisOf(cell);
    for (const name of cellFileNames(analysis)) {
      uses.push({ ...name, cell });
    }
    const patterns = constants.size ? cellFilePatterns(analysis) : [];
    for (const pattern of patterns) {
      const { names } = pattern;
      if (
        names.length === 1
          ? !constants.has(names[0])
          : !allBound(names, constants)
      ) {
        continue; // most: names a step passes to calls, not paths
      }
      const path = resolvePath(pattern.parts, valueOf);
      if (path !== null && isFileName(path)) {
        const { written, line, column } = pattern;
        uses.push({ path, written, line, column, cell });
      }
    }
  }
  return uses.sort(
    (a, b) => a.cell - b.cell || a.line - b.line || a.column - b.column
  );
}

function allBound(
  names: readonly string[],
  constants: ReadonlyMap<string, string>
): boolean {
  for (const name of names) {
    if (!constants.has(name)) {
      return false;
    }
  }
  return true;
}
