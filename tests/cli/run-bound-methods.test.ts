/**
 * A method kept in a name (`add = acc.append`) and called later, in a real local run against the
 * notebook run top to bottom. Calling it changes the object it is bound to: in the cell that
 * binds it (`add(x)` in a loop, `map(mark, xs)`) and in a later cell of the same step
 * (`push(9)`), the step hands that object on. Before, the steps after took `acc`, `seen` and
 * `tally` as the first step left them. (A call in a later *step* cannot reach the object, which
 * that step takes as a value of its own: that is an `aliased-name` warning, in the data files.)
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: 'acc = []\nseen = set()\nlog = {}\ntally = []',
    tags: ['step:make']
  },
  {
    source: [
      'add = acc.append',
      'for x in range(3):',
      '    add(x)',
      'mark = seen.add',
      'list(map(mark, "ab"))'
    ].join('\n'),
    tags: ['step:collect']
  },
  {
    source: 'put = log.update\nput(a=1)\npush = tally.append',
    tags: ['step:record']
  },
  { source: 'push(9)' },
  {
    source: [
      'added = len(acc)',
      'marked = len(seen)',
      'logged = len(log)',
      'pushed = sum(tally)'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['added', 'marked', 'logged', 'pushed'])
];

describeSameAsTopToBottom(
  'a method kept in a name and called',
  'changes its object for the steps after, as top to bottom',
  { prefix: 'bound-methods', name: 'bound.ipynb', cells: CELLS },
  {
    added: 3,
    marked: 2,
    logged: 1,
    pushed: 9
  }
);
