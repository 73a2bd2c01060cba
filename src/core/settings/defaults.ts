/** Built-in defaults, the bottom layer of settings resolution: the settings schema's defaults. */
import SCHEMA from './settings.schema.json';
import { ISecuritySettings } from './types';
import { IArgoSettings } from './resolved';

/** The `default`s of an object node's properties (those that have one). */
function defaults(node: { properties: object }): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(node.properties)
      .filter(([, child]) => child.default !== undefined)
      .map(([key, child]) => [key, child.default])
  );
}

/**
 * Meets Pod Security Standards `restricted`. uid 1000 / gid 100 is the Jupyter Docker Stacks
 * user (`jovyan`, group `users`), so common notebook images can read their own files.
 */
export const DEFAULT_SECURITY = defaults(
  SCHEMA.properties.security
) as unknown as ISecuritySettings;

export const DEFAULT_IMAGE: string = SCHEMA.properties.image.default;

export const DEFAULT_ARGO = defaults(
  SCHEMA.properties.argo
) as unknown as IArgoSettings;
