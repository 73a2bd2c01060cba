/**
 * Numbers written as Python's `int()` and `float()` read them from a string: an optional sign,
 * and digits that may be grouped by single underscores (PEP 515: `1_000`, `0.000_1`, `1e1_0`).
 * The step script converts `--param` values with `int()` and `float()`, so the CLI and the lab
 * take what it takes.
 */
const DIGITS = String.raw`\d+(?:_\d+)*`;

const INT_TEXT = new RegExp(String.raw`^[+-]?${DIGITS}$`);

const FLOAT_TEXT = new RegExp(
  String.raw`^[+-]?(?:${DIGITS}(?:\.(?:${DIGITS})?)?|\.${DIGITS})(?:[eE][+-]?${DIGITS})?$`
);

/** The integer `text` (trimmed) writes, or null when Python's int() would refuse it. */
export function pythonIntValue(text: string): number | null {
  const trimmed = text.trim();
  return INT_TEXT.test(trimmed) ? Number(trimmed.replace(/_/g, '')) : null;
}

/**
 * The finite number `text` (trimmed) writes, or null when Python's float() would refuse it
 * or read it as `inf` or `nan`.
 */
export function pythonFloatValue(text: string): number | null {
  const trimmed = text.trim();
  if (!FLOAT_TEXT.test(trimmed)) {
    return null;
  }
  const value = Number(trimmed.replace(/_/g, ''));
  return Number.isFinite(value) ? value : null;
}
