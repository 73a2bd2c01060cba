/**
 * `stripMagics` returns a cell as it is when no line could be a magic. The shortcut must never
 * change a result: on any text it equals the line-by-line scan.
 */
import fc from 'fast-check';
import { scanMagics, stripMagics } from '../../../src/core/analysis/magics';

/**
 * Lines from pieces that make and break magics: `%`, `!`, help `?`, the autocall escapes, `=`,
 * quotes, brackets, indents.
 */
const line = fc
  .array(
    fc.constantFrom(
      '%',
      '%%time',
      '!',
      '!=',
      '?',
      '??',
      '/',
      ',',
      ';',
      '.',
      '=',
      ' ',
      '\t',
      'x',
      'pip install a',
      '(',
      ')',
      '"',
      "'''",
      '\\',
      '#',
      ':'
    ),
    { maxLength: 8 }
  )
  .map(pieces => pieces.join(''));

describe('stripMagics shortcut', () => {
  it('equals the line-by-line scan on any cell', () => {
    fc.assert(
      fc.property(fc.array(line, { maxLength: 12 }), lines => {
        const source = lines.join('\n');
        expect(stripMagics(source)).toEqual(scanMagics(source));
      }),
      { numRuns: 2000 }
    );
  });

  it('still finds magics', () => {
    expect(stripMagics('x = 1\n%timeit y = 2\n').magics).toEqual([
      { line: 2, text: '%timeit y = 2', kind: 'line-magic' }
    ]);
    expect(stripMagics('x = 1\n  %time y = 2\n')).toEqual({
      python: 'x = 1\n  pass; y = 2\n',
      packages: [],
      magics: []
    });
    expect(stripMagics('files = !ls\n').magics).toHaveLength(1);
    expect(stripMagics('if a != b:\n    pass\n').magics).toEqual([]);
  });

  it('reads help and the autocall escapes as IPython does', () => {
    expect(stripMagics('x = 1\ny = df.head?\nz = 2\n')).toEqual({
      python: 'x = 1\n\nz = 2\n',
      packages: [],
      magics: [{ line: 2, text: 'y = df.head?', kind: 'line-magic' }]
    });
    expect(stripMagics('if a:\n    x??\n').python).toBe('if a:\n    pass\n');
    expect(stripMagics('?x\n/print 1\n,print a b\n').magics).toHaveLength(3);
    // the `?` stays where IPython leaves it: the syntax error is reported
    for (const cell of [
      'f(x)?\n',
      'x?  \n',
      'x = (a,\n     b?)\n',
      "s = 'a?'\n"
    ]) {
      expect(stripMagics(cell).magics).toEqual([]);
    }
  });
});
