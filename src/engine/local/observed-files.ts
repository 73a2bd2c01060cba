/**
 * What a step's own cells reached as they ran, reported by the runtime (`--observe FILE`, from
 * Python's audit events): the files they read and wrote, the folders they listed, and the first
 * event that reached outside the step's files (a socket, a program run). The step cache keeps a
 * step's entry only while the files it read and the folders it listed are as the run left them,
 * and the files it wrote are there, so a file read by a path computed at run time
 * (`open(CONFIG["path"])`, a helper module's read) reruns the step once it changes, and a
 * deleted output file is written again; it keeps none for a step that reached outside.
 */
import { existsSync, readFileSync } from 'node:fs';
import { sep } from 'node:path';
import { ABSENT, fileStamps } from './file-stamps';
import { isAtOrUnder } from '../paths';

/** The runtime's report (templates/runtime/cellpipe_observer.py, `Observer`). */
interface IObservedReport {
  reads: string[];
  writes: string[];
  listed: string[];
  outside: string | null;
  /** Where Python and its packages live: code read there is no data. */
  ignore: string[];
}

/** What a later run compares to reuse the step. */
export interface IObservedFiles {
  /** Path of each file read and folder listed (ending in `/`) → its stamp after the step ran. */
  stamps: Record<string, string>;
  /**
   * The files the step wrote that were there when it ended: an entry serves only while they are
   * (a reused step does not write them again). Only there, not as they were: another step may
   * append to the same log. Also left out of the listings of the folders they are in.
   */
  own: string[];
}

export type Observation =
  | { kind: 'files'; files: IObservedFiles }
  /** The step's code reached outside its files: `event` is the first audit event that did. */
  | { kind: 'outside'; event: string }
  /** No report (the step's code did not run to its end, or an older runtime). */
  | { kind: 'unknown' };

/** Folders whose files are the system's, not a step's data. */
const SYSTEM_FOLDERS = ['/proc', '/sys', '/dev'];

/**
 * The report at `path`, less what is no data: files under the Python installation, the system
 * folders, the run store (`home`: the step's inputs and outputs) and compiled bytecode.
 */
export function readObservation(path: string, home: string): Observation {
  if (!existsSync(path)) {
    return { kind: 'unknown' };
  }
  let report: IObservedReport;
  try {
    report = JSON.parse(readFileSync(path, 'utf8')) as IObservedReport;
  } catch {
    return { kind: 'unknown' };
  }
  if (report.outside) {
    return { kind: 'outside', event: report.outside };
  }
  const skipped = [...report.ignore, ...SYSTEM_FOLDERS, home];
  const isData = (file: string) =>
    !skipped.some(folder => isAtOrUnder(file, folder)) &&
    !file.endsWith('.pyc') &&
    !file.includes(`${sep}__pycache__${sep}`);
  // the files written that are there as the step ends (not a temporary file it removed)
  const written = fileStamps(sep, report.writes.filter(isData), []);
  const own = Object.keys(written).filter(file => written[file] !== ABSENT);
  const stamps = fileStamps(
    sep,
    [
      ...report.reads.filter(isData),
      ...report.listed.filter(isData).map(folder => `${folder}/`)
    ],
    own
  );
  return { kind: 'files', files: { stamps, own } };
}

/**
 * Whether each observed file and folder is still as the entry recorded it, and each file the
 * step wrote is still there.
 */
export function observedFilesAsLeft(files: IObservedFiles): boolean {
  const now = fileStamps(
    sep,
    [...Object.keys(files.stamps), ...files.own],
    files.own
  );
  return (
    Object.entries(files.stamps).every(
      ([path, stamp]) => now[path] === stamp
    ) && files.own.every(file => now[file] !== ABSENT)
  );
}
