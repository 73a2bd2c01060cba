/** Parsing of the small value languages used in tags: Kubernetes quantities (durations: ../duration). */

const QUANTITY =
  /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

const SUFFIXES: Record<string, number> = {
  '': 1,
  n: 1e-9,
  u: 1e-6,
  m: 1e-3,
  k: 1e3,
  M: 1e6,
  G: 1e9,
  T: 1e12,
  P: 1e15,
  E: 1e18,
  Ki: 2 ** 10,
  Mi: 2 ** 20,
  Gi: 2 ** 30,
  Ti: 2 ** 40,
  Pi: 2 ** 50,
  Ei: 2 ** 60
};

/** The amount a quantity stands for (`500m` is 0.5, `1Gi` 1073741824); NaN for a non-quantity. */
export function quantityValue(value: string): number {
  const match = QUANTITY.exec(value);
  if (!match) {
    return NaN;
  }
  const suffix = match[4] ?? '';
  return (
    Number(value.slice(0, value.length - suffix.length)) * SUFFIXES[suffix]
  );
}

/**
 * An extended resource (`nvidia.com/gpu`: a name with a domain) counts whole devices, which
 * Kubernetes does not split.
 */
export function isExtendedResource(resource: string): boolean {
  return resource.includes('/') && !resource.startsWith('kubernetes.io/');
}

/**
 * What Kubernetes refuses in a container's resources: a fraction of an extended resource, a
 * request above its limit. Each `tag` is the setting to change, as the notebook tags it.
 */
export function resourcesProblems(
  limits: Readonly<Record<string, string>>,
  requests: Readonly<Record<string, string>>
): { tag: string; message: string }[] {
  const problems: { tag: string; message: string }[] = [];
  for (const [key, amounts] of [
    ['limit', limits],
    ['request', requests]
  ] as const) {
    for (const [resource, value] of Object.entries(amounts)) {
      if (
        isExtendedResource(resource) &&
        !Number.isInteger(quantityValue(value))
      ) {
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
    if (limit !== undefined && quantityValue(request) > quantityValue(limit)) {
      const tag = `request:${resource}:${request}`;
      problems.push({
        tag,
        message: `${tag} is more than limit:${resource}:${limit}: Kubernetes refuses a pod that asks for more than its limit`
      });
    }
  }
  return problems;
}
