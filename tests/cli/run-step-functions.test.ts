/**
 * Functions and classes that one step defines and later steps use (directly, or through an
 * instance) see the later steps' globals, as in a kernel; a step that calls a function before
 * binding a global it reads gets the earlier step's value. A real local run gives the metrics of
 * the notebook run top to bottom, both with a warm interpreter and with a fresh Python per step.
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom
} from '../engine/local/local-run';

const CELLS = [
  { source: 'def shared_limit():\n    return limit', tags: ['functions'] },
  {
    source: [
      'x = 1',
      'limit = 7',
      'rows = []',
      'def read_x():',
      '    return x',
      'def add(row):',
      '    rows.append(row)',
      'class Reader:',
      '    def get(self):',
      '        return x * 10',
      'def twice():',
      '    return read_x() * 2',
      'reader = Reader()'
    ].join('\n'),
    tags: ['step:define']
  },
  { source: 'x = 2\nadd(5)', tags: ['step:change'] },
  // Calls its own function and a functions cell's before binding their global: takes `limit`.
  {
    source: [
      'def own_limit():',
      '    return limit',
      'own_before = own_limit()',
      'shared_before = shared_limit()',
      'limit = 8',
      'own_after = own_limit()'
    ].join('\n'),
    tags: ['step:own']
  },
  // Uses only the instance: the method's global comes in because the class reads it.
  { source: 'seen_by_instance = reader.get()', tags: ['step:instance'] },
  {
    source: [
      'seen = read_x()',
      'seen_by_method = Reader().get()',
      'seen_through_call = twice()',
      'row_count = len(rows)',
      'x = 3',
      'seen_after_binding = read_x()'
    ].join('\n'),
    tags: ['step:report']
  },
  {
    source: [
      'print(seen)',
      'print(seen_by_method)',
      'print(seen_through_call)',
      'print(row_count)',
      'print(seen_after_binding)',
      'print(seen_by_instance)',
      'print(own_before)',
      'print(shared_before)',
      'print(own_after)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describe('functions defined in a step, used by later steps', () => {
  const { notebook, home } = notebookInTempDir(
    'step-functions',
    'functions.ipynb',
    CELLS
  );

  it.each([[[]], [['--no-warm']]])(
    'read the globals as the notebook run top to bottom does (%j)',
    extra => {
      expectSameAsTopToBottom(
        home,
        notebook,
        {
          seen: 2,
          seen_by_method: 20,
          seen_through_call: 4,
          row_count: 1,
          seen_after_binding: 3,
          seen_by_instance: 20,
          own_before: 7,
          shared_before: 7,
          own_after: 8
        },
        extra
      );
    }
  );
});
