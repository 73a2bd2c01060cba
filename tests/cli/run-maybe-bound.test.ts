/**
 * A step that binds a name only in a branch, a loop, a suppressed block or a `:=` that may not
 * run (`flag and (z := 5)`, a comprehension over nothing) hands on the value an
 * earlier step left when that code does not run: a real local run gives the metrics of the
 * notebook run top to bottom, where before it failed as the step saved a name it had not bound.
 * Where no earlier step binds the name (a branch that does not run, a function that sets a
 * `global` defined in one step and called in the next), it is handed on unbound: a later step
 * that reads it fails there with a NameError, as top to bottom; before, the step that may bind it
 * failed, saying it could not save it.
 */
import {
  notebookInTempDir,
  expectSameAsTopToBottom,
  runJson,
  step,
  writeNotebook
} from '../engine/local/local-run';

const CELLS = [
  { source: 'import contextlib', tags: ['imports'] },
  {
    source: [
      'y = 1',
      'flag = False',
      'rows = []',
      "last = 'none'",
      'level = 1',
      'ratio = 0.5',
      'z = 1',
      'w = 1'
    ].join('\n'),
    tags: ['step:load']
  },
  {
    source: [
      'if flag:',
      '    y = 2',
      'for row in rows:',
      '    last = row',
      'if flag:',
      '    level = 10',
      'seen_level = level',
      'with contextlib.suppress(ZeroDivisionError):',
      '    ratio = 1 / 0',
      'ok = flag and (z := 5)',
      'pairs = [(w := r) for r in rows]'
    ].join('\n'),
    tags: ['step:maybe']
  },
  {
    source: [
      'print(y)',
      'print(last)',
      'print(seen_level)',
      'print(ratio)',
      'print(z)',
      'print(w)'
    ].join('\n'),
    tags: ['pipeline-metrics']
  }
];

describe('names a step may leave unbound', () => {
  const { notebook, home } = notebookInTempDir(
    'maybe-bound',
    'maybe.ipynb',
    CELLS
  );

  it.each([[[]], [['--no-warm']]])(
    'keep the earlier value, as the notebook run top to bottom does (%j)',
    extra => {
      expectSameAsTopToBottom(
        home,
        notebook,
        {
          y: 1,
          last: 'none',
          seen_level: 1,
          ratio: 0.5,
          z: 1,
          w: 1
        },
        extra
      );
    }
  );
});

describe('names a step may leave unbound with no earlier value', () => {
  const UNBOUND_CELLS = [
    {
      source: [
        'def load_config():',
        '    global config',
        "    config = {'lr': 0.5}",
        'flag = False',
        'if flag:',
        '    sample = [1, 2]'
      ].join('\n'),
      tags: ['step:defs']
    },
    { source: 'load_config()', tags: ['step:use'] },
    {
      source: [
        "lr = config['lr']",
        'sampled = len(sample) if flag else 0'
      ].join('\n'),
      tags: ['step:report']
    },
    { source: 'print(lr)\nprint(sampled)', tags: ['pipeline-metrics'] }
  ];
  const { dir, notebook, home } = notebookInTempDir(
    'maybe-unbound',
    'unbound.ipynb',
    UNBOUND_CELLS
  );

  it('are handed on unbound, and the run goes on as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, { lr: 0.5, sampled: 0 });
  });

  it('fail where a later step reads one, with a NameError there', () => {
    const reads = writeNotebook(dir, 'reads.ipynb', [
      { source: 'if len("ab") > 5:\n    sample = [1]', tags: ['step:make'] },
      { source: 'n = 1\nprint(sample)', tags: ['step:show'] }
    ]);
    const { code, record } = runJson(home, [reads, '--no-cache']);
    expect(code).toBe(1);
    expect(step(record, 'make').status).toBe('Succeeded');
    expect(step(record, 'show').message).toContain(
      "NameError in reads.ipynb [cell 2], line 2: name 'sample' is not defined"
    );
  });
});
