import { IDiagnostic } from '../../../src/core/ir/diagnostic';
import {
  markersByCell,
  markRange
} from '../../../src/lab/sidebar/editor-markers';

const diagnostic = (
  severity: IDiagnostic['severity'],
  cell: number | null,
  line: number,
  column: number
): IDiagnostic => ({
  severity,
  code: 'undefined-name',
  message: `${severity} at ${cell}:${line}:${column}`,
  cell,
  line,
  column
});

describe('editor markers', () => {
  it('groups diagnostics by cell, most severe first, and leaves out notebook-wide ones', () => {
    const cells = markersByCell([
      diagnostic('info', 2, 1, 0),
      diagnostic('warning', 2, 3, 4),
      diagnostic('error', 2, 3, 0),
      diagnostic('warning', 5, 1, 0),
      diagnostic('warning', null, 1, 0)
    ]);
    expect([...cells.keys()].sort()).toEqual([2, 5]);
    expect(cells.get(2)?.map(m => [m.severity, m.line, m.column])).toEqual([
      ['error', 3, 0],
      ['warning', 3, 4],
      ['info', 1, 0]
    ]);
    expect(cells.get(5)).toHaveLength(1);
  });

  it('underlines the word at the column, else one character, within the line', () => {
    expect(markRange('    print(nowhere_defined)', 10)).toEqual({
      from: 10,
      to: 25
    });
    expect(markRange('x = (', 4)).toEqual({ from: 4, to: 5 });
    // A column past the end (a missing bracket at the end of a line) marks the last character.
    expect(markRange('f(a', 3)).toEqual({ from: 2, to: 3 });
    expect(markRange('', 0)).toBeNull();
    expect(markRange('naïve_name + 1', 0)).toEqual({ from: 0, to: 10 });
  });
});
