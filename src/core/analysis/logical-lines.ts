/**
 * Follows Python's physical lines as the tokenizer groups them into logical lines: inside
 * brackets, a multi-line string, or after a backslash, a line goes on the logical line before
 * it. IPython reads `%` and `!` as magics only at the start of a logical line (inside `(...)`
 * a line that starts with `%` is the modulo operator), and indentation counts only there.
 * It also notes what the tokenizer refuses: unterminated strings and unclosed brackets.
 */
export interface ILayoutProblem {
  /** 1-based line CPython reports. */
  line: number;
  message: string;
}

export class LogicalLines {
  /** The lines (1-based) of the brackets still open, innermost last. */
  private readonly open: number[] = [];
  /** The closing quote of the string the next line starts in, if any. */
  private openString: string | null = null;
  private stringLine = 0;
  private continued = false;
  private line = 0;
  /** The last character of the last logical line outside strings and comments. */
  lastSignificant = '';
  /** Where the comment of the line just read starts, or -1. */
  commentAt = -1;
  /** Problems found so far, in line order. */
  readonly problems: ILayoutProblem[] = [];

  get atStart(): boolean {
    return (
      this.open.length === 0 && this.openString === null && !this.continued
    );
  }

  /**
   * Whether the line break after the line just read is inside brackets, and nothing else: not
   * in a string, not after a backslash. Python reads it as a space.
   */
  get breakInsideBrackets(): boolean {
    return this.open.length > 0 && this.openString === null && !this.continued;
  }

  /** Reads the next physical line (without its line break). */
  scan(line: string): void {
    this.line++;
    this.continued = false;
    this.commentAt = -1;
    let at = 0;
    if (this.openString !== null) {
      at = this.stringEnd(line, 0, this.openString);
      if (at < 0) {
        return;
      }
      this.lastSignificant = '"';
    }
    while (at < line.length) {
      const char = line[at];
      if (char === '#') {
        this.commentAt = at;
        return;
      }
      if (char === '"' || char === "'") {
        const closing = line.startsWith(char.repeat(3), at)
          ? char.repeat(3)
          : char;
        this.stringLine = this.line;
        this.lastSignificant = char;
        at = this.stringEnd(line, at + closing.length, closing);
        if (at < 0) {
          if (closing.length === 1 && !line.endsWith('\\')) {
            this.openString = null;
            this.problems.push({
              line: this.line,
              message: 'unterminated string literal'
            });
          }
          return;
        }
        continue;
      }
      if (char === '\\' && at === line.length - 1) {
        this.continued = true;
        return;
      }
      if (char === '(' || char === '[' || char === '{') {
        this.open.push(this.line);
      } else if (char === ')' || char === ']' || char === '}') {
        this.open.pop();
      }
      if (char !== ' ' && char !== '\t' && char !== '\f' && char !== '\r') {
        this.lastSignificant = char;
      }
      at++;
    }
  }

  /** Call after the last line: what is still open is an error. */
  end(): void {
    if (this.openString !== null && this.openString.length === 3) {
      this.problems.push({
        line: this.stringLine,
        message: 'unterminated triple-quoted string literal'
      });
    } else if (this.open.length) {
      this.problems.push({
        line: this.open[this.open.length - 1],
        message: 'a bracket was never closed'
      });
    }
  }

  /** The offset after the `closing` quote from `from` on, or -1 (the string goes on). */
  private stringEnd(line: string, from: number, closing: string): number {
    for (let at = from; at < line.length; at++) {
      if (line[at] === '\\') {
        at++;
      } else if (line.startsWith(closing, at)) {
        this.openString = null;
        return at + closing.length;
      }
    }
    this.openString = closing;
    return -1;
  }
}

/**
 * The problems of a cell's layout that the parser does not see: an unexpected indent, a
 * dedent to no outer level, a block left empty (`if x:` and no indented line: tree-sitter
 * accepts an empty block), and what `LogicalLines` finds. Tabs advance to the next multiple
 * of 8, as in CPython.
 */
export function layoutProblems(python: string): ILayoutProblem[] {
  const logical = new LogicalLines();
  const indents = [0];
  const lines = python.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].endsWith('\r') ? lines[i].slice(0, -1) : lines[i];
    if (logical.atStart) {
      const indent = indentation(line);
      if (indent !== null) {
        const top = indents[indents.length - 1];
        const opensBlock = logical.lastSignificant === ':';
        if (opensBlock && indent <= top) {
          logical.problems.push({
            line: i + 1,
            message: 'expected an indented block'
          });
          break;
        }
        if (indent > top) {
          if (!opensBlock) {
            logical.problems.push({
              line: i + 1,
              message: 'unexpected indent'
            });
            break;
          }
          indents.push(indent);
        } else if (indent < top) {
          while (indents[indents.length - 1] > indent) {
            indents.pop();
          }
          if (indents[indents.length - 1] !== indent) {
            logical.problems.push({
              line: i + 1,
              message: 'unindent does not match any outer indentation level'
            });
            break;
          }
        }
      }
    }
    logical.scan(line);
  }
  if (
    !logical.problems.length &&
    logical.atStart &&
    logical.lastSignificant === ':'
  ) {
    // The last statement opens a block and nothing follows: CPython reports the last line.
    logical.problems.push({
      line: Math.max(1, lines.length - (python.endsWith('\n') ? 1 : 0)),
      message: 'expected an indented block'
    });
  }
  logical.end();
  return logical.problems;
}

/** The column a line's code starts at; null for a blank, comment-only or backslash line. */
function indentation(line: string): number | null {
  let column = 0;
  for (const char of line) {
    if (char === ' ') {
      column++;
    } else if (char === '\t') {
      column = (Math.floor(column / 8) + 1) * 8;
    } else if (char === '\f') {
      column = 0;
    } else if (char === '#' || char === '\r' || char === '\\') {
      // A line of blanks ending in a backslash goes on the next line; CPython takes no
      // indentation from it.
      return null;
    } else {
      return column;
    }
  }
  return null;
}
