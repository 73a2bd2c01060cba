/**
 * A code cell's tags as an editable form, and back: the role (step and its name, imports,
 * functions, pipeline-parameters, pipeline-metrics, skip, or continuing the step above), the
 * `prev:` steps, and the per-step settings the form edits (image, cpu/memory/GPU limits and
 * requests, retries, timeout). Tags the form does not edit (the user's own, labels,
 * annotations, cache) are kept as they were. Pure data, so tests need no lab.
 */
import { parseCellTags } from '../../core/notebook/tags';
import { fieldMessage } from './field-messages';

export type RoleKind =
  | 'continue'
  | 'step'
  | 'imports'
  | 'functions'
  | 'parameters'
  | 'metrics'
  | 'skip';

export interface ITagForm {
  role: RoleKind;
  /** The step name when `role` is `step`. */
  name: string;
  prev: string[];
  image: string;
  cpuLimit: string;
  memoryLimit: string;
  gpuLimit: string;
  cpuRequest: string;
  memoryRequest: string;
  retries: string;
  timeout: string;
}

const ROLE_TAG: Partial<Record<RoleKind, string>> = {
  imports: 'imports',
  functions: 'functions',
  parameters: 'pipeline-parameters',
  metrics: 'pipeline-metrics',
  skip: 'skip'
};

const GPU = 'nvidia.com/gpu';

/** Tags whose meaning the form owns; everything else is kept as it was. */
function ownedBy(tag: string): boolean {
  const trimmed = tag.trim();
  const key = trimmed.split(':', 1)[0];
  if (Object.values(ROLE_TAG).includes(trimmed)) {
    return true;
  }
  if (['step', 'block', 'prev', 'image', 'retry', 'timeout'].includes(key)) {
    return true;
  }
  if (key === 'limit' || key === 'request') {
    const resource = trimmed.slice(key.length + 1).split(':', 1)[0];
    return ['cpu', 'memory', GPU].includes(resource);
  }
  return false;
}

export function formFromTags(tags: readonly string[]): ITagForm {
  const parsed = parseCellTags(tags);
  const role = parsed.role;
  // Keep what the user wrote, even where it does not parse, so nothing is lost on display.
  const raw = (prefix: string) =>
    tags
      .find(t => t.trim().startsWith(prefix))
      ?.trim()
      .slice(prefix.length) ?? '';
  return {
    role: role.kind,
    name: role.kind === 'step' ? role.name : '',
    prev: [...parsed.prev],
    image: raw('image:'),
    cpuLimit: raw('limit:cpu:'),
    memoryLimit: raw('limit:memory:'),
    gpuLimit: raw(`limit:${GPU}:`),
    cpuRequest: raw('request:cpu:'),
    memoryRequest: raw('request:memory:'),
    retries: raw('retry:'),
    timeout: raw('timeout:')
  };
}

/**
 * The cell's new tags: the form's tags in a fixed order, then every tag the form does not own,
 * in its original order. A `block:` tag stays `block:` while the step name is unchanged.
 */
export function tagsFromForm(
  form: ITagForm,
  previous: readonly string[]
): string[] {
  const tags: string[] = [];
  if (form.role === 'step') {
    const legacy = previous.find(t => t.trim() === `block:${form.name}`);
    tags.push(legacy ?? `step:${form.name.trim()}`);
  } else if (ROLE_TAG[form.role]) {
    tags.push(ROLE_TAG[form.role] as string);
  }
  if (form.role === 'step' || form.role === 'continue') {
    for (const name of form.prev) {
      tags.push(`prev:${name}`);
    }
  }
  if (form.role === 'step') {
    const setting = (prefix: string, value: string) => {
      if (value.trim() !== '') {
        tags.push(`${prefix}${value.trim()}`);
      }
    };
    setting('image:', form.image);
    setting('limit:cpu:', form.cpuLimit);
    setting('limit:memory:', form.memoryLimit);
    setting(`limit:${GPU}:`, form.gpuLimit);
    setting('request:cpu:', form.cpuRequest);
    setting('request:memory:', form.memoryRequest);
    setting('retry:', form.retries);
    setting('timeout:', form.timeout);
  }
  // A cell that continued a step and still does keeps its step settings (the analyzer merges a
  // continuation's into its step's): the form shows none for it, so it must not drop them. A
  // step made a continuation drops its own, which would land on the step above.
  const continued =
    form.role === 'continue' &&
    parseCellTags(previous).role.kind === 'continue';
  const kept = (t: string) => !ownedBy(t) || (continued && isStepSetting(t));
  return [...tags, ...previous.filter(kept)];
}

/** `image:`, `limit:`, `request:`, `retry:`, `timeout:` tags. */
function isStepSetting(tag: string): boolean {
  const key = tag.trim().split(':', 1)[0];
  return ['image', 'limit', 'request', 'retry', 'timeout'].includes(key);
}

/**
 * What is wrong with the form, one message per field: the analyzer's checks, said in the
 * fields' words (field-messages.ts).
 * `stepsBelow`: the steps that start below the cell (a name they have is taken too).
 */
export function formProblems(
  form: ITagForm,
  stepsAbove: readonly string[],
  stepsBelow: readonly string[] = []
): Record<string, string> {
  const problems: Record<string, string> = {};
  if (form.role === 'step') {
    const name = form.name.trim();
    if (!/^[A-Za-z][A-Za-z0-9_-]{0,62}$/.test(name)) {
      problems.name =
        "use letters, digits, '_' and '-', start with a letter, at most 63 characters";
    } else if (stepsAbove.includes(name)) {
      problems.name = `a step '${name}' already exists above`;
    } else if (stepsBelow.includes(name)) {
      problems.name = `a step '${name}' already exists below`;
    }
  }
  const check = parseCellTags(tagsFromForm(form, []));
  for (const problem of check.problems) {
    if (problem.tag.startsWith('step:')) {
      continue; // the name field says what is wrong with the name
    }
    const field = problem.tag.startsWith('limit:cpu')
      ? 'cpuLimit'
      : problem.tag.startsWith('limit:memory')
        ? 'memoryLimit'
        : problem.tag.startsWith(`limit:${GPU}`)
          ? 'gpuLimit'
          : problem.tag.startsWith('request:cpu')
            ? 'cpuRequest'
            : problem.tag.startsWith('request:memory')
              ? 'memoryRequest'
              : problem.tag.startsWith('image')
                ? 'image'
                : problem.tag.startsWith('retry')
                  ? 'retries'
                  : problem.tag.startsWith('timeout')
                    ? 'timeout'
                    : 'tags';
    problems[field] = fieldMessage(
      field,
      problem.message,
      field in form ? String(form[field as keyof ITagForm]) : ''
    );
  }
  // Only where the form writes prev: tags (tagsFromForm drops them for the other roles).
  const keepsPrev = form.role === 'step' || form.role === 'continue';
  for (const name of keepsPrev ? form.prev : []) {
    if (!stepsAbove.includes(name)) {
      problems.prev = `prev: ${name} is not a step above this cell`;
    }
  }
  return problems;
}

/**
 * `tags` with each `prev:from` made `prev:to` (a step renamed from `from` to `to`), or null
 * when none names `from`.
 */
export function renamedPrevTags(
  tags: readonly string[],
  from: string,
  to: string
): string[] | null {
  let renamed = false;
  const next = tags.map(tag => {
    if (tag.trim() === `prev:${from}`) {
      renamed = true;
      return `prev:${to}`;
    }
    return tag;
  });
  return renamed ? next : null;
}
