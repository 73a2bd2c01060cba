/**
 * Names bound through globals() with literal names (`globals()['alpha'] = …`,
 * `globals().update(beta=…)`) reach later steps: a real local run gives the metrics of the
 * notebook run top to bottom, where before the later step failed with a NameError.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      "globals()['alpha'] = 3",
      'globals().update(beta=4, gamma=[1, 2])',
      "vars().setdefault('delta', 'd')"
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: ['total = alpha + beta + sum(gamma)', 'label = delta * 2'].join(
      '\n'
    ),
    tags: ['step:use']
  },
  {
    source: ['print(total)', 'print(label)'].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'names bound through globals() by literal names',
  'reach later steps, as in the notebook run top to bottom',
  { prefix: 'dynamic-names', name: 'dynamic.ipynb', cells: CELLS },
  { total: 10, label: 'dd' }
);
