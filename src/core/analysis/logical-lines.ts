/**
 * Follows Python's physical lines as the tokenizer groups them into logical lines: inside
 * brackets, a multi-line string, or after a backslash, a line goes on the logical line before
 * it. IPython reads `%` and `!` as magics only at the start of a logical line (inside `(...)`
 * a line that starts with `%` is the modulo operator), and indentation counts only there.
 * It also notes what the tokenizer refuses: unterminated strings, unclosed brackets, closing
 * brackets that close nothing or the wrong one, and invisible characters outside strings and
 * comments.
 */
import { ILineEnd } from './joined-lines';

export interface ILayoutProblem {
  /** 1-based line CPython reports. */
  line: number;
  /** 0-based column, where CPython's message points at one character. */
  column?: number;
  message: string;
  /**
   * What CPython's tokenizer refuses (a character, a string or a bracket): where the parse
   * fails, CPython tokenizes the whole source and reports such an error before its parser's own
   * "invalid syntax", wherever each is.
   */
  tokenizer?: true;
  /**
   * An indentation CPython refuses where it reaches the line (an unexpected indent, a dedent to
   * no outer level, tabs and spaces it cannot compare): the parser's error on an earlier line
   * may be only where the grammar's recovery put it (first-syntax-error.ts).
   */
  indentation?: true;
  /** Where the statement with the problem starts, where not on `line` (a header over lines). */
  statementLine?: number;
  /**
   * For a bracket never closed: the brackets that close all those open at the end, innermost
   * first. Whether CPython names the bracket depends on where its parser fails
   * (first-syntax-error.ts).
   */
  closing?: string;
}

/**
 * Characters that tree-sitter-python skips as white space and CPython refuses outside strings
 * and comments ("invalid non-printable character"): most come in with text pasted from a web
 * page, a document or a spreadsheet, and none can be seen in the editor.
 */
const INVISIBLE =
  /[\v\u0085\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u2060\u3000\ufeff]/;

const INVISIBLE_NAMES: Record<string, string> = {
  '\v': 'a vertical tab',
  '\u00a0': 'a no-break space',
  '\u200b': 'a zero-width space',
  '\u2028': 'a line separator',
  '\u2029': 'a paragraph separator',
  '\u2060': 'a word joiner',
  '\u3000': 'an ideographic space',
  '\ufeff': 'a byte order mark'
};

/** CPython's message for an invisible character, with what it is and how to mend it. */
function invisibleCharacter(char: string): string {
  const code = char.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0');
  const what = INVISIBLE_NAMES[char] ?? 'a Unicode space';
  return `invalid non-printable character U+${code} (${what}, often pasted in with text; delete it, and type a plain space if one is needed)`;
}

/**
 * What the tokenizer is inside of, innermost last: a bracket; a string (an f-string's literal
 * text); a replacement field of an f-string (`{...}`, Python code); the format spec after its
 * `:` (text again, where `{...}` nests another field). PEP 701 (Python 3.12): a field of a
 * single-quoted f-string may run over lines, hold comments and reuse the string's quote.
 */
type Frame =
  | { kind: 'bracket'; line: number; column: number; char: string }
  | { kind: 'field'; line: number }
  | { kind: 'spec'; line: number }
  | {
      kind: 'string';
      line: number;
      /** Where it starts on its line, its prefix (`f`, `rb`) included. */
      column: number;
      closing: string;
      f: boolean;
      raw: boolean;
    };

/**
 * Code characters `inCode` has nothing to do for but note the last one that is not white space:
 * not a bracket, quote, `#`, backslash or `:`, nor a character outside printable ASCII (an
 * invisible one is refused) or white space other than spaces and tabs. Most of a line is these,
 * and skipping them with one match is several times faster than reading them one by one.
 */
const PLAIN_CODE = /[\w \t.,;=+\-*/%<>!&|^~@$?`]+/y;

/** String prefix letters; an `f` among them makes an f-string. */
const PREFIX = /[rRbBuUfF]{1,2}$/;

/** The opening bracket of each closing one, and the closing one of each opening one. */
const OPENER: Readonly<Record<string, string>> = {
  ')': '(',
  ']': '[',
  '}': '{'
};
const CLOSER: Readonly<Record<string, string>> = {
  '(': ')',
  '[': ']',
  '{': '}'
};

/** CPython's tokenizer limits: brackets open at once (MAXLEVEL), indentation levels (MAXINDENT). */
const MAX_BRACKETS = 200;
const MAX_INDENTS = 100;

export class LogicalLines {
  private readonly frames: Frame[] = [];
  /** Brackets open now, and whether more than CPython takes were open at some point. */
  private brackets = 0;
  private tooDeep = false;
  /** Whether a closing bracket closed nothing or another kind of bracket (checkCloser). */
  private mismatched = false;
  private continued = false;
  private line = 0;
  /** The last character of the last logical line outside strings and comments. */
  lastSignificant = '';
  /** Where the comment of the line just read starts, or -1. */
  commentAt = -1;
  /** Whether a colon outside brackets and strings was read since this was last set false. */
  topLevelColon = false;
  /** Problems found so far, in line order. */
  readonly problems: ILayoutProblem[] = [];

  get atStart(): boolean {
    return this.frames.length === 0 && !this.continued;
  }

  /**
   * Whether the line break after the line just read is inside brackets (or an f-string's
   * replacement field), and nothing else: not in a string, not after a backslash. Python reads
   * it as a space.
   */
  get breakInsideBrackets(): boolean {
    const top = this.top();
    return (
      (top?.kind === 'bracket' || top?.kind === 'field') && !this.continued
    );
  }

  private top(): Frame | undefined {
    const depth = this.frames.length;
    // frames[-1] would be a slow property lookup, not an array read
    return depth ? this.frames[depth - 1] : undefined;
  }

  /** Reads the next physical line (without its line break). */
  scan(line: string): void {
    this.line++;
    this.continued = false;
    this.commentAt = -1;
    let at = 0;
    while (at <= line.length) {
      const top = this.top();
      if (top?.kind === 'string') {
        at = this.inString(line, at, top);
      } else if (top?.kind === 'spec') {
        at = this.inSpec(line, at);
      } else {
        at = this.inCode(line, at);
      }
      if (at < 0) {
        return;
      }
    }
  }

  /** Python code from `at`: to the end of the line, or to where a string or a field ends. */
  private inCode(line: string, at: number): number {
    while (at < line.length) {
      PLAIN_CODE.lastIndex = at;
      if (PLAIN_CODE.test(line)) {
        // a run of characters that open or close nothing: only its last one that is not
        // white space matters
        const end = PLAIN_CODE.lastIndex;
        let last = end - 1;
        while (last >= at && (line[last] === ' ' || line[last] === '\t')) {
          last--;
        }
        if (last >= at) {
          this.lastSignificant = line[last];
        }
        at = end;
        if (at === line.length) {
          break;
        }
      }
      const char = line[at];
      if ((char > '~' || char === '\v') && INVISIBLE.test(char)) {
        this.problems.push({
          line: this.line,
          column: at,
          message: invisibleCharacter(char),
          tokenizer: true
        });
      }
      if (char === '#') {
        this.commentAt = at;
        return -1;
      }
      if (char === '"' || char === "'") {
        const closing = line.startsWith(char.repeat(3), at)
          ? char.repeat(3)
          : char;
        const prefix = PREFIX.exec(line.slice(Math.max(0, at - 2), at));
        const before = prefix ? line[at - prefix[0].length - 1] : undefined;
        const letters =
          prefix && !(before !== undefined && /\w/.test(before))
            ? prefix[0]
            : '';
        this.lastSignificant = char;
        this.frames.push({
          kind: 'string',
          line: this.line,
          column: at - letters.length,
          closing,
          f: /[fF]/.test(letters),
          raw: /[rR]/.test(letters)
        });
        return at + closing.length;
      }
      if (char === '\\' && at === line.length - 1) {
        this.continued = true;
        return -1;
      }
      const top = this.top();
      if (char === '(' || char === '[' || char === '{') {
        this.frames.push({
          kind: 'bracket',
          line: this.line,
          column: at,
          char
        });
        if (++this.brackets > MAX_BRACKETS && !this.tooDeep) {
          this.tooDeep = true;
          this.problems.push({
            line: this.line,
            column: at,
            message: 'too many nested parentheses',
            tokenizer: true
          });
        }
      } else if (char === ')' || char === ']') {
        this.checkCloser(char, at, top);
        if (top?.kind === 'bracket') {
          this.frames.pop();
          this.brackets--;
        }
      } else if (char === '}') {
        this.checkCloser(char, at, top);
        if (top?.kind === 'bracket' || top?.kind === 'field') {
          this.frames.pop();
          this.brackets -= top.kind === 'bracket' ? 1 : 0;
        }
        if (top?.kind === 'field') {
          this.lastSignificant = '}';
          return at + 1; // back in the f-string's text (or its format spec)
        }
      } else if (char === ':' && top?.kind === 'field') {
        this.frames.push({ kind: 'spec', line: this.line });
        return at + 1;
      } else if (char === ':' && top === undefined) {
        this.topLevelColon = true;
      }
      if (char !== ' ' && char !== '\t' && char !== '\f' && char !== '\r') {
        this.lastSignificant = char;
      }
      at++;
    }
    return -1;
  }

  /**
   * A closing bracket that closes nothing open, or not the bracket open last: CPython's
   * tokenizer refuses it there (`unmatched ')'`, `closing parenthesis ']' does not match
   * opening parenthesis '('`). Only the first such is a problem, and then no bracket is called
   * never closed; inside an f-string's replacement field the parser finds it.
   */
  private checkCloser(char: string, at: number, top: Frame | undefined): void {
    if (this.mismatched) {
      return;
    }
    let message: string;
    if (top === undefined) {
      message = `unmatched '${char}'`;
    } else if (top.kind !== 'bracket' || top.char === OPENER[char]) {
      return;
    } else if (this.frames.some(frame => frame.kind === 'field')) {
      return;
    } else {
      const where = top.line === this.line ? '' : ` on line ${top.line}`;
      message = `closing parenthesis '${char}' does not match opening parenthesis '${top.char}'${where}`;
    }
    this.mismatched = true;
    this.problems.push({
      line: this.line,
      column: at,
      message,
      tokenizer: true
    });
  }

  /** A string's text from `at`: to its closing quote, a replacement field, or the line's end. */
  private inString(
    line: string,
    at: number,
    string: Extract<Frame, { kind: 'string' }>
  ): number {
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === '\\') {
        const next = line[at + 1];
        if (string.f && !string.raw && next === 'N' && line[at + 2] === '{') {
          // \N{NAME}: its braces are the escape's, not a field's
          const close = line.indexOf('}', at + 3);
          at = close < 0 ? line.length : close;
        } else if (!string.f || (next !== '{' && next !== '}')) {
          at++; // the escaped character (a brace after a backslash is still a brace)
        }
      } else if (line.startsWith(string.closing, at)) {
        this.frames.pop();
        this.lastSignificant = '"';
        return at + string.closing.length;
      } else if (string.f && char === '{') {
        if (line[at + 1] === '{') {
          at++;
        } else {
          this.frames.push({ kind: 'field', line: this.line });
          return at + 1;
        }
      } else if (string.f && char === '}' && line[at + 1] === '}') {
        at++;
      }
    }
    if (string.closing.length === 1 && !line.endsWith('\\')) {
      // A single-quoted string ends with its line: drop it and what it was inside of.
      this.frames.splice(this.frames.indexOf(string));
      this.problems.push({
        line: this.line,
        ...(string.line === this.line && { column: string.column }),
        message: 'unterminated string literal',
        tokenizer: true
      });
    }
    return -1;
  }

  /** A format spec's text from `at`: to a nested field, the field's end or the line's end. */
  private inSpec(line: string, at: number): number {
    for (; at < line.length; at++) {
      const char = line[at];
      if (char === '\\') {
        at++;
      } else if (char === '{') {
        this.frames.push({ kind: 'field', line: this.line });
        return at + 1;
      } else if (char === '}') {
        this.frames.pop(); // the spec
        this.frames.pop(); // its field
        return at + 1;
      }
    }
    return -1;
  }

  /** Call after the last line: what is still open is an error. */
  end(): void {
    const triple = this.frames.find(
      (f): f is Extract<Frame, { kind: 'string' }> =>
        f.kind === 'string' && f.closing.length === 3
    );
    const innermost = this.top();
    if (triple) {
      this.problems.push({
        line: triple.line,
        column: triple.column,
        message: 'unterminated triple-quoted string literal',
        tokenizer: true
      });
    } else if (innermost?.kind === 'string') {
      // a single-quoted string whose last line ended in a backslash
      this.problems.push({
        line: innermost.line,
        column: innermost.column,
        message: 'unterminated string literal',
        tokenizer: true
      });
    } else if (innermost?.kind === 'bracket' && !this.mismatched) {
      // CPython's message and place: the innermost bracket open at the end
      const closing = this.frames
        .map(frame => (frame.kind === 'bracket' ? CLOSER[frame.char] : ''))
        .reverse()
        .join('');
      this.problems.push({
        line: innermost.line,
        column: innermost.column,
        message: `'${innermost.char}' was never closed`,
        closing
      });
    } else if (innermost && innermost.kind !== 'bracket') {
      // an f-string's replacement field or format spec left open
      this.problems.push({
        line: innermost.line,
        message: 'a bracket was never closed'
      });
    }
  }
}

/**
 * The problems of a cell's layout that the parser does not see: an unexpected indent, a
 * dedent to no outer level, a block left empty (`if x:` and no indented line: tree-sitter
 * accepts an empty block), and what `LogicalLines` finds. Tabs advance to the next multiple
 * of 8, as in CPython. The line breaks that end a logical line go into `ends` when given, and
 * the most levels of indentation the cell reaches into `depth.levels` (0: none indented).
 */
export function layoutProblems(
  python: string,
  ends?: ILineEnd[],
  depth?: { levels: number }
): ILayoutProblem[] {
  const logical = new LogicalLines();
  // CPython measures each indentation twice, a tab as up to 8 columns and as 1: where the two
  // disagree about deeper, level or shallower, it refuses the mix (TabError).
  const indents = [0];
  const alternates = [0];
  const lines = python.split('\n');
  let lineStart = 0;
  /** Whether the logical line being read starts a compound statement (`if x`, `def f(…)`). */
  let header = false;
  let headerStart = 0;
  /** Where the last logical line with code ends, if it started a compound statement. */
  let headerEnd: {
    line: number;
    column: number;
    statementLine: number;
  } | null = null;
  for (let i = 0; i < lines.length; i++) {
    const raw = lines[i];
    const line = raw.endsWith('\r') ? raw.slice(0, -1) : raw;
    if (logical.atStart) {
      const indent = indentation(line);
      if (indent !== null) {
        const problem = indentProblem(
          indent,
          indents,
          alternates,
          logical.lastSignificant === ':'
        );
        if (problem) {
          // `class A` and an indented body: CPython misses the colon where the header ends
          const colon = problem === 'unexpected indent' ? headerEnd : null;
          logical.problems.push({
            ...(colon ?? { line: i + 1 }),
            message: colon ? "expected ':'" : problem,
            ...(problem !== 'expected an indented block' && {
              indentation: true as const
            })
          });
          break;
        }
        header = COMPOUND_HEADER.test(line);
        headerStart = i + 1;
        headerEnd = null;
        logical.topLevelColon = false;
        if (depth && indents.length > depth.levels + 1) {
          depth.levels = indents.length - 1;
        }
      }
    }
    logical.scan(line);
    if (header && logical.atStart) {
      header = false;
      if (!logical.topLevelColon) {
        headerEnd = {
          line: i + 1,
          // CPython points at the comment, or after the code
          column:
            logical.commentAt >= 0 ? logical.commentAt : line.trimEnd().length,
          statementLine: headerStart
        };
      }
    }
    lineStart += raw.length + 1;
    if (ends && logical.atStart && i + 1 < lines.length) {
      ends.push({ offset: lineStart - 1, line: i + 1 });
    }
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

/** A line's indentation, a tab as up to 8 columns and as 1. */
interface IIndent {
  column: number;
  alternate: number;
}

/**
 * What CPython says of a line indented `indent` after the levels `indents` (and `alternates`,
 * the same with a tab as 1 column), which it updates; null when nothing is wrong.
 */
function indentProblem(
  indent: IIndent,
  indents: number[],
  alternates: number[],
  opensBlock: boolean
): string | null {
  const top = indents[indents.length - 1];
  const alternateTop = alternates[alternates.length - 1];
  if (opensBlock && indent.column <= top) {
    return 'expected an indented block';
  }
  if (indent.column > top) {
    if (!opensBlock) {
      return 'unexpected indent';
    }
    if (indent.alternate <= alternateTop) {
      return TAB_ERROR;
    }
    if (indents.length >= MAX_INDENTS) {
      return 'too many levels of indentation';
    }
    indents.push(indent.column);
    alternates.push(indent.alternate);
    return null;
  }
  while (indents[indents.length - 1] > indent.column) {
    indents.pop();
    alternates.pop();
  }
  if (indents[indents.length - 1] !== indent.column) {
    return 'unindent does not match any outer indentation level';
  }
  return alternates[alternates.length - 1] === indent.alternate
    ? null
    : TAB_ERROR;
}

const TAB_ERROR = 'inconsistent use of tabs and spaces in indentation';

/**
 * A logical line that starts a compound statement's header: where it has no colon and an
 * indented body follows, CPython says "expected ':'" where the header ends. `else` is left out:
 * CPython calls an `else` without its colon "invalid syntax".
 */
const COMPOUND_HEADER =
  /^[ \t\f]*(?:(?:async[ \t]+)?(?:def|for|with)|class|if|elif|while|try|except|finally)\b/;

/** Where a line's code starts; null for a blank, comment-only or backslash line. */
function indentation(line: string): IIndent | null {
  let column = 0;
  let alternate = 0;
  for (const char of line) {
    if (char === ' ') {
      column++;
      alternate++;
    } else if (char === '\t') {
      column = (Math.floor(column / 8) + 1) * 8;
      alternate++;
    } else if (char === '\f') {
      column = 0;
      alternate = 0;
    } else if (char === '#' || char === '\r' || char === '\\') {
      // A line of blanks ending in a backslash goes on the next line; CPython takes no
      // indentation from it.
      return null;
    } else {
      return { column, alternate };
    }
  }
  return null;
}
