/**
 * The file names a cell's code spells out as string literals, and which of them it writes: the
 * IR needs them to see a step reading a file that an unordered earlier step writes (steps hand
 * on variables, not files). Only plain literals count: an f-string, a URL or a glob is not a
 * file name one can follow, and neither is a string standing alone (a docstring). A name passed
 * to a call (`pd.read_csv(OUT)`) is kept too: the IR follows it where a shared cell binds it to a
 * file name (`OUT = "clean.csv"` in the imports or parameters cell).
 */
import { analysisTree, ICellAnalysis } from './cell-analysis';
import { IPyNode } from './python-tree';
import { Positions } from './positions';

export interface IFileName {
  path: string;
  /** True where the literal is the file of a call that writes it. */
  written: boolean;
  /** Where the literal starts: 1-based line, 0-based column. */
  line: number;
  column: number;
}

/** A name passed straight to a call, and whether that call writes the file it names. */
export interface IFileVariable {
  name: string;
  written: boolean;
  line: number;
  column: number;
}

interface ICellFiles {
  names: readonly IFileName[];
  variables: readonly IFileVariable[];
}

/** Calls that write the file named in their arguments (or in their receiver's, `Path(p).write_text`). */
const WRITERS =
  /^(to_[a-z_]+|save[a-z_]*|dump|savefig|savetxt|imwrite|imsave|write_text|write_bytes|urlretrieve)$/;
/** `open`'s modes that write. */
const WRITE_MODE = /[wax+]/;
const URL = /^[a-z][a-z0-9+.-]*:\/\//i;
const EXTENSION = /\.[A-Za-z][A-Za-z0-9]{0,7}$/;

/** A call by one of those names, in the text: what `mayWriteFile` looks for. */
const WRITER_CALL =
  /\b(open|to_[a-z_]+|save[a-z_]*|dump|savefig|savetxt|imwrite|imsave|write_text|write_bytes|urlretrieve)\s*\(/;

const cached = new WeakMap<ICellAnalysis, ICellFiles>();

/** Whether the code may write a file: false when no writing call appears in it at all. */
export function mayWriteFile(python: string): boolean {
  return WRITER_CALL.test(python);
}

/** The cell's file names in source order (kept as long as the analysis is). */
export function cellFileNames(analysis: ICellAnalysis): readonly IFileName[] {
  return cellFiles(analysis).names;
}

/** The names the cell passes straight to calls, in source order. */
export function cellFileVariables(
  analysis: ICellAnalysis
): readonly IFileVariable[] {
  return cellFiles(analysis).variables;
}

function cellFiles(analysis: ICellAnalysis): ICellFiles {
  let files = cached.get(analysis);
  if (!files) {
    files = fileNames(analysis.python, analysisTree(analysis));
    cached.set(analysis, files);
  }
  return files;
}

function fileNames(python: string, root: IPyNode): ICellFiles {
  const written = new Set<number>();
  const found: { node: IPyNode; path: string }[] = [];
  const passed: IPyNode[] = [];
  const visit = (node: IPyNode, parent: IPyNode | null) => {
    if (node.type === 'call') {
      markWritten(python, node, written);
    } else if (node.type === 'string') {
      const path = literalText(python, node);
      if (path !== null && isFileName(path) && !standsAlone(node, parent)) {
        found.push({ node, path });
      }
      return;
    } else if (node.type === 'identifier' && isArgument(node, parent)) {
      passed.push(node);
      return;
    }
    for (const child of node.children) {
      visit(child, node);
    }
  };
  visit(root, null);
  if (!found.length && !passed.length) {
    return { names: [], variables: [] };
  }
  const positions = new Positions(python);
  return {
    names: found.map(({ node, path }) => ({
      path,
      written: written.has(node.from),
      ...positions.at(node.from)
    })),
    variables: passed.map(node => ({
      name: python.slice(node.from, node.to),
      written: written.has(node.from),
      ...positions.at(node.from)
    }))
  };
}

/**
 * The file names a shared cell binds at its top level (`OUT = "clean.csv"`): steps that pass
 * such a name to a call use that file.
 */
export function cellFileConstants(
  analysis: ICellAnalysis
): Map<string, string> {
  const python = analysis.python;
  const constants = new Map<string, string>();
  for (const statement of analysisTree(analysis).children) {
    const assignment = statement.children[0];
    if (
      statement.type !== 'expression_statement' ||
      assignment?.type !== 'assignment'
    ) {
      continue;
    }
    const left = assignment.children.find(c => c.field === 'left');
    const right = assignment.children.find(c => c.field === 'right');
    const path = right ? literalText(python, right) : null;
    if (left?.type === 'identifier' && path !== null && isFileName(path)) {
      constants.set(python.slice(left.from, left.to), path);
    }
  }
  return constants;
}

/** A name passed straight to a call, by position or by keyword. */
function isArgument(node: IPyNode, parent: IPyNode | null): boolean {
  return (
    parent?.type === 'argument_list' ||
    (parent?.type === 'keyword_argument' && node.field === 'value')
  );
}

/** Marks the string arguments a writing call writes (their start offsets). */
function markWritten(python: string, call: IPyNode, written: Set<number>) {
  const callee = call.children.find(c => c.field === 'function');
  const args = call.children.find(c => c.field === 'arguments');
  if (!callee || !args) {
    return;
  }
  const name =
    callee.type === 'identifier'
      ? python.slice(callee.from, callee.to)
      : callee.type === 'attribute'
        ? attributeName(python, callee)
        : '';
  if (name === 'open') {
    const mode =
      keywordValue(python, args, 'mode') ?? positional(args)[1] ?? null;
    const text = mode ? literalText(python, mode) : null;
    const file = keywordValue(python, args, 'file') ?? positional(args)[0];
    if (text !== null && WRITE_MODE.test(text) && file) {
      written.add(file.from);
    }
    return;
  }
  if (!WRITERS.test(name)) {
    return;
  }
  for (const arg of args.children) {
    const value =
      arg.type === 'keyword_argument'
        ? arg.children.find(c => c.field === 'value')
        : arg;
    if (value?.type === 'string' || value?.type === 'identifier') {
      written.add(value.from);
    }
  }
  // `Path("out.txt").write_text(...)`: the file is the receiver's first argument.
  const receiver = callee.children.find(c => c.field === 'object');
  if (receiver?.type === 'call') {
    const first = positional(
      receiver.children.find(c => c.field === 'arguments') ?? receiver
    )[0];
    if (first) {
      written.add(first.from);
    }
  }
}

function attributeName(python: string, attribute: IPyNode): string {
  const name = attribute.children.find(c => c.field === 'attribute');
  return name ? python.slice(name.from, name.to) : '';
}

function positional(args: IPyNode): IPyNode[] {
  return args.children.filter(
    c =>
      c.named &&
      c.type !== 'keyword_argument' &&
      c.type !== 'list_splat' &&
      c.type !== 'dictionary_splat'
  );
}

function keywordValue(
  python: string,
  args: IPyNode,
  keyword: string
): IPyNode | undefined {
  for (const arg of args.children) {
    if (arg.type !== 'keyword_argument') {
      continue;
    }
    const name = arg.children.find(c => c.field === 'name');
    if (name && python.slice(name.from, name.to) === keyword) {
      return arg.children.find(c => c.field === 'value');
    }
  }
  return undefined;
}

/**
 * The text of a plain string literal (an `r` or `u` prefix allowed), or null: f-strings, bytes,
 * and escapes other than in a raw string are not followed.
 */
function literalText(python: string, node: IPyNode): string | null {
  if (node.type !== 'string' || node.children.length) {
    return null;
  }
  const text = python.slice(node.from, node.to);
  const opening = /^([rRuU]?)('''|"""|'|")/.exec(text);
  if (!opening || !text.endsWith(opening[2])) {
    return null;
  }
  const body = text.slice(opening[0].length, text.length - opening[2].length);
  if (!/r/i.test(opening[1]) && body.includes('\\')) {
    return null;
  }
  return body;
}

function isFileName(text: string): boolean {
  if (!text || text.length > 260 || /[\n\0{}*?]/.test(text) || URL.test(text)) {
    return false;
  }
  return EXTENSION.test(text) || text.includes('/');
}

/** A string that is a statement by itself: a docstring, or a note. */
function standsAlone(node: IPyNode, parent: IPyNode | null): boolean {
  return (
    parent?.type === 'expression_statement' && parent.children.length === 1
  );
}
