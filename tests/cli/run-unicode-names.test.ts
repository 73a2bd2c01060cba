/**
 * Names as Python reads them (NFKC, PEP 3131): `µ` typed as the micro sign (what a Mac keyboard
 * gives) is the name `μ`, and `ﬁle` (a ligature) is `file`. A real local run hands them on, where
 * before the producer failed to save a name it had "not defined".
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  { source: "µ = 2.5\nﬁle = 'x.csv'", tags: ['step:load'] },
  { source: 'scaled = µ * 2\nname = file.upper()', tags: ['step:use'] },
  { source: 'print(scaled)\nprint(name)', tags: ['pipeline-metrics'] }
];

describe('names normalized as Python normalizes them', () => {
  const { notebook, home } = notebookInTempDir(
    'unicode-names',
    'names.ipynb',
    CELLS
  );

  it('reach later steps, as in the notebook run top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, { scaled: 5, name: 'X.CSV' });
  });
});
