/**
 * The settings schema (settings.schema.json) as checks: its validators, compiled ahead of time by
 * scripts/settings-schema.mjs, and their first error as a message that names the setting, in the
 * words of the schema's `x-message`s. Settings come from notebook metadata someone else wrote,
 * from lab settings and from CLI flags: all hostile. A bad value is refused, never mangled.
 */
import SCHEMA from './settings.schema.json';
import { makeValidators } from './validate.generated';

export { SCHEMA };

/** The part of an ajv error (with ajv's `verbose`) that the messages use. */
interface ISchemaError {
  instancePath: string;
  keyword: string;
  params: Record<string, unknown>;
  /** The schema node that failed, as settings.schema.json has it (less what people read). */
  parentSchema: SchemaNode;
  /** The value that failed. */
  data: unknown;
}

type Validator = ((data: unknown) => boolean) & {
  errors?: ISchemaError[] | null;
};

type SchemaNode = Record<string, any>;

/** Names a setting from its path in the checked value: `security.runAsUser`, `limit:cpu`. */
export type KeyNamer = (path: string[], value: unknown) => string;

export interface ISettingsProblem {
  /** The setting, as the KeyNamer names it. */
  key: string;
  /** What is wrong, to follow the key: `must be a string`. */
  problem: string;
}

const TYPES: Record<string, string> = {
  string: 'must be a string',
  boolean: 'must be true or false',
  object: 'must be an object',
  array: 'must be a list',
  integer: 'must be an integer',
  number: 'must be a number'
};

/** `/a/b~1c` → ['a', 'b/c'] */
function pointer(path: string): string[] {
  return path
    .split('/')
    .slice(1)
    .map(part => part.replace(/~1/g, '/').replace(/~0/g, '~'));
}

const quoted = (text: string) => JSON.stringify(text.slice(0, 80));

/** A value as text (it may be any JSON, or an object without a prototype). */
const text = (value: unknown) =>
  value !== null && typeof value === 'object'
    ? JSON.stringify(value)
    : String(value);

/** A message template: `{value}`, `{name}`, `{allowed}` or a keyword of the node. */
function fill(
  template: string,
  node: SchemaNode,
  words: Record<string, () => string>
): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in words
      ? words[name]()
      : ['string', 'number'].includes(typeof node[name])
        ? String(node[name])
        : whole
  );
}

/** `must be A or B`, `must be one of A, B, C` */
function oneOf(values: unknown[]): string {
  const shown = values.filter(value => value !== null).map(String);
  return shown.length === 2
    ? `must be ${shown[0]} or ${shown[1]}`
    : `must be one of ${shown.join(', ')}`;
}

function describe(
  errors: ISchemaError[],
  value: unknown,
  name: KeyNamer
): ISettingsProblem {
  // A key refused by `propertyNames` reports the key's own failure first, then the map's: the
  // map's node knows what kind of key it wanted.
  const error =
    errors.find(item => item.keyword === 'propertyNames') ?? errors[0];
  const node = error.parentSchema;
  const path = pointer(error.instancePath);
  const words: Record<string, () => string> = {
    value: () => quoted(text(error.data)),
    name: () => quoted(String(error.params.propertyName ?? '')),
    allowed: () => Object.keys(node.properties ?? {}).join(', ')
  };
  if (error.keyword === 'additionalProperties') {
    path.push(String(error.params.additionalProperty).slice(0, 80));
  }
  const messages = node['x-message'];
  const custom =
    typeof messages === 'string' ? messages : messages?.[error.keyword];
  const problem = custom
    ? fill(custom, node, words)
    : error.keyword === 'enum'
      ? oneOf(node.enum)
      : error.keyword === 'type'
        ? TYPES[[node.type].flat()[0] as string]
        : `is not valid (${error.keyword})`;
  return { key: name(path, value), problem };
}

function check(
  validate: Validator,
  value: unknown,
  name: KeyNamer
): ISettingsProblem | null {
  if (validate(value)) {
    return null;
  }
  return describe(validate.errors ?? [], value, name);
}

let validators:
  { validateSettings: Validator; validateStepSettings: Validator } | undefined;

/** Built on first use, not at start-up (see scripts/settings-schema.mjs). */
function compiled() {
  validators ??= makeValidators() as NonNullable<typeof validators>;
  return validators;
}

/** The first problem of a settings layer (notebook metadata, lab settings, CLI flags). */
export function settingsProblem(
  value: unknown,
  name: KeyNamer
): ISettingsProblem | null {
  return check(compiled().validateSettings, value, name);
}

/** The first problem of a step's settings (its tags over the step defaults). */
export function stepSettingsProblem(
  value: unknown,
  name: KeyNamer
): ISettingsProblem | null {
  return check(compiled().validateStepSettings, value, name);
}

/** `tolerations[0].effect`: dotted keys, list items by index. */
export const dottedKey: KeyNamer = (path, value) => {
  let text = '';
  let node: unknown = value;
  for (const part of path) {
    text += Array.isArray(node) ? `[${part}]` : text === '' ? part : `.${part}`;
    node =
      node !== null && typeof node === 'object'
        ? (node as Record<string, unknown>)[part]
        : undefined;
  }
  return text;
};

const LABEL_KEY = new RegExp(SCHEMA.definitions.labelKey.pattern, 'u');
const LABEL_VALUE = new RegExp(SCHEMA.definitions.labelValue.pattern, 'u');

/** A Kubernetes label (or annotation) key, as the schema's `labelKey` says. */
export function isLabelKey(key: string): boolean {
  return LABEL_KEY.test(key);
}

/** A Kubernetes label value, as the schema's `labelValue` says. */
export function isLabelValue(value: string): boolean {
  return LABEL_VALUE.test(value);
}

const IMAGE = SCHEMA.definitions.image;
const IMAGE_REFERENCE = new RegExp(IMAGE.pattern, 'u');

/** A container image reference, as the schema's `image` says (Kubernetes pulls it so). */
export function isImageReference(value: string): boolean {
  return value.length <= IMAGE.maxLength && IMAGE_REFERENCE.test(value);
}
