/**
 * The second reading for lines inside brackets (src/core/analysis/bracketed-lines.ts): line
 * breaks inside brackets become spaces, comments before them blanks, and nothing else changes,
 * so every offset of the parse still points into the original source.
 */
import fc from 'fast-check';
import { joinBracketedLines } from '../../../src/core/analysis/bracketed-lines';

describe('joinBracketedLines', () => {
  it('makes the breaks inside brackets spaces', () => {
    expect(
      joinBracketedLines('def f():\n    x = (a +\nb)\n    return x\n')
    ).toBe('def f():\n    x = (a + b)\n    return x\n');
  });

  it('blanks a comment before a joined break', () => {
    expect(joinBracketedLines('x = [1,  # one\n2]\n')).toBe(
      'x = [1,        2]\n'
    );
  });

  it('leaves strings, backslash continuations and CRLF line ends in place', () => {
    expect(joinBracketedLines('s = ("""a\nb""",\n1)\n')).toBe(
      's = ("""a\nb""", 1)\n'
    );
    expect(joinBracketedLines('x = (1 + \\\n2)\n')).toBeNull();
    expect(joinBracketedLines('x = (1,\r\n2)\r\n')).toBe('x = (1,  2)\r\n');
  });

  it("joins the lines of an f-string's replacement field, not of its text", () => {
    expect(joinBracketedLines('s = f"{a +  # c\nb}"\n')).toBe(
      's = f"{a +      b}"\n'
    );
    expect(joinBracketedLines('s = f"""{a}\n{b}"""\n')).toBeNull();
  });

  it('gives null when no break is inside brackets', () => {
    expect(joinBracketedLines('x = 1\ny = (2)\n# (\n')).toBeNull();
  });

  it('keeps every offset: only breaks, and comments and carriage returns, become spaces', () => {
    const piece = fc.constantFrom(
      '(',
      ')',
      '[',
      ']',
      'x',
      ' ',
      '+',
      '#c',
      '"',
      "'''",
      '\\',
      '\n',
      '\r\n'
    );
    fc.assert(
      fc.property(fc.array(piece, { maxLength: 40 }), pieces => {
        const source = pieces.join('');
        const joined = joinBracketedLines(source);
        if (joined === null) {
          return;
        }
        expect(joined).toHaveLength(source.length);
        for (let i = 0; i < source.length; i++) {
          if (joined[i] !== source[i]) {
            expect(joined[i]).toBe(' ');
          }
        }
        // what a comment loses never includes a line break that stays
        expect(joined.split('\n').length).toBeLessThan(
          source.split('\n').length
        );
      }),
      { numRuns: 2000 }
    );
  });
});
