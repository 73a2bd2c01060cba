/**
 * Compile and run, compile only, export YAML: what the split button and the commands do.
 *
 * Each action analyses the notebook as the user sees it and refuses to go on while there are
 * errors; then it saves the notebook when it has unsaved changes (through the document context,
 * as File > Save does): the server compiles and runs the file, so what runs is what the user
 * sees. A notebook that cannot run is left unsaved.
 */
import { ICellModel } from '@jupyterlab/cells';
import { INotebookModel, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import { ISignal, Signal } from '@lumino/signaling';
import { analyzeNotebook } from '../../core/analyze';
import {
  pythonParserReady,
  whenPythonParser
} from '../../core/analysis/python-tree';
import { tagByHeadings } from '../../core/notebook/tag-by-headings';
import { IPipelineIR, IPipelineParameter } from '../../core/ir/pipeline';
import { resolveSettings } from '../../core/settings/resolve';
import { IPipelineSettings } from '../../core/settings/resolved';
import {
  checkRun,
  compile,
  ICompileReply,
  RunParams,
  SettingsOverrides
} from '../api/routes';
import { PathExt } from '@jupyterlab/coreutils';
import type { CellpipeRequestError } from '../api/request';
import { freeExportPath } from './export-name';
import { notebookSnapshot } from './notebook-snapshot';
import { isFinished, RunsModel } from './runs-model';
import { IRunRecord } from '../../core/runs/record';
import { cellNumber } from '../../core/cell-number';
import { whereText } from './diagnostics-view';
import { labMessage } from './lab-message';

export interface IActionMessage {
  kind: 'info' | 'warning' | 'error';
  text: string;
  details: string[];
  /** Takes the action back (shown as an Undo button beside the message). */
  undo?: () => void;
  /** The notebook it is about: another notebook's sidebar does not show it. */
  path?: string;
  /** The run it announces: once that run has finished, the message says how it ended. */
  runId?: string;
  /** It reports analysis errors: once the notebook has none, it goes away. */
  analysisErrors?: boolean;
  /** The cell (index from 0) and line the error names, shown as a button that goes there. */
  place?: { cell: number; line?: number };
}

/** What the sidebar knows now, to tell whether a message still holds. */
export interface IMessageContext {
  path: string | null;
  runs: readonly IRunRecord[];
  errorCount: number;
}

/**
 * The message as it reads now, or null once it no longer holds: it belongs to another
 * notebook, the errors it reported are fixed, or a later run of the notebook started since the
 * run it announced; once that run ends, it says how.
 */
export function currentMessage(
  message: IActionMessage | null,
  context: IMessageContext,
  trans: TranslationBundle
): IActionMessage | null {
  if (!message) {
    return null;
  }
  if (
    message.path !== undefined &&
    message.path !== context.path &&
    // A run of the notebook renamed since it started: the runs list follows the rename.
    !context.runs.some(r => r.id === message.runId)
  ) {
    return null;
  }
  if (message.analysisErrors && context.errorCount === 0) {
    return null;
  }
  if (message.runId !== undefined) {
    const run = context.runs.find(r => r.id === message.runId);
    if (
      run &&
      context.runs.some(
        other => other.id !== run.id && other.createdAt > run.createdAt
      )
    ) {
      return null; // a later run of the notebook (a rerun from the run viewer) is the news now
    }
    if (run && isFinished(run.status)) {
      return {
        ...message,
        // Cancelled by the user: news, not a failure (its chip is amber, not red).
        kind:
          run.status === 'Succeeded'
            ? 'info'
            : run.status === 'Cancelled'
              ? 'warning'
              : 'error',
        text: trans.__('Run %1 ended: %2.', run.id, run.status),
        details: run.error ? [run.error] : []
      };
    }
  }
  return message;
}

/** What the actions need of JupyterLab (kept small so the wiring stays in the plugin). */
export interface IActionHost {
  currentNotebook(): NotebookPanel | null;
  overrides(): SettingsOverrides;
  /** Writes a text file through the contents API; `exists` checks a path. */
  exists(path: string): Promise<boolean>;
  writeText(path: string, text: string): Promise<void>;
  openFile(path: string): Promise<void>;
  /** Shows the sidebar (its diagnostics say what to fix). */
  showSidebar(): void;
  /**
   * Asks for the run's parameter values, prefilled with the notebook's (null: cancelled).
   * Without it, runs use the notebook's values.
   */
  askParameters?(
    pipeline: string,
    parameters: IPipelineParameter[]
  ): Promise<RunParams | null>;
  /** Shows a compiled document read-only in a tab of its own (one per notebook). */
  showPreview?(notebook: string, title: string, text: string): void;
  /**
   * Saves a notebook still named Untitled as JupyterLab's Save does: asking for its name first
   * (unless the user turned that off), so the run has that name, not a later rename's.
   */
  saveUntitled?(panel: NotebookPanel): Promise<void>;
}

/** The target compile-only and export use: the pipeline's own, or Argo for a local pipeline. */
export function documentTarget(target: IPipelineSettings['target']) {
  return target === 'kfp' ? 'kfp' : 'argo';
}

export class PipelineActions {
  constructor(
    private readonly host: IActionHost,
    private readonly runs: RunsModel,
    private readonly trans: TranslationBundle
  ) {}

  get changed(): ISignal<this, void> {
    return this._changed;
  }

  get busy(): boolean {
    return this._busy;
  }

  get message(): IActionMessage | null {
    return this._message;
  }

  /**
   * The message as it reads now (see currentMessage). One that reported analysis errors is
   * forgotten once they are fixed: a later, different error does not bring it back.
   */
  messageNow(
    context: IMessageContext & { analysed: boolean }
  ): IActionMessage | null {
    const message = this._message;
    if (
      message?.analysisErrors &&
      context.analysed &&
      context.errorCount === 0 &&
      (message.path === undefined || message.path === context.path)
    ) {
      this._message = null; // nothing to re-render: it was already not shown
    }
    return currentMessage(message, context, this.trans);
  }

  async compileAndRun(): Promise<void> {
    await this.perform(async ready => {
      let params: RunParams = {};
      if (ready.ir.parameters.length && this.host.askParameters) {
        // A run that cannot start (a Local Python that is not one) says so before values are typed.
        await checkRun({
          path: ready.path,
          target: ready.settings.target,
          params,
          overrides: this.host.overrides()
        });
        const given = await this.host.askParameters(
          ready.ir.pipeline.name,
          ready.ir.parameters
        );
        if (!given) {
          this.say(
            'info',
            this.trans.__('Nothing was run: the parameters dialog was closed.')
          );
          return;
        }
        params = given;
      }
      const { record, warnings, shipped } = await this.runs.start({
        path: ready.path,
        target: ready.settings.target,
        params,
        overrides: this.host.overrides()
      });
      this.say(
        warnings.length ? 'warning' : 'info',
        this.trans.__('Run %1 started (%2).', record.id, record.target),
        [...warnings, ...this.carried(shipped)],
        { runId: record.id }
      );
    });
  }

  async compileOnly(): Promise<ICompileReply | null> {
    let reply: ICompileReply | null = null;
    await this.perform(async ready => {
      reply = await this.compileDocument(ready);
      this.say(
        reply.warnings.length ? 'warning' : 'info',
        this.trans._n(
          'Compiled for %2: %3 lines, %1 warning.',
          'Compiled for %2: %3 lines, %1 warnings.',
          reply.warnings.length,
          reply.target,
          reply.text.trimEnd().split('\n').length
        ),
        [...reply.warnings, ...this.carried(reply.shipped)]
      );
      this.host.showPreview?.(
        ready.path,
        this.trans.__(
          '%1 · %2 (preview)',
          ready.ir.pipeline.name,
          reply.target
        ),
        reply.text
      );
    });
    return reply;
  }

  async exportYaml(): Promise<string | null> {
    let written: string | null = null;
    await this.perform(async ready => {
      const reply = await this.compileDocument(ready);
      const path = await freeExportPath(ready.path, reply.target, p =>
        this.host.exists(p)
      );
      await this.host.writeText(path, reply.text);
      await this.host.openFile(path);
      written = path;
      this.say(
        reply.warnings.length ? 'warning' : 'info',
        this.trans.__('Exported %1.', path),
        [...reply.warnings, ...this.carried(reply.shipped)]
      );
    });
    return written;
  }

  /**
   * Writes step tags by `## ` headings into the open notebook, as `cellpipe tag NB
   * --by-headings` does (the same core code), as one change the message's Undo takes back.
   * The notebook is not saved: the user sees the tags and saves, or undoes.
   */
  tagByHeadings(): number {
    const panel = this.host.currentNotebook();
    const model = panel?.model;
    if (!panel || !model) {
      this.say('error', this.trans.__('Open a notebook first.'));
      return 0;
    }
    if (!pythonParserReady()) {
      // loading since the plugin activated (lab/python-parser.ts): a moment at most
      this.say(
        'info',
        this.trans.__('The Python parser is still loading; try again.')
      );
      return 0;
    }
    let tagged: Record<string, unknown>;
    let steps: number;
    try {
      const result = tagByHeadings(notebookSnapshot(model), panel.context.path);
      tagged = result.notebook;
      steps = result.steps.length;
    } catch (error) {
      this.say('error', (error as Error).message);
      return 0;
    }
    const newCells = tagged.cells as { metadata: { tags?: string[] } }[];
    const changes: {
      index: number;
      cell: ICellModel;
      before: unknown;
      after: string[];
    }[] = [];
    for (let index = 0; index < model.cells.length; index++) {
      const cell = model.cells.get(index);
      const after = newCells[index]?.metadata?.tags;
      const before = cell.getMetadata('tags');
      if (after && JSON.stringify(after) !== JSON.stringify(before ?? [])) {
        changes.push({ index, cell, before, after });
      }
    }
    model.sharedModel.transact(() => {
      for (const change of changes) {
        change.cell.setMetadata('tags', change.after);
      }
    });
    const undo = () => {
      // A cell whose tags were edited since (the step panel, the tags editor) keeps the edit.
      const edited: number[] = [];
      model.sharedModel.transact(() => {
        for (const change of changes) {
          if (change.cell.isDisposed) {
            continue;
          }
          const now = change.cell.getMetadata('tags');
          if (JSON.stringify(now ?? []) !== JSON.stringify(change.after)) {
            const index = cellIndexOf(model, change.cell);
            if (index >= 0) {
              edited.push(index); // a cell no longer in the notebook is not named
            }
            continue;
          }
          if (change.before === undefined) {
            change.cell.deleteMetadata('tags');
          } else {
            change.cell.setMetadata('tags', change.before);
          }
        }
      });
      this.say(
        'info',
        edited.length
          ? this.trans.__(
              'Tagging undone, except where tags were edited since: %1, kept as they are.',
              edited
                .map(index => this.trans.__('cell %1', cellNumber(index)))
                .join(', ')
            )
          : this.trans.__('Tagging undone.')
      );
    };
    this._message = {
      kind: 'info',
      text: this.trans._n(
        'Tagged %1 step by headings (not saved yet).',
        'Tagged %1 steps by headings (not saved yet).',
        steps
      ),
      details: changes.map(change =>
        this.trans.__(
          'Cell %1: %2',
          cellNumber(change.index),
          change.after.join(', ')
        )
      ),
      undo,
      path: panel.context.path
    };
    this._changed.emit();
    return steps;
  }

  /** The line that names the modules next to the notebook that go with the pipeline. */
  private carried(shipped: string[] = []): string[] {
    return shipped.length
      ? [
          this.trans.__(
            "From the notebook's folder, the pipeline carries %1.",
            shipped.join(', ')
          )
        ]
      : [];
  }

  private compileDocument(ready: IReady): Promise<ICompileReply> {
    return compile(
      { path: ready.path },
      documentTarget(ready.settings.target),
      this.host.overrides()
    );
  }

  /** Saves, analyses and resolves the settings, then runs `action`; reports every failure. */
  private async perform(action: (ready: IReady) => Promise<void>) {
    if (this._busy) {
      return;
    }
    const panel = this.host.currentNotebook();
    if (!panel) {
      this.say('error', this.trans.__('Open a notebook first.'));
      return;
    }
    this._busy = true;
    this.say('info', this.trans.__('Working…'));
    let saved = false;
    try {
      await panel.context.ready;
      let path = panel.context.path;
      await whenPythonParser(); // loading since the plugin activated
      // The notebook as the user sees it: it is saved only once it is fit to run.
      let ir = this.checkedIR(panel, path);
      if (!ir) {
        return;
      }
      let settings = resolveSettings(ir, this.host.overrides());
      if (panel.context.model.dirty) {
        if (!(await this.save(panel))) {
          return;
        }
        saved = true;
        path = panel.context.path; // an Untitled notebook is named as it is saved
        // What was saved: the file-changed dialog's Revert loads the file on disk instead.
        ir = this.checkedIR(panel, path);
        if (!ir) {
          return;
        }
        settings = resolveSettings(ir, this.host.overrides());
      }
      await action({ path, ir, settings });
    } catch (error) {
      this.say('error', (error as Error).message, [], {
        place: placeOf(error, this.host.currentNotebook()?.context.path)
      });
    } finally {
      this._busy = false;
      // Saving is not silent: what runs or is exported is the file on disk.
      if (saved && this._message) {
        this._message = {
          ...this._message,
          details: [
            ...this._message.details,
            this.trans.__('The notebook was saved first.')
          ]
        };
      }
      this._changed.emit();
    }
  }

  /** The notebook's IR as it stands, or null having said it has errors (and shown them). */
  private checkedIR(panel: NotebookPanel, path: string): IPipelineIR | null {
    const ir = analyzeNotebook(notebookSnapshot(panel.context.model), path);
    const errors = ir.diagnostics.filter(d => d.severity === 'error');
    if (!errors.length) {
      return ir;
    }
    this.host.showSidebar();
    const shown = errors.slice(0, ERRORS_LISTED);
    const first = errors.find(error => error.cell !== null);
    this.say(
      'error',
      this.trans._n(
        '%2 has %1 error; fix it first.',
        '%2 has %1 errors; fix them first.',
        errors.length,
        PathExt.basename(path)
      ),
      [
        ...shown.map(
          error =>
            `${whereText(error, this.trans)}: ${labMessage(error, this.trans)}`
        ),
        ...(errors.length > shown.length
          ? [
              this.trans.__(
                'And %1 more (see Diagnostics).',
                errors.length - shown.length
              )
            ]
          : [])
      ],
      {
        analysisErrors: true,
        place:
          first && first.cell !== null
            ? { cell: first.cell, line: first.line }
            : undefined
      }
    );
    return null;
  }

  /**
   * Saves the notebook; false, having said why, when the user cancels JupyterLab's dialog (the
   * file changed on disk), which rejects with a bare "Cancel".
   */
  private async save(panel: NotebookPanel): Promise<boolean> {
    try {
      if (panel.isUntitled && this.host.saveUntitled) {
        await this.host.saveUntitled(panel);
        // JupyterLab's Save says nothing when its "File Changed" dialog is cancelled.
        if (panel.context.model.dirty) {
          throw new Error('Cancel');
        }
        return true;
      }
      await panel.context.save();
      return true;
    } catch (error) {
      const reason = (error as Error).message;
      if (reason === CONFLICT_DIALOG_OPEN) {
        // JupyterLab's "File Changed" dialog of an earlier save is still open.
        this.say(
          'error',
          this.trans.__(
            'Not run: JupyterLab is asking whether to overwrite the notebook or revert it to the file on disk. Answer that dialog, then try again.'
          )
        );
        return false;
      }
      if (reason !== 'Cancel') {
        throw error;
      }
      this.say(
        'error',
        this.trans.__(
          'Not run: the notebook was not saved. Save it (or revert it to the file on disk), then try again.'
        )
      );
      return false;
    }
  }

  private say(
    kind: IActionMessage['kind'],
    text: string,
    details: string[] = [],
    about: Partial<IActionMessage> = {}
  ) {
    const path = this.host.currentNotebook()?.context.path;
    this._message = { kind, text, details, path, ...about };
    this._changed.emit();
  }

  private _busy = false;
  private _message: IActionMessage | null = null;
  private readonly _changed = new Signal<this, void>(this);
}

interface IReady {
  path: string;
  ir: IPipelineIR;
  settings: IPipelineSettings;
}

/** How many of the errors that stop a run the message lists, each with its cell and line. */
const ERRORS_LISTED = 3;

/** What JupyterLab's save rejects with while its "File Changed" dialog is open (docregistry). */
const CONFLICT_DIALOG_OPEN = 'Modal is already displayed';

/**
 * The cell and line a server error names (CellpipeRequestError's location), when it is of the
 * notebook at `path` (the server may name it by a path of its own: the file names are compared).
 */
function placeOf(
  error: unknown,
  path: string | undefined
): IActionMessage['place'] {
  // Duck-typed: the request module is the one Jest mocks.
  const location = (error as Partial<CellpipeRequestError> | null)?.location;
  if (location?.cell === undefined || path === undefined) {
    return undefined;
  }
  const named = location.notebook;
  if (
    named !== undefined &&
    PathExt.basename(named) !== PathExt.basename(path)
  ) {
    return undefined;
  }
  return { cell: location.cell, line: location.line };
}

/** Where `cell` is in the notebook now (cells may have been added or moved since). */
function cellIndexOf(model: INotebookModel, cell: ICellModel): number {
  for (let index = 0; index < model.cells.length; index++) {
    if (model.cells.get(index) === cell) {
      return index;
    }
  }
  return -1;
}
