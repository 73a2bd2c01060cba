/**
 * The names a cell binds to a random generator, a file or an iterator (ICellNames.handles),
 * calls a handle's method on (handleCalls) and gives a call (passedTo).
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

const namesOf = (lines: string[]) =>
  analyzeCellSource(lines.join('\n') + '\n').names;

test("handles: generators and files made at module level, not other libraries' open (PIL's image, a zip member), and not a name bound again to something else", () => {
  const { handles } = namesOf([
    'rng = random.Random(7)',
    'gen = np.random.default_rng(0)',
    'legacy = np.random.RandomState(1)',
    'torch_gen = torch.Generator()',
    'fh = open("a.txt")',
    'packed = gzip.open("a.gz", "rt")',
    'buf = io.StringIO()',
    'it = iter(rows)',
    'lines = pathlib.Path("a.txt").open()',
    'img = Image.open("a.png")',
    'member = archive.open("a.txt")',
    'reused = open("b.txt")',
    'reused = pd.read_csv("b.csv")',
    'df = pd.DataFrame()',
    'def helper():',
    '    local = open("c.txt")'
  ]);
  expect(handles).toEqual([
    'rng',
    'gen',
    'legacy',
    'torch_gen',
    'fh',
    'packed',
    'buf',
    'it',
    'lines'
  ]);
});

test('handle calls: the methods that change a handle, loops over a name, and not in a function body', () => {
  const { handleCalls, mutations } = namesOf([
    'a = rng.sample(xs, 2)',
    'line = fh.readline()',
    'buf.write("x")',
    'part = df.sample(3)',
    'for row in reader:',
    '    print(row)',
    'for name in ["a"]:',
    '    print(name)',
    'def later():',
    '    return other.readline()',
    'total = df.sum()'
  ]);
  expect(handleCalls).toEqual(['rng', 'fh', 'buf', 'df', 'reader']);
  // no mutation in the cell: the IR decides by the binding (ir/object-kinds.ts)
  expect(mutations).toEqual([]);
});

test('passed to: names given to a call, by position or keyword, except where the call only looks at them or the cell bound the name itself (unless as another name); not in a function body', () => {
  const { passedTo, mutations } = namesOf([
    'part = df.sample(2, random_state=state)',
    'split(X, rng=gen, generator=torch_gen, random_state=42)',
    'json.dump(record, fh)',
    'print(shown, file=buf)',
    'ok = isinstance(rng, Random) and len(rows) > 0',
    'display(fig)',
    'same = np.random.default_rng(rng)',
    'lines = list(reader)',
    'style(axes[0], *extra, **options)',
    'rows = [1, 2]',
    'total = sum(rows)',
    'tied = out',
    'json.dump(record, tied)',
    'def later():',
    '    save(other)'
  ]);
  expect(passedTo).toEqual([
    'state',
    'X',
    'gen',
    'torch_gen',
    'record',
    'fh',
    'buf',
    'reader',
    'tied',
    'out'
  ]);
  expect(mutations).toEqual([]);
});
