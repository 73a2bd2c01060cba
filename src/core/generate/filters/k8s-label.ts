/**
 * The `k8sLabelKey` and `k8sLabelValue` filters: Kubernetes label (and annotation) keys and
 * label values, validated as the API server validates them and rendered as JSON strings.
 */
import { UserError } from '../../errors';
import { toJsonText } from './json';
import { k8sNameProblem } from './k8s-name';

const QUALIFIED_NAME = /^[A-Za-z0-9]([-A-Za-z0-9_.]*[A-Za-z0-9])?$/;
const NAME_RULE =
  "letters, digits, '-', '_' and '.', starting and ending with a letter or digit";

function shown(text: string): string {
  return text.length > 80
    ? JSON.stringify(text.slice(0, 77)) + '...'
    : JSON.stringify(text);
}

/** Why `key` is not a valid label or annotation key (`[prefix/]name`), or null. */
export function labelKeyProblem(key: unknown): string | null {
  if (typeof key !== 'string') {
    return `a key must be a string, not ${key === null ? 'null' : typeof key}`;
  }
  const slash = key.lastIndexOf('/');
  const name = key.slice(slash + 1);
  if (slash >= 0) {
    const prefixProblem = k8sNameProblem(key.slice(0, slash), 'subdomain');
    if (prefixProblem !== null) {
      return `the prefix of ${shown(key)} is invalid: ${prefixProblem}`;
    }
  }
  if (name.length === 0 || name.length > 63 || !QUALIFIED_NAME.test(name)) {
    return `${shown(key)} is not a valid key: its name part must be 1-63 ${NAME_RULE}`;
  }
  return null;
}

/** Why `value` is not a valid label value (empty, or up to 63 characters), or null. */
export function labelValueProblem(value: unknown): string | null {
  if (typeof value !== 'string') {
    return `a label value must be a string, not ${value === null ? 'null' : typeof value}`;
  }
  if (value !== '' && (value.length > 63 || !QUALIFIED_NAME.test(value))) {
    return `${shown(value)} is not a valid label value: use at most 63 ${NAME_RULE}`;
  }
  return null;
}

export function checkLabelKey(key: unknown, what = 'label key'): string {
  const problem = labelKeyProblem(key);
  if (problem !== null) {
    throw new UserError(`invalid ${what}: ${problem}`);
  }
  return key as string;
}

export function checkLabelValue(value: unknown, what = 'label value'): string {
  const problem = labelValueProblem(value);
  if (problem !== null) {
    throw new UserError(`invalid ${what}: ${problem}`);
  }
  return value as string;
}

export function labelKeyFilter(key: unknown, what?: string): string {
  return toJsonText(checkLabelKey(key, what));
}

export function labelValueFilter(value: unknown, what?: string): string {
  return toJsonText(checkLabelValue(value, what));
}
