/**
 * What a step's code sees of the process it runs in is what a kernel's cell sees: `sys.argv`
 * carries none of the runner's arguments (an argparse default in the notebook stays the default;
 * before, `parse_known_args()` read the runner's `--input` path), and `__builtins__` is the
 * builtins module (before, a dict: `__builtins__.len` failed).
 */
import {
  runJson,
  notebookInTempDir,
  runMetrics
} from '../engine/local/local-run';

const CELLS = [
  { source: 'rows = [1, 2]', tags: ['step:load'] },
  {
    source: [
      'import argparse',
      'parser = argparse.ArgumentParser()',
      'parser.add_argument("--input", default="data.csv")',
      'args, _ = parser.parse_known_args()',
      'input_arg = args.input',
      'length = __builtins__.len("ab") + len(rows)'
    ].join('\n'),
    tags: ['step:read']
  },
  { source: 'print(input_arg)\nprint(length)', tags: ['pipeline-metrics'] }
];

describe("a step's process globals", () => {
  const { notebook, home } = notebookInTempDir(
    'process-globals',
    'argv.ipynb',
    CELLS
  );

  it('are those of a kernel: no runner arguments in sys.argv, __builtins__ the module', () => {
    const { code, record, stderr } = runJson(home, [notebook, '--no-cache']);
    expect({ code, stderr: code ? stderr : '' }).toEqual({
      code: 0,
      stderr: ''
    });
    expect(runMetrics(record)).toEqual({ input_arg: 'data.csv', length: 4 });
  });
});
