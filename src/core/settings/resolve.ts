/**
 * Settings resolution (issue 3, point 6): built-in defaults, then notebook metadata
 * (`metadata.cellpipe`, else Kale's `kubeflow_notebook`, already mapped by
 * `readNotebookSettings`), then lab settings or CLI flags. Every value is checked here, so the
 * generators only ever see well-typed settings; a bad value is a UserError naming its source.
 */
import { IPipelineIR } from '../ir/pipeline';
import {
  INotebookSettings,
  ISecuritySettings,
  IStepSettings,
  IToleration,
  Target
} from './types';
import { DEFAULT_ARGO, DEFAULT_IMAGE, DEFAULT_SECURITY } from './defaults';
import {
  IArgoSettings,
  IKfpSettings,
  IPipelineSettings,
  ISettingsOverrides
} from './resolved';
import {
  checkImage,
  checkNamespace,
  checkStringMap,
  checkTolerations,
  SettingsChecker
} from './checks';
import { checkStepDefaults } from './step-defaults';

const TARGETS: Target[] = ['local', 'argo', 'kfp'];

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

function layer(
  settings: IPipelineSettings,
  given: INotebookSettings | ISettingsOverrides,
  check: SettingsChecker
): IPipelineSettings {
  const next: IPipelineSettings = { ...settings };
  const text = (key: string): string | undefined =>
    check.optionalString(given[key as keyof typeof given], key);
  next.name = text('name') ?? next.name;
  next.description = text('description') ?? next.description;
  const target = text('target');
  if (target !== undefined) {
    if (!TARGETS.includes(target as Target)) {
      throw check.error('target', `must be one of ${TARGETS.join(', ')}`);
    }
    next.target = target as Target;
  }
  const namespace = text('namespace');
  if (namespace !== undefined) {
    next.namespace = checkNamespace(namespace, check, 'namespace');
  }
  const image = text('image');
  if (image !== undefined) {
    next.image = checkImage(image, check, 'image');
  }
  next.experiment = text('experiment') ?? next.experiment;
  const serviceAccount = text('serviceAccount');
  if (serviceAccount !== undefined) {
    next.serviceAccount = checkNamespace(
      serviceAccount,
      check,
      'serviceAccount'
    );
  }
  next.python = text('python') ?? next.python;
  if (given.imagePullSecrets !== undefined) {
    next.imagePullSecrets = check
      .stringList(given.imagePullSecrets, 'imagePullSecrets')
      .map(name => checkNamespace(name, check, 'imagePullSecrets'));
  }
  if (given.nodeSelector !== undefined) {
    next.nodeSelector = checkStringMap(
      given.nodeSelector,
      check,
      'nodeSelector'
    );
  }
  if (given.tolerations !== undefined) {
    next.tolerations = checkTolerations(
      given.tolerations as IToleration[],
      check
    );
  }
  if (given.security !== undefined) {
    next.security = {
      ...next.security,
      ...checkSecurity(given.security, check)
    };
  }
  if (given.stepDefaults !== undefined) {
    next.stepDefaults = mergeStepSettings(
      next.stepDefaults,
      checkStepDefaults(given.stepDefaults, check)
    );
  }
  if (given.argo !== undefined) {
    next.argo = { ...next.argo, ...checkArgo(given.argo, check) };
  }
  if (given.kfp !== undefined) {
    next.kfp = { ...next.kfp, ...checkKfp(given.kfp, check) };
  }
  return next;
}

function checkSecurity(
  value: unknown,
  check: SettingsChecker
): Partial<ISecuritySettings> {
  const given = check.object(value, 'security');
  const result: Partial<ISecuritySettings> = {};
  const flags = [
    'runAsNonRoot',
    'allowPrivilegeEscalation',
    'dropAllCapabilities',
    'readOnlyRootFilesystem',
    'automountServiceAccountToken'
  ] as const;
  for (const key of flags) {
    if (given[key] !== undefined) {
      result[key] = check.boolean(given[key], `security.${key}`);
    }
  }
  for (const key of ['runAsUser', 'runAsGroup', 'fsGroup'] as const) {
    if (given[key] !== undefined) {
      result[key] = check.id(given[key], `security.${key}`);
    }
  }
  if (given.seccompProfile !== undefined) {
    const profile = given.seccompProfile;
    if (profile !== 'RuntimeDefault' && profile !== 'Unconfined') {
      throw check.error(
        'security.seccompProfile',
        'must be RuntimeDefault or Unconfined'
      );
    }
    result.seccompProfile = profile;
  }
  return result;
}

function checkArgo(
  value: unknown,
  check: SettingsChecker
): Partial<IArgoSettings> {
  const given = check.object(value, 'argo');
  const result: Partial<IArgoSettings> = {};
  if (given.dataPassing !== undefined) {
    if (given.dataPassing !== 'volume' && given.dataPassing !== 'artifacts') {
      throw check.error('argo.dataPassing', 'must be volume or artifacts');
    }
    result.dataPassing = given.dataPassing;
  }
  if (given.storageClass !== undefined) {
    result.storageClass = checkNamespace(
      check.string(given.storageClass, 'argo.storageClass'),
      check,
      'argo.storageClass'
    );
  }
  if (given.accessMode !== undefined) {
    const modes = ['ReadWriteOnce', 'ReadWriteMany', 'ReadWriteOncePod'];
    if (!modes.includes(given.accessMode as string)) {
      throw check.error(
        'argo.accessMode',
        `must be one of ${modes.join(', ')}`
      );
    }
    result.accessMode = given.accessMode as IArgoSettings['accessMode'];
  }
  if (given.volumeSize !== undefined) {
    result.volumeSize = check.quantity(given.volumeSize, 'argo.volumeSize');
  }
  if (given.sizeBudgetBytes !== undefined) {
    const budget = given.sizeBudgetBytes;
    if (!Number.isInteger(budget) || (budget as number) < 1024) {
      throw check.error('argo.sizeBudgetBytes', 'must be an integer ≥ 1024');
    }
    result.sizeBudgetBytes = budget as number;
  }
  if (given.uiUrl !== undefined) {
    result.uiUrl = check.url(given.uiUrl, 'argo.uiUrl');
  }
  return result;
}

function checkKfp(
  value: unknown,
  check: SettingsChecker
): Partial<IKfpSettings> {
  const given = check.object(value, 'kfp');
  const result: Partial<IKfpSettings> = {};
  if (given.endpoint !== undefined) {
    result.endpoint = check.url(given.endpoint, 'kfp.endpoint');
  }
  if (given.uiUrl !== undefined) {
    result.uiUrl = check.url(given.uiUrl, 'kfp.uiUrl');
  }
  return result;
}

/** The defaults, before any notebook or caller. */
export function defaultSettings(
  ir: Pick<IPipelineIR, 'pipeline'>
): IPipelineSettings {
  return {
    name: ir.pipeline.name,
    description: ir.pipeline.description,
    target: 'local',
    image: DEFAULT_IMAGE,
    imagePullSecrets: [],
    nodeSelector: {},
    tolerations: [],
    security: { ...DEFAULT_SECURITY },
    stepDefaults: emptyStepSettings(),
    argo: { ...DEFAULT_ARGO },
    kfp: {}
  };
}

/**
 * Resolves the settings of an analysed notebook. `overrides` are the lab settings or CLI flags,
 * the top layer. Throws a UserError naming the notebook and the setting for a bad value.
 */
export function resolveSettings(
  ir: Pick<IPipelineIR, 'pipeline' | 'settings' | 'notebook'>,
  overrides: ISettingsOverrides = {}
): IPipelineSettings {
  let settings = defaultSettings(ir);
  settings = layer(
    settings,
    ir.settings,
    new SettingsChecker(`notebook metadata`, ir.notebook)
  );
  // The IR already folded metadata name/description into `pipeline`; keep its cleaned values.
  settings.name = ir.pipeline.name;
  settings.description = ir.pipeline.description;
  return layer(
    settings,
    overrides,
    new SettingsChecker('settings', ir.notebook)
  );
}
