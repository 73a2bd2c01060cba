/**
 * Reads a notebook file for the CLI and the engine, with errors that name the file. The file is
 * opened once and read through that descriptor, so the size and kind checked are those of the
 * file read.
 */
import { closeSync, fstatSync, openSync, readFileSync, Stats } from 'node:fs';
import { UserError } from '../core/errors';

const MAX_NOTEBOOK_BYTES = 512 * 1024 * 1024;

/** The text of the notebook open as `fd` (whose fstat is `stat`); `path` names it in errors. */
export function readNotebookDescriptor(
  fd: number,
  stat: Stats,
  path: string,
  regularOnly = true
): string {
  if (stat.isDirectory()) {
    throw new UserError(`${path} is a directory, not a notebook`);
  }
  if (regularOnly && !stat.isFile()) {
    throw new UserError(`${path} is not a regular file, not a notebook`);
  }
  if (stat.size > MAX_NOTEBOOK_BYTES) {
    throw new UserError(
      `${path} is ${Math.round(stat.size / 2 ** 20)} MiB; that is too large to be a notebook`
    );
  }
  return readFileSync(fd, 'utf8');
}

export function readNotebookFile(path: string): string {
  let fd: number;
  try {
    fd = openSync(path, 'r');
  } catch (error) {
    throw new UserError(
      `cannot read ${path}: ${(error as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : String((error as Error).message)}`
    );
  }
  try {
    // A pipe (`/dev/stdin`) is fine from the command line.
    return readNotebookDescriptor(fd, fstatSync(fd), path, false);
  } finally {
    closeSync(fd);
  }
}
