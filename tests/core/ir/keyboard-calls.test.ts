/** What the keyboard-input warning says, and where. */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

const PARAMETER =
  'Make the answer a pipeline parameter instead: a cell tagged pipeline-parameters with ' +
  'choice = 1, which a run can change (cellpipe run --param choice=2)';

describe('the keyboard-input warning', () => {
  it('names the step, the call, what fails there and the way out', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('mode = int(input("Mode: "))', ['step:choose']),
        codeCell('print(mode)', ['step:report'])
      ]),
      'ask.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'keyboard-input',
        message:
          "step 'choose' calls input(), which waits for an answer typed at a keyboard, but a " +
          'pipeline step runs with no one to type: the call fails there (EOFError). ' +
          PARAMETER,
        cell: 0,
        line: 1,
        column: 11
      }
    ]);
  });

  it('names the function a step calls and where the call inside it is', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('def ask():\n    return int(input("n: "))\n', ['functions']),
        codeCell('def twice():\n    return 2 * ask()\n', ['functions']),
        codeCell('x = 1\nn = twice()', ['step:a'])
      ]),
      'nested.ipynb'
    );
    expect(ir.diagnostics).toEqual([
      {
        severity: 'warning',
        code: 'keyboard-input',
        message:
          "step 'a' calls 'twice', which calls input() (cell 1, line 2), which waits for an " +
          'answer typed at a keyboard, but a pipeline step runs with no one to type: the call ' +
          'fails there (EOFError). ' +
          PARAMETER,
        cell: 2,
        line: 2,
        column: 4
      }
    ]);
  });

  it('warns at a call in the imports cell, which runs in every step', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import pdb\npdb.set_trace()', ['imports']),
        codeCell('x = 1', ['step:a'])
      ]),
      'debug.ipynb'
    );
    expect(ir.diagnostics.map(d => [d.cell, d.line, d.message])).toEqual([
      [
        0,
        2,
        'pdb.set_trace(), in a cell that runs in every step, stops in the debugger for ' +
          'commands typed at a keyboard, but a pipeline step runs with no one to type: the ' +
          'call fails there (BdbQuit). Take it out before running the pipeline'
      ]
    ]);
  });

  it('says to read a secret from the environment', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('from getpass import getpass as ask', ['imports']),
        codeCell('token = ask("Token: ")', ['step:login'])
      ]),
      'secret.ipynb'
    );
    expect(ir.diagnostics.map(d => d.message)).toEqual([
      "step 'login' calls getpass.getpass() (as 'ask'), which waits for an answer typed at " +
        'a keyboard, but a pipeline step runs with no one to type: the call fails there ' +
        '(EOFError). Read the secret from the environment instead (os.environ["TOKEN"])'
    ]);
  });
});
