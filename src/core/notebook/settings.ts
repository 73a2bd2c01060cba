/**
 * Pipeline settings from notebook metadata: `metadata.cellpipe`, or where that key is missing,
 * Kale's `metadata.kubeflow_notebook` mapped onto the same names (design §2).
 */
import { INotebookSettings } from '../settings/types';
import { kaleVolumes } from './kale-volumes';
import { isObject } from './model';
import { parseCellTags } from './tags';

export interface ISettingsRead {
  settings: INotebookSettings;
  /** Which metadata key they came from, for messages. */
  source: 'cellpipe' | 'kubeflow_notebook' | 'none';
  problems: string[];
  /** Settings read but not used (Kale volumes it cannot mount), for warnings: nothing is dropped. */
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
  if (Array.isArray(kale.volumes)) {
    const mapped = kaleVolumes(kale.volumes);
    if (mapped.volumes.length) {
      settings.volumes = mapped.volumes;
    }
    dropped.push(...mapped.dropped);
  } else if (kale.volumes !== undefined) {
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
