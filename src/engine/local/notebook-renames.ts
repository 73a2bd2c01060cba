/**
 * Renames of notebooks (and of the folders they are in) made through Jupyter, so that a
 * notebook's runs follow it: a run's record keeps the path it ran from, and the lab shows it
 * under the path the notebook has now. The Jupyter server extension reports each rename
 * (cellpipe/renames.py); one JSON line per rename is appended to CELLPIPE_HOME/renames.jsonl.
 * Run records are never rewritten for it.
 *
 * A rename moves only the runs created before it: a new notebook made later under the old name
 * has runs of its own. A deletion through Jupyter is journalled too (`to: null`): the runs made
 * before it belong to the deleted notebook, not to a new one later made at its path. Paths here
 * are absolute.
 */
import {
  appendFileSync,
  closeSync,
  fstatSync,
  mkdirSync,
  openSync,
  readFileSync,
  readSync
} from 'node:fs';
import { join } from 'node:path';
import { cellpipeHome, isAtOrUnder } from '../paths';

export interface INotebookRename {
  from: string;
  /** Where it went; null when it was deleted. */
  to: string | null;
  /** When it happened (ISO 8601, as a run record's createdAt). */
  at: string;
}

export function renamesFile(home = cellpipeHome()): string {
  return join(home, 'renames.jsonl');
}

function isRename(value: unknown): value is INotebookRename {
  const rename = value as INotebookRename;
  return (
    typeof value === 'object' &&
    value !== null &&
    typeof rename.from === 'string' &&
    (typeof rename.to === 'string' || rename.to === null) &&
    typeof rename.at === 'string'
  );
}

/** The renames recorded so far, oldest first (lines that are not a rename are left out). */
export function readRenames(home = cellpipeHome()): INotebookRename[] {
  let text: string;
  try {
    text = readFileSync(renamesFile(home), 'utf8');
  } catch {
    return [];
  }
  const renames: INotebookRename[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) {
      continue;
    }
    try {
      const value: unknown = JSON.parse(line);
      if (isRename(value)) {
        renames.push(value);
      }
    } catch {
      // A line cut short (a full disk, a crash mid-write) is skipped.
    }
  }
  return renames.sort((a, b) => (a.at < b.at ? -1 : a.at > b.at ? 1 : 0));
}

/**
 * Appends one rename (a line of its own, so two writers do not overwrite each other). After a
 * line cut short (a full disk, a crash mid-write), the rename starts a new line, so only the
 * cut one is lost.
 */
export function recordRename(
  rename: INotebookRename,
  home = cellpipeHome()
): void {
  mkdirSync(home, { recursive: true });
  const file = renamesFile(home);
  appendFileSync(
    file,
    `${endsCut(file) ? '\n' : ''}${JSON.stringify(rename)}\n`
  );
}

/** True when `file` exists and does not end with a line break. */
function endsCut(file: string): boolean {
  let fd: number;
  try {
    fd = openSync(file, 'r');
  } catch {
    return false;
  }
  try {
    const size = fstatSync(fd).size;
    if (size === 0) {
      return false;
    }
    const last = Buffer.alloc(1);
    readSync(fd, last, 0, 1, size - 1);
    return last[0] !== 0x0a;
  } finally {
    closeSync(fd);
  }
}

/**
 * Where the notebook that ran from `notebook` at `createdAt` is now, after `renames` (oldest
 * first): each later rename of it, or of a folder it is in, moves it. Null once a later deletion
 * of it, or of a folder it is in, took it away.
 */
export function notebookNow(
  notebook: string,
  createdAt: string,
  renames: readonly INotebookRename[]
): string | null {
  let path = notebook;
  for (const rename of renames) {
    if (rename.at > createdAt && isAtOrUnder(path, rename.from)) {
      if (rename.to === null) {
        return null;
      }
      path = rename.to + path.slice(rename.from.length);
    }
  }
  return path;
}

/** True when the rename (or deletion) of `from` moves at least one of these runs' notebooks. */
export function movesAnyRun(
  from: string,
  runs: readonly { notebook: string; createdAt: string }[],
  renames: readonly INotebookRename[]
): boolean {
  return runs.some(run => {
    const now = notebookNow(run.notebook, run.createdAt, renames);
    return now !== null && isAtOrUnder(now, from);
  });
}
