/**
 * The `k8sName` filter: validates a Kubernetes object name and renders it as a JSON string.
 * An invalid name is refused with a clear error; it is never rewritten into a valid one.
 */
import { UserError } from '../../errors';
import { toJsonText } from './json';

export type K8sNameKind = 'label' | 'subdomain';

const DNS1123_LABEL = /^[a-z0-9]([-a-z0-9]*[a-z0-9])?$/;
const MAX_LENGTH: Record<K8sNameKind, number> = { label: 63, subdomain: 253 };

function describe(name: string): string {
  return name.length > 80
    ? JSON.stringify(name.slice(0, 77)) + '...'
    : JSON.stringify(name);
}

/** Why `name` is not a DNS-1123 label or subdomain, or null when it is one. */
export function k8sNameProblem(
  name: unknown,
  kind: K8sNameKind = 'label'
): string | null {
  if (typeof name !== 'string') {
    return `a name must be a string, not ${name === null ? 'null' : typeof name}`;
  }
  if (name.length === 0) {
    return 'a name must not be empty';
  }
  if (name.length > MAX_LENGTH[kind]) {
    return `${describe(name)} is ${name.length} characters long; at most ${MAX_LENGTH[kind]} are allowed`;
  }
  const parts = kind === 'subdomain' ? name.split('.') : [name];
  if (!parts.every(part => DNS1123_LABEL.test(part))) {
    return (
      `${describe(name)} is not a valid Kubernetes name: use lower-case letters a-z, digits and '-'` +
      (kind === 'subdomain' ? " (and '.' between parts)" : '') +
      ', starting and ending with a letter or digit'
    );
  }
  return null;
}

/** Throws a UserError naming `what` (for example "step name") when `name` is invalid. */
export function checkK8sName(
  name: unknown,
  what = 'name',
  kind: K8sNameKind = 'label'
): string {
  const problem = k8sNameProblem(name, kind);
  if (problem !== null) {
    throw new UserError(`invalid ${what}: ${problem}`);
  }
  return name as string;
}

/** The filter: `{{ step.name | k8sName("step name") }}` renders `"load-data"`. */
export function k8sNameFilter(
  name: unknown,
  what = 'name',
  kind: K8sNameKind = 'label'
): string {
  return toJsonText(checkK8sName(name, what, kind));
}
