/**
 * pandas' `df.query("age > @min_age")` and `df.eval(...)`, `pd.eval(...)` read the variables
 * named with `@` from the calling scope: a step that calls one reads them as if written in
 * Python. The names are found in the string's own text, outside the quotes it holds
 * (`"name == '@home'"` names no variable).
 */

/** Methods and functions whose first argument is such an expression. */
export const QUERY_METHODS: ReadonlySet<string> = new Set(['query', 'eval']);

/**
 * SQL, which other libraries' `query` methods take (BigQuery names its parameters `@name`
 * too): a statement's first word. A pandas expression starts with a column or a value.
 */
const SQL =
  /^\s*(?:select|with|insert|update|delete|merge|declare|create|drop|alter)\b/i;

/** Source offsets of each `@name` in the string literal at `from`..`to` of `source`. */
export function queryVariables(
  source: string,
  from: number,
  to: number
): { from: number; to: number }[] {
  const literal = source.slice(from, to);
  const opening = /^([A-Za-z]*)("""|'''|"|')/.exec(literal);
  if (!opening || /b/i.test(opening[1])) {
    return []; // not a string, or bytes (no expression)
  }
  const start = from + opening[0].length;
  const end = to - opening[2].length;
  const found: { from: number; to: number }[] = [];
  const token = /'[^']*'|"[^"]*"|@([A-Za-z_][A-Za-z0-9_]*)/g;
  const text = source.slice(start, end);
  if (SQL.test(text)) {
    return found;
  }
  for (const match of text.matchAll(token)) {
    if (match[1] !== undefined) {
      const at = start + (match.index ?? 0) + 1;
      found.push({ from: at, to: at + match[1].length });
    }
  }
  return found;
}
