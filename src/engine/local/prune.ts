/**
 * `cellpipe runs --prune`: deletes finished runs chosen by age, status and count. A run that is
 * still Pending or Running (with a live runner) is never deleted. Cache entries that pointed
 * into a deleted run go with it (their data is gone).
 */
import { existsSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { join } from 'node:path';
import { parseDuration } from '../../core/duration';
import { UserError } from '../../core/errors';
import { IRunRecord, RunStatus } from '../../core/runs/record';
import { cacheDir, cellpipeHome, RunPaths } from '../paths';
import { isActive, recoverIfStale } from './recover';
import { listRecords } from './store';

export interface IPruneSelection {
  /** Keep the newest N of the runs the other selectors pick. */
  keep?: number;
  /** Only runs created longer ago than this. */
  olderThanSeconds?: number;
  /** Only runs with one of these statuses. */
  statuses?: RunStatus[];
}

const STATUSES: RunStatus[] = [
  'Succeeded',
  'Failed',
  'Cancelled',
  'Skipped',
  'Pending',
  'Running'
];

/** `7d`, `12h`, `1h30m`, `90s`, `2w` → seconds (the rules of core/duration). */
export function parseAge(text: string): number {
  const seconds = parseDuration(text);
  if (seconds === null) {
    throw new UserError(
      `--older-than expects a number and a unit (s, m, h, d or w), such as 7d or 1h30m; got '${text}'`
    );
  }
  return seconds;
}

export function parseStatus(text: string): RunStatus {
  const status = STATUSES.find(
    s => s.toLowerCase() === text.trim().toLowerCase()
  );
  if (!status) {
    throw new UserError(
      `--status expects one of ${STATUSES.join(', ')}; got '${text}'`
    );
  }
  return status;
}

/** The runs `selection` picks, oldest first (active runs never). */
export function selectForPrune(
  records: IRunRecord[],
  selection: IPruneSelection,
  now = Date.now()
): IRunRecord[] {
  const candidates = records
    .filter(r => !isActive(r))
    .filter(
      r => !selection.statuses?.length || selection.statuses.includes(r.status)
    )
    .filter(
      r =>
        selection.olderThanSeconds === undefined ||
        now - Date.parse(r.createdAt) > selection.olderThanSeconds * 1000
    )
    .sort((a, b) => (a.id < b.id ? -1 : 1));
  const keep = selection.keep ?? 0;
  return keep > 0
    ? candidates.slice(0, Math.max(0, candidates.length - keep))
    : candidates;
}

function dropCacheEntries(runIds: Set<string>, home: string): void {
  const dir = cacheDir(home);
  if (!existsSync(dir)) {
    return;
  }
  for (const name of readdirSync(dir).filter(n => n.endsWith('.json'))) {
    try {
      const entry = JSON.parse(readFileSync(join(dir, name), 'utf8')) as {
        runId?: string;
      };
      if (entry.runId && runIds.has(entry.runId)) {
        rmSync(join(dir, name), { force: true });
      }
    } catch {
      rmSync(join(dir, name), { force: true });
    }
  }
}

/** Deletes the selected runs; returns what was deleted. */
export function pruneRuns(
  selection: IPruneSelection,
  home = cellpipeHome()
): IRunRecord[] {
  if (
    selection.keep === undefined &&
    selection.olderThanSeconds === undefined &&
    !selection.statuses?.length
  ) {
    throw new UserError(
      '--prune needs a selector: --keep N, --older-than AGE (e.g. 7d) and/or --status STATUS'
    );
  }
  const records = listRecords(home).map(r => recoverIfStale(r, home));
  const chosen = selectForPrune(records, selection);
  for (const record of chosen) {
    rmSync(new RunPaths(record.id, home).dir, { recursive: true, force: true });
  }
  dropCacheEntries(new Set(chosen.map(r => r.id)), home);
  return chosen;
}
