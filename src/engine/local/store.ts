/**
 * The run store: one directory per run under CELLPIPE_HOME/runs (docs/internals.md).
 * `run.json` is always replaced atomically (write a temporary file, then rename), so a reader
 * never sees half a record, even while the runner rewrites it on every status change.
 */
import { randomBytes } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  rmSync,
  writeFileSync
} from 'node:fs';
import { dirname, join } from 'node:path';
import { IRunRecord } from '../../core/runs/record';
import { cellpipeHome, RunPaths, runsDir } from '../paths';

const RUN_ID = /^\d{8}-\d{6}-[0-9a-f]{6}$/;

/**
 * `YYYYMMDD-HHMMSS-<6 hex>` in UTC: ids sort by creation time. The first 3 hex digits are the
 * milliseconds, so runs started in the same second sort too; the last 3 are random.
 */
export function newRunId(now = new Date()): string {
  const stamp = now
    .toISOString()
    .replace(/[-:]/g, '')
    .replace('T', '-')
    .slice(0, 15);
  const millis = now.getUTCMilliseconds().toString(16).padStart(3, '0');
  return `${stamp}-${millis}${randomBytes(2).toString('hex').slice(0, 3)}`;
}

export function isRunId(text: string): boolean {
  return RUN_ID.test(text);
}

export function writeFileAtomically(path: string, text: string): void {
  mkdirSync(dirname(path), { recursive: true });
  const temporary = join(
    dirname(path),
    `.${process.pid}-${randomBytes(4).toString('hex')}.tmp`
  );
  try {
    writeFileSync(temporary, text);
    renameSync(temporary, path);
  } catch (error) {
    // A full disk must not leave half-written temporary files behind.
    rmSync(temporary, { force: true });
    throw error;
  }
}

/** Bytes set aside per run (RunPaths.spaceReserve): enough for its final record. */
export function reserveBytes(steps: number): number {
  return 64 * 1024 + steps * 2048;
}

/**
 * Why the run store cannot be written, for messages: `error` is what a write threw. A full disk
 * or quota says so in words; anything else quotes the system's message.
 */
export function storeProblem(home: string, error: unknown): string {
  const code = (error as NodeJS.ErrnoException)?.code;
  const where = `the run store ${runsDir(home)}`;
  if (code === 'ENOSPC') {
    return `${where} has no space left on its device (ENOSPC); free some space, then run again`;
  }
  if (code === 'EDQUOT') {
    return `${where} is over its disk quota (EDQUOT); free some space, then run again`;
  }
  if (code === 'EROFS') {
    return `${where} is on a read-only file system (EROFS)`;
  }
  return `cannot write to ${where}: ${error instanceof Error ? error.message : String(error)}`;
}

/** True for an error a file system call threw (it has an errno code such as ENOSPC). */
export function isFileSystemError(error: unknown): boolean {
  const code = (error as NodeJS.ErrnoException)?.code;
  return typeof code === 'string' && /^E[A-Z]+$/.test(code);
}

export function writeRecord(record: IRunRecord, home = cellpipeHome()): void {
  writeFileAtomically(
    new RunPaths(record.id, home).record,
    JSON.stringify(record, null, 2) + '\n'
  );
}

/** The record of run `id`, or undefined when there is no such run (or it is unreadable). */
export function readRecord(
  id: string,
  home = cellpipeHome()
): IRunRecord | undefined {
  if (!isRunId(id)) {
    return undefined;
  }
  const path = new RunPaths(id, home).record;
  if (!existsSync(path)) {
    return undefined;
  }
  try {
    return JSON.parse(readFileSync(path, 'utf8')) as IRunRecord;
  } catch {
    return undefined;
  }
}

/** Ids of every run directory, oldest first. */
export function listRunIds(home = cellpipeHome()): string[] {
  const dir = runsDir(home);
  if (!existsSync(dir)) {
    return [];
  }
  return readdirSync(dir).filter(isRunId).sort();
}

/** Every readable run record, oldest first. */
export function listRecords(home = cellpipeHome()): IRunRecord[] {
  return listRunIds(home)
    .map(id => readRecord(id, home))
    .filter((r): r is IRunRecord => r !== undefined);
}

export function readPid(path: string): number | undefined {
  try {
    const pid = Number(readFileSync(path, 'utf8').trim());
    return Number.isInteger(pid) && pid > 0 ? pid : undefined;
  } catch {
    return undefined;
  }
}
