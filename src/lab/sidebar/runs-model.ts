/**
 * The runs list of the current notebook: records come from the server (so they survive a reload
 * and a server restart); unfinished ones are polled about once a second while the panel is
 * visible, and polling stops as soon as every run has finished.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { formatDuration as formatAnyDuration } from '../../core/duration';
import { IRunRecord, RunStatus } from '../../core/runs/record';
import {
  cancelRun,
  getRun,
  IStartedRun,
  IStartRunRequest,
  listRuns,
  startRun
} from '../api/routes';

const FINISHED: ReadonlySet<RunStatus> = new Set<RunStatus>([
  'Succeeded',
  'Failed',
  'Skipped',
  'Cancelled'
]);

export function isFinished(status: RunStatus): boolean {
  return FINISHED.has(status);
}

/** Milliseconds from start (or creation) to finish (or `now`); null before it starts. */
export function runDuration(run: IRunRecord, now: number): number | null {
  const start =
    run.startedAt ?? (run.status === 'Pending' ? null : run.createdAt);
  if (!start) {
    return null;
  }
  const end = run.finishedAt ? Date.parse(run.finishedAt) : now;
  const millis = end - Date.parse(start);
  return Number.isFinite(millis) ? Math.max(0, millis) : null;
}

/** Milliseconds as the lab writes a duration (core/duration): `0.4 s`, `12 s`, `3 min 05 s`. */
export function formatDuration(millis: number): string {
  return formatAnyDuration(millis / 1000, 'long');
}

export interface IRunsModelOptions {
  /** Poll period for unfinished runs. */
  pollMs?: number;
}

export class RunsModel {
  constructor(options: IRunsModelOptions = {}) {
    this.pollMs = options.pollMs ?? 1000;
  }

  readonly pollMs: number;

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  /** Newest first. */
  get runs(): readonly IRunRecord[] {
    return this._runs;
  }

  get notebook(): string | null {
    return this._notebook;
  }

  /** The last failure to reach the server, if the list could not be refreshed. */
  get error(): string | null {
    return this._error;
  }

  get polling(): boolean {
    return this._timer !== null;
  }

  get active(): boolean {
    return this._active;
  }

  /** Polling happens only while active (the panel is visible). */
  set active(value: boolean) {
    this._active = value;
    if (value) {
      void this.refresh();
    } else {
      this.stopPolling();
    }
  }

  /** Shows the runs of `path` (a notebook path under the server root), or none. */
  async setNotebook(path: string | null): Promise<void> {
    if (path === this._notebook) {
      return;
    }
    this._notebook = path;
    this._generation++;
    this._runs = [];
    this._error = null;
    this.stopPolling();
    this._changed.emit();
    if (this._active) {
      await this.refresh();
    }
  }

  async refresh(): Promise<void> {
    const path = this._notebook;
    if (path === null) {
      return;
    }
    const generation = this._generation;
    try {
      const runs = await listRuns(path);
      if (generation !== this._generation) {
        return;
      }
      // The server already lists only this notebook's runs.
      this._runs = runs;
      this._error = null;
    } catch (error) {
      if (generation !== this._generation) {
        return;
      }
      this._error = (error as Error).message;
    }
    this._changed.emit();
    this.schedulePoll();
  }

  /** Starts a run and lists it at once. */
  async start(request: IStartRunRequest): Promise<IStartedRun> {
    const started = await startRun(request);
    this.upsert(started.record);
    this.schedulePoll();
    return started;
  }

  /** Shows a failure (a refused cancel, say) where the list shows server errors. */
  reportError(message: string): void {
    this._error = message;
    this._changed.emit();
  }

  async cancel(id: string): Promise<void> {
    const record = await cancelRun(id);
    this.upsert(record);
    this.schedulePoll();
  }

  /** Fetches every unfinished run once (the poll timer calls this). */
  async poll(): Promise<void> {
    const generation = this._generation;
    const unfinished = this._runs.filter(run => !isFinished(run.status));
    const fresh = await Promise.all(
      unfinished.map(run => getRun(run.id).catch(() => null))
    );
    if (generation !== this._generation) {
      return;
    }
    let changed = false;
    for (const record of fresh) {
      if (record) {
        changed = this.replace(record) || changed;
      }
    }
    if (changed || unfinished.length) {
      // Durations of running runs move on even when the records do not.
      this._changed.emit();
    }
  }

  dispose(): void {
    this.stopPolling();
    this._generation++;
    Signal.clearData(this);
  }

  private upsert(record: IRunRecord): void {
    if (!this.replace(record)) {
      this._runs = [record, ...this._runs].sort((a, b) =>
        b.createdAt.localeCompare(a.createdAt)
      );
    }
    this._changed.emit();
  }

  /** Replaces the record with the same id; false when there is none. */
  private replace(record: IRunRecord): boolean {
    const index = this._runs.findIndex(run => run.id === record.id);
    if (index < 0) {
      return false;
    }
    const runs = [...this._runs];
    runs[index] = record;
    this._runs = runs;
    return true;
  }

  private schedulePoll(): void {
    if (this._timer !== null || !this._active) {
      return;
    }
    if (this._runs.every(run => isFinished(run.status))) {
      return;
    }
    this._timer = setTimeout(() => {
      this._timer = null;
      void this.poll().then(() => this.schedulePoll());
    }, this.pollMs);
  }

  private stopPolling(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  private _runs: IRunRecord[] = [];
  private _notebook: string | null = null;
  private _error: string | null = null;
  private _active = false;
  private _generation = 0;
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private readonly _changed = new Signal<this, void>(this);
}
