/**
 * A name as Python reads it: identifiers are normalized to NFKC (PEP 3131), so `µ` (the micro
 * sign, which a Mac keyboard types) is the name `μ`, and `ﬁle` (a ligature) is `file`. ASCII
 * names, nearly all of them, are returned as they are.
 */
export function pythonName(text: string): string {
  // eslint-disable-next-line no-control-regex
  return /[^\x00-\x7f]/.test(text) ? text.normalize('NFKC') : text;
}
