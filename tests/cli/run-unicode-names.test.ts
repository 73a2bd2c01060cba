/**
 * Names as Python reads them (NFKC, PEP 3131): `µ` typed as the micro sign (what a Mac keyboard
 * gives) is the name `μ`, and `ﬁle` (a ligature) is `file`. A real local run hands them on, where
 * before the producer failed to save a name it had "not defined".
 */
import { describeSameAsTopToBottom } from '../engine/local/local-run';

const CELLS = [
  { source: "µ = 2.5\nﬁle = 'x.csv'", tags: ['step:load'] },
  { source: 'scaled = µ * 2\nname = file.upper()', tags: ['step:use'] },
  { source: 'print(scaled)\nprint(name)', tags: ['pipeline-metrics'] }
];

describeSameAsTopToBottom(
  'names normalized as Python normalizes them',
  'reach later steps, as in the notebook run top to bottom',
  { prefix: 'unicode-names', name: 'names.ipynb', cells: CELLS },
  { scaled: 5, name: 'X.CSV' }
);
