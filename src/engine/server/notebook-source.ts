/**
 * The notebook a request is about: `{path}` (relative to the server root, which it may not
 * leave) or `{notebook}` (its JSON, for unsaved edits; `path` then only names it).
 *
 * A file under the root is opened once and read through that descriptor: what is checked is the
 * file that was opened (its resolved path lies under the root and names the same inode), so a
 * symlink swapped between the check and the read cannot lead the read outside the root.
 * Hidden files and directories (a name starting with ".") are refused unless the Jupyter server
 * allows them (`ContentsManager.allow_hidden`, passed as `allowHidden`), as Jupyter refuses them.
 */
import {
  closeSync,
  constants,
  fstatSync,
  openSync,
  realpathSync,
  statSync
} from 'node:fs';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import { analyzeNotebook, analyzeNotebookText } from '../../core/analyze';
import { IPipelineIR } from '../../core/ir/pipeline';
import { EngineError } from './protocol';
import { readNotebookDescriptor } from '../notebook-file';

export interface INotebookRequest {
  path?: unknown;
  notebook?: unknown;
}

/** The server root and its rules, as the engine was started with them. */
export interface INotebookRoot {
  root: string;
  /** Serve files and directories whose name starts with "." (Jupyter's allow_hidden). */
  allowHidden?: boolean;
}

/** A bare root directory means the defaults: hidden files refused. */
function rulesOf(source: string | INotebookRoot): INotebookRoot {
  return typeof source === 'string' ? { root: source } : source;
}

/** True when `inside` (a relative path) leaves the directory it is relative to. */
function leaves(inside: string): boolean {
  return inside === '..' || inside.startsWith(`..${sep}`) || isAbsolute(inside);
}

/**
 * The absolute path of `path` under `root`; refuses a path that is absolute, has a `..`
 * component, names a hidden file or directory (unless allowed), or resolves outside the root.
 */
export function pathUnderRoot(
  rules: string | INotebookRoot,
  path: unknown
): string {
  const source = rulesOf(rules);
  const full = checkedName(source, path);
  let real = full;
  try {
    real = realpathSync(full);
  } catch {
    // Missing: reading it reports that with the file's name.
  }
  if (leaves(relative(realpathSync(source.root), real))) {
    throw new EngineError(403, `"${path}" leads outside the server root`);
  }
  return full;
}

function checkedName(source: INotebookRoot, path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new EngineError(
      400,
      'the request needs "path": the notebook under the server root'
    );
  }
  const parts = path.split(/[\\/]/);
  if (isAbsolute(path) || parts.includes('..') || path.includes('\0')) {
    throw new EngineError(403, `"${path}" is not a path under the server root`);
  }
  if (!source.allowHidden && parts.some(p => p.startsWith('.') && p !== '.')) {
    throw new EngineError(
      403,
      `"${path}" is hidden (a name in it starts with "."); the Jupyter server does not ` +
        'serve hidden files (ContentsManager.allow_hidden is False)'
    );
  }
  return resolve(source.root, path);
}

/**
 * The text of the notebook `path` under the root, read through one open descriptor whose file
 * is checked to lie under the root (see the module comment). Returns its absolute path too.
 */
export function readNotebookUnderRoot(
  rules: string | INotebookRoot,
  path: unknown
): { full: string; text: string } {
  const source = rulesOf(rules);
  const full = checkedName(source, path);
  let fd: number;
  try {
    // O_NONBLOCK: opening a FIFO must not wait for a writer.
    fd = openSync(full, constants.O_RDONLY | constants.O_NONBLOCK);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    throw new EngineError(
      code === 'EACCES' || code === 'EPERM' ? 403 : 400,
      `cannot read ${path}: ${code === 'ENOENT' ? 'no such file' : (code ?? String(error))}`
    );
  }
  try {
    const opened = fstatSync(fd);
    let real: string;
    let now: { dev: number; ino: number };
    try {
      real = realpathSync(full);
      now = statSync(real);
    } catch {
      throw new EngineError(
        409,
        `"${path}" changed while it was being read; try again`
      );
    }
    if (leaves(relative(realpathSync(source.root), real))) {
      throw new EngineError(403, `"${path}" leads outside the server root`);
    }
    if (now.dev !== opened.dev || now.ino !== opened.ino) {
      // The name now leads to another file than the one opened: a swapped symlink.
      throw new EngineError(
        409,
        `"${path}" changed while it was being read; try again`
      );
    }
    return { full, text: readNotebookDescriptor(fd, opened, path as string) };
  } finally {
    closeSync(fd);
  }
}

/** The analysed notebook, named by its path relative to the root. */
export function notebookIR(
  source: string | INotebookRoot,
  request: INotebookRequest
): IPipelineIR {
  if (request.notebook !== undefined) {
    const name =
      typeof request.path === 'string' && request.path
        ? request.path
        : 'notebook.ipynb';
    return analyzeNotebook(request.notebook, name);
  }
  const { text } = readNotebookUnderRoot(source, request.path);
  return analyzeNotebookText(text, request.path as string);
}
