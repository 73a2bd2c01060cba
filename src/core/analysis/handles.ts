/**
 * Random generators and open files used across steps. `rng = random.Random(7)` in one step and
 * `rng.sample(xs, 3)` in each of two later ones: top to bottom the second sample goes on from the
 * state the first left, but a step hands on only the names it changes, so both later steps
 * take the generator as the first step saved it and draw the same numbers. A file read line by
 * line (`fh.readline()`) goes on from where the last read stopped in the same way.
 *
 * Most calls that change a generator are draws, which change any object they are called on
 * (RANDOM_DRAWS in mutators.ts). The calls here change a generator or a file, but the same
 * names elsewhere leave their object as it was: `df.sample(5)` copies rows, `path.read_text()`
 * reads. So the walker records the names a cell binds to a generator or a file
 * (ICellNames.handles) and the names it calls these methods on (ICellNames.handleCalls); the IR
 * counts a call as a change only where the cell that last bound the name made a handle
 * (ir/object-kinds.ts), as it does for drawings on figures (figures.ts).
 */

/**
 * Calls whose value is a random generator, an in-memory file or an iterator, by the called
 * name: Python's `random.Random()`, numpy's `default_rng()`, `RandomState()` and `Generator()`,
 * `torch.Generator()`; `io.StringIO()`, `io.BytesIO()`; `iter(rows)`, and the iterators `zip`,
 * `map`, `filter`, `enumerate` and `reversed` make, which `next()`, `islice()`, `list()` or
 * `dict()` consume. A file that `open` gives is one too (file-opens.ts tells which `open`).
 *
 * And `collections.defaultdict()`: reading a key it lacks adds the key (`if counts[w] > 0:`
 * adds `w` with its default), so a read by a key changes a defaultdict as a read changes a
 * file (the walker records every read by a key as ICellNames.handleCalls; only a handle's
 * count). A `Counter` answers 0 for a missing key and adds nothing.
 */
export const HANDLE_MAKERS: ReadonlySet<string> = new Set([
  'defaultdict',
  'Random',
  'default_rng',
  'RandomState',
  'Generator',
  'StringIO',
  'BytesIO',
  'iter',
  'zip',
  'map',
  'filter',
  'enumerate',
  'reversed'
]);

/**
 * Methods that change a generator or a file and leave other objects of the same method name
 * as they were: a sample drawn, a child generator spawned (it advances the seed sequence), a
 * read, a write or a seek (they move the file's position), a close.
 */
export const HANDLE_CALLS: ReadonlySet<string> = new Set([
  'sample',
  'spawn',
  'read',
  'read1',
  'readinto',
  'readline',
  'readlines',
  'write',
  'writelines',
  'seek',
  'truncate',
  'close'
]);

/**
 * Functions that only look at the objects given to them. Any other call given a handle or a
 * figure may change it (ICellNames.passedTo): `json.dump(d, fh)`, `df.to_csv(buf)` and
 * `list(fh)` move a file's position, scikit-learn's `random_state=rng` and a helper's
 * `simulate(rng)` draw from a generator, `style(ax)` may draw on the axes. These do not, except
 * through a keyword: `print(x, file=buf)` writes to `buf`.
 */
export const LOOKING_CALLS: ReadonlySet<string> = new Set([
  'print',
  'display',
  'repr',
  'str',
  'format',
  'type',
  'id',
  'hash',
  'len',
  'bool',
  'callable',
  'isinstance',
  'issubclass',
  'hasattr',
  'getattr',
  'vars',
  'dir',
  'copy',
  'deepcopy',
  // given a generator, these return it as it is
  'default_rng',
  'check_random_state'
]);
