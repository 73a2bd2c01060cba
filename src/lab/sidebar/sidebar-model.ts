/**
 * The sidebar's state for the current notebook: live analysis, runs, settings form and actions,
 * switched together when the user changes notebooks, and active only while the panel shows.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { ISignal, Signal } from '@lumino/signaling';
import { SettingsOverrides } from '../api/routes';
import { PipelineActions } from './actions';
import { watchSilentTagChanges } from '../silent-tag-changes';
import { IAnalysisState, LiveAnalysis } from './live-analysis';
import { RunsModel } from './runs-model';
import { METADATA_KEY, SettingsFormModel } from './settings-model';

export class SidebarModel {
  constructor(
    readonly analysis: LiveAnalysis,
    readonly runs: RunsModel,
    readonly settings: SettingsFormModel,
    readonly actions: PipelineActions
  ) {
    analysis.changed.connect(this.onAnalysed, this);
  }

  get notebookChanged(): ISignal<this, NotebookPanel | null> {
    return this._notebookChanged;
  }

  get notebook(): NotebookPanel | null {
    return this._panel;
  }

  /** Whether the panel shows (and so analyses and polls). */
  get active(): boolean {
    return this.analysis.active;
  }

  set active(value: boolean) {
    const was = this.analysis.active;
    this.analysis.active = value;
    this.runs.active = value;
    if (was !== value) {
      this._activeChanged.emit(value);
    }
  }

  /** The panel was shown (true) or hidden (false). */
  get activeChanged(): ISignal<this, boolean> {
    return this._activeChanged;
  }

  setOverrides(overrides: SettingsOverrides): void {
    this.settings.setOverrides(overrides);
  }

  /** Follows `panel` (the current notebook), or nothing. */
  async setNotebook(panel: NotebookPanel | null): Promise<void> {
    if (panel === this._panel) {
      return;
    }
    if (this._panel) {
      this._panel.context.pathChanged.disconnect(this.onPathChanged, this);
      this._panel.disposed.disconnect(this.onDisposed, this);
    }
    this._stopTagWatch();
    this._stopTagWatch = () => undefined;
    this._panel = panel;
    this._settingsKey = '';
    this.analysis.setSource(null);
    this._notebookChanged.emit(panel);
    if (!panel) {
      await this.runs.setNotebook(null);
      return;
    }
    panel.disposed.connect(this.onDisposed, this);
    await panel.context.ready;
    if (panel !== this._panel || panel.isDisposed) {
      return;
    }
    panel.context.pathChanged.connect(this.onPathChanged, this);
    this._stopTagWatch = watchSilentTagChanges(panel, cell =>
      this.analysis.cellChangedSilently(cell.sharedModel)
    );
    const model = panel.context.model;
    this.analysis.setSource({
      model,
      path: () => panel.context.path,
      changed: model.contentChanged
    });
    await this.runs.setNotebook(panel.context.path);
  }

  /** Writes the settings form into the current notebook's metadata. */
  saveSettings(): void {
    const model = this._panel?.context.model;
    if (model) {
      this.settings.save(model);
    }
  }

  discardSettings(): void {
    const state = this.analysis.state;
    this.settings.discard(state?.ir.settings ?? {});
  }

  dispose(): void {
    void this.setNotebook(null);
    this.analysis.dispose();
    this.runs.dispose();
    Signal.clearData(this);
  }

  private onAnalysed(_: LiveAnalysis, state: IAnalysisState | null): void {
    if (!state) {
      return;
    }
    // Reload the form only when the notebook's settings changed, not on every keystroke.
    const key = JSON.stringify([
      state.path,
      state.ir.pipeline.name,
      state.ir.settings,
      this._panel?.context.model.getMetadata(METADATA_KEY) ?? null
    ]);
    if (key !== this._settingsKey) {
      this._settingsKey = key;
      this.settings.load(state.path, state.ir.pipeline.name, state.ir.settings);
    }
  }

  private onPathChanged(): void {
    const panel = this._panel;
    if (panel) {
      void this.runs.setNotebook(panel.context.path);
      this.analysis.flush();
    }
  }

  private onDisposed(): void {
    void this.setNotebook(null);
  }

  private _panel: NotebookPanel | null = null;
  /** Stops watching the panel's active cell for tag changes without a signal. */
  private _stopTagWatch: () => void = () => undefined;
  private _settingsKey = '';
  private readonly _activeChanged = new Signal<this, boolean>(this);
  private readonly _notebookChanged = new Signal<this, NotebookPanel | null>(
    this
  );
}
