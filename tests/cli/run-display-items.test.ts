/**
 * An item taken by a literal key from a dict or list the same cell wrote out (`train =
 * frames["train"]`, `params = cfg["model"]`, `row = grid[1]`), changed in a later step through
 * the other name, in a real local run against the notebook run top to bottom (real pandas).
 * Before, the item was a part of its own (warned, aliased-name): the change reached only the copy
 * the step took, and the step after read the other name unchanged. The item is now one of the
 * display's items, as the names a list is made of are: the step that changes either takes the
 * other beside it, and the runtime finds the item in the dict or list and makes them one object.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import pandas as pd', tags: ['imports'] },
  {
    source: [
      'frames = {"train": pd.DataFrame({"a": [1, 2]}), "test": pd.DataFrame({"a": [3]})}',
      'train = frames["train"]',
      'cfg = {"model": {"lr": 0.1}}',
      'params = cfg["model"]',
      'grid = [[1], [2]]',
      'row = grid[1]'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'for name, frame in frames.items():',
      '    frame["b"] = frame["a"] * 2',
      'params["lr"] = 0.5',
      'row.append(3)'
    ].join('\n'),
    tags: ['step:features']
  },
  {
    source: [
      'columns = ",".join(train.columns)',
      'lr = cfg["model"]["lr"]',
      'grid_text = str(grid)'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['columns', 'lr', 'grid_text'])
];

describeSameAsTopToBottom(
  'an item taken by a key from a dict or list the cell wrote out',
  'is one object with the item the dict or list holds, as top to bottom',
  { prefix: 'display-items', name: 'frames.ipynb', cells: CELLS },
  { columns: 'a,b', lr: 0.5, grid_text: '[[1], [2, 3]]' }
);
