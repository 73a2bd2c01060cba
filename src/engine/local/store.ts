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
  writeFileSync(temporary, text);
  renameSync(temporary, path);
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
