/**
 * An imports or functions cell runs at the start of every step, before the step's inputs are
 * loaded: a name its top-level code reads must come from the shared cells or the parameters.
 * One a step binds fails every step with a NameError (a warning: a guarded read runs); one
 * nothing binds is undefined.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { codeCell, notebookJson } from '../../support/notebook-json';

describe('names a shared cell reads at its top level', () => {
  it('one a step binds is warned of, naming the step; one nothing binds is undefined', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('base = 3', ['step:a']),
        codeCell(
          'SCALE = base * 2\nOTHER = nowhere + 1\ndef sc(v):\n    return v * SCALE * later',
          ['functions']
        ),
        codeCell('later = 1\nprint(sc(1))', ['step:b'])
      ]),
      'shared.ipynb'
    );
    expect(
      ir.diagnostics.map(({ severity, code, message, cell, line }) => ({
        severity,
        code,
        message,
        cell,
        line
      }))
    ).toEqual([
      {
        severity: 'warning',
        code: 'shared-cell-read',
        message:
          "the functions cell reads 'base' when it runs, at the start of every step and before " +
          "the step's inputs are loaded, but only step 'a' binds it: bind it in an imports, " +
          'functions or parameters cell, or read it inside a function',
        cell: 1,
        line: 1
      },
      {
        severity: 'warning',
        code: 'undefined-name',
        message:
          "'nowhere' is read in the functions cell but no imports, functions or parameters cell defines it",
        cell: 1,
        line: 2
      }
    ]);
  });

  it('names the shared cells and parameters bind, and builtins, are fine', () => {
    const ir = analyzeNotebook(
      notebookJson([
        codeCell('import math\nK = 2', ['imports']),
        codeCell('rate = 0.5', ['pipeline-parameters']),
        codeCell('F = math.pi * K * rate + len([])', ['functions']),
        codeCell('print(F)', ['step:a'])
      ]),
      'fine.ipynb'
    );
    expect(ir.diagnostics).toEqual([]);
  });
});
