/**
 * The modules next to a notebook that its pipeline ships (core's local-modules.ts): each module
 * the pipeline's code imports that lies next to the notebook, with every `.py` file of a package,
 * then the local modules those files import in turn. What does not fit the size limit, or cannot
 * be read, is left out and reported, so that a warning names it.
 */
import {
  lstatSync,
  readdirSync,
  readFileSync,
  realpathSync,
  Stats,
  statSync
} from 'node:fs';
import { dirname, isAbsolute, join, relative } from 'node:path';
import {
  IPipelineModuleImport,
  IUnshippedModule,
  moduleFileImports,
  pipelineModuleImports
} from '../core/generate/local-modules';
import { IModuleFile, IPipelineIR } from '../core/ir/pipeline';
import { localModuleFinder, MODULE_NAME } from './local-modules';

/** The most module source that every step carries: it goes into each step's script. */
export const SHIPPED_MODULES_LIMIT_BYTES = 256 * 1024;
/** The most files a package folder may hold before it is not read at all. */
const FOLDER_ENTRIES_LIMIT = 2000;

export interface IShippedModules {
  files: IModuleFile[];
  /** The file or folder of each module shipped (`helpers.py`, `pkg/`), in the order found. */
  modules: string[];
  unshipped: IUnshippedModule[];
}

interface IWanted {
  module: string;
  neededBy: IPipelineModuleImport;
  importedBy?: string;
}

/** The module files to ship for `ir`, whose notebook is the file `notebook` (its folder is read). */
export function shipLocalModules(
  ir: IPipelineIR,
  notebook: string,
  limitBytes = SHIPPED_MODULES_LIMIT_BYTES
): IShippedModules {
  const folder = dirname(notebook);
  const find = localModuleFinder(notebook);
  const wanted: IWanted[] = pipelineModuleImports(ir).map(use => ({
    module: use.module,
    neededBy: use
  }));
  const seen = new Set<string>();
  const files: IModuleFile[] = [];
  const modules: string[] = [];
  const unshipped: IUnshippedModule[] = [];
  let total = 0;
  for (let i = 0; i < wanted.length; i++) {
    const { module, neededBy, importedBy } = wanted[i];
    if (seen.has(module)) {
      continue;
    }
    seen.add(module);
    const file = find(module);
    if (file === null) {
      continue;
    }
    const found = modulePaths(folder, file);
    if (typeof found === 'string') {
      unshipped.push({ module, file, reason: found, neededBy, importedBy });
      continue;
    }
    // Sizes first: a file too large to go is never read.
    const { paths, size } = found;
    if (total + size > limitBytes) {
      const reason =
        `with it, the modules shipped would come to ${kib(total + size)}, over the ` +
        `${kib(limitBytes)} that every step carries`;
      unshipped.push({ module, file, reason, neededBy, importedBy });
      continue;
    }
    const read = readFiles(folder, paths);
    if (typeof read === 'string') {
      unshipped.push({ module, file, reason: read, neededBy, importedBy });
      continue;
    }
    total += size;
    files.push(...read);
    modules.push(file);
    for (const shipped of read) {
      for (const next of moduleFileImports(shipped.source)) {
        wanted.push({ module: next, neededBy, importedBy: module });
      }
    }
  }
  return { files, modules, unshipped };
}

/**
 * The paths of the files of `file` (`NAME.py` or `NAME/`) under `folder` and their size in bytes,
 * or why they cannot go: a link that leads outside the folder (~/.kube/config named helpers.py)
 * does not.
 */
function modulePaths(
  folder: string,
  file: string
): { paths: string[]; size: number } | string {
  const paths = file.endsWith('/') ? pythonFiles(folder, file) : [file];
  if (typeof paths === 'string') {
    return paths;
  }
  try {
    const real = realpathSync(folder);
    const outside = paths.find(
      path => !isInside(real, realpathSync(join(folder, path)))
    );
    if (outside !== undefined) {
      return `${outside} links to a file outside the notebook's folder`;
    }
    const size = paths.reduce(
      (sum, path) => sum + statSync(join(folder, path)).size,
      0
    );
    return { paths, size };
  } catch (error) {
    return `${file} cannot be read (${errorCode(error)})`;
  }
}

/** The files' text, or why it cannot be read. */
function readFiles(folder: string, paths: string[]): IModuleFile[] | string {
  const read: IModuleFile[] = [];
  for (const path of paths) {
    let bytes: Buffer;
    try {
      bytes = readFileSync(join(folder, path));
    } catch (error) {
      return `${path} cannot be read (${errorCode(error)})`;
    }
    try {
      read.push({
        path,
        source: new TextDecoder('utf-8', { fatal: true }).decode(bytes)
      });
    } catch {
      return `${path} is not UTF-8 text`;
    }
  }
  return read;
}

function errorCode(error: unknown): string {
  return (error as NodeJS.ErrnoException).code ?? String(error);
}

/**
 * Every `.py` file under the package folder `packageFolder` (`pkg/`) that Python could import, sorted,
 * as `/`-separated paths: files and folders named as modules, not `__pycache__`, not linked
 * folders. A string says why not.
 */
function pythonFiles(folder: string, packageFolder: string): string[] | string {
  const found: string[] = [];
  let entries = 0;
  const walk = (path: string): boolean => {
    const names = readdirSync(join(folder, path)).sort();
    entries += names.length;
    if (entries > FOLDER_ENTRIES_LIMIT) {
      return false;
    }
    for (const name of names) {
      const child = `${path}${name}`;
      const full = join(folder, child);
      const link = lstatSync(full);
      if (link.isDirectory()) {
        if (
          MODULE_NAME.test(name) &&
          name !== '__pycache__' &&
          !walk(`${child}/`)
        ) {
          return false;
        }
      } else if (
        name.endsWith('.py') &&
        MODULE_NAME.test(name.slice(0, -3)) &&
        isFile(full, link)
      ) {
        found.push(child);
      }
    }
    return true;
  };
  try {
    if (!walk(packageFolder)) {
      return `${packageFolder} holds more than ${FOLDER_ENTRIES_LIMIT} files and folders`;
    }
  } catch (error) {
    return `${packageFolder} cannot be read (${errorCode(error)})`;
  }
  return found;
}

function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel !== '' && !rel.startsWith('..') && !isAbsolute(rel);
}

/** A regular file, or a link to one. */
function isFile(path: string, link: Stats): boolean {
  if (!link.isSymbolicLink()) {
    return link.isFile();
  }
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function kib(bytes: number): string {
  return `${Math.ceil(bytes / 1024)} KiB`;
}
