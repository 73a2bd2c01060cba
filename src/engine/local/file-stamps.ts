/**
 * Stamps of the files and folders a step reads or writes, for the step cache: a file's size and
 * modification time, a folder's entries hashed. A cache entry serves while its stamps still
 * match.
 */
import { createHash } from 'node:crypto';
import { readdirSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';

/** The stamp of a path that is not there (or not a file, or not a folder where one is listed). */
export const ABSENT = 'absent';

/**
 * What a listed folder (`in/`) holds: each entry's name, size and time (a subfolder's time, which
 * changes as entries come and go in it), hashed, less the files the step writes there itself;
 * `absent` where it is not a folder.
 */
function folderStamp(path: string, own: ReadonlySet<string>): string {
  let entries: string[];
  try {
    entries = readdirSync(path).sort();
  } catch {
    return ABSENT;
  }
  const hash = createHash('sha256');
  for (const entry of entries) {
    if (own.has(join(path, entry))) {
      continue; // the step writes it: it would change with every run
    }
    try {
      const stat = statSync(join(path, entry));
      hash.update(
        `${entry}\0${stat.isDirectory() ? 'dir' : stat.size}\0${stat.mtimeMs}\n`
      );
    } catch {
      hash.update(`${entry}\0gone\n`);
    }
  }
  return hash.digest('hex');
}

/**
 * Each file's size and modification time (`absent` where it is missing or not a file), by its
 * path resolved against the step's working folder: the same notebook in another folder reads
 * other files.
 */
export function fileStamps(
  workdir: string,
  files: readonly string[],
  writes: readonly string[]
): Record<string, string> {
  const stamps: Record<string, string> = Object.create(null);
  const own = new Set(writes.map(file => resolve(workdir, file)));
  for (const file of files) {
    const path = resolve(workdir, file);
    if (file.endsWith('/')) {
      stamps[`${path}/`] = folderStamp(path, own);
      continue;
    }
    try {
      const stat = statSync(path);
      stamps[path] = stat.isFile() ? `${stat.size}:${stat.mtimeMs}` : ABSENT;
    } catch {
      stamps[path] = ABSENT;
    }
  }
  return stamps;
}
