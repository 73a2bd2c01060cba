/** Parsing of the small value languages used in tags: Kubernetes quantities (durations: ../duration). */

const QUANTITY =
  /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

/** Each suffix as a power of ten and a power of two: `m` is 10^-3, `Ki` 2^10. */
const SUFFIXES: Record<string, [number, number]> = {
  '': [0, 0],
  n: [-9, 0],
  u: [-6, 0],
  m: [-3, 0],
  k: [3, 0],
  M: [6, 0],
  G: [9, 0],
  T: [12, 0],
  P: [15, 0],
  E: [18, 0],
  Ki: [0, 10],
  Mi: [0, 20],
  Gi: [0, 30],
  Ti: [0, 40],
  Pi: [0, 50],
  Ei: [0, 60]
};

/**
 * A quantity as an exact fraction, numerator over denominator (`700m` is 700/1000, `0.7` is
 * 7/10): comparing floats would find 700m above 0.7. Null for a non-quantity.
 */
function quantityFraction(value: string): [bigint, bigint] | null {
  const match = QUANTITY.exec(value);
  if (!match) {
    return null;
  }
  const [, number, , exponent, suffix = ''] = match;
  const [whole, fraction = ''] = number.split('.');
  const [tens, twos] = SUFFIXES[suffix];
  const power = tens + Number(exponent?.slice(1) ?? 0) - fraction.length;
  const digits = BigInt((whole || '0') + fraction) * BigInt(2) ** BigInt(twos);
  return power >= 0
    ? [digits * BigInt(10) ** BigInt(power), BigInt(1)]
    : [digits, BigInt(10) ** BigInt(-power)];
}

/** -1, 0 or 1 as quantity `a` is less than, equal to or more than `b`; null for a non-quantity. */
export function compareQuantities(a: string, b: string): number | null {
  const x = quantityFraction(a);
  const y = quantityFraction(b);
  if (!x || !y) {
    return null;
  }
  const left = x[0] * y[1];
  const right = y[0] * x[1];
  return left < right ? -1 : left > right ? 1 : 0;
}

/** Whether a quantity is a whole number (`2`, `1k`; not `1.5` or `500m`). */
export function isWholeQuantity(value: string): boolean {
  const fraction = quantityFraction(value);
  return fraction !== null && fraction[0] % fraction[1] === BigInt(0);
}

/**
 * An extended resource (`nvidia.com/gpu`: a name with a domain) counts whole devices, which
 * Kubernetes does not split.
 */
export function isExtendedResource(resource: string): boolean {
  return resource.includes('/') && !resource.startsWith('kubernetes.io/');
}

/** Resources counted in bytes. */
const BYTE_RESOURCES = new Set(['memory', 'ephemeral-storage']);
/** Fewer bytes than any container runs in: a size written without its unit (`512` for 512Mi). */
const FEWEST_BYTES = '4Mi';

/**
 * What Kubernetes refuses in a container's resources: a fraction of an extended resource, a
 * request above its limit; and a memory or storage size that is a fraction of a byte (`500m`:
 * `m` is milli) or, as a warning, fewer bytes than a container runs in. Each `tag` is the setting
 * to change, as the notebook tags it.
 */
export function resourcesProblems(
  limits: Readonly<Record<string, string>>,
  requests: Readonly<Record<string, string>>
): { tag: string; message: string; warning?: true }[] {
  const problems: { tag: string; message: string; warning?: true }[] = [];
  for (const [key, amounts] of [
    ['limit', limits],
    ['request', requests]
  ] as const) {
    for (const [resource, value] of Object.entries(amounts)) {
      if (BYTE_RESOURCES.has(resource)) {
        const tag = `${key}:${resource}:${value}`;
        const number = value.replace(/[a-zA-Z]+$/, '');
        if (!isWholeQuantity(value)) {
          problems.push({
            tag,
            message: `${tag} is a fraction of a byte${value.endsWith('m') ? " ('m' is milli)" : ''}: write the size with a unit, for example ${key}:${resource}:${number}Mi`
          });
        } else if (compareQuantities(value, FEWEST_BYTES) === -1) {
          problems.push({
            tag,
            message: `${tag} is ${value} bytes, fewer than a container runs in: write the size with a unit, for example ${key}:${resource}:${number}Mi`,
            warning: true
          });
        }
      }
      if (isExtendedResource(resource) && !isWholeQuantity(value)) {
        const tag = `${key}:${resource}:${value}`;
        problems.push({
          tag,
          message: `${tag} is not a whole number: Kubernetes gives ${resource} in whole units`
        });
      }
    }
  }
  for (const [resource, request] of Object.entries(requests)) {
    const limit = limits[resource];
    const tag = `request:${resource}:${request}`;
    if (isExtendedResource(resource)) {
      // Kubernetes does not overcommit devices: a request needs the same limit.
      if (limit === undefined || compareQuantities(request, limit) !== 0) {
        problems.push({
          tag,
          message:
            limit === undefined
              ? `${tag} needs limit:${resource}:${request} too: Kubernetes takes ${resource} as a limit, with any request equal to it`
              : `${tag} is not limit:${resource}:${limit}: Kubernetes takes ${resource} as a limit, with any request equal to it`
        });
      }
    } else if (limit !== undefined && compareQuantities(request, limit) === 1) {
      problems.push({
        tag,
        message: `${tag} is more than limit:${resource}:${limit}: Kubernetes refuses a pod that asks for more than its limit`
      });
    }
  }
  return problems;
}
