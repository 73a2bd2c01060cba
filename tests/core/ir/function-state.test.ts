/**
 * Functions that keep state in themselves: default values they change, closures that change a
 * name of the function that made them. Which the walker finds, and the shared-name warning.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';
import { codeCell, notebookJson } from '../../support/notebook-json';

const ADD = 'def add(x, seen=[]):\n    seen.append(x)\n    return len(seen)';

test('a function records the defaults its body changes in place, and only those', () => {
  const { functions } = analyzeCellSource(
    [
      ADD,
      'def cache(k, memo: dict = dict()):',
      '    memo[k] = 1',
      'def keep(x, fill=[0]):',
      '    return fill',
      'def fresh(x, seen=None):',
      '    seen = []',
      '    seen.append(x)',
      'def changed(items, x=()):',
      '    items.append(x)'
    ].join('\n')
  ).names;
  expect(functions.add.changedDefaults).toEqual(['seen']);
  expect(functions.cache.changedDefaults).toEqual(['memo']);
  expect(functions.keep.changedDefaults).toBeUndefined();
  expect(functions.fresh.changedDefaults).toBeUndefined();
  expect(functions.changed.changedDefaults).toBeUndefined();
});

test('a functions cell function that changes its default, called in two steps: warned at the first call, with the fix', () => {
  const ir = analyzeNotebook(
    notebookJson([
      codeCell(ADD, ['functions']),
      codeCell('n = 1\nfirst = add(n)', ['step:one']),
      codeCell('second = add(2)', ['step:two'])
    ]),
    'd.ipynb'
  );
  expect(ir.diagnostics).toEqual([
    {
      severity: 'warning',
      code: 'shared-name',
      message:
        "step 'one' binds or changes 'add', which a functions cell defines (and 1 more step " +
        "does): each step starts afresh from the shared value, so step 'two' will not see " +
        'this change, which top to bottom it would; its calls change its default value of ' +
        "'seen', which every step makes afresh: pass that value as an argument instead",
      cell: 1,
      line: 2,
      column: 0
    }
  ]);
});

test('a function makes stateful closures where it returns a function of its body that changes a name of that body', () => {
  const { functions } = analyzeCellSource(
    [
      'def counter():',
      '    n = 0',
      '    def inc():',
      '        nonlocal n',
      '        n += 1',
      '    return inc',
      'def collector():',
      '    seen = {}',
      '    def add(k):',
      '        seen[k] = 1',
      '    return add',
      'def deep():',
      '    rows = []',
      '    def outer():',
      '        def inner(x):',
      '            rows.append(x)',
      '        return inner',
      '    return outer',
      'def reads_only(k):',
      '    def scale(x):',
      '        return x * k',
      '    return scale',
      'def own_locals():',
      '    def make(x):',
      '        out = []',
      '        out.append(x)',
      '        return [y for y in out]',
      '    return make',
      'def changes_own(rows=None):',
      '    rows = []',
      '    rows.append(1)',
      '    return rows',
      'def train(epochs):',
      '    history = []',
      '    def on_epoch(e):',
      '        history.append(e)',
      '    for e in range(epochs):',
      '        on_epoch(e)',
      '    return history',
      'def pair():',
      '    log = []',
      '    def add(x):',
      '        log.append(x)',
      '    return add, log',
      'def tally():',
      '    counts = {}',
      '    if counts is None:',
      '        return None',
      '    return lambda k: counts.update({k: 1})',
      'class Box:',
      '    def grow(self):',
      '        items = []',
      '        def add(x):',
      '            items.append(x)',
      '        return add'
    ].join('\n')
  ).names;
  expect(functions.counter.makesStatefulClosures).toBe(true);
  expect(functions.collector.makesStatefulClosures).toBe(true);
  expect(functions.deep.makesStatefulClosures).toBe(true);
  expect(functions.reads_only.makesStatefulClosures).toBeUndefined();
  expect(functions.own_locals.makesStatefulClosures).toBeUndefined();
  expect(functions.changes_own.makesStatefulClosures).toBeUndefined();
  expect(functions.Box.makesStatefulClosures).toBeUndefined();
  // a nested helper whose function returns a value, not the helper: no closure gets out
  expect(functions.train.makesStatefulClosures).toBeUndefined();
  expect(functions.pair.makesStatefulClosures).toBe(true);
  expect(functions.tally.makesStatefulClosures).toBe(true);
});
