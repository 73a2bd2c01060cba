/** Reads a notebook file for the CLI and the engine, with errors that name the file. */
import { readFileSync, statSync } from 'node:fs';
import { UserError } from '../core/errors';

export function readNotebookFile(path: string): string {
  let size: number;
  try {
    const stat = statSync(path);
    if (stat.isDirectory()) {
      throw new UserError(`${path} is a directory, not a notebook`);
    }
    size = stat.size;
  } catch (error) {
    if (error instanceof UserError) {
      throw error;
    }
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`
    );
  }
  if (size > 512 * 1024 * 1024) {
    throw new UserError(
      `${path} is ${Math.round(size / 2 ** 20)} MiB; that is too large to be a notebook`
    );
  }
  return readFileSync(path, 'utf8');
}
