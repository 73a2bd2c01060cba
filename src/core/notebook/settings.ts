/**
 * Pipeline settings from notebook metadata: `metadata.cellpipe`, or where that key is missing,
 * Kale's `metadata.kubeflow_notebook` mapped onto the same names (design §2).
 */
import { INotebookSettings } from '../settings/types';
import { isObject } from './model';
import { parseCellTags } from './tags';

export interface ISettingsRead {
  settings: INotebookSettings;
  /** Which metadata key they came from, for messages. */
  source: 'cellpipe' | 'kubeflow_notebook' | 'none';
  problems: string[];
  /** Settings read but not used (Kale's volumes), for warnings: nothing is dropped silently. */
  dropped: string[];
}

export function readNotebookSettings(
  metadata: Record<string, unknown>
): ISettingsRead {
  if (isObject(metadata.cellpipe)) {
    return {
      settings: { ...metadata.cellpipe },
      source: 'cellpipe',
      problems: [],
      dropped: []
    };
  }
  if (isObject(metadata.kubeflow_notebook)) {
    return fromKale(metadata.kubeflow_notebook);
  }
  return { settings: {}, source: 'none', problems: [], dropped: [] };
}

function fromKale(kale: Record<string, unknown>): ISettingsRead {
  const settings: INotebookSettings = {};
  const problems: string[] = [];
  const dropped: string[] = [];
  const text = (key: string): string | undefined => {
    const value = kale[key];
    return typeof value === 'string' && value.trim() !== '' ? value : undefined;
  };
  settings.name = text('pipeline_name');
  settings.description = text('pipeline_description');
  settings.image = text('docker_image');
  const experiment = isObject(kale.experiment) ? kale.experiment : {};
  settings.experiment =
    text('experiment_name') ??
    (typeof experiment.name === 'string' && experiment.name
      ? experiment.name
      : undefined);
  if (Array.isArray(kale.volumes) && kale.volumes.length) {
    settings.volumes = kale.volumes;
    dropped.push(
      `metadata.kubeflow_notebook.volumes: cellpipe does not mount Kale volumes, so ` +
        `${describeVolumes(kale.volumes)} ${kale.volumes.length === 1 ? 'is' : 'are'} not ` +
        'mounted in any step; steps pass data as artifacts instead (README, "Settings")'
    );
  } else if (kale.volumes !== undefined && !Array.isArray(kale.volumes)) {
    dropped.push(
      'metadata.kubeflow_notebook.volumes is not a list; it is ignored'
    );
  }
  if (Array.isArray(kale.steps_defaults)) {
    const tags = kale.steps_defaults.filter(
      (t): t is string => typeof t === 'string'
    );
    const parsed = parseCellTags(tags);
    settings.stepDefaults = parsed.settings;
    problems.push(...parsed.problems.map(p => `steps_defaults: ${p.message}`));
  }
  for (const key of Object.keys(settings)) {
    if (settings[key] === undefined) {
      delete settings[key];
    }
  }
  return { settings, source: 'kubeflow_notebook', problems, dropped };
}

/** `volume "data-pvc" at /data (pvc)`, for each Kale volume, as far as its fields say. */
function describeVolumes(volumes: unknown[]): string {
  const shown = volumes.slice(0, 5).map(volume => {
    const item = isObject(volume) ? volume : {};
    const name =
      typeof item.name === 'string' && item.name
        ? JSON.stringify(item.name.slice(0, 100))
        : '(unnamed)';
    const at =
      typeof item.mount_point === 'string' && item.mount_point
        ? ` at ${JSON.stringify(item.mount_point.slice(0, 200))}`
        : '';
    const type =
      typeof item.type === 'string' && item.type
        ? ` (${JSON.stringify(item.type.slice(0, 20))})`
        : '';
    return `volume ${name}${at}${type}`;
  });
  const more = volumes.length > 5 ? ` and ${volumes.length - 5} more` : '';
  return shown.join(', ') + more;
}
