/**
 * A carriage return alone ends a line for CPython, as `\n` and `\r\n` do (its tokenizer
 * translates each to `\n`), and for the editor. The analysis reads lines at `\n` only (the
 * parser, the line checks, positions), so a cell written with old Mac line endings was one long
 * line to it, refused. Each lone `\r` becomes `\n`: the same length, so offsets and columns stay,
 * and the same program, since CPython reads it so too (inside a string literal as well).
 */
const LONE_CARRIAGE_RETURN = /\r(?!\n)/g;

export function withLineFeeds(source: string): string {
  return source.includes('\r')
    ? source.replace(LONE_CARRIAGE_RETURN, '\n')
    : source;
}
