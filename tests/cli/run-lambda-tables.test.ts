/**
 * A table of lambdas (`ops = {"add": lambda x: acc.append(x)}`) called in a later step, in a
 * real local run against the notebook run top to bottom: the step that calls through it takes
 * what its lambdas change and hands it on. Before, the lambdas changed the copies saved with
 * them, and the steps after saw the list and set as the first step left them.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: [
      'acc = []',
      'seen = set()',
      'ops = {"add": lambda x: acc.append(x), "drop": lambda: acc.pop()}',
      'checks = [lambda: seen.add("a"), lambda: seen.add("b")]'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'ops["add"](3)',
      'ops["add"](4)',
      'ops["drop"]()',
      'for check in checks:',
      '    check()'
    ].join('\n'),
    tags: ['step:use']
  },
  { source: 'added = len(acc)\nchecked = len(seen)', tags: ['step:report'] },
  metricsCell(['added', 'checked'])
];

describeSameAsTopToBottom(
  'a table of lambdas called in a later step',
  'changes what its lambdas change, as top to bottom',
  { prefix: 'lambda-tables', name: 'tables.ipynb', cells: CELLS },
  { added: 1, checked: 2 }
);
