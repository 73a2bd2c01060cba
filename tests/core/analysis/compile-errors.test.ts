/**
 * Errors CPython's compiler reports where the grammar takes the code: the analyzer reports them
 * on CPython's line, saying what CPython says (the differential test checks the lines against
 * CPython itself; this, the words a notebook user reads).
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

function firstError(source: string): { line: number; reason?: string } {
  const [error] = analyzeCellSource(source).names.syntaxErrors;
  return { line: error?.line ?? 0, reason: error?.reason };
}

describe('errors CPython reports when it compiles', () => {
  it.each([
    [
      'def f(a, b, a):\n    pass',
      1,
      "duplicate argument 'a' in function definition"
    ],
    [
      'def f(a,\n      *a):\n    pass',
      2,
      "duplicate argument 'a' in function definition"
    ],
    [
      'g = lambda x, x=1: x',
      1,
      "duplicate argument 'x' in function definition"
    ],
    [
      "plt.plot(x,\n         color='r',\n         color='b')",
      3,
      'keyword argument repeated: color'
    ],
    [
      'counter = 0\nglobal counter',
      2,
      "name 'counter' is assigned to before global declaration"
    ],
    [
      'def f():\n    print(total)\n    global total',
      3,
      "name 'total' is used prior to global declaration"
    ],
    ['def f(a):\n    global a', 2, "name 'a' is parameter and global"],
    [
      'def f():\n    global x\n    x: int = 1',
      3,
      "annotated name 'x' can't be global"
    ],
    ['def f():\n    nonlocal x', 2, "no binding for nonlocal 'x' found"],
    ['x = 1\nyield x', 2, "'yield' outside function"],
    [
      'def f():\n    return [(yield x) for x in y]',
      2,
      "'yield' inside list comprehension"
    ],
    [
      '*rest = values',
      1,
      'starred assignment target must be in a list or tuple'
    ],
    ['*a, *b = values', 1, 'multiple starred expressions in assignment']
  ])('%j', (source, line, reason) => {
    expect(firstError(source)).toEqual({ line, reason });
  });

  it.each([
    'def f(a, b, *args, c=1, **kwargs):\n    pass',
    'f(a=1, b=2, **{"a": 3})',
    'f(a, a, b=a)',
    'lambda: 0',
    'global counter\ncounter = 0',
    'import os\nglobal os',
    'def f():\n    def g():\n        nonlocal x\n    x = 1',
    'def f():\n    yield 1\ng = lambda: (yield)'
  ])('%j compiles', source => {
    expect(analyzeCellSource(source).names.syntaxErrors).toEqual([]);
  });
});
