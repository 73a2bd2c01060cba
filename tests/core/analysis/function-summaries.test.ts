/** What a module-level function's summary says of its parameters, and the calls a cell records. */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

test('parameters in order, how many take positions, and which the body changes in place', () => {
  const { functions } = analyzeCellSource(
    [
      'def f(a, /, b: list, c=1, *args: int, d, e: dict = {}, **kw):',
      '    a.append(1)',
      '    e["k"] = 2',
      '    kw.update(x=1)',
      '    b = []',
      '    b.append(3)',
      'def g(*, only):',
      '    only.sort()',
      'class K:',
      '    def m(self, v):',
      '        v.clear()'
    ].join('\n')
  ).names;
  expect(functions.f).toMatchObject({
    // `*args` after the positional ones: given the positional arguments left over
    parameters: ['a', 'b', 'c', 'args', 'd', 'e'],
    positional: 3,
    rest: 'args',
    // `b` is rebound first: assumed changed anyway (a needless save, never a stale value)
    mutatedParameters: ['a', 'e', 'b']
  });
  expect(functions.g).toMatchObject({
    parameters: ['only'],
    positional: 0,
    mutatedParameters: ['only']
  });
  expect(functions.K).toMatchObject({ parameters: [], mutatedParameters: [] });
});

test('module-level calls of names record their arguments’ root names, up to a splat, and those passed as an item by a key', () => {
  const { calls } = analyzeCellSource(
    [
      'clean(df.loc[0], 3, frames[1], log=notes, n=len(x))',
      'print(df)',
      'apply(*parts, df)',
      'def later():',
      '    clean(df)',
      '[clean(d) for d in dfs]'
    ].join('\n')
  ).names;
  expect(calls).toEqual([
    {
      function: 'clean',
      positional: ['df', null, 'frames'],
      keywords: [['log', 'notes']],
      keyed: ['frames'] // frames[1]; df.loc[0] is a part of df, not an item
    }
  ]);
});

test('the flag the IR builder reads: a function the cell defines changes a parameter', () => {
  expect(
    analyzeCellSource('def f(xs):\n    xs.append(1)').definesMutatingFunction
  ).toBe(true);
  expect(
    analyzeCellSource('def f(xs):\n    return xs + [1]').definesMutatingFunction
  ).toBe(false);
  expect(
    analyzeCellSource('class K:\n    def m(self, xs):\n        xs.append(1)')
      .definesMutatingFunction
  ).toBe(false);
});

const globalFlagCases: [string, boolean, boolean][] = [
  // source, definesGlobalUser, definesGlobalWriter
  ['def f(x):\n    return x + 1', false, false],
  ['def f(x):\n    return x + offset', true, false],
  ['def f():\n    np.random.seed(0)', true, true],
  ['def f():\n    global n\n    n = 1', true, true],
  ['class Counter:\n    def add(self):\n        self.n += 1', true, false],
  ['x = 1', false, false]
];

test.each(globalFlagCases)(
  'the flags the IR builder reads: %j uses globals %p, changes one %p',
  (source, definesGlobalUser, definesGlobalWriter) => {
    const analysis = analyzeCellSource(source);
    expect({
      definesGlobalUser: analysis.definesGlobalUser,
      definesGlobalWriter: analysis.definesGlobalWriter
    }).toEqual({ definesGlobalUser, definesGlobalWriter });
  }
);

test('the flag the IR builder reads: the text calls a function that may configure a module', () => {
  const configures = (source: string) =>
    analyzeCellSource(source).mayConfigureModule;
  expect(configures('sns.set()')).toBe(true);
  expect(configures('plt.style.use("ggplot")')).toBe(true);
  expect(configures('tqdm.pandas ()')).toBe(true);
  expect(configures('s = set()\nx = df.settings(1)')).toBe(false);
});

test('calls that pass a parameter on are kept, and close over the cell’s own functions', () => {
  const { functions } = analyzeCellSource(
    [
      'def prepare(frame, log, n):',
      '    add_total(frame)',
      '    tidy(log=log)',
      '    helper(other, n + 1)',
      'def add_total(frame):',
      '    frame["total"] = 1'
    ].join('\n')
  ).names;
  expect(functions.prepare.parameterCalls).toEqual([
    { function: 'add_total', positional: ['frame'], keywords: [] },
    { function: 'tidy', positional: [], keywords: [['log', 'log']] }
  ]);
  // add_total is defined after prepare, but in the same cell: prepare changes frame through it.
  expect(functions.prepare.mutatedParameters).toEqual(['frame']);
});
