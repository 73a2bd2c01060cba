/**
 * Live analysis of the current notebook for the sidebar: re-analyses after every change, once
 * for all the changes one event makes, and only while the panel is visible (like the table of
 * contents). The analyzer runs right here in the browser; it re-parses only the edited cells.
 */
import { ISignal, Signal } from '@lumino/signaling';
import { IncrementalAnalyzer } from '../../core/analysis/incremental';
import { IPipelineIR } from '../../core/ir/pipeline';
import { dagKey, IDagLayout, layoutDag } from './dag-model';
import { INotebookModelLike, NotebookReader } from './notebook-snapshot';

/** The notebook being followed: its model, its path, and the signal that says it changed. */
export interface IAnalysisSource {
  readonly model: INotebookModelLike;
  path(): string;
  readonly changed: ISignal<unknown, unknown>;
}

export interface IAnalysisState {
  path: string;
  ir: IPipelineIR;
  layout: IDagLayout;
  /** Milliseconds the last analysis took, and the layout (0 when reused). */
  analysisMs: number;
  layoutMs: number;
  /** True when the steps and edges were unchanged, so the previous layout was kept. */
  layoutReused: boolean;
  /**
   * True while the steps or edges changed but the (slow) layout waits for a pause in typing:
   * `layout` is then the previous one.
   */
  layoutStale: boolean;
  /** How many cells that analysis had to parse. */
  parsedCells: number;
}

/** Performance marks and measures, read by the browser benchmark (bench/lab). */
export const PERF = {
  edit: 'cellpipe:edit',
  analysed: 'cellpipe:analysed',
  editToDag: 'cellpipe:edit-to-dag',
  analysis: 'cellpipe:analysis',
  /** The part of the analysis that reads the notebook model (sources and tags of its cells). */
  snapshot: 'cellpipe:snapshot',
  /** From the model's change to the analysis's start: the rest of the key's task before it. */
  wait: 'cellpipe:wait',
  /** From the analysis's end to the DAG committed (the DAG's key, React's render and commit). */
  render: 'cellpipe:render',
  layout: 'cellpipe:layout'
} as const;

export type TaskScheduler = (callback: () => void) => void;

/**
 * Runs `callback` in a microtask: once the code that made the change has returned, so after all
 * the model changes of one keystroke (CodeMirror applies a key in one transaction, which the
 * notebook model reports synchronously), and before the browser renders the next frame. A task
 * (a MessageChannel message, or setTimeout) would run only after that frame, which in a big
 * notebook costs tens of milliseconds of style and layout (measured at 1,000 cells: a task
 * waited 23 to 46 ms behind it), so the DAG would lag a frame behind the text. React then
 * renders the new state in a microtask too (useSignal uses useSyncExternalStore), so the text
 * and the DAG reach the screen in the same frame.
 */
function microtaskScheduler(): TaskScheduler {
  return callback => queueMicrotask(callback);
}

/** Runs `callback` after `ms`; returns a function that cancels it. */
export type Delay = (callback: () => void, ms: number) => () => void;

const delay: Delay = (callback, ms) => {
  const timer = setTimeout(callback, ms);
  return () => clearTimeout(timer);
};

export interface ILiveAnalysisOptions {
  schedule?: TaskScheduler;
  delay?: Delay;
  /** A layout that took longer than this (ms) is deferred while the user types. */
  slowLayoutMs?: number;
  /** The pause in typing (ms) after which a deferred layout runs. */
  layoutDelayMs?: number;
  /** How many of each of its performance measures to keep (see KEPT_MEASURES). */
  keptMeasures?: number;
}

/**
 * The browser keeps every performance mark and measure until it is cleared, and each analysis
 * adds up to six (a long day of typing: hundreds of thousands). The measures are cleared once
 * this many analyses have added theirs; the benches read far fewer. Of the `analysed` mark only
 * the latest is read, so it replaces the one before.
 */
const KEPT_MEASURES = 1000;

/** The measures one analysis adds, cleared together (see KEPT_MEASURES). */
const ANALYSIS_MEASURES = [
  PERF.wait,
  PERF.snapshot,
  PERF.analysis,
  PERF.render,
  PERF.editToDag,
  PERF.layout
];

export class LiveAnalysis {
  constructor(options: ILiveAnalysisOptions = {}) {
    this.schedule = options.schedule ?? microtaskScheduler();
    this.delay = options.delay ?? delay;
    this.slowLayoutMs = options.slowLayoutMs ?? 20;
    this.layoutDelayMs = options.layoutDelayMs ?? 150;
    this.keptMeasures = options.keptMeasures ?? KEPT_MEASURES;
  }

  private readonly schedule: TaskScheduler;
  private readonly delay: Delay;
  private readonly slowLayoutMs: number;
  private readonly layoutDelayMs: number;
  private readonly keptMeasures: number;

  get changed(): ISignal<this, IAnalysisState | null> {
    return this._changed;
  }

  get state(): IAnalysisState | null {
    return this._state;
  }

  get active(): boolean {
    return this._active;
  }

  /** Whether edits arrived since the last analysis (one is due, or waits for activation). */
  get stale(): boolean {
    return this._stale;
  }

  /** Only an active (visible) analysis works; activating catches up with missed edits. */
  set active(value: boolean) {
    this._active = value;
    if (value && this._stale) {
      this.request();
    }
  }

  /** Follows `source` (or nothing). */
  setSource(source: IAnalysisSource | null): void {
    if (this._source) {
      this._source.changed.disconnect(this.onChanged, this);
    }
    this._source = source;
    this._reader.dispose();
    this._analyzer = null;
    this._state = null;
    this._layout = null;
    this._layoutKey = '';
    this._lastLayoutMs = 0;
    this.cancelDeferredLayout();
    if (source) {
      source.changed.connect(this.onChanged, this);
      this._stale = true;
      if (this._active) {
        this.request();
      }
    } else {
      this._stale = false;
      this._changed.emit(null);
    }
  }

  /** A cell changed with no signal (silent-tag-changes.ts): read it again and analyse. */
  cellChangedSilently(shared: object): void {
    this._reader.forget(shared);
    this.onChanged();
  }

  /** Analyses now (tests, and the first paint). */
  flush(): void {
    this._scheduled = false;
    const source = this._source;
    if (!source) {
      return;
    }
    this._stale = false;
    const started = performance.now();
    if (this._editPending) {
      performance.measure(PERF.wait, { start: PERF.edit, end: started });
    }
    const path = source.path();
    if (!this._analyzer || this._analyzerPath !== path) {
      this._analyzer = new IncrementalAnalyzer(path);
      this._analyzerPath = path;
    }
    const snapshot = this._reader.read(source.model);
    const read = performance.now();
    performance.measure(PERF.snapshot, { start: started, end: read });
    const ir = this._analyzer.update(snapshot);
    const analysed = performance.now();
    // How many cells it parsed, so that a slow analysis can be told from a slow machine.
    performance.measure(PERF.analysis, {
      start: started,
      end: analysed,
      detail: { parsedCells: this._analyzer.lastParsedCells }
    });
    const key = dagKey(ir.steps);
    const layoutReused = key === this._layoutKey && this._layout !== null;
    // Laying a big graph out again on every key would make typing lag: when the last layout
    // was slow, keep the previous one (dimmed) until typing pauses.
    const layoutStale =
      !layoutReused &&
      this._layout !== null &&
      this._lastLayoutMs > this.slowLayoutMs;
    if (layoutReused) {
      this.cancelDeferredLayout();
    } else if (layoutStale) {
      this.deferLayout();
    } else {
      this.layOut(ir, key);
    }
    this.trimMeasures();
    performance.clearMarks(PERF.analysed);
    performance.mark(PERF.analysed);
    this._state = {
      path,
      ir,
      layout: this._layout as IDagLayout,
      analysisMs: analysed - started,
      layoutMs: layoutReused || layoutStale ? 0 : this._lastLayoutMs,
      layoutReused,
      layoutStale,
      parsedCells: this._analyzer.lastParsedCells
    };
    this._changed.emit(this._state);
  }

  /**
   * Called by the view once the analysis it shows (DAG and diagnostics) is committed to the DOM: measures edit -> DAG (the first edit
   * since the last drawn DAG). Returns the milliseconds, or null when no edit was pending.
   */
  markDrawn(): number | null {
    if (!this._editPending) {
      return null;
    }
    this._editPending = false;
    performance.measure(PERF.render, PERF.analysed);
    const measure = performance.measure(PERF.editToDag, PERF.edit);
    performance.clearMarks(PERF.edit);
    return measure ? measure.duration : null;
  }

  dispose(): void {
    this.setSource(null);
    Signal.clearData(this);
  }

  /** Clears this module's measures once `keptMeasures` analyses have added theirs. */
  private trimMeasures(): void {
    this._analysesMeasured++;
    if (this._analysesMeasured < this.keptMeasures) {
      return;
    }
    this._analysesMeasured = 0;
    ANALYSIS_MEASURES.forEach(name => performance.clearMeasures(name));
  }

  private layOut(ir: IPipelineIR, key: string): void {
    const started = performance.now();
    this._layout = layoutDag(ir.steps);
    this._layoutKey = key;
    this._lastLayoutMs = performance.now() - started;
    performance.measure(PERF.layout, { start: started });
  }

  private deferLayout(): void {
    this.cancelDeferredLayout();
    this._cancelLayout = this.delay(() => {
      this._cancelLayout = null;
      const state = this._state;
      if (!state || !this._source) {
        return;
      }
      this.layOut(state.ir, dagKey(state.ir.steps));
      this._state = {
        ...state,
        layout: this._layout as IDagLayout,
        layoutMs: this._lastLayoutMs,
        layoutStale: false
      };
      this._changed.emit(this._state);
    }, this.layoutDelayMs);
  }

  private cancelDeferredLayout(): void {
    this._cancelLayout?.();
    this._cancelLayout = null;
  }

  private onChanged(): void {
    if (!this._editPending) {
      this._editPending = true;
      performance.mark(PERF.edit);
    }
    this._stale = true;
    if (this._active) {
      this.request();
    }
  }

  private request(): void {
    if (this._scheduled) {
      return;
    }
    this._scheduled = true;
    this.schedule(() => {
      if (this._scheduled && this._active) {
        this.flush();
      } else {
        this._scheduled = false;
      }
    });
  }

  private _source: IAnalysisSource | null = null;
  private _reader = new NotebookReader();
  private _analyzer: IncrementalAnalyzer | null = null;
  private _analyzerPath = '';
  private _state: IAnalysisState | null = null;
  private _layout: IDagLayout | null = null;
  private _layoutKey = '';
  private _lastLayoutMs = 0;
  private _cancelLayout: (() => void) | null = null;
  private _active = false;
  private _stale = false;
  private _scheduled = false;
  private _editPending = false;
  private _analysesMeasured = 0;
  private readonly _changed = new Signal<this, IAnalysisState | null>(this);
}
