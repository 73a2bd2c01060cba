/**
 * Settings resolution (issue 3, point 6): built-in defaults, then notebook metadata
 * (`metadata.cellpipe`, else Kale's `kubeflow_notebook`, already mapped by
 * `readNotebookSettings`), then lab settings or CLI flags. Every layer is checked against the
 * settings schema (settings.schema.json) here, so the generators only ever see well-typed
 * settings; a bad value is a UserError naming its source, the notebook and the key.
 */
import { IPipelineIR } from '../ir/pipeline';
import { UserError } from '../errors';
import {
  INotebookSettings,
  IStepSettings,
  IToleration,
  IVolumeSetting
} from './types';
import {
  DEFAULT_ARGO,
  DEFAULT_IMAGE,
  DEFAULT_SECURITY,
  DEFAULT_TARGET
} from './defaults';
import {
  IArgoSettings,
  IKfpSettings,
  IPipelineSettings,
  ISettingsOverrides
} from './resolved';
import { dottedKey, SCHEMA, settingsProblem } from './schema';

function emptyStepSettings(): IStepSettings {
  return { limits: {}, requests: {}, labels: {}, annotations: {} };
}

/** Merges step defaults: maps merge key by key, scalars are replaced. */
export function mergeStepSettings(
  base: IStepSettings,
  top: Partial<IStepSettings> | undefined
): IStepSettings {
  if (!top) {
    return base;
  }
  return {
    ...base,
    ...dropUndefined(top),
    limits: { ...base.limits, ...(top.limits ?? {}) },
    requests: { ...base.requests, ...(top.requests ?? {}) },
    labels: { ...base.labels, ...(top.labels ?? {}) },
    annotations: { ...base.annotations, ...(top.annotations ?? {}) }
  };
}

function dropUndefined<T extends object>(value: T): Partial<T> {
  const result: Partial<T> = {};
  for (const [key, item] of Object.entries(value)) {
    if (item !== undefined) {
      (result as Record<string, unknown>)[key] = item;
    }
  }
  return result;
}

type Given = Record<string, unknown>;

/**
 * Only the keys the schema names, without unset ones (undefined, and null for text): a
 * notebook's other keys never reach the generators.
 */
function known(value: unknown, node: { properties: object }): Given {
  const result: Given = {};
  for (const key of Object.keys(node.properties)) {
    const item = (value as Given)[key];
    if (item !== undefined && item !== null) {
      result[key] = item;
    }
  }
  return result;
}

/** A map, copied without a prototype (a `__proto__` key stays a key). */
function map<T>(value: unknown, each: (item: unknown) => T): Record<string, T> {
  const result: Record<string, T> = Object.create(null);
  for (const [key, item] of Object.entries(value as Given)) {
    result[key] = each(item);
  }
  return result;
}

const text = (item: unknown) => item as string;
// A quantity may be given as a JSON number; Kubernetes reads its decimal text.
const quantity = (item: unknown) => String(item);
// Run links append to the base URL.
const baseUrl = (item: unknown) => (item as string).replace(/\/+$/, '');

const PROPERTIES = SCHEMA.properties;
const STEP = SCHEMA.definitions.stepSettings;

function stepDefaults(value: unknown): Partial<IStepSettings> {
  const given = known(value, STEP);
  const result: Partial<IStepSettings> = { ...given };
  for (const key of ['limits', 'requests'] as const) {
    if (given[key] !== undefined) {
      result[key] = map(given[key], quantity);
    }
  }
  for (const key of ['labels', 'annotations'] as const) {
    if (given[key] !== undefined) {
      result[key] = map(given[key], text);
    }
  }
  return result;
}

/** The volumes of a layer, each with only its known keys; two on one path are refused. */
function volumes(
  given: unknown[],
  source: string,
  notebook: string
): IVolumeSetting[] {
  const result = given.map(
    item => known(item, PROPERTIES.volumes.items) as unknown as IVolumeSetting
  );
  const paths = new Map<string, number>();
  result.forEach((volume, index) => {
    const first = paths.get(volume.mountPath);
    if (first !== undefined) {
      throw new UserError(
        `${source}: volumes[${index}].mountPath ${JSON.stringify(volume.mountPath)} ` +
          `is also the mountPath of volumes[${first}]; each volume needs its own path`,
        { notebook }
      );
    }
    paths.set(volume.mountPath, index);
  });
  return result;
}

/**
 * One layer over the settings below it, once the schema has passed it. Scalars replace, the
 * groups (security, argo, kfp, stepDefaults) merge key by key, lists and maps replace.
 */
function layer(
  settings: IPipelineSettings,
  given: INotebookSettings | ISettingsOverrides,
  source: string,
  notebook: string
): IPipelineSettings {
  const problem = settingsProblem(given, dottedKey);
  if (problem) {
    throw new UserError(
      problem.key
        ? `${source}: ${problem.key} ${problem.problem}`
        : `${source} ${problem.problem}`,
      { notebook }
    );
  }
  const top = known(given, SCHEMA);
  const next = { ...settings, ...top } as IPipelineSettings;
  if (top.imagePullSecrets !== undefined) {
    next.imagePullSecrets = [...(top.imagePullSecrets as string[])];
  }
  if (top.nodeSelector !== undefined) {
    next.nodeSelector = map(top.nodeSelector, text);
  }
  if (top.tolerations !== undefined) {
    next.tolerations = (top.tolerations as unknown[]).map(
      item => known(item, PROPERTIES.tolerations.items) as IToleration
    );
  }
  if (top.volumes !== undefined) {
    next.volumes = volumes(top.volumes as unknown[], source, notebook);
  }
  if (top.security !== undefined) {
    next.security = {
      ...settings.security,
      ...known(top.security, PROPERTIES.security)
    };
  }
  if (top.stepDefaults !== undefined) {
    next.stepDefaults = mergeStepSettings(
      settings.stepDefaults,
      stepDefaults(top.stepDefaults)
    );
  }
  if (top.argo !== undefined) {
    const argo: Partial<IArgoSettings> = known(top.argo, PROPERTIES.argo);
    if (argo.volumeSize !== undefined) {
      argo.volumeSize = quantity(argo.volumeSize);
    }
    if (argo.uiUrl !== undefined) {
      argo.uiUrl = baseUrl(argo.uiUrl);
    }
    next.argo = { ...settings.argo, ...argo };
  }
  if (top.kfp !== undefined) {
    const kfp: Partial<IKfpSettings> = known(top.kfp, PROPERTIES.kfp);
    for (const key of ['endpoint', 'uiUrl'] as const) {
      if (kfp[key] !== undefined) {
        kfp[key] = baseUrl(kfp[key]);
      }
    }
    next.kfp = { ...settings.kfp, ...kfp };
  }
  return next;
}

/** The defaults, before any notebook or caller. */
export function defaultSettings(
  ir: Pick<IPipelineIR, 'pipeline'>
): IPipelineSettings {
  return {
    name: ir.pipeline.name,
    description: ir.pipeline.description,
    target: DEFAULT_TARGET,
    image: DEFAULT_IMAGE,
    imagePullSecrets: [],
    nodeSelector: {},
    tolerations: [],
    volumes: [],
    security: { ...DEFAULT_SECURITY },
    stepDefaults: emptyStepSettings(),
    argo: { ...DEFAULT_ARGO },
    kfp: {}
  };
}

/**
 * Resolves the settings of an analysed notebook. `overrides` are the lab settings or CLI flags,
 * the top layer. Throws a UserError naming the notebook and the setting for a bad value, after
 * `notebookLayer` when the notebook's own settings hold it.
 */
export function resolveSettings(
  ir: Pick<IPipelineIR, 'pipeline' | 'settings' | 'notebook'>,
  overrides: ISettingsOverrides = {},
  notebookLayer = 'notebook metadata'
): IPipelineSettings {
  let settings = defaultSettings(ir);
  settings = layer(settings, ir.settings, notebookLayer, ir.notebook);
  // The IR already folded metadata name/description into `pipeline`; keep its cleaned values.
  settings.name = ir.pipeline.name;
  settings.description = ir.pipeline.description;
  return layer(settings, overrides, 'settings', ir.notebook);
}
