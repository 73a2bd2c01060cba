/**
 * Variables named like builtins (`sum = 10`, `id = 'row-7'`) reach the later steps that read
 * them: a real local run gives the metrics of the notebook run top to bottom, where before the
 * later step silently read the builtin.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: ['sum = 10', "id = 'row-7'", 'values = [1, 2, 3]'].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'total = sum * 2',
      'label = id.upper()',
      'def count():',
      '    return len(values)',
      'size = count()'
    ].join('\n'),
    tags: ['step:use']
  },
  {
    source: ['print(total)', 'print(label)', 'print(size)'].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  'variables named like builtins',
  'reach later steps, as in the notebook run top to bottom',
  { prefix: 'shadowed-builtins', name: 'builtins.ipynb', cells: CELLS },
  {
    total: 20,
    label: 'ROW-7',
    size: 3
  }
);
