/**
 * What a syntax error says. Where one of our own checks finds it (not the parser), it says what
 * CPython says: an unexpected indent, an unterminated string, and an invisible character that
 * tree-sitter reads as a space (a no-break space or a byte order mark pasted in with text),
 * which CPython refuses and the editor does not show, and brackets never closed, closing
 * nothing or the wrong one. Where CPython's tokenizer refuses something, that error comes
 * first, as CPython reports it.
 */
import { analyzeNotebook } from '../../../src/core/analyze';
import { IDiagnostic } from '../../../src/core/ir/diagnostic';
import { codeCell, notebookJson } from '../../support/notebook-json';

function syntaxErrors(source: string): IDiagnostic[] {
  const ir = analyzeNotebook(
    notebookJson([codeCell(source, ['step:only'])]),
    'pasted.ipynb'
  );
  return ir.diagnostics.filter(d => d.code === 'syntax-error');
}

describe('the syntax-error message', () => {
  it('names an invisible character between tokens, at its line and column', () => {
    expect(syntaxErrors('total = 1\nscaled = total\u00a0* 2\n')).toEqual([
      {
        severity: 'error',
        code: 'syntax-error',
        message:
          'invalid non-printable character U+00A0 (a no-break space, often pasted in with ' +
          'text; delete it, and type a plain space if one is needed) near ' +
          "'scaled = total\u00a0* 2'",
        cell: 0,
        line: 2,
        column: 14
      }
    ]);
  });

  it.each([
    ['a byte order mark starting the cell', '\ufeffx = 1\n', 'U+FEFF', 1, 0],
    ['a zero-width space', 'x = 1\u200b\n', 'U+200B', 1, 5],
    ['an ideographic space', 'x =\u30001\n', 'U+3000', 1, 3],
    ['a word joiner in a block', 'if True:\n    y\u2060= 2\n', 'U+2060', 2, 5],
    ['a vertical tab', 'x = 1\v+ 2\n', 'U+000B', 1, 5]
  ])('names %s', (_what, source, code, line, column) => {
    const [error] = syntaxErrors(source);
    expect(error.message).toContain(`invalid non-printable character ${code}`);
    expect({ line: error.line, column: error.column }).toEqual({
      line,
      column
    });
  });

  it('leaves invisible characters in strings and comments alone', () => {
    expect(
      syntaxErrors(
        's = "a\u00a0b"\nt = f"{s}\ufeff"\nu = """\n\u200b"""\nx = 1  # note\u00a0here\n'
      )
    ).toEqual([]);
  });

  it('says what CPython says of indentation and strings', () => {
    expect(syntaxErrors('x = 1\n    y = 2\n').map(d => d.message)).toEqual([
      "unexpected indent near 'y = 2'"
    ]);
    expect(syntaxErrors("x = 'abc\n").map(d => d.message)).toEqual([
      "unterminated string literal near 'x = 'abc'"
    ]);
  });

  it('refuses tabs and spaces that CPython cannot compare (TabError)', () => {
    expect(
      syntaxErrors('if True:\n\tx = 1\n        y = 2\n').map(d => [
        d.line,
        d.message
      ])
    ).toEqual([
      [3, "inconsistent use of tabs and spaces in indentation near 'y = 2'"]
    ]);
    // the same mix, consistent at every level, is fine
    expect(syntaxErrors('if True:\n\tif x:\n\t    y = 1\n\tz = 2\n')).toEqual(
      []
    );
  });

  it.each([
    // the source, and CPython's message, line and column
    // a bracket never closed, named at its place
    ['def broken(:\n', "'(' was never closed", 1, 10],
    ['x = (1 +\ny = 2\n', "'(' was never closed", 1, 4],
    ['a = [1,\n  {2: (3,\n', "'(' was never closed", 2, 6],
    ['rows = [\n    1,\n', "'[' was never closed", 1, 7],
    // a closing bracket that closes nothing or the wrong one, a string never ended
    [
      'x = (1, 2]\n',
      "closing parenthesis ']' does not match opening parenthesis '('",
      1,
      9
    ],
    [
      'x = [1,\n  2)\n',
      "closing parenthesis ')' does not match opening parenthesis '[' on line 1",
      2,
      3
    ],
    ['x = 1)\n', "unmatched ')'", 1, 5],
    ['y = 1\n}\n', "unmatched '}'", 2, 0],
    ["x = rb'abc\n", 'unterminated string literal', 1, 4],
    ["s = '''abc\ny = 1\n", 'unterminated triple-quoted string literal', 1, 4],
    // a compound statement's header without its colon, then its indented body: at its end
    ['class A\n    pass\n', "expected ':'", 1, 7],
    ['def f(a,\n      b)\n    pass\n', "expected ':'", 2, 8],
    ['if x  # why\n    pass\n', "expected ':'", 1, 6],
    ['x = 1\nfor x in y\n\n    pass\n', "expected ':'", 2, 10],
    ['if d[1:2]\n    pass\n', "expected ':'", 1, 9]
  ])(
    'names what CPython names, where it does: %j',
    (source, message, line, column) => {
      expect(
        syntaxErrors(source).map(d => [d.line, d.column, d.message])
      ).toEqual([
        [
          line,
          column,
          `${message} near '${source.split('\n')[line - 1].trim()}'`
        ]
      ]);
    }
  );

  it.each([
    // what CPython's tokenizer refuses comes first, wherever the parser's error is
    ['x = = 1\n\n\ny = )\n', 4, "unmatched ')'"],
    ["x = = 1\n\n\ns = 'abc\n", 4, 'unterminated string literal'],
    [
      'x = = 1\n\n\ny = 1\u00a0+ 2\n',
      4,
      'invalid non-printable character U+00A0'
    ],
    // a bracket never closed comes first where closing it leaves no error
    ['x = [1,\n    2,\n    (3,\n', 3, "'(' was never closed"],
    // and not where an error stays: CPython's "invalid syntax" stands
    ['x = = [1,\n    2,\n    (3,\n', 1, 'invalid Python syntax'],
    // an unexpected indent before a tokenizer error is reported first, as by CPython
    ['x = 1\n  y = 2\nz = )\n', 2, 'unexpected indent'],
    // an indentation error where the code before it parses, though the grammar's recovery
    // puts its error at the start of the function around it
    [
      'def f(x):\n    if x:\n        y = 1\n      z = 2\n    return x\n',
      4,
      'unindent does not match any outer indentation level'
    ],
    [
      'def f(x):\n    try\n        y = 1\n    except E:\n        pass\n',
      2,
      "expected ':'"
    ]
  ])('reports first the error CPython reports: %j', (source, line, message) => {
    const [error] = syntaxErrors(source);
    expect([error.line, error.message]).toEqual([
      line,
      expect.stringContaining(message)
    ]);
  });

  it('keeps an unexpected indent after a header with its colon and a body on its line', () => {
    expect(
      syntaxErrors('if x: y = 1\n    z = 2\n').map(d => [d.line, d.message])
    ).toEqual([[2, "unexpected indent near 'z = 2'"]]);
  });

  it('keeps the general message where the parser finds the error', () => {
    expect(syntaxErrors('x = = 1\n').map(d => d.message)).toEqual([
      "invalid Python syntax near 'x = = 1'"
    ]);
  });
});
