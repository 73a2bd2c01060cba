/**
 * Blocks nested deeper than CPython's compiler takes (the differential test,
 * tests/python/test_differential_block_nesting.py, checks verdicts and lines against CPython;
 * this, the message and the walk's cost on finally bodies in finally bodies).
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

const indent = (depth: number) => ' '.repeat(depth);

/** `count` nested loops around `pass`. */
function loops(count: number): string {
  let source = '';
  for (let i = 0; i < count; i++) {
    source += `${indent(i)}for x in y:\n`;
  }
  return `${source}${indent(count)}pass\n`;
}

/** `count` `try` statements, each in the `finally` body of the one before. */
function finallies(count: number): string {
  let source = '';
  for (let i = 0; i < count; i++) {
    source += `${indent(i)}try:\n${indent(i + 1)}pass\n${indent(i)}finally:\n`;
  }
  return `${source}${indent(count)}pass\n`;
}

describe('blocks nested too deeply', () => {
  it('refuses a 21st loop on its line, saying what CPython says', () => {
    expect(analyzeCellSource(loops(21)).names.syntaxErrors).toEqual([
      {
        name: '',
        line: 21,
        column: 20,
        reason: 'too many statically nested blocks'
      }
    ]);
    expect(analyzeCellSource(loops(20)).names.syntaxErrors).toEqual([]);
  });

  it('reads each finally body once at each depth, not twice for each finally around it', () => {
    // 2^40 reads without that; CPython's own compile() doubles its time with each one too,
    // so the differential test keeps to a few. It stops at the 21st: the innermost try.
    const [error] = analyzeCellSource(finallies(40)).names.syntaxErrors;
    expect(error).toMatchObject({
      line: 118,
      reason: 'too many statically nested blocks'
    });
  });
});
