/**
 * Values that no step can hand on. A step saves each name a later step reads with cloudpickle,
 * which refuses a file opened to write or in binary mode (`open(p, "w")`, `open(p, "rb")`), a
 * compressed file (`gzip.open(p)`) and a generator (`(x for x in rows)`): the run would fail at
 * the save, as it would for a database connection, a lock or a pool of workers
 * (unpicklable-makers.ts). Where the binding shows it (a mode written out, a generator
 * expression, a known maker called), the analysis says so before the run
 * (ir/unpassable-outputs.ts). A file opened to read text (`open(p)`) is saved with its contents
 * and position.
 */
import { readString } from '../ir/python-literal';
import { callArgument } from './call-arguments';
import { lastName } from './dotted-names';
import { fileOpen } from './file-opens';
import { field, IPyNode } from './python-tree';
import { unpicklableMade } from './unpicklable-makers';

/**
 * Methods that return a generator, named so by no common type but pandas' DataFrame:
 * `rows = df.iterrows()`, `df.itertuples()` (`df.items()` is not here: a dict's gives a view,
 * which cloudpickle saves).
 */
const GENERATOR_METHODS: ReadonlySet<string> = new Set([
  'iterrows',
  'itertuples'
]);

/** pandas' readers that give a reader of chunks, holding the file open, when asked for one. */
const CHUNK_READERS: ReadonlySet<string> = new Set([
  'read_csv',
  'read_table',
  'read_fwf',
  'read_json',
  'read_sas',
  'read_stata'
]);

/**
 * A reader that holds its file open: `pd.read_csv(p, chunksize=1000)` (or `iterator=True`)
 * gives a reader of chunks, `np.load("data.npz")` an archive read as it is indexed; null for
 * other calls. cloudpickle refuses both (the open file in them).
 */
function openReader(
  callee: IPyNode,
  args: IPyNode,
  text: (node: IPyNode) => string
): string | null {
  const name = lastName(callee);
  const called = name ? text(name) : '';
  if (CHUNK_READERS.has(called)) {
    const chunks = callArgument(args, -1, ['chunksize'], text);
    if (chunks !== null && text(chunks) !== 'None') {
      return `a reader of chunks holding its file open (${called} with chunksize)`;
    }
    const iterator = callArgument(args, -1, ['iterator'], text);
    if (iterator !== null && text(iterator) === 'True') {
      return `a reader of chunks holding its file open (${called} with iterator=True)`;
    }
    return null;
  }
  const path = callArgument(args, 0, ['file'], text);
  return called === 'load' &&
    /^(np|numpy)\.load$/.test(text(callee)) &&
    path !== null &&
    /\.npz["']$/.test(text(path))
    ? 'an .npz archive holding its file open (np.load)'
    : null;
}

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
  const made = callee ? unpicklableMade(callee, text) : null;
  if (made !== null) {
    return made;
  }
  const method =
    callee?.type === 'attribute' ? field(callee, 'attribute') : null;
  if (method && GENERATOR_METHODS.has(text(method))) {
    return `a generator (${text(method)}())`;
  }
  const args = field(value, 'arguments');
  const reader = callee && args ? openReader(callee, args, text) : null;
  if (reader !== null) {
    return reader;
  }
  const opened = callee ? fileOpen(callee, text) : null;
  if (!opened || !args) {
    return null;
  }
  if (opened.kind === 'compressed') {
    return `a file opened with ${opened.module}.open`;
  }
  // `open(p, "w")` and `io.open(p, "w")` take the path first, `Path(p).open("w")` the mode.
  const modeAt = opened.kind === 'builtin' ? 1 : 0;
  const mode = callArgument(args, modeAt, ['mode'], text);
  if (mode === null) {
    return null;
  }
  // a string literal (not an f-string or bytes: readString says why not, as a string)
  const read = mode.type === 'string' ? readString(text(mode)) : null;
  const literal = read !== null && typeof read !== 'string' ? read.value : null;
  if (typeof literal !== 'string' || !/^[rwxabt+]+$/.test(literal)) {
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
