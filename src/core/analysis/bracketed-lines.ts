/**
 * A second reading of a cell for one gap of tree-sitter-python: a line inside brackets indented
 * less than its block, right after an operator or a dot (`x = (a +` then `b)` at the left
 * margin). CPython ignores line breaks inside brackets; the grammar's scanner ends the block
 * there and reports an error. Writing each such break as a space, and blanking the comments
 * before them, gives the same Python at the same offsets, on fewer physical lines.
 */
import { LogicalLines } from './logical-lines';

/** `python` with its line breaks inside brackets made spaces; null when it has none. */
export function joinBracketedLines(python: string): string | null {
  const lines = python.split('\n');
  const logical = new LogicalLines();
  const breaks = lines.map(() => '\n');
  let joined = false;
  for (let i = 0; i < lines.length - 1; i++) {
    const line = lines[i];
    logical.scan(line.endsWith('\r') ? line.slice(0, -1) : line);
    if (!logical.breakInsideBrackets) {
      continue;
    }
    // A comment runs to the line's end: blanked, or the next line would join it.
    const code =
      logical.commentAt >= 0 ? line.slice(0, logical.commentAt) : line;
    lines[i] = code.replace(/\r$/, ' ').padEnd(line.length, ' ');
    breaks[i] = ' ';
    joined = true;
  }
  if (!joined) {
    return null;
  }
  breaks[lines.length - 1] = '';
  return lines.map((line, i) => line + breaks[i]).join('');
}
