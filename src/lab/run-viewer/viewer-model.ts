/**
 * The run viewer's state: the run record, refreshed while the run is active, and the log of the
 * selected step, tailed from the byte offset reached so far. Talks to the server only through
 * the route wrappers (api/routes.ts), so tests mock only `requestAPI`.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { formatDuration as formatAnyDuration } from '../../core/duration';
import { IRunRecord, IStepRecord } from '../../core/runs/record';
import {
  analyze,
  getRun,
  getStepLog,
  RunParams,
  startRun
} from '../api/routes';
import { ParameterType } from '../../core/ir/pipeline';
import type { CellpipeRequestError } from '../api/request';
import { appendLog, EMPTY_LOG, ILogState, LOG_BACKLOG_CHARS } from './log-tail';

const ACTIVE = new Set(['Pending', 'Running']);

export function isActive(status: string): boolean {
  return ACTIVE.has(status);
}

/**
 * Whether the run's notebook is outside the folder JupyterLab serves: the server names a
 * notebook under its root relative to it, and one outside (a `cellpipe run` elsewhere) by its
 * absolute path, which the lab cannot open, analyse or run.
 */
export function notebookOutsideRoot(record: IRunRecord): boolean {
  return /^(\/|[A-Za-z]:[\\/])/.test(record.notebook);
}

/** Whether the lab can rerun the run's notebook, or go to its cells: it is there, and served. */
export function notebookReachable(record: IRunRecord): boolean {
  return !record.notebookDeleted && !notebookOutsideRoot(record);
}

/** Seconds between two timestamps, or from `start` to now while it runs; null before it starts. */
export function durationSeconds(
  start: string | null,
  end: string | null,
  now = Date.now()
): number | null {
  if (!start) {
    return null;
  }
  const to = end ? Date.parse(end) : now;
  return Math.max(0, (to - Date.parse(start)) / 1000);
}

/** A duration as the lab writes it (core/duration), `–` before the step starts. */
export function formatDuration(seconds: number | null): string {
  return seconds === null ? '–' : formatAnyDuration(seconds, 'long');
}

/**
 * The step to show while the user has not picked one: the first failed, else the running, else
 * the cancelled, else the one shown so far (`current`: a followed step that just succeeded),
 * else the first.
 */
export function defaultStep(
  record: IRunRecord,
  current: string | null = null
): string | null {
  const pick =
    record.steps.find(s => s.status === 'Failed') ??
    record.steps.find(s => s.status === 'Running') ??
    record.steps.find(s => s.status === 'Cancelled') ??
    record.steps.find(s => s.name === current) ??
    record.steps[0];
  return pick?.name ?? null;
}

export class RunViewerModel {
  /**
   * `saveNotebook(path)`: saves the notebook where it is open with unsaved changes, and says
   * whether it did (a rerun runs the notebook as it is now, as Compile and run does).
   */
  constructor(
    readonly id: string,
    private readonly saveNotebook?: (path: string) => Promise<boolean>
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get record(): IRunRecord | null {
    return this._record;
  }

  get error(): string | null {
    return this._error;
  }

  get selected(): string | null {
    return this._selected;
  }

  /** The selected step's log as read so far (its end, when it is long: log-tail.ts). */
  get log(): string {
    return this.selectedLog.text;
  }

  /** How much of the selected step's log is read and kept (the text aside). */
  get logState(): Omit<ILogState, 'text'> {
    const { offset, complete, trimmed } = this.selectedLog;
    return { offset, complete, trimmed };
  }

  private get selectedLog(): ILogState {
    return (this._selected && this._logs.get(this._selected)) || EMPTY_LOG;
  }

  /**
   * The type the notebook declares for a parameter (`int`, `float`, `bool`, `str`), as the
   * rerun form asks for it; undefined until read, or where the notebook no longer declares it.
   */
  parameterType(name: string): ParameterType | undefined {
    return this._parameterTypes?.get(name);
  }

  step(name: string): IStepRecord | undefined {
    return this._record?.steps.find(s => s.name === name);
  }

  /** Shows `name`'s log; from then on the viewer no longer follows the running step. */
  select(name: string): void {
    this._chosen = true;
    if (this._selected !== name) {
      this._selected = name;
      this._changed.emit();
      void this.refreshLog();
    }
  }

  /** Reads the record and the selected log once. */
  async refresh(): Promise<void> {
    try {
      this._record = await getRun(this.id);
      this._error = null;
      this._gone = false;
      // A notebook now at a deleted one's path is another: its types are not this run's.
      if (!this._parameterTypes && notebookReachable(this._record)) {
        void this.readParameterTypes(this._record.notebook);
      }
      if (!this._chosen) {
        // Until the user picks a step, follow the running one, then the failed one.
        this._selected = defaultStep(this._record, this._selected);
      }
    } catch (error) {
      this._error = (error as Error).message;
      this._gone = isNotFound(error);
    }
    this._changed.emit();
    await this.refreshLog();
  }

  /**
   * Appends what the selected step's log gained since the last read. A log far behind (a step
   * that printed megabytes) is read chunk after chunk, then shown once.
   */
  async refreshLog(): Promise<void> {
    const step = this._selected;
    // Local runs: the log files; Argo runs: the step pods' logs, which the server reads
    // through the Kubernetes API. KFP runs' logs are in the KFP UI.
    if (!step || !this._record || this._record.target === 'kfp') {
      return;
    }
    let state = this._logs.get(step) ?? EMPTY_LOG;
    let changed = false;
    try {
      while (!state.complete) {
        const chunk = await getStepLog(this.id, step, state.offset);
        const next = appendLog(state, chunk);
        changed ||= chunk.text !== '' || next.complete !== state.complete;
        state = next;
        this._logs.set(step, state);
        if (chunk.text.length < LOG_BACKLOG_CHARS || this._selected !== step) {
          break;
        }
      }
    } catch (error) {
      this._error = (error as Error).message;
      changed = true;
    }
    if (changed) {
      this._changed.emit();
    }
  }

  /** Polls every `intervalMs` while the run is active or a log is still being written. */
  start(intervalMs = 1000): void {
    this.stop();
    const tick = async () => {
      await this.refresh();
      if (this._gone) {
        // No such run (a wrong link, or pruned): asking again every second cannot help.
        this._timer = null;
        return;
      }
      const logDone =
        !this._selected || this._logs.get(this._selected)?.complete !== false;
      if (this._record && !isActive(this._record.status) && logDone) {
        this._timer = null;
        return;
      }
      this._timer = setTimeout(() => void tick(), intervalMs);
    };
    void tick();
  }

  stop(): void {
    if (this._timer !== null) {
      clearTimeout(this._timer);
      this._timer = null;
    }
  }

  /**
   * Starts the notebook again, as it is now, with `params` (saved first where it is open with
   * unsaved changes); resolves with the new run's record and whether it saved.
   */
  async rerun(
    params: RunParams
  ): Promise<{ record: IRunRecord; saved: boolean }> {
    if (!this._record) {
      throw new Error('the run is not loaded yet');
    }
    // Read again: the notebook may have been renamed since (the server follows renames).
    this._record = await getRun(this.id);
    this._changed.emit();
    if (this._record.notebookDeleted) {
      // A notebook at its path now is another one (the form says so and has no button).
      throw new Error(
        `${this._record.notebook} was deleted after this run: there is nothing to rerun`
      );
    }
    if (notebookOutsideRoot(this._record)) {
      throw new Error(
        `${this._record.notebook} is outside the folder JupyterLab serves: rerun it with cellpipe run`
      );
    }
    const path = this._record.notebook;
    const saved = (await this.saveNotebook?.(path)) ?? false;
    const { record } = await startRun({
      path,
      target: this._record.target,
      params
    });
    return { record, saved };
  }

  /** Reads the notebook's parameter types once (a rerun runs the notebook as it is now). */
  private async readParameterTypes(notebook: string): Promise<void> {
    this._parameterTypes = new Map();
    try {
      const { parameters } = await analyze({ path: notebook });
      this._parameterTypes = new Map(
        (parameters ?? []).map(p => [p.name, p.type as ParameterType])
      );
      this._changed.emit();
    } catch {
      // The notebook is gone or broken: the form goes by the recorded values.
    }
  }

  dispose(): void {
    this.stop();
    Signal.clearData(this);
  }

  private _record: IRunRecord | null = null;
  private _parameterTypes: Map<string, ParameterType> | null = null;
  private _error: string | null = null;
  /** The server has no such run. */
  private _gone = false;
  private _selected: string | null = null;
  private _chosen = false;
  private _logs = new Map<string, ILogState>();
  private _timer: ReturnType<typeof setTimeout> | null = null;
  private _changed = new Signal<this, void>(this);
}

/** The server answered 404: the run does not exist (any more). */
function isNotFound(error: unknown): boolean {
  return (error as Partial<CellpipeRequestError>).status === 404;
}

/**
 * A metric as the table shows it: numbers of 1 or more with at most 4 decimals, smaller ones
 * with 4 significant digits (a loss of 1e-7 is not 0), the rest as written.
 */
export function formatMetric(value: number | string | boolean): string {
  if (
    typeof value === 'number' &&
    Number.isFinite(value) &&
    !Number.isInteger(value)
  ) {
    return String(
      Number(Math.abs(value) < 1 ? value.toPrecision(4) : value.toFixed(4))
    );
  }
  return String(value);
}

/** The value in full, for the cell's tooltip, where formatMetric shortened it; else undefined. */
export function fullMetric(
  value: number | string | boolean
): string | undefined {
  const full = String(value);
  return formatMetric(value) === full ? undefined : full;
}
