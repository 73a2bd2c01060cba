/** Parsing of the small value languages used in tags: Kubernetes quantities and durations. */

const QUANTITY =
  /^[+]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?(Ki|Mi|Gi|Ti|Pi|Ei|n|u|m|k|M|G|T|P|E)?$/;

export function isQuantity(value: string): boolean {
  return QUANTITY.test(value);
}

const UNIT_SECONDS: Record<string, number> = { s: 1, m: 60, h: 3600, d: 86400 };

/** `90` → 90, `30s`, `10m`, `2h`, `1h30m`, `1d` → seconds; null when it is not a duration. */
export function parseDurationSeconds(text: string): number | null {
  if (/^\d+$/.test(text)) {
    return Number(text);
  }
  if (!/^(\d+[smhd])+$/.test(text)) {
    return null;
  }
  let total = 0;
  for (const [, amount, unit] of text.matchAll(/(\d+)([smhd])/g)) {
    total += Number(amount) * UNIT_SECONDS[unit];
  }
  return total;
}
