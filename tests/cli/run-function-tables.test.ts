/**
 * Functions reached in a later step through a table (`callbacks = [on_epoch]`, a dict of a
 * functions cell's functions, a plan of pairs, `ops["k"] = f`, `partial(f, …)`) or through a
 * function of an earlier step that calls a functions cell's function, in a real local run
 * against the notebook run top to bottom: the step that calls them takes and hands on the
 * globals they change. Before, the calls changed the copies saved with the functions, and the
 * steps after saw the lists as the first step left them. Each way reaches a list of its own.
 */
import {
  describeSameAsTopToBottom,
  metricsCell
} from '../engine/local/local-run';

const CELLS = [
  {
    source: ['def record(x):', '    history.append(x)'].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'from functools import partial',
      'log, history, planned, stored, wrapped = [], [], [], [], []',
      'def on_epoch(i):',
      '    log.append(i)',
      'callbacks = [on_epoch]',
      'hooks = {"record": record}',
      'def record_twice(x):',
      '    record(x)',
      '    record(x)',
      'def plan_step(label):',
      '    planned.append(label)',
      'plan = [("first", plan_step), ("second", plan_step)]',
      'def store(x):',
      '    stored.append(x)',
      'ops = {}',
      'ops["store"] = store',
      'def wrap(x, y):',
      '    wrapped.append(x + y)',
      'wrap_one = partial(wrap, 1)'
    ].join('\n'),
    tags: ['step:make']
  },
  {
    source: [
      'for epoch in range(3):',
      '    for callback in callbacks:',
      '        callback(epoch)',
      'hooks["record"]("a")',
      'record_twice("b")',
      'for label, run in plan:',
      '    run(label)',
      'ops["store"]("d")',
      'wrap_one(2)'
    ].join('\n'),
    tags: ['step:train']
  },
  {
    source: [
      'epochs = len(log)',
      'recorded = len(history)',
      'plans = len(planned)',
      'stores = len(stored)',
      'wraps = len(wrapped)'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(['epochs', 'recorded', 'plans', 'stores', 'wraps'])
];

describeSameAsTopToBottom(
  'functions reached through a table or another function',
  'change the globals in the step that calls them, as top to bottom',
  { prefix: 'function-tables', name: 'tables.ipynb', cells: CELLS },
  {
    epochs: 3,
    recorded: 3,
    plans: 2,
    stores: 1,
    wraps: 1
  }
);
