/**
 * State kept on a class the notebook defines, changed by a classmethod called on the class
 * (`Counter.bump()` with `cls.n += 1`), in a real local run against the notebook run top to
 * bottom: the step that calls it hands the class on with its state. Before, the step after took
 * the class as the step that defined it left it.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Counter:',
      '    n = 0',
      '    @classmethod',
      '    def bump(cls):',
      '        cls.n += 1'
    ].join('\n'),
    tags: ['step:make']
  },
  { source: 'Counter.bump()\nCounter.bump()', tags: ['step:use'] },
  { source: 'count = Counter.n', tags: ['step:report'] },
  metricsCell(['count'])
];

describeSameAsTopToBottom(
  'state on a class changed by a classmethod',
  'reaches the steps after, as top to bottom',
  { prefix: 'class-state', name: 'counter.ipynb', cells: CELLS },
  { count: 2 }
);
