/**
 * In-place changes the analyzer missed, each in a real local run against the notebook run top
 * to bottom: a module-level comprehension whose body changes the elements
 * (`[m.fit(X) for m in models]`); numpy's `out=`, `np.put` and `ufunc.at`; `Counter.subtract`;
 * functions that change a parameter through a loop over it, through `+=`, or through `out=`;
 * and a method that changes its object handed to a call (`map(acc.append, xs)`, `key=`).
 * Before, the last step took each value as the first step saved it.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: 'import numpy as np\nfrom collections import Counter',
    tags: ['imports']
  },
  {
    source: [
      'class Model:',
      '    def __init__(self):',
      '        self.fitted = False',
      '    def fit(self, X):',
      '        self.fitted = True',
      '        return self',
      'def fit_all(models, X):',
      '    for m in models:',
      '        m.fit(X)',
      'def extend(xs):',
      '    xs += [4]',
      'def scale(arr):',
      '    np.multiply(arr, 2, out=arr)'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'models = [Model(), Model()]',
      "rows = [{'v': 1}, {'v': 2}]",
      'a_out = np.zeros(3)',
      'a_put = np.zeros(3)',
      'a_at = np.zeros(3)',
      'counts = Counter(a=1)',
      'ms = [Model()]',
      'data = [1, 2, 3]',
      'arr = np.ones(2)',
      'acc = []',
      'keys = []'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      '_ = [m.fit(None) for m in models]',
      '_ = [r.update(v=0) for r in rows]',
      'np.add(a_out, 7, out=a_out)',
      'np.put(a_put, [0], [3])',
      'np.add.at(a_at, [0, 0], 1)',
      'counts.subtract(a=5)',
      'fit_all(ms, None)',
      'extend(data)',
      'scale(arr)',
      '_ = list(map(acc.append, [1, 2]))',
      '_ = sorted([3], key=keys.append)'
    ].join('\n'),
    tags: ['step:change']
  },
  {
    source: [
      'fitted = sum(m.fitted for m in models) + sum(m.fitted for m in ms)',
      "zeroed = sum(r['v'] for r in rows)",
      'arrays = float(a_out.sum() + a_put.sum() + a_at.sum() + arr.sum())',
      "left = counts['a']",
      'extended = len(data)',
      'passed = len(acc) + len(keys)'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source:
      'print(fitted)\nprint(zeroed)\nprint(arrays)\nprint(left)\nprint(extended)\nprint(passed)',
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'in-place calls the analyzer follows',
  'hand the changed values on, as top to bottom',
  { prefix: 'inplace-calls', name: 'inplace.ipynb', cells: CELLS },
  {
    fitted: 3,
    zeroed: 0,
    arrays: 21 + 3 + 2 + 4,
    left: -4,
    extended: 4,
    passed: 3
  }
);
