/**
 * IPython magics and shell escapes are not Python (design §3.1). They are blanked out,
 * keeping line numbers, and `%pip install` / `!pip install` lines give the step's packages.
 */
export interface IMagicLine {
  /** 1-based line in the cell. */
  line: number;
  text: string;
  kind: 'pip' | 'line-magic' | 'shell' | 'cell-magic';
  /** A cell magic whose body is Python that runs (`%%time`): only the magic line is dropped. */
  bodyRuns?: true;
}

export interface IStrippedCell {
  /** The cell's Python, each magic line replaced by an empty line (or `pass` where indented). */
  python: string;
  packages: string[];
  magics: IMagicLine[];
}

import { LogicalLines } from './logical-lines';

/** Cell magics whose body is still Python that runs. */
const PYTHON_BODY_CELL_MAGICS = new Set(['time', 'capture', 'timeit', 'prun']);
/**
 * What IPython reads as a command at the start of a logical line: a magic (`%`), a shell escape
 * (`!`), help (`?x`, `??x`) and the autocall escapes (`/f 1`, `,f a b`, `;f a b`). No Python
 * statement starts with any of them.
 */
const MAGIC_LINE = /^\s*[%!?/,;]/;
/**
 * Help asked at the end of a line (`df.head?`, `x??`, `%time?`, `np.*load*?`): IPython makes the
 * whole line a `pinfo` call (`y = x?` binds nothing). Only a line that is a logical line of its
 * own, with no string, comment or open bracket, and the `?` last: otherwise the `?` stays and is
 * the syntax error IPython reports.
 */
const HELP_END =
  /^[^#'"\\]*?%{0,2}(?!\d)[\p{L}\p{N}_*]+(?:\.(?!\d)[\p{L}\p{N}_*]+)*\?\??$/u;
/**
 * `%time stmt`: indentation, then what follows `%time` (the statement, after a space); not a
 * compound statement, nor a shell command or magic (`%time !ls`), which stay dropped.
 */
const TIMED_STATEMENT =
  /^(\s*)%time(\s+(?![!%])(?!(?:for|while|if|with|try|def|class|async|match)\b)\S.*)$/;
const MAGIC_ASSIGNMENT =
  /^\s*[A-Za-z_][\w.]*(\s*,\s*[A-Za-z_][\w.]*)*\s*=\s*[!%]/;
const PIP = /^\s*(?:%|!)\s*(?:pip3?|python3?\s+-m\s+pip)\s+install\s+(.*)$/;
const OPTIONS_WITH_VALUE = new Set([
  '-r',
  '--requirement',
  '-c',
  '--constraint',
  '-i',
  '--index-url',
  '--extra-index-url',
  '-f',
  '--find-links',
  '-t',
  '--target',
  '--prefix',
  '--root',
  '-e',
  '--editable',
  '--trusted-host',
  '--platform',
  '--python-version'
]);

/**
 * Whether any line could be a magic: one starting with `%` or `!`, or an assignment from one
 * (`x = !ls`). Most cells have none, and then there is nothing to strip.
 */
const MAYBE_MAGIC = /^\s*[%!?/,;]|=\s*[%!]|\?$/m;

export function stripMagics(source: string): IStrippedCell {
  if (!MAYBE_MAGIC.test(source)) {
    return { python: source, packages: [], magics: [] };
  }
  return scanMagics(source);
}

/** `stripMagics` without the shortcut: reads the cell line by line. */
export function scanMagics(source: string): IStrippedCell {
  const lines = source.split('\n');
  const magics: IMagicLine[] = [];
  const packages: string[] = [];
  const firstCode = lines.findIndex(l => l.trim() !== '');
  if (firstCode >= 0 && lines[firstCode].trimStart().startsWith('%%')) {
    const name = /^%%(\w+)/.exec(lines[firstCode].trimStart())?.[1] ?? '';
    const keepBody = PYTHON_BODY_CELL_MAGICS.has(name);
    magics.push({
      line: firstCode + 1,
      text: lines[firstCode].trim(),
      kind: 'cell-magic',
      ...(keepBody ? { bodyRuns: true as const } : {})
    });
    for (let i = firstCode; i < lines.length; i++) {
      if (i === firstCode || !keepBody) {
        lines[i] = '';
      }
    }
  }
  const logical = new LogicalLines();
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i];
    if (
      !logical.atStart ||
      (!MAGIC_LINE.test(line) &&
        !MAGIC_ASSIGNMENT.test(line) &&
        !isHelpLine(line))
    ) {
      logical.scan(line);
      continue;
    }
    const timed = TIMED_STATEMENT.exec(line);
    if (timed && !line.trimEnd().endsWith('\\')) {
      // `%time stmt` runs the statement once in the notebook's namespace: so does the step.
      // `pass;` is as long as `%time`, so every column stays where it was.
      lines[i] = timed[1] + 'pass;' + timed[2];
      logical.scan(lines[i]);
      continue;
    }
    let text = line;
    const start = i;
    lines[i] = placeholder(line);
    while (text.trimEnd().endsWith('\\') && i + 1 < lines.length) {
      i++;
      text = text.trimEnd().slice(0, -1) + ' ' + lines[i].trim();
      lines[i] = '';
    }
    const pip = PIP.exec(text);
    if (pip) {
      packages.push(...pipPackages(pip[1]));
    }
    const kind = pip
      ? 'pip'
      : text.trimStart().startsWith('!')
        ? 'shell'
        : 'line-magic';
    magics.push({ line: start + 1, text: text.trim(), kind });
  }
  return { python: lines.join('\n'), packages: unique(packages), magics };
}

/** The requirement specifiers of a pip install command line (flags and their values dropped). */
export function pipPackages(args: string): string[] {
  const tokens = args.match(/"[^"]*"|'[^']*'|\S+/g) ?? [];
  const packages: string[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i].replace(/^["']|["']$/g, '');
    if (token.startsWith('#')) {
      break;
    }
    if (token.startsWith('-')) {
      if (OPTIONS_WITH_VALUE.has(token)) {
        i++;
      }
      continue;
    }
    if (/[{}$]/.test(token) || token === '') {
      continue;
    }
    packages.push(token);
  }
  return packages;
}

/** A line that asks for help at its end (HELP_END) and closes every bracket it opens. */
function isHelpLine(line: string): boolean {
  if (!line.endsWith('?') || !HELP_END.test(line)) {
    return false;
  }
  let depth = 0;
  for (const char of line) {
    depth += char === '(' || char === '[' || char === '{' ? 1 : 0;
    depth -= char === ')' || char === ']' || char === '}' ? 1 : 0;
  }
  return depth === 0;
}

/** `pass` at the line's own indentation keeps an enclosing block valid; at the top, nothing. */
function placeholder(line: string): string {
  const indent = /^\s*/.exec(line)![0];
  return indent ? indent + 'pass' : '';
}

function unique(values: string[]): string[] {
  return [...new Set(values)];
}
