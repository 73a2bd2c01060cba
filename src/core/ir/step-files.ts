/**
 * The files each step names (design §3 has steps hand on variables, not files): literal paths,
 * and paths built with names bound to paths (`DATA = Path("data")`, then `DATA / "x.csv"`) by the
 * shared cells (imports, functions, parameters), by the step itself, or by the step an input
 * comes from. unordered-files.ts warns where a step uses a file an unordered earlier step
 * writes; the cluster targets warn of files the step pods will not have.
 */
import { ICellAnalysis } from '../analysis/cell-analysis';
import {
  cellFileNames,
  cellFilePatterns,
  cellPathConstants,
  folderPath,
  IFileName,
  isFileName,
  isFolderName
} from '../analysis/file-names';
import { cellFolderReads, listedFolder } from '../analysis/folder-reads';
import { cellMadeFolders } from '../analysis/folder-makes';
import { resolvePath } from '../analysis/path-expressions';
import { cellNumber } from '../cell-number';
import { IPipelineStep } from './pipeline';

export interface IFileUse extends IFileName {
  cell: number;
}

/**
 * The names the shared cells bind to paths, in cell order (a later binding wins; one to a path
 * that cannot be followed unbinds the name; one to something else, `p = other`, is not seen),
 * after the bindings of `given`.
 */
export function pathConstants(
  sharedCells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  given: ReadonlyMap<string, string> = new Map()
): Map<string, string> {
  return bindPaths(sharedCells, analysisOf, new Map(given), () => undefined);
}

/**
 * Adds to `paths` what `cells` bind names to at module level (`DATA = Path("data")`,
 * `csv_path = 'sales.csv'`), in order; a name not in `paths` stands for `outside(name)`.
 */
function bindPaths(
  cells: readonly number[],
  analysisOf: (cell: number) => ICellAnalysis,
  paths: Map<string, string>,
  outside: (name: string) => string | undefined
): Map<string, string> {
  for (const cell of cells) {
    for (const [bound, parts] of cellPathConstants(analysisOf(cell))) {
      const path = resolvePath(parts, known =>
        paths.has(known) ? paths.get(known) : outside(known)
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

/** The paths a step's own cells bind names to, the names they do not bind taken from `constants`. */
function ownPathConstants(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis
): ReadonlyMap<string, string> {
  return cells.some(cell => cellPathConstants(analysisOf(cell)).length)
    ? bindPaths(cells, analysisOf, new Map(), name => constants.get(name))
    : NO_PATHS;
}

const NO_PATHS: ReadonlyMap<string, string> = new Map();

/**
 * The files a step names, in its cells' order: literal paths, and paths built with names that
 * `constants` (see stepsPathConstants) or the step itself bind to paths.
 */
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
 * The path each name stands for in `cells`: its constant. With `ownNames`, a name the cells bind
 * themselves (a step's own) stands for the path they bind it to at module level
 * (`DATA = Path("data")` in the step), or for none; both are worked out only when first needed.
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
  let ownPaths: ReadonlyMap<string, string> | null = null;
  let own: Set<string> | null = null;
  return name => {
    ownPaths ??= ownPathConstants(cells, constants, analysisOf);
    const path = ownPaths.get(name);
    if (path !== undefined || !constants.has(name)) {
      return path; // most names: neither, as a step passes names to calls
    }
    own ??= new Set(cells.flatMap(cell => analysisOf(cell).names.writes));
    return own.has(name) ? undefined : constants.get(name);
  };
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
  const ownOf = new Map<string, ReadonlyMap<string, string>>();
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
    ownOf.set(step.name, ownPathConstants(step.cells, base, analysisOf));
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
      const { written, isFolder, line, column } = pattern;
      if (path !== null && (isFolder ? isFolderName(path) : isFileName(path))) {
        uses.push({
          path: isFolder ? folderPath(path) : path,
          written,
          ...(isFolder ? { isFolder } : {}),
          line,
          column,
          cell
        });
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
 * The relative folders the cells list (cellFolderReads), resolved with `constants` and, with
 * `ownNames`, the step's own path names (see namePaths).
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

/** A folder the cells make (`os.makedirs`, `Path.mkdir`), relative to the notebook's folder. */
export interface IMadeFolder {
  folder: string;
  cell: number;
  line: number;
  column: number;
}

/**
 * The relative folders the cells make (cellMadeFolders), resolved as listedFolders resolves the
 * folders they list.
 */
export function madeFolders(
  cells: readonly number[],
  constants: ReadonlyMap<string, string>,
  analysisOf: (cell: number) => ICellAnalysis,
  ownNames: boolean
): IMadeFolder[] {
  const valueOf = namePaths(cells, constants, analysisOf, ownNames);
  const found: IMadeFolder[] = [];
  for (const cell of cells) {
    for (const made of cellMadeFolders(analysisOf(cell))) {
      const path = resolvePath(made.parts, valueOf);
      const folder = path === null ? '' : folderPath(path);
      if (folder && folder !== '.' && !isAbsolutePath(folder)) {
        found.push({ folder, cell, line: made.line, column: made.column });
      }
    }
  }
  return found;
}

/** Whether making `made` (with its parents, as makedirs does) makes `folder`. */
export function makesFolder(made: string, folder: string): boolean {
  return made === folder || made.startsWith(`${folder}/`);
}

/** `/data` or `~/data`: not under the notebook's folder. */
export function isAbsolutePath(path: string): boolean {
  return path.startsWith('/') || path.startsWith('~');
}

/**
 * The latest step before `index` that writes `path`, or a folder it lies in
 * (`z.extractall("data")` writes `data/x.csv`), with its first write of it.
 */
export function latestFileWriter(
  uses: readonly IFileUse[][],
  index: number,
  path: string
): { step: number; use: IFileUse } | null {
  const writers = fileWriters(uses);
  let latest: { step: number; use: IFileUse } | null = null;
  for (const written of pathAndFolders(path)) {
    const writes = writers.get(written);
    for (let i = (writes?.length ?? 0) - 1; i >= 0; i--) {
      const write = writes![i];
      if (write.step < index) {
        if (!latest || write.step > latest.step) {
          latest = write;
        }
        break;
      }
    }
  }
  return latest;
}

/** `path` and the folders it lies in, innermost first: `data/raw/x.csv`, `data/raw`, `data`. */
export function pathAndFolders(path: string): string[] {
  const found = [path];
  let end = path.endsWith('/') ? path.length - 1 : path.lastIndexOf('/');
  while (end > 0) {
    found.push(path.slice(0, end));
    end = path.lastIndexOf('/', end - 1);
  }
  return found;
}

/** Whether `written` (paths a step writes) holds `path` or a folder it lies in. */
export function writesPath(
  written: ReadonlySet<string>,
  path: string
): boolean {
  return (
    written.has(path) ||
    (path.includes('/') && pathAndFolders(path).some(p => written.has(p)))
  );
}

/**
 * Where a write of `path` is, as a warning says it: `(cell 2, line 1)`, and what the line
 * writes where that is a folder `path` lies in (`, which writes the folder 'data'`).
 */
export function writePlace(path: string, write: IFileUse): string {
  return (
    `(cell ${cellNumber(write.cell)}, line ${write.line}` +
    (write.path === path ? ')' : `, which writes the folder '${write.path}')`)
  );
}

/**
 * Path → the steps that write it, each with its first write, in step order: one pass over the
 * uses, where a scan back through every earlier step for each use cost O(steps²) in a notebook
 * whose steps all append to one log.
 */
function fileWriters(
  uses: readonly IFileUse[][]
): Map<string, { step: number; use: IFileUse }[]> {
  let index = writersIndex.get(uses);
  if (!index) {
    index = new Map();
    uses.forEach((stepUses, step) => {
      for (const use of stepUses) {
        if (!use.written) {
          continue;
        }
        const writes = index!.get(use.path);
        if (!writes) {
          index!.set(use.path, [{ step, use }]);
        } else if (writes[writes.length - 1].step !== step) {
          writes.push({ step, use });
        }
      }
    });
    writersIndex.set(uses, index);
  }
  return index;
}

const writersIndex = new WeakMap<
  readonly IFileUse[][],
  Map<string, { step: number; use: IFileUse }[]>
>();

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
