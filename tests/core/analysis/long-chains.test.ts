/**
 * Long operator chains nest deeply in the tree (`a and b and c` is `(a and b) and c`): the
 * walk must not recurse once per operand, or thousands of them exhaust the stack. CPython
 * compiles a chain of 10,000 `and`s.
 */
import { analyzeCellSource } from '../../../src/core/analysis/cell-analysis';

describe('a long chain of and/or', () => {
  it('is analysed without exhausting the stack, every operand read', () => {
    const names = Array.from({ length: 10_000 }, (_, i) => `a${i}`);
    const analysis = analyzeCellSource(
      `x = ${names.join(' and ')}\ny = b0 or b1 and c`
    );
    expect(analysis.names.syntaxErrors).toEqual([]);
    expect(analysis.names.reads.map(r => r.name)).toEqual([
      ...names,
      'b0',
      'b1',
      'c'
    ]);
    expect(analysis.names.writes).toEqual(['x', 'y']);
  });
});
