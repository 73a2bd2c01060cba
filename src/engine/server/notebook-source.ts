/**
 * The notebook a request is about: `{path}` (relative to the server root, which it may not
 * leave) or `{notebook}` (its JSON, for unsaved edits; `path` then only names it).
 */
import { realpathSync } from 'node:fs';
import { isAbsolute, relative, resolve } from 'node:path';
import { analyzeNotebook, analyzeNotebookText } from '../../core/analyze';
import { IPipelineIR } from '../../core/ir/pipeline';
import { EngineError } from './protocol';
import { readNotebookFile } from '../notebook-file';

export interface INotebookRequest {
  path?: unknown;
  notebook?: unknown;
}

/** The absolute path of `path` under `root`; refuses anything that resolves outside it. */
export function pathUnderRoot(root: string, path: unknown): string {
  if (typeof path !== 'string' || path === '') {
    throw new EngineError(
      400,
      'the request needs "path": the notebook under the server root'
    );
  }
  if (isAbsolute(path) || path.split(/[\\/]/).includes('..')) {
    throw new EngineError(403, `"${path}" is not a path under the server root`);
  }
  const full = resolve(root, path);
  let real = full;
  try {
    real = realpathSync(full);
  } catch {
    // Missing: reading it reports that with the file's name.
  }
  const realRoot = realpathSync(root);
  const inside = relative(realRoot, real);
  if (inside.startsWith('..') || isAbsolute(inside)) {
    throw new EngineError(403, `"${path}" leads outside the server root`);
  }
  return full;
}

/** The analysed notebook, named by its path relative to the root. */
export function notebookIR(
  root: string,
  request: INotebookRequest
): IPipelineIR {
  if (request.notebook !== undefined) {
    const name =
      typeof request.path === 'string' && request.path
        ? request.path
        : 'notebook.ipynb';
    return analyzeNotebook(request.notebook, name);
  }
  const full = pathUnderRoot(root, request.path);
  return analyzeNotebookText(readNotebookFile(full), request.path as string);
}
