/**
 * A random generator sampled and a file read in several steps, in a real local run against the
 * notebook run top to bottom. `rng.sample()`, `fh.readline()` and `buf.write()` change their
 * object, but the same method names leave other objects as they were (`df.sample()` copies
 * rows), so before, no step handed the generator or the file on: the second sample repeated the
 * first, the second line read was the first line again, and the buffer came out empty. A frame
 * sampled with `random_state=state` draws from that generator too.
 */
import {
  expectSameAsTopToBottom,
  metricsCell,
  notebookInTempDir
} from '../engine/local/local-run';

/** The metrics the notebook gives run top to bottom (the pipeline must give the same). */
const TOP_TO_BOTTOM = {
  first: 1406,
  second: 1448,
  first_line: 2,
  second_line: 3,
  lines_left: 1,
  written: 'one;two;',
  first_rows: 114,
  second_rows: 111
};

const CELLS = [
  {
    source: [
      'import io',
      'import random',
      'import numpy as np',
      'import pandas as pd',
      'rng = random.Random(3)',
      'state = np.random.RandomState(0)',
      'frame = pd.DataFrame({"a": range(100)})',
      'with open("lines.txt", "w") as out:',
      '    out.write("a\\nbb\\nccc\\n")',
      'fh = open("lines.txt")',
      'buf = io.StringIO()'
    ].join('\n'),
    tags: ['step:setup']
  },
  {
    source: [
      'first = sum(rng.sample(range(1000), 3))',
      'first_line = len(fh.readline())',
      'buf.write("one;")',
      'first_rows = int(frame.sample(3, random_state=state)["a"].sum())'
    ].join('\n'),
    tags: ['step:one']
  },
  {
    source: [
      'second = sum(rng.sample(range(1000), 3))',
      'second_line = len(fh.readline())',
      'buf.write("two;")',
      'second_rows = int(frame.sample(3, random_state=state)["a"].sum())'
    ].join('\n'),
    tags: ['step:two']
  },
  {
    source: [
      'lines_left = 0',
      'for line in fh:',
      '    lines_left += 1',
      'written = buf.getvalue()'
    ].join('\n'),
    tags: ['step:rest']
  },
  metricsCell(Object.keys(TOP_TO_BOTTOM))
];

describe('a generator sampled and files read and written in several steps', () => {
  const { notebook, home } = notebookInTempDir(
    'handles',
    'handles.ipynb',
    CELLS
  );

  it('go on from where the step before left them, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, TOP_TO_BOTTOM);
  });
});
