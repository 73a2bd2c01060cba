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
