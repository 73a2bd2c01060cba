/**
 * Step badges on the cells: the first cell of a step shows the step's name in its colour, the
 * cells that continue it a stripe of that colour; imports, functions, parameters, metrics and
 * skipped cells show their role. Recomputed when a notebook's cells or their tags change.
 */
import { NotebookPanel } from '@jupyterlab/notebook';
import { stepColours } from '../step-colour';
import { cellBadges } from './cell-steps';
import { notebookCells } from './notebook-cells';
import { watchSilentTagChanges } from '../silent-tag-changes';
import { BADGE_CLASS, updateToolbarStep } from './toolbar-step';

const STEP_CLASS = 'jp-cellpipe-mod-step';
const ROLE_LABELS: Record<string, string> = {
  imports: 'imports',
  functions: 'functions',
  parameters: 'parameters',
  metrics: 'metrics',
  skip: 'skip'
};

export function drawBadges(panel: NotebookPanel): void {
  const notebook = panel.content;
  const badges = cellBadges(notebookCells(notebook));
  const colours = stepColours(
    badges.flatMap(badge => (badge.kind === 'step' ? [badge.step] : []))
  );
  notebook.widgets.forEach((cell, index) => {
    const node = cell.node;
    const badge = badges[index];
    node.querySelector(`:scope > .${BADGE_CLASS}`)?.remove();
    node.classList.remove(STEP_CLASS);
    node.style.removeProperty('--jp-cellpipe-step-colour');
    delete node.dataset.cellpipeStep;
    if (badge.kind === 'none') {
      return;
    }
    const label = document.createElement('span');
    label.className = BADGE_CLASS;
    if (badge.kind === 'step') {
      node.classList.add(STEP_CLASS);
      node.style.setProperty(
        '--jp-cellpipe-step-colour',
        colours.get(badge.step) as string
      );
      node.dataset.cellpipeStep = badge.step;
      if (!badge.first) {
        return;
      }
      label.textContent = badge.step;
      label.classList.add('jp-mod-step');
    } else {
      label.textContent = ROLE_LABELS[badge.role];
      label.classList.add('jp-mod-role');
    }
    node.appendChild(label);
  });
  // only the active cell has a toolbar (JupyterLab's cell toolbar follows the active cell)
  const active = notebook.activeCell;
  if (active) {
    updateToolbarStep(active.node);
  }
}

/** Keeps a notebook panel's badges current. */
export function trackBadges(panel: NotebookPanel): void {
  let pending = false;
  const schedule = () => {
    if (!pending) {
      pending = true;
      requestAnimationFrame(() => {
        pending = false;
        if (!panel.isDisposed) {
          drawBadges(panel);
        }
      });
    }
  };
  const watchCells = () => {
    for (const cell of panel.content.widgets) {
      cell.model.metadataChanged.connect(schedule);
    }
    schedule();
  };
  void panel.context.ready.then(() => {
    panel.content.model?.cells.changed.connect(watchCells);
    watchCells();
    const stop = watchSilentTagChanges(panel, schedule);
    panel.disposed.connect(stop);
  });
}
