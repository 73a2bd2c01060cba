/**
 * The files each step names (design §3 has steps hand on variables, not files): literal paths,
 * and paths built with names that the shared cells (imports, functions, parameters) or the step
 * itself bind to paths (`DATA = Path("data")`, then `DATA / "x.csv"`). unordered-files.ts warns where a step
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
import { cellFolderReads, listedFolder } from '../analysis/folder-reads';
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
  return cellsFileNames(step.cells, constants, analysisOf);
}

/**
 * {@link stepFileNames} of the shared cells themselves (imports, functions), which every step
 * runs: the names they bind to paths are the constants.
 */
export function sharedFileNames(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis
): IFileUse[] {
  return cellsFileNames(cells, constants, analysisOf, false);
}

/**
 * The path each name stands for in `cells`: its shared constant. With `ownNames`, a name the
 * cells bind themselves (a step's own) stands for the path they bind it to at module level
 * (`DATA = Path("data")` in the step), or for none; those names are read only when first needed.
 */
export function namePaths(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  ownNames: boolean
): (name: string) => string | undefined {
  if (!ownNames) {
    return name => constants.get(name);
  }
  let own: Set<string> | null = null;
  let ownPaths: Map<string, string> | null = null;
  const valueOf = (name: string): string | undefined => {
    own ??= new Set(cells.flatMap(cell => analysisOf(cell).names.writes));
    if (!own.has(name)) {
      return constants.get(name);
    }
    ownPaths ??= ownPathConstants(cells, constants, analysisOf, own);
    return ownPaths.get(name);
  };
  return valueOf;
}

/**
 * The paths that `cells` bind names to at module level (`csv_path = 'sales.csv'`), in order; a
 * name they bind (`own`) stands for its own path or none, any other for its path in `constants`.
 */
function ownPathConstants(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  own: ReadonlySet<string>
): Map<string, string> {
  const paths = new Map<string, string>();
  for (const cell of cells) {
    for (const [bound, parts] of cellPathConstants(analysisOf(cell))) {
      const path = resolvePath(parts, known =>
        own.has(known) ? paths.get(known) : constants.get(known)
      );
      if (path === null) {
        paths.delete(bound);
      } else {
        paths.set(bound, path);
      }
    }
  }
  return paths;
}

/**
 * The path names each step sees: `constants` (the shared cells' and the parameters'), and each
 * input that the step it comes from binds to a path (`csv_path = 'sales.csv'` in an earlier
 * step, `pd.read_csv(csv_path)` in this one). By step name, in notebook order.
 */
export function stepsPathConstants(
  steps: readonly IPipelineStep[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis
): Map<string, ReadonlyMap<string, string>> {
  const seen = new Map<string, ReadonlyMap<string, string>>();
  const ownOf = new Map<string, Map<string, string>>();
  for (const step of steps) {
    let given: Map<string, string> | null = null;
    for (const name of step.inputs) {
      const path = ownOf.get(step.producers[name])?.get(name);
      if (path !== undefined) {
        (given ??= new Map(constants)).set(name, path);
      }
    }
    const base = given ?? constants;
    seen.set(step.name, base);
    const own = new Set(
      step.cells.flatMap(cell => analysisOf(cell).names.writes)
    );
    ownOf.set(step.name, ownPathConstants(step.cells, base, analysisOf, own));
  }
  return seen;
}

function cellsFileNames(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  ownNames = true
): IFileUse[] {
  const uses: IFileUse[] = [];
  const valueOf = namePaths(cells, constants, analysisOf, ownNames);
  for (const cell of cells) {
    const analysis = analysisOf(cell);
    for (const name of cellFileNames(analysis)) {
      uses.push({ ...name, cell });
    }
    for (const pattern of cellFilePatterns(analysis)) {
      if (!pattern.names.every(name => valueOf(name) !== undefined)) {
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

/** A folder a cell lists: `path` as the warning shows it (`data/`, `data/*.csv`). */
export interface IListedFolder extends IFileUse {
  folder: string;
}

/**
 * The relative folders the cells list (cellFolderReads), resolved with the shared names; a
 * step's own binding of a name hides the shared one (`ownNames`).
 */
export function listedFolders(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  ownNames: boolean
): IListedFolder[] {
  const valueOf = namePaths(cells, constants, analysisOf, ownNames);
  const found: IListedFolder[] = [];
  for (const cell of cells) {
    for (const read of cellFolderReads(analysisOf(cell))) {
      const path = resolvePath(read.parts, valueOf);
      const folder = path === null ? '' : listedFolder(path, read.pattern);
      if (path !== null && folder && !isAbsolutePath(folder)) {
        found.push({
          path: read.pattern ? path : `${folder}/`,
          folder,
          written: false,
          cell,
          line: read.line,
          column: read.column
        });
      }
    }
  }
  return found;
}

/** `/data` or `~/data`: not under the notebook's folder. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~');
}

/** The latest step before `index` that writes `path`, with its first write of it. */
export function latestFileWriter(
  uses: readonly IFileUse[][],
  index: number,
  path: string
): { step: number; use: IFileUse } | null {
  for (let step = index - 1; step >= 0; step--) {
    const use = uses[step].find(u => u.written && u.path === path);
    if (use) {
      return { step, use };
    }
  }
  return null;
}

/** Every step `step` runs after, directly or through others. */
export function ancestorsOf(
  step: IPipelineStep,
  byName: ReadonlyMap<string, IPipelineStep>
): Set<string> {
  const seen = new Set<string>();
  const pending = [...step.after];
  while (pending.length) {
    const name = pending.pop()!;
    if (!seen.has(name)) {
      seen.add(name);
      pending.push(...(byName.get(name)?.after ?? []));
    }
  }
  return seen;
}
