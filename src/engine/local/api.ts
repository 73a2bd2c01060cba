/**
 * The local runs API for the engine (src/engine/server) and the CLI.
 *
 * - `startRun(request, options)`: prepares the run in this process (bad notebook, parameters or
 *   interpreter throw a UserError at once, nothing started), then runs it in a DETACHED runner
 *   process (`node <bundle> run --prepared <id>`), which survives this process. Returns the run
 *   record (status Pending) immediately.
 * - `listRuns(home?)`, `getRun(id, home?)`: run records, newest state from disk. A record left
 *   Pending/Running by a runner that no longer exists is first marked Failed (see recover.ts).
 * - `readStepLog(id, step, offset?, home?, limit?)`: up to `limit` bytes of a step's log from
 *   byte `offset` (at least 4, so a whole character fits), for tailing: `{text, offset: next
 *   offset, size}`. Bytes are cut at a UTF-8 character boundary.
 * - `cancelRun(id, home?)`: SIGTERM to the runner (pid in runner.pid); it ends every step's
 *   process tree and writes Cancelled. Resolves with the record once it is final (or after
 *   `timeoutMs`); a run whose runner is already gone is marked Failed by the recovery.
 *
 * `home` defaults to CELLPIPE_HOME (else ~/.cellpipe). Unknown run ids or steps throw UserError.
 */
import { spawn } from 'node:child_process';
import {
  closeSync,
  existsSync,
  openSync,
  readSync,
  statSync,
  writeFileSync
} from 'node:fs';
import { UserError } from '../../core/errors';
import { IRunRecord } from '../../core/runs/record';
import { cellpipeHome, RunPaths } from '../paths';
import { IRunRequest, prepareRun } from './prepare';
import { isActive, recoverIfStale } from './recover';
import { listRecords, readPid, readRecord } from './store';

export interface IStartOptions {
  /** The script that runs the CLI: defaults to the running entry (the engine bundle). */
  entry?: string;
}

export interface ILogChunk {
  text: string;
  /** Pass this as the next `offset`. */
  offset: number;
  /** The log's size now. */
  size: number;
}

export function startRun(
  request: IRunRequest,
  options: IStartOptions = {}
): IRunRecord {
  const home = request.home ?? cellpipeHome(request.env);
  const { record } = prepareRun({ ...request, home });
  const paths = new RunPaths(record.id, home);
  const entry = options.entry ?? require.main?.filename ?? process.argv[1];
  let log: number | 'ignore' = 'ignore';
  try {
    log = openSync(paths.runnerLog, 'a');
  } catch {
    // A full run store: the runner still records the run (from its space reserve).
  }
  const runner = spawn(
    process.execPath,
    [entry, 'run', '--prepared', record.id],
    {
      detached: true,
      stdio: ['ignore', log, log],
      env: { ...(request.env ?? process.env), CELLPIPE_HOME: home }
    }
  );
  if (log !== 'ignore') {
    closeSync(log);
  }
  if (runner.pid !== undefined) {
    try {
      writeFileSync(paths.runnerPid, `${runner.pid}\n`);
    } catch {
      // The runner writes its pid itself as it starts.
    }
  }
  runner.unref();
  return record;
}

export function getRun(id: string, home = cellpipeHome()): IRunRecord {
  const record = readRecord(id, home);
  if (!record) {
    throw new UserError(`no run '${id}' in ${home}`);
  }
  return recoverIfStale(record, home);
}

/** Every run, newest first. */
export function listRuns(home = cellpipeHome()): IRunRecord[] {
  return listRecords(home)
    .map(r => recoverIfStale(r, home))
    .reverse();
}

export function readStepLog(
  id: string,
  step: string,
  offset = 0,
  home = cellpipeHome(),
  limit = 4 * 1024 * 1024
): ILogChunk {
  const record = getRun(id, home);
  const entry = record.steps.find(s => s.name === step);
  if (!entry) {
    throw new UserError(`run '${id}' has no step '${step}'`);
  }
  const path = entry.log ?? new RunPaths(id, home).log(step);
  if (!existsSync(path)) {
    return { text: '', offset, size: 0 };
  }
  const size = statSync(path).size;
  const start = Math.max(0, Math.min(Math.floor(offset), size));
  const buffer = Buffer.alloc(
    Math.max(0, Math.min(size - start, Math.max(limit, 4)))
  );
  const file = openSync(path, 'r');
  let read: number;
  try {
    read = readSync(file, buffer, 0, buffer.length, start);
  } finally {
    closeSync(file);
  }
  // Do not split a UTF-8 character: stop before a trailing incomplete sequence.
  let end = read;
  let back = 0;
  while (
    back < 4 &&
    end - back - 1 >= 0 &&
    (buffer[end - back - 1] & 0xc0) === 0x80
  ) {
    back++;
  }
  if (end - back - 1 >= 0) {
    const lead = buffer[end - back - 1];
    const length = lead >= 0xf0 ? 4 : lead >= 0xe0 ? 3 : lead >= 0xc0 ? 2 : 1;
    if (length > back + 1) {
      end = end - back - 1;
    }
  }
  return {
    text: buffer.subarray(0, end).toString('utf8'),
    offset: start + end,
    size
  };
}

const sleep = (ms: number) => new Promise(done => setTimeout(done, ms));

export async function cancelRun(
  id: string,
  home = cellpipeHome(),
  timeoutMs = 10_000
): Promise<IRunRecord> {
  let record = getRun(id, home);
  if (!isActive(record)) {
    return record;
  }
  const paths = new RunPaths(id, home);
  try {
    writeFileSync(paths.cancelRequest, new Date().toISOString() + '\n');
  } catch {
    // A full run store: the signal below still cancels a runner that is running.
  }
  const pid = readPid(paths.runnerPid);
  if (pid !== undefined) {
    try {
      process.kill(pid, 'SIGTERM');
    } catch {
      // gone already: the recovery below marks the run
    }
  }
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    await sleep(100);
    record = getRun(id, home);
    if (!isActive(record)) {
      return record;
    }
  }
  return record;
}
