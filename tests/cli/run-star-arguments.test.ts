/**
 * A function that changes what its `*args` are given (`def clean(tag, *frames)`), in a real
 * local run against the notebook run top to bottom: the step that calls it hands on every list
 * it gave there. Before, the lists after the first parameters were not seen as changed.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'def clean(tag, *frames, fill=0):',
      '    for frame in frames:',
      '        frame.append(fill)',
      'def pad(*rows):',
      '    rows[0].append(0)'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: 'label = "x"\ntrain = [1]\ntest = [2]\nextra = [3]',
    tags: ['step:load']
  },
  {
    source: 'clean(label, train, test, fill=9)\npad(extra)',
    tags: ['step:change']
  },
  {
    source: 'sizes = len(train) + len(test) + len(extra)\nlast = train[-1]',
    tags: ['step:report']
  },
  metricsCell(['sizes', 'last'])
];

describeSameAsTopToBottom(
  'a function that changes its *args',
  'changes each list given there for the steps after, as top to bottom',
  { prefix: 'star-arguments', name: 'star.ipynb', cells: CELLS },
  { sizes: 6, last: 9 }
);
