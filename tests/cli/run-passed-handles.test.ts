/**
 * Files, iterators and axes given to a call in a later step than the one that made them, in a
 * real local run against the notebook run top to bottom (real matplotlib, Agg backend). Before,
 * only their own methods (`fh.readline()`, `ax.plot()`) changed them, so a step that wrote to a
 * buffer with `print(file=)`, `json.dump()` or `df.to_csv()`, read a file with `list()`, took
 * rows from an iterator with `islice()` or styled axes with a helper did not hand them on: the
 * buffer came out empty, the rest of the file was the whole file, the second rows were the first
 * again, and the title was lost.
 */
import {
  expectSameAsTopToBottom,
  metricsCell,
  notebookInTempDir
} from '../engine/local/local-run';

/** The metrics the notebook gives run top to bottom (the pipeline must give the same). */
const TOP_TO_BOTTOM = {
  written: 'header\n{"k": 1}a\n1\n2\n',
  head_sum: 3,
  more_sum: 12,
  first_lines: 2,
  rest_lines: 1,
  title: 'styled'
};

const CELLS = [
  {
    source: [
      'import io',
      'import json',
      'from itertools import islice',
      'import matplotlib',
      'matplotlib.use("Agg")',
      'import matplotlib.pyplot as plt',
      'import pandas as pd'
    ].join('\n'),
    tags: ['imports']
  },
  {
    source: ['def style(axes):', '    axes.set_title("styled")'].join('\n'),
    tags: ['functions']
  },
  {
    source: [
      'with open("lines.txt", "w") as out:',
      '    out.write("a\\nbb\\nccc\\n")',
      'fh = open("lines.txt")',
      'buf = io.StringIO()',
      'it = iter(range(10))',
      'fig, ax = plt.subplots()',
      'frame = pd.DataFrame({"a": [1, 2]})'
    ].join('\n'),
    tags: ['step:setup']
  },
  {
    source: [
      'print("header", file=buf)',
      'json.dump({"k": 1}, buf)',
      'head = list(islice(it, 3))',
      'first_lines = len(list(islice(fh, 2)))',
      'style(ax)'
    ].join('\n'),
    tags: ['step:one']
  },
  {
    source: [
      'frame.to_csv(buf, index=False)',
      'more = list(islice(it, 3))',
      'rest = list(fh)'
    ].join('\n'),
    tags: ['step:two']
  },
  {
    source: [
      'written = buf.getvalue()',
      'head_sum = sum(head)',
      'more_sum = sum(more)',
      'rest_lines = len(rest)',
      'title = ax.get_title()'
    ].join('\n'),
    tags: ['step:report']
  },
  metricsCell(Object.keys(TOP_TO_BOTTOM))
];

describe('files, iterators and axes given to calls in several steps', () => {
  const { notebook, home } = notebookInTempDir(
    'passed-handles',
    'passed.ipynb',
    CELLS
  );

  it('go on from where the step before left them, as top to bottom', () => {
    expectSameAsTopToBottom(home, notebook, TOP_TO_BOTTOM);
  });
});
