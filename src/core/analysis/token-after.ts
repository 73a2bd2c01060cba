/** Reading a cell's text between tokens, where the copied tree keeps no comments. */

/** Where the next token after `offset` starts (blanks, line breaks, continuations and comments skipped). */
export function tokenAfter(offset: number, source: string): number {
  const blank = /(?:\s|#[^\n]*|\\\n)*/y;
  blank.lastIndex = offset;
  blank.test(source);
  return blank.lastIndex;
}
