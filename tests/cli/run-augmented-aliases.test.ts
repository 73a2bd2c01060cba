/**
 * A step that extends an earlier step's object with `+=` under another name (`ys = xs`, then
 * `ys += [2]`; a part, `row = table[0]`, then `row += [0]`), in a real local run against the
 * notebook run top to bottom. Before, the step handed on only the new name, and the last step
 * took the object as the first step saved it. A number added to another name for an int binds
 * that name again and leaves the int as it was, in both runs.
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  {
    source: ['xs = [1]', 'table = [[1, 2], [3]]', 'count = 5'].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'ys = xs',
      'ys += [2]',
      'row = table[0]',
      'row += [0]',
      'n = count',
      'n += 1'
    ].join('\n'),
    tags: ['step:extend']
  },
  {
    source: [
      'xs_length = len(xs)',
      'first_row_length = len(table[0])',
      'count_after = count',
      'n_after = n'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source:
      'print(xs_length)\nprint(first_row_length)\nprint(count_after)\nprint(n_after)',
    tags: ['pipeline-metrics']
  }
];

describeSameAsTopToBottom(
  '+= under another name for an earlier step’s object',
  'reaches later steps through the object, as top to bottom',
  { prefix: 'augmented-aliases', name: 'augmented.ipynb', cells: CELLS },
  {
    xs_length: 2,
    first_row_length: 3,
    count_after: 5,
    n_after: 6
  }
);
