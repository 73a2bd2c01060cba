/**
 * Which modules lie next to a notebook, as Python would find them there: `NAME.py`, a package
 * `NAME/__init__.py`, or a folder of `.py` files (a namespace package).
 */
import { readdirSync, statSync } from 'node:fs';
import { dirname, join } from 'node:path';

/** A Python identifier: nothing that could name another path. */
export const MODULE_NAME = /^[\p{L}_][\p{L}\p{N}_]*$/u;

/** For the notebook at `notebook`: the file or folder (relative) a module name imports, or null. */
export function localModuleFinder(
  notebook: string
): (module: string) => string | null {
  const folder = dirname(notebook);
  return module => {
    if (!MODULE_NAME.test(module)) {
      return null;
    }
    if (isFile(join(folder, `${module}.py`))) {
      return `${module}.py`;
    }
    const packageFolder = join(folder, module);
    if (isFile(join(packageFolder, '__init__.py'))) {
      return `${module}/`;
    }
    return holdsPython(packageFolder) ? `${module}/` : null;
  };
}

function isFile(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

function holdsPython(folder: string): boolean {
  try {
    return readdirSync(folder).some(name => name.endsWith('.py'));
  } catch {
    return false;
  }
}
