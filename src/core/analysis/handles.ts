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
 * Calls whose value is a random generator or an open file, by the called name: Python's
 * `random.Random()`, numpy's `default_rng()`, `RandomState()` and `Generator()`,
 * `torch.Generator()`; `open()` (also `io.open`, `gzip.open`, `bz2.open`, `Path.open`), and
 * in-memory files (`io.StringIO()`, `io.BytesIO()`).
 */
export const HANDLE_MAKERS: ReadonlySet<string> = new Set([
  'Random',
  'default_rng',
  'RandomState',
  'Generator',
  'open',
  'StringIO',
  'BytesIO'
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
 * Keywords through which a call is given a generator to draw from: scikit-learn's
 * `random_state=rng`, SciPy's `rng=`, PyTorch's `generator=g`. Given a generator (a number is no
 * handle), the call changes it, as a drawing changes the axes given as `ax=`.
 */
export const GENERATOR_KEYWORDS: ReadonlySet<string> = new Set([
  'random_state',
  'rng',
  'generator'
]);
