/**
 * The one Nunjucks environment every generator renders with.
 *
 * - Templates never come from the file system: they are bundled as text (`import src from
 *   '../../../templates/x.njk'`) and registered by name with `registerTemplates`; `{% include %}`
 *   and `{% extends %}` resolve against that registry.
 * - `throwOnUndefined` is on and autoescaping is off (nothing is HTML).
 * - Every `{{ ... }}` must end in a serializing filter (filters/index.ts); a template that
 *   outputs a raw value is refused when it is registered.
 * - `trimBlocks` and `lstripBlocks` are on: a line holding only a `{% tag %}` leaves no trace.
 */
import nunjucks from 'nunjucks';
import { UserError } from '../errors';
import { SERIALIZING_FILTERS } from './filters/index';
import { findUnserializedOutputs } from './filters/output-check';

const OPTIONS = {
  autoescape: false,
  throwOnUndefined: true,
  trimBlocks: true,
  lstripBlocks: true,
  // Keeps the original error as `cause`, so a filter's UserError reaches the caller intact.
  dev: true
};

const sources = new Map<string, string>();

const memoryLoader: nunjucks.ILoader = {
  getSource(name: string): nunjucks.LoaderSource {
    const src = sources.get(name);
    if (src === undefined) {
      throw new Error(`template '${name}' is not registered`);
    }
    return { src, path: name, noCache: false };
  }
};

const environment = new nunjucks.Environment(memoryLoader, OPTIONS);
for (const [name, filter] of Object.entries(SERIALIZING_FILTERS)) {
  environment.addFilter(name, filter);
}

/**
 * Registers templates by name (`{'step.py.njk': source}`). Registering the same name again
 * with the same text is a no-op; with different text it is a programming error.
 */
export function registerTemplates(templates: Record<string, string>): void {
  for (const [name, source] of Object.entries(templates)) {
    const known = sources.get(name);
    if (known === source) {
      continue;
    }
    if (known !== undefined) {
      throw new Error(
        `template '${name}' is already registered with other text`
      );
    }
    const problems = findUnserializedOutputs(name, source, OPTIONS);
    if (problems.length) {
      throw new Error(
        `template '${name}' is unsafe:\n  ${problems.join('\n  ')}`
      );
    }
    sources.set(name, source);
  }
}

function rootCause(error: unknown): unknown {
  let current = error;
  while (
    current instanceof Error &&
    current.cause !== undefined &&
    !(current instanceof UserError)
  ) {
    current = current.cause;
  }
  return current;
}

/** Renders a registered template. A UserError thrown by a filter is rethrown as is. */
export function renderTemplate(name: string, context: object): string {
  if (!sources.has(name)) {
    throw new Error(`template '${name}' is not registered`);
  }
  try {
    return environment.render(name, context);
  } catch (error) {
    const cause = rootCause(error);
    if (cause instanceof UserError) {
      throw cause;
    }
    const message = error instanceof Error ? error.message : String(error);
    if (
      cause instanceof RangeError ||
      /RangeError: (Invalid string length|Maximum call stack)/.test(message)
    ) {
      // Not a bug to report but a pipeline too large for one document: say so (exit 2).
      throw new UserError(
        `the ${name.split('/')[0] === 'kfp' ? 'KFP' : 'Argo'} document is too large to ` +
          'build in memory; merge steps, shorten the step code, or split the notebook'
      );
    }
    throw new Error(`rendering template '${name}' failed: ${message}`);
  }
}
