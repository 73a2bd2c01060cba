/**
 * `\N` with no `{name}` after it. In a bytes literal it is a backslash and an N (bytes have no
 * named escapes: `b'\N\''` is valid), but tree-sitter-python's lexer takes `\N` as the start of
 * `\N{name}` in any literal and, where the literal goes on after it, fails to read the rest of the
 * statement. In a str literal CPython refuses it, which the string check says apart
 * (string-literals.ts, reading the source itself).
 *
 * When a parse fails, the source is parsed again with each such `\N` made `\M` (an escape no
 * literal has, read as its two characters; same length, so offsets stay those of the source).
 */
const BARE_NAMED_ESCAPE = /\\N(?!\{)/g;

/** The source with each bare `\N` made `\M`, or null when it has none. */
export function bareNamedEscapesMasked(source: string): string | null {
  if (!source.includes('\\N')) {
    return null;
  }
  const masked = source.replace(BARE_NAMED_ESCAPE, '\\M');
  return masked === source ? null : masked;
}
