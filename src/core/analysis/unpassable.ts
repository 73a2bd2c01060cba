/**
 * Values that no step can hand on. A step saves each name a later step reads with cloudpickle,
 * which refuses a file opened to write or in binary mode (`open(p, "w")`, `open(p, "rb")`), a
 * compressed file (`gzip.open(p)`) and a generator (`(x for x in rows)`): the run would fail at
 * the save. Where the binding shows it (a mode written out, a generator expression), the analysis
 * says so before the run (ir/unpassable-outputs.ts). A file opened to read text (`open(p)`) is
 * saved with its contents and position.
 */
import { field, IPyNode, namedChildren } from './python-tree';

/** Modules whose `open(path, mode)` is the builtin's (`io.open(p, "w")`). */
const BUILTIN_OPEN_MODULES: ReadonlySet<string> = new Set([
  'io',
  'builtins',
  'codecs'
]);

/** `Path(p).open(mode)`: pathlib's classes, whose `open` takes the mode first. */
const PATH_CLASSES: ReadonlySet<string> = new Set([
  'Path',
  'PosixPath',
  'WindowsPath'
]);

/** Modules whose files cloudpickle cannot save in any mode. */
const COMPRESSED_MODULES: ReadonlySet<string> = new Set([
  'gzip',
  'bz2',
  'lzma'
]);

/**
 * What the value of `value` is, where no step can hand it on and the code shows it; else null.
 * `text` gives a node's source.
 */
export function unpassableValue(
  value: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  if (value.type === 'generator_expression') {
    return 'a generator';
  }
  if (value.type !== 'call') {
    return null;
  }
  const callee = field(value, 'function');
  const args = field(value, 'arguments');
  const method =
    callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
  if (!callee || !method || text(method) !== 'open' || !args) {
    return null;
  }
  const receiver = callee.type === 'attribute' ? field(callee, 'object') : null;
  const module = receiver?.type === 'identifier' ? text(receiver) : null;
  if (module !== null && COMPRESSED_MODULES.has(module)) {
    return `a file opened with ${module}.open`;
  }
  // `open(p, "w")` and `io.open(p, "w")` take the path first, `Path(p).open("w")` the mode; any
  // other `open` (PIL's `Image.open(p)`, a zip file's) is not a file of Python's own.
  const modeAt =
    receiver === null || (module !== null && BUILTIN_OPEN_MODULES.has(module))
      ? 1
      : isPath(receiver, text)
        ? 0
        : -1;
  if (modeAt < 0) {
    return null;
  }
  const mode = modeArgument(args, modeAt, text);
  if (mode === null) {
    return null;
  }
  const literal = stringValue(mode, text);
  if (literal === null || !/^[rwxabt+]+$/.test(literal)) {
    return null;
  }
  if (/[wax]/.test(literal) && !literal.includes('+')) {
    return `a file opened to write ("${literal}")`;
  }
  if (literal.includes('b')) {
    return `a file opened in binary mode ("${literal}")`;
  }
  return null;
}

/** `Path(p)` or `pathlib.Path(p)` itself. */
function isPath(node: IPyNode, text: (node: IPyNode) => string): boolean {
  const callee = node.type === 'call' ? field(node, 'function') : null;
  const name =
    callee?.type === 'attribute' ? field(callee, 'attribute') : callee;
  return name?.type === 'identifier' && PATH_CLASSES.has(text(name));
}

/** The mode: `mode=`, else the positional argument at `position`. */
function modeArgument(
  args: IPyNode,
  position: number,
  text: (node: IPyNode) => string
): IPyNode | null {
  const positional: IPyNode[] = [];
  for (const arg of namedChildren(args)) {
    if (arg.type === 'keyword_argument') {
      const name = field(arg, 'name');
      if (name && text(name) === 'mode') {
        return field(arg, 'value');
      }
    } else {
      positional.push(arg);
    }
  }
  const at = positional[position];
  return at && !at.type.endsWith('splat') ? at : null;
}

/** A plain string literal's text between its quotes; null for anything else (f-strings too). */
function stringValue(
  node: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  if (node.type !== 'string') {
    return null;
  }
  const match = /^([rRuU]?)(['"])([^'"\\]*)\2$/.exec(text(node));
  return match ? match[3] : null;
}
