/**
 * Built-in defaults, the bottom layer of settings resolution: the settings schema's defaults
 * (settings.schema.json), extracted by scripts/settings-schema.mjs so that what loads them (the
 * lab, at start) need not load the whole schema.
 */
import DEFAULTS from './defaults.generated.json';
import { ISecuritySettings, Target } from './types';
import { IArgoSettings } from './resolved';

/**
 * Meets Pod Security Standards `restricted`. uid 1000 / gid 100 is the Jupyter Docker Stacks
 * user (`jovyan`, group `users`), so common notebook images can read their own files.
 */
export const DEFAULT_SECURITY = DEFAULTS.security as ISecuritySettings;

export const DEFAULT_IMAGE: string = DEFAULTS.image;

/** Where a pipeline runs when nothing says otherwise: on the user's own machine. */
export const DEFAULT_TARGET: Target = 'local';

export const DEFAULT_ARGO = DEFAULTS.argo as IArgoSettings;
