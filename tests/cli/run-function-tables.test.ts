/**
 * Functions reached in a later step through a table (`callbacks = [on_epoch]`, a dict of a
 * functions cell's functions) or through a function of an earlier step that calls a functions
 * cell's function, in a real local run against the notebook run top to bottom: the step that
 * calls them takes and hands on the globals they change. Before, the calls changed the copies
 * saved with the functions, and the steps after saw the lists as the first step left them.
 */
import {
  expectSameAsTopToBottom,
  metricsCell,
  notebookInTempDir
} from '../engine/local/local-run';

const CELLS = [
  {
    source: ['def record(x):', '    history.append(x)'].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'log = []',
      'history = []',
      'def on_epoch(i):',
      '    log.append(i)',
      'callbacks = [on_epoch]',
      'hooks = {"record": record}',
      'def record_twice(x):',
      '    record(x)',
      '    record(x)'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'for epoch in range(3):',
      '    for callback in callbacks:',
      '        callback(epoch)',
      'hooks["record"]("a")',
      'record_twice("b")'
    ].join('\n'),
    tags: ['step:train']
  },
  {
    source: 'epochs = len(log)\nrecorded = len(history)',
    tags: ['step:report']
  },
  metricsCell(['epochs', 'recorded'])
];

describe('functions reached through a table or another function', () => {
  const { notebook, home } = notebookInTempDir(
    'function-tables',
    'tables.ipynb',
    CELLS
  );

  it('change the globals in the step that calls them, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, { epochs: 3, recorded: 3 });
  });
});
