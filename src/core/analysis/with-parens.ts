/**
 * Python 3.10's parenthesized context managers, `with (open(a) as f, open(b) as g):`, are not
 * in the @lezer/python grammar. `unparenthesizeWith` blanks those outer parentheses, and the
 * line breaks and comments between them, with spaces: the same length, so every offset stays
 * right, and the `with` items then parse as the one-line form the grammar knows.
 */

const WITH_PAREN = /^[ \t]*(?:async[ \t]+)?with[ \t]*\(/gm;

export function unparenthesizeWith(source: string): string {
  let chars: string[] | null = null;
  for (const match of source.matchAll(WITH_PAREN)) {
    const open = match.index + match[0].length - 1;
    const blanks = blanksInside(source, open);
    if (blanks) {
      chars ??= source.split('');
      for (const at of blanks) {
        chars[at] = ' ';
      }
    }
  }
  return chars ? chars.join('') : source;
}

/**
 * The offsets to blank for the parentheses opening at `open`: both parentheses, and the line
 * breaks and comments directly inside them; null unless `):` closes a with statement.
 */
function blanksInside(text: string, open: number): number[] | null {
  const blanks = [open];
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    const char = text[at];
    if (char === '"' || char === "'") {
      at = stringEnd(text, at);
    } else if (char === '#') {
      const end = text.indexOf('\n', at);
      const stop = end < 0 ? text.length : end;
      for (; at < stop; at++) {
        blanks.push(at);
      }
      at--;
    } else if (char === '\n' || char === '\r' || char === '\\') {
      blanks.push(at);
    } else if ('([{'.includes(char)) {
      depth++;
    } else if (')]}'.includes(char)) {
      depth--;
      if (depth === 0) {
        blanks.push(at);
        return /^[ \t]*:/.test(text.slice(at + 1)) ? blanks : null;
      }
    }
  }
  return null;
}

/** The offset of the last quote of the string literal starting at `start`. */
function stringEnd(text: string, start: number): number {
  const quote = text[start];
  const triple = text.startsWith(quote.repeat(3), start);
  const closing = triple ? quote.repeat(3) : quote;
  for (let at = start + closing.length; at < text.length; at++) {
    if (text[at] === '\\') {
      at++;
    } else if (text.startsWith(closing, at)) {
      return at + closing.length - 1;
    } else if (!triple && text[at] === '\n') {
      return at - 1;
    }
  }
  return text.length;
}
