/**
 * Which `open` calls open a file of Python's own: the builtin `open(p, mode)` and its
 * spellings in `io`, `builtins` and `codecs`, pathlib's `Path(p).open(mode)`, and the compressed
 * files of `gzip`, `bz2` and `lzma`. Any other `open` (PIL's `Image.open(p)`, a zip file's
 * `z.open(name)`, `webbrowser.open(url)`) gives something else.
 */
import { field, IPyNode } from './python-tree';
import { lastName } from './dotted-names';

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

/** Modules whose `open` gives a compressed file. */
const COMPRESSED_MODULES: ReadonlySet<string> = new Set([
  'gzip',
  'bz2',
  'lzma'
]);

/** What kind of file an `open` call opens: see fileOpen. */
export type FileOpen =
  { kind: 'builtin' | 'path' } | { kind: 'compressed'; module: string };

/**
 * The file a call of `callee` opens: `builtin` (the mode is the second argument), `path` (the
 * first) or `compressed` (the module's name given); null where it is no `open` of these.
 */
export function fileOpen(
  callee: IPyNode,
  text: (node: IPyNode) => string
): FileOpen | null {
  if (callee.type === 'identifier') {
    return text(callee) === 'open' ? { kind: 'builtin' } : null;
  }
  const method =
    callee.type === 'attribute' ? field(callee, 'attribute') : null;
  const receiver = callee.type === 'attribute' ? field(callee, 'object') : null;
  if (!method || !receiver || text(method) !== 'open') {
    return null;
  }
  if (receiver.type === 'identifier') {
    const module = text(receiver);
    return COMPRESSED_MODULES.has(module)
      ? { kind: 'compressed', module }
      : BUILTIN_OPEN_MODULES.has(module)
        ? { kind: 'builtin' }
        : null;
  }
  return isPath(receiver, text) ? { kind: 'path' } : null;
}

/** `Path(p)` or `pathlib.Path(p)` itself. */
function isPath(node: IPyNode, text: (node: IPyNode) => string): boolean {
  const callee = node.type === 'call' ? field(node, 'function') : null;
  const name = callee ? lastName(callee) : null;
  return name !== null && PATH_CLASSES.has(text(name));
}
