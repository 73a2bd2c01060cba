/**
 * One object under two names across steps, in a real local run against the notebook run top to
 * bottom (real pandas and NumPy). Kaggle's Titanic notebooks make `combine = [train, test]` and change both
 * frames through a loop over it in later steps, then read `train`. Before, each name was handed
 * on as a value of its own: the loop changed the copies in `combine`, and the step after read
 * `train` unchanged (warned, aliased-name). The step that changes the object through one name
 * now takes the others beside it and hands them on, and the runtime makes the names it takes from
 * one step one object again (object_shares). Also: a frame changed through a key of the list
 * (`combine[1].loc[0, "Age"] = 50.0`), a name tied in a later step than the one that made its
 * object (`grid_alias = grid`) and changed through the first name, `b = a` changed through `b`,
 * a tuple of lists changed through a loop, NumPy arrays a list holds changed by `+=` on a loop's
 * variable, a dict of frames changed through the frame, and a list whose item is bound anew
 * between the tie and the loop, and ties made along a chain of steps (`chain_b = chain_a`, then
 * `chain_c = chain_b`; `box = [one]`, then `box_alias = box`) changed through the last name.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import numpy as np\nimport pandas as pd', tags: ['imports'] },
  {
    source: [
      'train = pd.DataFrame({"Age": [22.0, None, 35.0], "Name": ["Mr. A", "Mrs. B", "Miss. C"]})',
      'test = pd.DataFrame({"Age": [None, 41.0], "Name": ["Mr. D", "Mrs. E"]})',
      'combine = [train, test]',
      'a = [1]',
      'b = a',
      'pair = ([1], [2])',
      'raw = pd.DataFrame({"x": [1, 2]})',
      'frames = {"raw": raw}',
      'kept = [1]',
      'later = [kept]',
      'grid = [1]',
      'weights, bias = np.ones(3), np.zeros(2)',
      'arrays = [weights, bias]',
      'chain_a = [1]',
      'one = {"v": 1}'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'for dataset in combine:',
      '    dataset["Title"] = dataset["Name"].str.split(".").str[0]',
      'b.append(2)',
      'for items in pair:',
      '    items.append(0)',
      'raw["y"] = raw["x"] * 10',
      'for array in arrays:',
      '    array += 2',
      'chain_b = chain_a',
      'box = [one]'
    ].join('\n'),
    tags: ['step:titles']
  },
  {
    source: [
      'combine[1].loc[0, "Age"] = 50.0',
      'grid_alias = grid',
      'chain_c = chain_b',
      'box_alias = box'
    ].join('\n'),
    tags: ['step:fix']
  },
  {
    source: [
      'kept = [5]',
      'grid.append(2)',
      'chain_c.append(2)',
      'for item in box_alias:',
      '    item["w"] = 0'
    ].join('\n'),
    tags: ['step:rebind']
  },
  {
    source: [
      'train = train.drop(["Name"], axis=1)',
      'test = test.drop(["Name"], axis=1)',
      'combine = [train, test]',
      'for dataset in combine:',
      '    dataset["Age"] = dataset["Age"].fillna(30.0)',
      'for held in later:',
      '    held.append(9)'
    ].join('\n'),
    tags: ['step:ages']
  },
  {
    source: [
      'columns = ",".join(train.columns) + ";" + ",".join(test.columns)',
      'ages = float(train["Age"].sum() + test["Age"].sum())',
      'titles = ",".join(train["Title"]) + ";" + ",".join(test["Title"])',
      'same = str(a) + str(pair)',
      'frame_y = int(frames["raw"]["y"].sum())',
      'kept_text = str(kept) + str(later)',
      'grid_text = str(grid_alias)',
      'array_sum = float(weights.sum() + bias.sum())',
      'chain_text = str(chain_a) + str(chain_b) + str(one)'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell([
    'columns',
    'ages',
    'titles',
    'same',
    'frame_y',
    'kept_text',
    'grid_text',
    'array_sum',
    'chain_text'
  ])
];

describeSameAsTopToBottom(
  'one object under two names, changed in a later step through one of them',
  'reaches the steps after the change through the other name too, as top to bottom',
  { prefix: 'shared-objects', name: 'titanic.ipynb', cells: CELLS },
  {
    columns: 'Age,Title;Age,Title',
    ages: 178,
    titles: 'Mr,Mrs,Miss;Mr,Mrs',
    same: '[1, 2]([1, 0], [2, 0])',
    frame_y: 30,
    kept_text: '[5][[1, 9]]',
    grid_text: '[1, 2]',
    array_sum: 13,
    chain_text: "[1, 2][1, 2]{'v': 1, 'w': 0}"
  }
);
