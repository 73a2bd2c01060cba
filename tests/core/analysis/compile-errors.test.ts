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
    ]
  ])('%j', (source, line, reason) => {
    expect(firstError(source)).toEqual({ line, reason });
  });

  it.each([
    'def f(a, b, *args, c=1, **kwargs):\n    pass',
    'f(a=1, b=2, **{"a": 3})',
    'f(a, a, b=a)',
    'lambda: 0'
  ])('%j compiles', source => {
    expect(analyzeCellSource(source).names.syntaxErrors).toEqual([]);
  });
});
