/**
 * Cell tags (design §2, Kale syntax): what role a cell plays and which per-step settings it
 * carries. Unknown tags are left alone: users have tags of their own.
 */
import { IStepSettings } from '../settings/types';
import { parseDuration } from '../duration';
import { isQuantity, resourcesProblems } from './values';
import { isImageReference } from '../settings/schema';

export type CellRole =
  | { kind: 'step'; name: string }
  | { kind: 'continue' }
  | { kind: 'imports' }
  | { kind: 'functions' }
  | { kind: 'parameters' }
  | { kind: 'metrics' }
  | { kind: 'skip' };

export interface ITagProblem {
  tag: string;
  message: string;
  /** A likely slip that leaves the cell as it was (`STEP:load`): a warning, not an error. */
  warning?: true;
}

/**
 * The keys of the tags that make a cell a step or order it, for `caseSlip`: a user's own
 * `Label:x` or `Image:figure-1` is not taken for one of the settings.
 */
const STEP_KEYS = new Set(['step', 'block', 'prev']);

export interface ICellTags {
  role: CellRole;
  /** True when the cell carries a role tag; false for an untagged cell that continues. */
  tagged: boolean;
  prev: string[];
  settings: IStepSettings;
  problems: ITagProblem[];
}

/**
 * The maps have no prototype: a key such as `__proto__` from a tag is then an entry like any
 * other (and refused by the checks) rather than vanishing into Object.prototype's setter.
 */
export function emptyStepSettings(): IStepSettings {
  return {
    limits: Object.create(null),
    requests: Object.create(null),
    labels: Object.create(null),
    annotations: Object.create(null)
  };
}

/** A Map, not an object: a tag such as `toString` must not find Object.prototype. */
const ROLE_TAGS = new Map<string, CellRole>([
  ['imports', { kind: 'imports' }],
  ['functions', { kind: 'functions' }],
  ['pipeline-parameters', { kind: 'parameters' }],
  ['pipeline-metrics', { kind: 'metrics' }],
  ['skip', { kind: 'skip' }]
]);

/**
 * papermill's tag for the cell of a notebook's parameters: a notebook run with papermill has
 * one, and its user means the same as `pipeline-parameters`, which the cell then still lacks.
 */
const PAPERMILL_PARAMETERS = 'parameters';

export function parseCellTags(tags: readonly string[]): ICellTags {
  const roles: { tag: string; role: CellRole }[] = [];
  const prev: string[] = [];
  const settings = emptyStepSettings();
  const problems: ITagProblem[] = [];
  for (const raw of tags) {
    const tag = raw.trim();
    const colon = tag.indexOf(':');
    const key = colon < 0 ? tag : tag.slice(0, colon);
    const rest = colon < 0 ? '' : tag.slice(colon + 1);
    const roleTag = colon < 0 ? ROLE_TAGS.get(tag) : undefined;
    if (roleTag) {
      roles.push({ tag, role: roleTag });
    } else if (key === 'step' && rest === '') {
      problems.push({
        tag,
        message: `tag '${tag}' names no step: write step:NAME, or remove the tag and the cell continues the step above`
      });
    } else if (key === 'step' || key === 'block') {
      // A bare legacy `block:` continues the step above, as in Kale.
      roles.push({
        tag,
        role: rest === '' ? { kind: 'continue' } : { kind: 'step', name: rest }
      });
    } else if (key === 'prev') {
      if (rest === '') {
        problems.push({ tag, message: `tag '${tag}' names no step` });
      } else if (!prev.includes(rest)) {
        prev.push(rest);
      }
    } else {
      const problem =
        applySettingTag(key, rest, settings) ?? caseSlip(tag, key);
      if (problem) {
        problems.push(
          typeof problem === 'string' ? { tag, message: problem } : problem
        );
      }
    }
  }
  problems.push(...resourcesProblems(settings.limits, settings.requests));
  if (
    tags.includes(PAPERMILL_PARAMETERS) &&
    !roles.some(r => r.role.kind === 'parameters' || r.role.kind === 'skip')
  ) {
    problems.push({
      tag: PAPERMILL_PARAMETERS,
      message: `tag '${PAPERMILL_PARAMETERS}' is papermill's: cellpipe makes a cell's values pipeline parameters with 'pipeline-parameters'; add that tag (papermill keeps reading its own)`,
      warning: true
    });
  }
  const distinct =
    roles.length < 2
      ? roles
      : roles.filter(
          (r, i) => roles.findIndex(o => sameRole(o.role, r.role)) === i
        );
  if (distinct.length > 1) {
    problems.push({
      tag: distinct.map(r => r.tag).join(', '),
      message: `a cell can play only one role, but it is tagged ${distinct.map(r => `'${r.tag}'`).join(' and ')}`
    });
  }
  const role = distinct.length
    ? distinct[0].role
    : { kind: 'continue' as const };
  return { role, tagged: distinct.length > 0, prev, settings, problems };
}

function sameRole(a: CellRole, b: CellRole): boolean {
  return (
    a.kind === b.kind &&
    (a.kind !== 'step' || a.name === (b as { name: string }).name)
  );
}

/** Applies one `key:value` setting tag; returns a problem message, or null (also for foreign tags). */
function applySettingTag(
  key: string,
  rest: string,
  settings: IStepSettings
): string | null {
  switch (key) {
    case 'limit':
    case 'request': {
      const [resource, value] = splitPair(rest);
      if (!resource || !value) {
        return `expected '${key}:RESOURCE:VALUE', for example '${key}:memory:4Gi'`;
      }
      if (!isQuantity(value)) {
        return `'${value}' is not a Kubernetes quantity (for example 500m, 2, 4Gi)`;
      }
      (key === 'limit' ? settings.limits : settings.requests)[resource] = value;
      return null;
    }
    case 'image':
      if (!rest || /\s/.test(rest)) {
        return `expected 'image:IMAGE', for example 'image:registry.example.com/team/py:3.11'`;
      }
      if (!isImageReference(rest)) {
        // as compiling for a cluster would refuse it (settings/step-settings.ts)
        return `'${rest}' is not a container image reference: [registry[:port]/]path[:tag][@digest], the path in lower case, for example 'image:registry.example.com/team/py:3.11'`;
      }
      settings.image = rest;
      return null;
    case 'label':
    case 'annotation': {
      const [name, value] = splitPair(rest);
      if (!name) {
        return `expected '${key}:KEY:VALUE'`;
      }
      (key === 'label' ? settings.labels : settings.annotations)[name] =
        value ?? '';
      return null;
    }
    case 'cache':
      if (rest !== 'enabled' && rest !== 'disabled') {
        return `expected 'cache:enabled' or 'cache:disabled'`;
      }
      settings.cache = rest === 'enabled';
      return null;
    case 'retry':
      if (!/^\d{1,3}$/.test(rest)) {
        return `expected 'retry:N' with N a whole number from 0 to 999`;
      }
      settings.retries = Number(rest);
      return null;
    case 'timeout': {
      const seconds = parseDuration(rest);
      // activeDeadlineSeconds is a whole number of seconds.
      if (seconds === null) {
        return `expected 'timeout:DURATION', for example 'timeout:30m', 'timeout:2h' or 'timeout:90' (seconds)`;
      }
      if (seconds <= 0 || !Number.isInteger(seconds)) {
        return `expected 'timeout:DURATION' of a whole number of seconds, 1 or more: '${rest}' is ${seconds} s`;
      }
      settings.timeoutSeconds = seconds;
      return null;
    }
    default:
      return null;
  }
}

/**
 * A tag of the user's own that is one of cellpipe's in other case (`STEP:load`, `Imports`): a
 * warning, as cellpipe's tags are lower case and the cell is not what the user meant.
 */
function caseSlip(tag: string, key: string): ITagProblem | null {
  const lowerKey = key.toLowerCase();
  if (key === lowerKey) {
    return null; // a foreign tag, or one of ours whose value has capitals (`limit:memory:4Gi`)
  }
  const meant = lowerKey + tag.slice(key.length);
  const ours =
    key === tag
      ? ROLE_TAGS.has(lowerKey)
      : STEP_KEYS.has(lowerKey) && meant.length > lowerKey.length + 1;
  return ours
    ? {
        tag,
        message: `tag '${tag}' is not one of cellpipe's, whose tags are lower case: did you mean '${meant}'?`,
        warning: true
      }
    : null;
}

/** `a:b:c` → ['a', 'b:c']: the first part never holds a colon, the value may. */
function splitPair(text: string): [string, string | undefined] {
  const colon = text.indexOf(':');
  return colon < 0
    ? [text, undefined]
    : [text.slice(0, colon), text.slice(colon + 1)];
}
