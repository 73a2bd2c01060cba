/**
 * A step that binds a name only in a branch, a loop, a suppressed block or a `:=` that may not
 * run (`flag and (z := 5)`, a comprehension over nothing) hands on the value an
 * earlier step left when that code does not run: a real local run gives the metrics of the
 * notebook run top to bottom, where before it failed as the step saved a name it had not bound.
 */
import {
  notebookInTempDir,
  runBesideTopToBottom
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
const METRICS = ['y', 'last', 'seen_level', 'ratio', 'z', 'w'];

describe('names a step may leave unbound', () => {
  const { notebook, home } = notebookInTempDir(
    'maybe-bound',
    'maybe.ipynb',
    CELLS
  );

  it.each([[[]], [['--no-warm']]])(
    'keep the earlier value, as the notebook run top to bottom does (%j)',
    extra => {
      const { pipeline, reference } = runBesideTopToBottom(
        home,
        notebook,
        METRICS,
        extra
      );
      expect(reference).toEqual({
        y: 1,
        last: 'none',
        seen_level: 1,
        ratio: 0.5,
        z: 1,
        w: 1
      });
      expect(pipeline).toEqual(reference);
    }
  );
});
