/**
 * An instance whose methods change it (`tracker.log(v)` appends to `self.history`), used in
 * several steps: each step takes it as the step before left it, so a real local run gives the
 * numbers of the notebook run top to bottom. Before, each step took the instance the first step
 * saved, and the last step saw none of the changes.
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'class Tracker:',
      '    def __init__(self):',
      '        self.history = []',
      '    def log(self, value):',
      '        self.history.append(value)',
      'tracker = Tracker()'
    ].join('\n'),
    tags: ['step:setup']
  },
  { source: 'tracker.log(3)', tags: ['step:first'] },
  { source: 'tracker.log(4)', tags: ['step:second'] },
  {
    source: [
      'logged = len(tracker.history)',
      'total = sum(tracker.history)'
    ].join('\n'),
    tags: ['step:report']
  },
  { source: 'print(logged)\nprint(total)', tags: ['pipeline-metrics'] }
];

describe('an instance whose methods change it, used in several steps', () => {
  const { notebook, home } = notebookInTempDir(
    'instance-methods',
    'tracker.ipynb',
    CELLS
  );

  it('reaches each step as the step before left it, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, { logged: 2, total: 7 });
  });
});

describe('a method of a notebook class that changes its argument', () => {
  const { notebook, home } = notebookInTempDir(
    'method-changes-argument',
    'prep.ipynb',
    [
      { source: 'import pandas as pd', tags: ['imports'] },
      {
        source: [
          'class Prep:',
          '    def add_features(self, d, scale=2):',
          "        d['b'] = d['a'] * scale",
          'prep = Prep()',
          "df = pd.DataFrame({'a': [1, 2]})"
        ].join('\n'),
        tags: ['step:load']
      },
      { source: 'prep.add_features(df, scale=3)', tags: ['step:features'] },
      {
        source: "columns = len(df.columns)\nlast = int(df['b'].iloc[-1])",
        tags: ['step:report']
      },
      { source: 'print(columns)\nprint(last)', tags: ['pipeline-metrics'] }
    ]
  );

  it('hands the changed argument on, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, { columns: 2, last: 6 });
  });
});
