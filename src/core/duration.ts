/**
 * Durations, written and read by one set of rules for the whole project: the CLI's progress and
 * `cellpipe runs`, the lab's sidebar and run viewer, the `timeout:` tag and `--older-than`.
 */

/** `short` for the terminal (`3m05s`), `long` for the lab (`3 min 05 s`). */
export type DurationStyle = 'short' | 'long';

const WORDS: Record<DurationStyle, { s: string; m: string; h: string }> = {
  short: { s: 's', m: 'm', h: 'h' },
  long: { s: ' s', m: ' min ', h: ' h ' }
};

const two = (n: number): string => String(n).padStart(2, '0');

/**
 * Under 10 s in tenths (`0.4s`), under a minute in whole seconds (`12s`), under an hour in
 * minutes and seconds (`3m05s`), then in hours and minutes (`2h04m`). The value is rounded once,
 * to the precision shown, before it is split into units: 119.6 s reads `2m00s` (never `1m60s`)
 * and 9.97 s reads `10s` (never `10.0s`). Negative values read as 0; anything not finite as `–`.
 */
export function formatDuration(
  seconds: number,
  style: DurationStyle = 'short'
): string {
  if (!Number.isFinite(seconds)) {
    return '–';
  }
  const w = WORDS[style];
  const value = Math.max(0, seconds);
  const tenths = Math.round(value * 10);
  if (tenths < 100) {
    return `${(tenths / 10).toFixed(1)}${w.s}`;
  }
  const whole = Math.round(value);
  if (whole < 60) {
    return `${whole}${w.s}`;
  }
  if (whole < 3600) {
    return `${Math.floor(whole / 60)}${w.m}${two(whole % 60)}${w.s}`;
  }
  const minutes = Math.round(value / 60);
  return `${Math.floor(minutes / 60)}${w.h}${two(minutes % 60)}${w.m.trimEnd()}`;
}

/** Seconds per unit of a written duration. */
export const DURATION_UNITS: Readonly<Record<string, number>> = {
  s: 1,
  m: 60,
  h: 3600,
  d: 86_400,
  w: 604_800
};

const PART = /(\d+(?:\.\d+)?)([smhdw])/g;
const DURATION = /^(?:\d+(?:\.\d+)?[smhdw])+$/;

/**
 * A written duration in seconds, or null when the text is not one. A whole number alone is
 * seconds (`90`); otherwise one or more amounts, each with its unit s, m, h, d or w, added up:
 * `30s`, `10m`, `1.5h`, `1h30m`, `7d`, `2w`. Spaces around it are ignored, none inside.
 */
export function parseDuration(text: string): number | null {
  const trimmed = text.trim();
  if (/^\d+$/.test(trimmed)) {
    return Number(trimmed);
  }
  if (!DURATION.test(trimmed)) {
    return null;
  }
  let total = 0;
  for (const [, amount, unit] of trimmed.matchAll(PART)) {
    total += Number(amount) * DURATION_UNITS[unit];
  }
  // To the millisecond, so that 4.1m is 246 s, not 245.99999999999997.
  return Math.round(total * 1000) / 1000;
}
