/**
 * The "Pipeline step" panel (right area): edits the active code cell's tags through the form.
 * Tags change only when the user applies the form, through the cell model's metadata (undoable,
 * marks the notebook dirty); no other metadata is touched.
 */
import { ReactWidget } from '@jupyterlab/apputils';
import { Cell } from '@jupyterlab/cells';
import { INotebookTracker } from '@jupyterlab/notebook';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { stepsAbove } from './cell-steps';
import { cellTags, notebookCells } from './notebook-cells';
import { StepEditor } from './step-editor';
import { formFromTags, formProblems, ITagForm, tagsFromForm } from './tag-form';

export const STEP_PANEL_ID = 'cellpipe-step-panel';

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

  /** Shows the active cell's tags, dropping unapplied edits of another cell. */
  load(): void {
    this.cell?.model.metadataChanged.disconnect(this.onMetadata, this);
    const cell = this.tracker.activeCell;
    this.cell = cell && cell.model.type === 'code' ? cell : null;
    this.cell?.model.metadataChanged.connect(this.onMetadata, this);
    this.reset();
  }

  private onMetadata(): void {
    if (!this.dirty) {
      this.reset();
    }
  }

  private reset(): void {
    const cell = this.cell;
    this.form = cell ? formFromTags(cellTags(cell)) : null;
    this.applied = JSON.stringify(this.form);
    this.update();
  }

  private get dirty(): boolean {
    return JSON.stringify(this.form) !== this.applied;
  }

  private above(): string[] {
    const notebook = this.tracker.currentWidget?.content;
    const cell = this.cell;
    if (!notebook || !cell) {
      return [];
    }
    return stepsAbove(notebookCells(notebook), notebook.widgets.indexOf(cell));
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
    cell.model.setMetadata('tags', next);
    this.applied = JSON.stringify(formFromTags(next));
    this.form = formFromTags(next);
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
    const above = this.above();
    return (
      <StepEditor
        form={this.form}
        problems={formProblems(this.form, above)}
        stepsAbove={above}
        dirty={this.dirty}
        onChange={form => {
          this.form = form;
          this.update();
        }}
        onApply={() => this.apply()}
        trans={trans}
      />
    );
  }

  dispose(): void {
    this.cell?.model.metadataChanged.disconnect(this.onMetadata, this);
    super.dispose();
  }

  private cell: Cell | null = null;
  private form: ITagForm | null = null;
  private applied = 'null';
}
