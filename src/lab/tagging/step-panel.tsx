/**
 * The "Pipeline step" panel (right area): edits the active code cell's tags through the form.
 * Tags change only when the user applies the form, through the cell model's metadata (marks the
 * notebook dirty); no other metadata is touched. JupyterLab's undo does not cover metadata, so
 * the notice of an Apply offers its own Undo.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Cell, ICellModel } from '@jupyterlab/cells';
import { INotebookTracker, NotebookPanel } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import type { Message } from '@lumino/messaging';
import React from 'react';
import { analyzeNotebook } from '../../core/analyze';
import {
  pythonParserReady,
  whenPythonParser
} from '../../core/analysis/python-tree';
import { notebookSnapshot } from '../sidebar/notebook-snapshot';
import {
  blockAbove,
  ContinuedBlock,
  stepsAbove,
  stepsBefore,
  stepsBelow
} from './cell-steps';
import { watchSilentTagChanges } from '../silent-tag-changes';
import { cellTags, notebookCells } from './notebook-cells';
import { StepEditor } from './step-editor';
import {
  formFromTags,
  formProblems,
  ITagForm,
  renamedPrevTags,
  tagsFromForm
} from './tag-form';

export const STEP_PANEL_ID = 'cellpipe-step-panel';

/** How long typing pauses before "Runs after" is analysed again (onContent). */
const CONTENT_PAUSE_MS = 250;

/** The name the "Runs after" preview gives a cell the form makes a step (see inferredAfter). */
const PREVIEW_STEP_NAME = 'cellpipe_step_preview';

export class StepPanel extends ReactWidget {
  constructor(
    private readonly tracker: INotebookTracker,
    private readonly trans: TranslationBundle
  ) {
    super();
    this.id = STEP_PANEL_ID;
    this.addClass('jp-cellpipe-StepPanel');
    this.title.caption = trans.__('Pipeline step of the active cell');
    tracker.activeCellChanged.connect(() => this.load(), this);
    tracker.currentChanged.connect(() => this.load(), this);
    this.load();
  }

  /** Puts the keyboard in the panel's first field, once the panel has drawn its form. */
  focusFirstField(): void {
    void this.renderPromise?.then(() =>
      requestAnimationFrame(() =>
        this.node
          .querySelector<HTMLElement>('select, input, textarea, button')
          ?.focus()
      )
    );
  }

  /** Shows the active cell's tags, dropping unapplied edits of another cell. */
  load(): void {
    this.lastApply = null;
    this.cell?.model.metadataChanged.disconnect(this.onMetadata, this);
    const cell = this.tracker.activeCell;
    this.cell = cell && cell.model.type === 'code' ? cell : null;
    this.cell?.model.metadataChanged.connect(this.onMetadata, this);
    const panel = this.tracker.currentWidget;
    if (panel !== this.watched) {
      this.stopTagWatch();
      this.watched?.model?.contentChanged.disconnect(this.onContent, this);
      panel?.model?.contentChanged.connect(this.onContent, this);
      this.watched = panel;
      this.stopTagWatch = panel
        ? watchSilentTagChanges(panel, changed => {
            if (changed === this.cell?.model) {
              this.onMetadata();
            }
          })
        : () => undefined;
    }
    this.reset();
  }

  /**
   * The notebook's code changed (a key typed): the steps the cell's step uses may have too. The
   * preview is analysed again once typing pauses, and only while the panel is shown.
   */
  private onContent(): void {
    if (this.inferred === null) {
      return; // not computed, or already due again
    }
    if (!this.isVisible) {
      this.inferred = null; // computed again when shown
      return;
    }
    if (this.contentTimer !== null) {
      clearTimeout(this.contentTimer);
    }
    this.contentTimer = setTimeout(() => {
      this.contentTimer = null;
      this.inferred = null;
      this.update();
    }, CONTENT_PAUSE_MS);
  }

  private onMetadata(): void {
    if (!this.edited) {
      this.reset();
    }
  }

  private reset(): void {
    const cell = this.cell;
    this.form = cell ? formFromTags(cellTags(cell)) : null;
    this.applied = JSON.stringify(this.form);
    this.touched = new Set();
    this.notice = null;
    this.inferred = null;
    this.update();
  }

  /**
   * The steps the active cell's step runs after because it uses their data (the analyzer's
   * producers), which "Runs after" shows checked: name → the variables it takes from each.
   */
  private inferredAfter(): Record<string, string[]> {
    const panel = this.tracker.currentWidget;
    const cell = this.cell;
    const inferred: Record<string, string[]> = Object.create(null);
    if (!panel?.model || !cell) {
      return inferred;
    }
    if (!pythonParserReady()) {
      // The parser is still loading (lab/python-parser.ts): show the steps once it is ready.
      void whenPythonParser()?.then(() => this.update());
      return inferred;
    }
    const index = panel.content.widgets.indexOf(cell);
    // As the form would tag the cell: a cell made the start of a step takes what that step
    // uses, not what the step it continued used. The name does not change what a step uses
    // (and may not be typed yet).
    const snapshot = notebookSnapshot(panel.model);
    if (this.form && snapshot.cells[index]) {
      const form = { ...this.form, name: PREVIEW_STEP_NAME };
      snapshot.cells[index] = {
        ...snapshot.cells[index],
        metadata: { tags: tagsFromForm(form, cellTags(cell)) }
      };
    }
    const ir = analyzeNotebook(snapshot, panel.context.path);
    const step = ir.steps.find(s => s.cells.includes(index));
    for (const [variable, producer] of Object.entries(step?.producers ?? {})) {
      (inferred[producer] ??= []).push(variable);
    }
    for (const variables of Object.values(inferred)) {
      variables.sort();
    }
    return inferred;
  }

  /** The user changed the form since it was loaded or applied. */
  private get edited(): boolean {
    return JSON.stringify(this.form) !== this.applied;
  }

  /**
   * The form differs from the cell's tags: edited, or the tags hold what the form cannot show
   * and Apply would drop (two role tags: `step:evaluate` and `step:fit`).
   */
  private get dirty(): boolean {
    if (this.edited) {
      return true;
    }
    const cell = this.cell;
    if (!cell || !this.form) {
      return false;
    }
    const tags = cellTags(cell);
    const written = new Set(tagsFromForm(this.form, tags));
    return (
      written.size !== new Set(tags).size || tags.some(t => !written.has(t))
    );
  }

  /**
   * The steps above and below the active cell and what it continues without a role tag
   * (cell-steps.ts), from one read of the notebook's cells.
   */
  private neighbours(): {
    above: string[];
    below: string[];
    continues: ContinuedBlock;
  } {
    const notebook = this.tracker.currentWidget?.content;
    const cell = this.cell;
    if (!notebook || !cell) {
      return { above: [], below: [], continues: { kind: 'none' } };
    }
    const cells = notebookCells(notebook);
    const index = notebook.widgets.indexOf(cell);
    return {
      above: stepsAbove(cells, index),
      below: stepsBelow(cells, index),
      continues: blockAbove(cells, index)
    };
  }

  /**
   * After the active cell's step was renamed from `from` to `to`: the `prev:from` tags of the
   * cells below name `to` now. Returns how many cells changed.
   */
  private renamePrevBelow(
    from: string,
    to: string,
    changes: ITagChange[]
  ): number {
    const notebook = this.tracker.currentWidget?.content;
    const cell = this.cell;
    if (!notebook || !cell) {
      return 0;
    }
    let changed = 0;
    for (const other of notebook.widgets.slice(
      notebook.widgets.indexOf(cell) + 1
    )) {
      const renamed =
        other.model.type === 'code'
          ? renamedPrevTags(cellTags(other), from, to)
          : null;
      if (renamed) {
        changes.push({
          model: other.model,
          before: tagsOf(other.model),
          after: renamed
        });
        other.model.setMetadata('tags', renamed);
        changed++;
      }
    }
    return changed;
  }

  private apply(): void {
    const cell = this.cell;
    const form = this.form;
    if (!cell || !form) {
      return;
    }
    const next = tagsFromForm(form, cellTags(cell));
    const before = cell.model.getMetadata('tags');
    if (next.length === 0 && before === undefined) {
      return;
    }
    const was = formFromTags(cellTags(cell));
    const changes: ITagChange[] = [
      { model: cell.model, before: tagsOf(cell.model), after: next }
    ];
    cell.model.setMetadata('tags', next);
    // A step renamed: the prev: tags below that named it follow, as the rename means.
    const renamedBelow =
      was.role === 'step' &&
      form.role === 'step' &&
      was.name !== '' &&
      was.name !== form.name.trim()
        ? this.renamePrevBelow(was.name, form.name.trim(), changes)
        : 0;
    this.lastApply = changes;
    this.applied = JSON.stringify(formFromTags(next));
    this.form = formFromTags(next);
    this.touched = new Set();
    this.inferred = null;
    // Say what changed: the tags now on the cell (the notebook is unsaved until the user saves).
    this.notice = next.length
      ? this.trans.__('Applied: this cell is tagged %1.', next.join(', '))
      : this.trans.__('Applied: this cell has no tags now.');
    if (renamedBelow) {
      this.notice +=
        ' ' +
        this.trans._n(
          'prev:%2 now reads prev:%3 in %1 cell below.',
          'prev:%2 now reads prev:%3 in %1 cells below.',
          renamedBelow,
          was.name,
          form.name.trim()
        );
    }
    this.applies++;
    this.update();
  }

  /**
   * Takes the last Apply back: each cell it tagged gets its tags from before, where they are
   * still what the Apply left (a later edit of a cell's tags is kept).
   */
  private undo(): void {
    const changes = this.lastApply;
    if (!changes) {
      return;
    }
    for (const { model, before, after } of changes) {
      if (JSON.stringify(tagsOf(model)) !== JSON.stringify(after)) {
        continue;
      }
      if (before === undefined) {
        model.deleteMetadata('tags');
      } else {
        model.setMetadata('tags', before);
      }
    }
    this.lastApply = null;
    this.reset();
    this.notice = this.trans.__('Undone: the tags are as they were.');
    this.update();
  }

  /** The inferred steps, analysed only while the panel is shown (a hidden panel costs nothing). */
  private shownInferred(): Record<string, string[]> {
    if (!this.isVisible) {
      return Object.create(null);
    }
    this.inferred ??= this.inferredAfter();
    return this.inferred;
  }

  protected onAfterShow(msg: Message): void {
    super.onAfterShow(msg);
    this.update();
  }

  protected render(): JSX.Element {
    const { trans } = this;
    if (!this.cell || !this.form) {
      return (
        <p className="jp-cellpipe-StepPanel-empty">
          {trans.__('Select a code cell to make it a pipeline step.')}
        </p>
      );
    }
    const { above, below, continues } = this.neighbours();
    const before = stepsBefore(
      above,
      continues,
      this.form.role,
      this.form.name
    );
    return (
      <StepEditor
        form={this.form}
        problems={formProblems(this.form, before, below)}
        touched={this.touched}
        stepsAbove={before}
        continues={continues}
        inferred={this.shownInferred()}
        notice={this.notice}
        dirty={this.dirty}
        onChange={form => {
          const before = this.form as ITagForm;
          const touched = new Set(this.touched);
          for (const key of Object.keys(form) as (keyof ITagForm)[]) {
            if (JSON.stringify(form[key]) !== JSON.stringify(before[key])) {
              touched.add(key);
            }
          }
          this.touched = touched;
          this.notice = null;
          if (form.role !== before.role) {
            this.inferred = null; // another step, which may use other steps' data
          }
          this.form = form;
          this.update();
        }}
        onApply={() => this.apply()}
        onUndo={this.lastApply ? () => this.undo() : null}
        applies={this.applies}
        trans={trans}
      />
    );
  }

  dispose(): void {
    this.stopTagWatch();
    this.watched?.model?.contentChanged.disconnect(this.onContent, this);
    if (this.contentTimer !== null) {
      clearTimeout(this.contentTimer);
    }
    this.cell?.model.metadataChanged.disconnect(this.onMetadata, this);
    super.dispose();
  }

  private cell: Cell | null = null;
  /** The notebook whose active cell's tags are watched for changes without a signal. */
  private watched: NotebookPanel | null = null;
  private stopTagWatch: () => void = () => undefined;
  private form: ITagForm | null = null;
  private applied = 'null';
  /** How many times Apply ran: the form keeps the keyboard's focus after each (StepEditor). */
  private applies = 0;
  private touched: ReadonlySet<string> = new Set();
  /** Computed when shown (an analysis of the notebook), null until then. */
  private inferred: Record<string, string[]> | null = null;
  private notice: string | null = null;
  /** The pending analysis after the notebook's code changed (onContent), if any. */
  private contentTimer: ReturnType<typeof setTimeout> | null = null;
  /** What the last Apply changed, for its Undo; null once undone or another cell is shown. */
  private lastApply: ITagChange[] | null = null;
}

/** A cell's tags before and after an Apply. */
interface ITagChange {
  model: ICellModel;
  before: string[] | undefined;
  after: string[];
}

/** The cell's `tags` metadata as it is (undefined when it has none). */
function tagsOf(model: ICellModel): string[] | undefined {
  const tags = model.getMetadata('tags');
  return Array.isArray(tags) ? [...(tags as string[])] : undefined;
}
