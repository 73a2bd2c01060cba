/**
 * Lab settings -> settings overrides. Resolution is defaults < notebook metadata < lab settings
 * (issue 3 point 6), so only what the user actually set in the lab settings is sent: a schema
 * default must never hide the notebook's own metadata.
 */
import { JSONExt } from '@lumino/coreutils';
import { DEFAULT_SECURITY } from '../../core/settings/defaults';
import { SettingsOverrides } from '../api/routes';

/** The lab settings (schema/plugin.json) that are pipeline settings, and where they go. */
const MAPPING: Record<string, (value: unknown) => SettingsOverrides> = {
  target: value => ({ target: value as SettingsOverrides['target'] }),
  image: value => ({ image: value as string }),
  namespace: value => ({ namespace: value as string }),
  imagePullSecrets: value => ({ imagePullSecrets: value as string[] }),
  volumes: value => ({ volumes: value as SettingsOverrides['volumes'] }),
  security: value => ({ security: value as SettingsOverrides['security'] }),
  argoUiUrl: value => ({ argo: { uiUrl: value } }),
  kfpEndpoint: value => ({ kfp: { endpoint: value } }),
  kfpUiUrl: value => ({ kfp: { uiUrl: value } }),
  localPython: value => ({ python: value })
};

function isSet(key: string, value: unknown): boolean {
  if (
    value === undefined ||
    value === null ||
    value === '' ||
    (Array.isArray(value) && value.length === 0)
  ) {
    return false;
  }
  // The Settings Editor form saves every value it shows, the schema's default security block
  // included: that block unchanged is not an override of the notebook's own settings.
  if (
    key === 'security' &&
    JSONExt.deepEqual(value as never, DEFAULT_SECURITY as never)
  ) {
    return false;
  }
  if (typeof value === 'object' && !Array.isArray(value)) {
    return Object.keys(value as object).length > 0;
  }
  return true;
}

/**
 * `user` is the user layer of the lab settings (`ISettingRegistry.ISettings.user`): only what the
 * user set, without schema defaults.
 */
export function labOverrides(
  user: Readonly<Record<string, unknown>>
): SettingsOverrides {
  const overrides: Record<string, unknown> = {};
  for (const [key, toOverride] of Object.entries(MAPPING)) {
    const value = user[key];
    if (!isSet(key, value)) {
      continue;
    }
    for (const [group, part] of Object.entries(toOverride(value))) {
      const previous = overrides[group];
      overrides[group] =
        typeof part === 'object' && part !== null && !Array.isArray(part)
          ? { ...((previous as object) ?? {}), ...part }
          : part;
    }
  }
  return overrides as SettingsOverrides;
}

/** The top-level pipeline settings the lab settings override (the form says so beside them). */
export function overriddenKeys(overrides: SettingsOverrides): Set<string> {
  const keys = new Set<string>(Object.keys(overrides));
  const security = overrides.security;
  if (security) {
    for (const key of Object.keys(security)) {
      keys.add(`security.${key}`);
    }
  }
  return keys;
}
