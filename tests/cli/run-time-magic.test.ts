/**
 * `%time stmt` runs its statement once in the notebook's namespace, as IPython does: a real local
 * run gives what IPython gives running the cells top to bottom (`data.sort()` under `%time` took
 * effect, `x = …` under `%time` is bound). Before, the line was dropped with an info note, the
 * data stayed unsorted, and a step that read `x` failed with a NameError.
 */
import {
  notebookInTempDir,
  runJson,
  runMetrics
} from '../engine/local/local-run';
import { runPython } from '../support/python';

const CELLS = [
  { source: 'data = [3, 1, 2]\n%time data.sort()', tags: ['step:a'] },
  {
    source: '%%time\ntotal = sum(data)\ndata.append(total)',
    tags: ['step:b']
  },
  { source: '%time x = len(data)', tags: ['step:c'] },
  {
    source: 'first = data[0]\nlast = data[-1]\nsize = x',
    tags: ['step:d']
  },
  {
    source: 'print(first)\nprint(last)\nprint(size)',
    tags: ['pipeline-metrics']
  }
];

/** The metrics IPython itself gives, running the code cells one after another in one shell. */
const IPYTHON_TOP_TO_BOTTOM = `
import json, sys
from IPython.core.interactiveshell import InteractiveShell
shell = InteractiveShell.instance()
for cell in json.load(open(sys.argv[1]))["cells"]:
    if cell["cell_type"] == "code" and "pipeline-metrics" not in cell["metadata"].get("tags", []):
        result = shell.run_cell("".join(cell["source"]), silent=True)
        result.raise_error()
print(json.dumps({n: shell.user_ns[n] for n in ("first", "last", "size")}))
`;

describe('%time in a step', () => {
  const { notebook, home } = notebookInTempDir(
    'time-magic',
    'timed.ipynb',
    CELLS
  );

  it('runs its statement once, as IPython does', () => {
    const reference = runPython(['-c', IPYTHON_TOP_TO_BOTTOM, notebook]);
    expect(reference.status).toBe(0);
    const expected = JSON.parse(reference.stdout.trim().split('\n').pop()!);
    expect(expected).toEqual({ first: 1, last: 6, size: 4 });

    const { code, record, stderr } = runJson(home, [notebook, '--no-cache']);
    expect({ code, stderr: code ? stderr : '' }).toEqual({
      code: 0,
      stderr: ''
    });
    expect(runMetrics(record)).toEqual(expected);
  });
});
