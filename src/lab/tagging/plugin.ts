/**
 * Cell tagging: the "Pipeline step" panel in the right area (loaded on first use) and step
 * badges on every notebook's cells.
 */
import {
  ILayoutRestorer,
  JupyterFrontEnd,
  JupyterFrontEndPlugin
} from '@jupyterlab/application';
import { INotebookTracker } from '@jupyterlab/notebook';
import { ITranslator, nullTranslator } from '@jupyterlab/translation';
import { pipelineIcon } from '../sidebar/icon';

export const TOGGLE_STEP_PANEL = 'cellpipe:edit-step';

export const taggingPlugin: JupyterFrontEndPlugin<void> = {
  id: 'cellpipe:tagging',
  description:
    'Tag cells as pipeline steps, and show step badges on the cells.',
  autoStart: true,
  requires: [INotebookTracker],
  optional: [ITranslator, ILayoutRestorer],
  activate: (
    app: JupyterFrontEnd,
    tracker: INotebookTracker,
    translator: ITranslator | null,
    restorer: ILayoutRestorer | null
  ) => {
    const trans = (translator ?? nullTranslator).load('cellpipe');
    tracker.widgetAdded.connect(async (_, panel) => {
      const { trackBadges } = await import('./badges');
      trackBadges(panel);
    });
    void import('./step-panel').then(({ StepPanel }) => {
      const panel = new StepPanel(tracker, trans);
      panel.title.icon = pipelineIcon;
      app.shell.add(panel, 'right', { rank: 600 });
      restorer?.add(panel, panel.id);
      app.commands.addCommand(TOGGLE_STEP_PANEL, {
        label: trans.__('Edit Pipeline Step of Cell'),
        describedBy: { args: { type: 'object', properties: {} } },
        execute: () => app.shell.activateById(panel.id)
      });
    });
  }
};
