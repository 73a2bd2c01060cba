import { IDiagnostic } from '../../../src/core/ir/diagnostic';
import {
  EditorMarkers,
  markersByCell,
  markRange
} from '../../../src/lab/sidebar/editor-markers';

/** A cell editor that counts the marker updates written to it (a CodeMirror view's surface). */
function fakeEditor() {
  const writes: unknown[] = [];
  return {
    writes,
    editor: {
      state: { field: () => 'installed' },
      dispatch: (spec: unknown) => writes.push(spec)
    }
  };
}

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

  it('words each marker as it is told (the lab says what its sidebar says)', () => {
    const plain = markersByCell([diagnostic('error', 1, 1, 0)]);
    expect(plain.get(1)?.[0].message).toBe('error at 1:1:0');
    const worded = markersByCell(
      [diagnostic('error', 1, 1, 0), diagnostic('warning', 2, 1, 0)],
      d => `lab: ${d.severity}`
    );
    expect(worded.get(1)?.[0].message).toBe('lab: error');
    expect(worded.get(2)?.[0].message).toBe('lab: warning');
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

  it('holds back the typed-in editor until an update without it, and touches only changed cells', () => {
    const typed = fakeEditor();
    const other = fakeEditor();
    const panel = {
      isDisposed: false,
      context: { path: 'n.ipynb' },
      content: { widgets: [{ editor: typed }, { editor: other }] }
    };
    const markers = new EditorMarkers();
    // First analysis: both cells get their markers.
    expect(
      markers.update(panel, 'n.ipynb', [diagnostic('warning', 0, 1, 0)])
    ).toBe(false);
    expect(typed.writes).toHaveLength(1);
    expect(other.writes).toHaveLength(1);
    // Keys typed in cell 0: its new markers wait, cell 1's change is written at once.
    expect(
      markers.update(
        panel,
        'n.ipynb',
        [diagnostic('warning', 0, 1, 4), diagnostic('error', 1, 1, 0)],
        typed
      )
    ).toBe(true);
    expect(typed.writes).toHaveLength(1);
    expect(other.writes).toHaveLength(2);
    // Still typing, same analysis: nothing is written again.
    expect(
      markers.update(
        panel,
        'n.ipynb',
        [diagnostic('warning', 0, 1, 4), diagnostic('error', 1, 1, 0)],
        typed
      )
    ).toBe(true);
    expect(typed.writes).toHaveLength(1);
    expect(other.writes).toHaveLength(2);
    // Typing paused: the held-back markers are written.
    expect(
      markers.update(panel, 'n.ipynb', [
        diagnostic('warning', 0, 1, 4),
        diagnostic('error', 1, 1, 0)
      ])
    ).toBe(false);
    expect(typed.writes).toHaveLength(2);
    expect(other.writes).toHaveLength(2);
    // Held while its markers are unchanged: nothing held back, nothing written.
    expect(
      markers.update(
        panel,
        'n.ipynb',
        [diagnostic('warning', 0, 1, 4), diagnostic('error', 1, 1, 0)],
        typed
      )
    ).toBe(false);
    expect(typed.writes).toHaveLength(2);
  });
});
