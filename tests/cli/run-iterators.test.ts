/**
 * Iterators that `zip` and `enumerate` make, used up in a later step, in a real local run
 * against the notebook run top to bottom: the step that consumes one hands it on as far as it
 * went. Before, the steps after took it as the first step made it, whole again.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'names = ["a", "b", "c"]',
      'pairs = zip(names, [1, 2, 3])',
      'items = enumerate(names)'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'lookup = dict(pairs)',
      'for index, name in items:',
      '    if index == 1:',
      '        break'
    ].join('\n'),
    tags: ['step:consume']
  },
  {
    source: 'pairs_left = len(list(pairs))\nitems_left = len(list(items))',
    tags: ['step:report']
  },
  metricsCell(['pairs_left', 'items_left'])
];

describeSameAsTopToBottom(
  'iterators made by zip and enumerate, used up in a later step',
  'reach the steps after as far as they went, as top to bottom',
  { prefix: 'iterators', name: 'iterators.ipynb', cells: CELLS },
  { pairs_left: 0, items_left: 1 }
);
