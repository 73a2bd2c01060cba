/**
 * Checks for setting values. Settings come from notebook metadata someone else wrote, from lab
 * settings and from CLI flags: all hostile. A bad value is refused, never mangled.
 */
import { UserError } from '../errors';
import { IToleration } from './types';

function isControlCharacter(char: string): boolean {
  const code = char.charCodeAt(0);
  return code < 0x20 || code === 0x7f;
}

/** Type checks that say which setting, from which source, is wrong. */
export class SettingsChecker {
  constructor(
    private readonly source: string,
    private readonly notebook: string
  ) {}

  error(key: string, problem: string): UserError {
    return new UserError(`${this.source}: ${key} ${problem}`, {
      notebook: this.notebook
    });
  }

  string(value: unknown, key: string): string {
    if (typeof value !== 'string') {
      throw this.error(key, 'must be a string');
    }
    if ([...value].some(isControlCharacter)) {
      throw this.error(key, 'must not contain control characters');
    }
    return value;
  }

  optionalString(value: unknown, key: string): string | undefined {
    return value === undefined || value === null
      ? undefined
      : this.string(value, key);
  }

  boolean(value: unknown, key: string): boolean {
    if (typeof value !== 'boolean') {
      throw this.error(key, 'must be true or false');
    }
    return value;
  }

  /** A uid or gid: an integer from 0 to 2^31-1. */
  id(value: unknown, key: string): number {
    if (
      !Number.isInteger(value) ||
      (value as number) < 0 ||
      (value as number) > 2147483647
    ) {
      throw this.error(key, 'must be an integer from 0 to 2147483647');
    }
    return value as number;
  }

  object(value: unknown, key: string): Record<string, unknown> {
    if (value === null || typeof value !== 'object' || Array.isArray(value)) {
      throw this.error(key, 'must be an object');
    }
    return value as Record<string, unknown>;
  }

  stringList(value: unknown, key: string): string[] {
    if (!Array.isArray(value)) {
      throw this.error(key, 'must be a list of strings');
    }
    return value.map((item, index) => this.string(item, `${key}[${index}]`));
  }

  quantity(value: unknown, key: string): string {
    const text =
      typeof value === 'number' ? String(value) : this.string(value, key);
    if (!QUANTITY.test(text)) {
      throw this.error(
        key,
        `is not a Kubernetes quantity: ${JSON.stringify(text)}`
      );
    }
    return text;
  }

  url(value: unknown, key: string): string {
    const text = this.string(value, key);
    if (!/^https?:\/\/[^\s]+$/.test(text)) {
      throw this.error(key, `must be an http(s) URL: ${JSON.stringify(text)}`);
    }
    return text.replace(/\/+$/, '');
  }
}

/** Kubernetes resource quantity (`500m`, `4Gi`, `1e3`, `2`). */
export const QUANTITY =
  /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+|[KMGTPE]i|[numkMGTPE])?$/;

/** DNS-1123 label: namespaces, service accounts, secrets, storage classes (≤ 63 chars). */
const DNS_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
/** DNS-1123 subdomain, for names that allow dots. */
const DNS_SUBDOMAIN =
  /^[a-z0-9]([-a-z0-9]*[a-z0-9])?(\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*$/;

export function checkNamespace(
  value: string,
  check: SettingsChecker,
  key: string
): string {
  const limit = key === 'namespace' ? 63 : 253;
  const pattern = key === 'namespace' ? DNS_LABEL : DNS_SUBDOMAIN;
  if (value.length > limit || !pattern.test(value)) {
    throw check.error(
      key,
      `${JSON.stringify(value.slice(0, 80))} is not a valid Kubernetes name ` +
        '(lower-case letters, digits and -, starting and ending with a letter or digit)'
    );
  }
  return value;
}

/** An image reference: `[registry[:port]/]path[:tag][@digest]`, no spaces or quotes. */
const IMAGE =
  /^[a-z0-9]+([._-][a-z0-9]+)*(:[0-9]+)?(\/[a-z0-9]+([._-]+[a-z0-9]+)*)*(:[A-Za-z0-9_][A-Za-z0-9_.-]{0,127})?(@[a-z0-9]+([+._-][a-z0-9]+)*:[a-fA-F0-9]{32,})?$/;

export function checkImage(
  value: string,
  check: SettingsChecker,
  key: string
): string {
  if (value.length > 512 || !IMAGE.test(value)) {
    throw check.error(
      key,
      `${JSON.stringify(value.slice(0, 80))} is not a container image reference`
    );
  }
  return value;
}

/** Label keys: optional DNS-subdomain prefix and a name of ≤ 63 characters. */
const LABEL_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]{0,61}[A-Za-z0-9])?$/;

export function isLabelKey(key: string): boolean {
  const slash = key.lastIndexOf('/');
  const prefix = slash >= 0 ? key.slice(0, slash) : undefined;
  const name = slash >= 0 ? key.slice(slash + 1) : key;
  if (
    prefix !== undefined &&
    (prefix.length > 253 || !DNS_SUBDOMAIN.test(prefix))
  ) {
    return false;
  }
  return LABEL_NAME.test(name);
}

/** Label values: empty, or ≤ 63 characters of `[A-Za-z0-9_.-]` starting and ending alphanumeric. */
export function isLabelValue(value: string): boolean {
  return value === '' || LABEL_NAME.test(value);
}

/**
 * A map whose keys are label-style names (`what` names them in the message: "resource name",
 * "annotation key"...; `kind`, what a valid one is), each value checked by `value`.
 */
export function checkNamedMap<T>(
  given: unknown,
  check: SettingsChecker,
  key: string,
  names: { what: string; kind: string },
  value: (item: unknown, at: string) => T
): Record<string, T> {
  const result: Record<string, T> = Object.create(null);
  for (const [name, item] of Object.entries(check.object(given, key))) {
    if (!isLabelKey(name)) {
      throw check.error(
        key,
        `${names.what} ${JSON.stringify(name.slice(0, 80))} is not a valid ${names.kind}`
      );
    }
    result[name] = value(item, `${key}.${name}`);
  }
  return result;
}

/** Labels and node selectors: label keys and label values. */
export function checkStringMap(
  value: unknown,
  check: SettingsChecker,
  key: string
): Record<string, string> {
  return checkNamedMap(
    value,
    check,
    key,
    { what: 'key', kind: 'label key' },
    (item, at) => {
      const text = check.string(item, at);
      if (!isLabelValue(text)) {
        throw check.error(
          at,
          `value ${JSON.stringify(text.slice(0, 80))} is not a valid label value`
        );
      }
      return text;
    }
  );
}

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

export function checkTolerations(
  value: unknown,
  check: SettingsChecker
): IToleration[] {
  if (!Array.isArray(value)) {
    throw check.error('tolerations', 'must be a list');
  }
  return value.map((item, index) => {
    const where = `tolerations[${index}]`;
    const given = check.object(item, where);
    const toleration: IToleration = {};
    if (given.key !== undefined) {
      const key = check.string(given.key, `${where}.key`);
      if (!isLabelKey(key)) {
        throw check.error(`${where}.key`, 'is not a valid label key');
      }
      toleration.key = key;
    }
    if (given.operator !== undefined) {
      if (given.operator !== 'Exists' && given.operator !== 'Equal') {
        throw check.error(`${where}.operator`, 'must be Exists or Equal');
      }
      toleration.operator = given.operator;
    }
    if (given.value !== undefined) {
      toleration.value = check.string(given.value, `${where}.value`);
    }
    if (given.effect !== undefined) {
      if (!EFFECTS.includes(given.effect as string)) {
        throw check.error(
          `${where}.effect`,
          `must be one of ${EFFECTS.join(', ')}`
        );
      }
      toleration.effect = given.effect as IToleration['effect'];
    }
    if (given.tolerationSeconds !== undefined) {
      if (!Number.isInteger(given.tolerationSeconds)) {
        throw check.error(`${where}.tolerationSeconds`, 'must be an integer');
      }
      toleration.tolerationSeconds = given.tolerationSeconds as number;
    }
    return toleration;
  });
}
