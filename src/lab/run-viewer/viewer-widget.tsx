/** The run viewer as a main-area widget (loaded on first use by the run viewer plugin). */
import { MainAreaWidget, ReactWidget } from '@jupyterlab/apputils';
import { TranslationBundle } from '@jupyterlab/translation';
import React from 'react';
import { RunViewerModel } from './viewer-model';
import { IRunViewerProps, RunViewer } from './viewer-view';

export class RunViewerContent extends ReactWidget {
  constructor(
    readonly model: RunViewerModel,
    private readonly trans: TranslationBundle,
    private readonly openRun: (id: string) => void,
    private readonly revealCell: IRunViewerProps['revealCell']
  ) {
    super();
    this.addClass('jp-cellpipe-RunViewer-widget');
  }

  protected render(): JSX.Element {
    return (
      <RunViewer
        model={this.model}
        trans={this.trans}
        openRun={this.openRun}
        revealCell={this.revealCell}
      />
    );
  }

  dispose(): void {
    this.model.dispose();
    super.dispose();
  }
}

/** A new viewer of run `id`, polling until the run and the shown log are finished. */
export function createRunViewer(
  id: string,
  trans: TranslationBundle,
  openRun: (id: string) => void,
  revealCell: IRunViewerProps['revealCell'],
  saveNotebook?: (path: string) => Promise<boolean>
): MainAreaWidget<RunViewerContent> {
  const model = new RunViewerModel(id, saveNotebook);
  const widget = new MainAreaWidget({
    content: new RunViewerContent(model, trans, openRun, revealCell)
  });
  widget.id = `cellpipe-run-${id}`;
  widget.title.label = trans.__('Run %1', id);
  widget.title.closable = true;
  model.changed.connect(() => {
    const record = model.record;
    if (record) {
      // Tell runs of one pipeline apart: the id's last part (ids end in a random suffix).
      const short = record.id.split('-').pop();
      widget.title.label = `${record.pipeline} #${short} · ${record.status}`;
      widget.title.caption = trans.__(
        'Run %1 of %2',
        record.id,
        record.notebook
      );
    }
  });
  model.start();
  return widget;
}
