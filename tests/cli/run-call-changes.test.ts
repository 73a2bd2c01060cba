/**
 * One object under two names across steps, changed in a later step by a call, in a real local
 * run against the notebook run top to bottom (real pandas). Kaggle's Titanic notebooks often put
 * the loop over `combine = [train, test]` in a function (`add_titles(combine)`). Before, the step
 * that made the call took `combine` alone: the function changed the frames in its copy of the
 * list, and the step after read `train` without the new column, silently. The same for `b = a`
 * changed by `grow(b)` (a functions cell's function), by a notebook class's method that changes
 * its parameter (`tool.add(b)`) or its object (`alias.bump()`), and by a function taken from an
 * earlier step; and for a frame of the list changed by a call given it by a key (`mark(frames[1])`).
 * The step now takes the other names of the object beside it and hands them on.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import pandas as pd', tags: ['imports'] },
  {
    source: [
      'def add_titles(frames):',
      '    for frame in frames:',
      '        frame["Title"] = frame["Name"].str.split(".").str[0]',
      'def fill_first(frames):',
      '    frames[0]["Age"] = frames[0]["Age"].fillna(30.0)',
      'def mark(frame):',
      '    frame["Seen"] = 1',
      'def grow(items):',
      '    items.append(2)',
      'class Counter:',
      '    def __init__(self):',
      '        self.n = 0',
      '    def bump(self):',
      '        self.n += 1',
      '    def add(self, items):',
      '        items.append(3)'
    ].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'def push(items):',
      '    items.append(4)',
      'train = pd.DataFrame({"Age": [22.0, None], "Name": ["Mr. A", "Mrs. B"]})',
      'test = pd.DataFrame({"Age": [None], "Name": ["Miss. C"]})',
      'combine = [train, test]',
      'left = pd.DataFrame({"v": [1]})',
      'right = pd.DataFrame({"v": [2, 3]})',
      'frames = [left, right]',
      'a = [1]',
      'b = a',
      'counter = Counter()',
      'alias = counter',
      'tool = Counter()'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'add_titles(combine)',
      'fill_first(combine)',
      'mark(frames[1])',
      'mark(frame=frames[0])',
      'grow(b)',
      'tool.add(b)',
      'push(b)',
      'alias.bump()'
    ].join('\n'),
    tags: ['step:features']
  },
  {
    source: [
      'titles = ",".join(train["Title"]) + ";" + ",".join(test["Title"])',
      'ages = float(train["Age"].sum())',
      'items = str(a)',
      'bumps = counter.n',
      'seen = int(left["Seen"].sum() + right["Seen"].sum())'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['titles', 'ages', 'items', 'bumps', 'seen'])
];

describeSameAsTopToBottom(
  'one object under two names, changed in a later step by a call',
  'reaches the steps after the call through the other name too, as top to bottom',
  { prefix: 'call-changes', name: 'titanic-calls.ipynb', cells: CELLS },
  {
    titles: 'Mr,Mrs;Miss',
    ages: 52,
    items: '[1, 2, 3, 4]',
    bumps: 1,
    seen: 3
  }
);
