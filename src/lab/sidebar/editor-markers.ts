/**
 * Diagnostics in the cell editors: the offending line gets a tinted background and a severity
 * icon at its end, and the name or token at the diagnostic's column a wavy underline; hovering
 * either shows the message. CodeMirror 6 decorations, set on each cell's editor by a state effect
 * (JupyterLab's CodeMirrorEditor.injectExtension installs the field once per editor).
 * Shown while the pipeline sidebar analyses the notebook (it is open); cleared while it is hidden.
 */
import { Extension, StateEffect, StateField } from '@codemirror/state';
import {
  Decoration,
  DecorationSet,
  EditorView,
  WidgetType
} from '@codemirror/view';
import { IDiagnostic } from '../../core/ir/diagnostic';
import { Severity, severityIconElement } from '../severity-icon';

/** One diagnostic as an editor shows it (line 1-based, column 0-based, in the cell). */
export interface ICellMarker {
  severity: Severity;
  code: string;
  message: string;
  line: number;
  column: number;
}

const RANK: Record<Severity, number> = { error: 0, warning: 1, info: 2 };

/** The markers of each cell (by 0-based cell index), most severe first. */
export function markersByCell(
  diagnostics: readonly IDiagnostic[],
  messageOf: (diagnostic: IDiagnostic) => string = d => d.message
): Map<number, ICellMarker[]> {
  const cells = new Map<number, ICellMarker[]>();
  for (const d of diagnostics) {
    if (d.cell === null) {
      continue;
    }
    const list = cells.get(d.cell) ?? [];
    list.push({
      severity: d.severity,
      code: d.code,
      message: messageOf(d),
      line: d.line,
      column: d.column
    });
    cells.set(d.cell, list);
  }
  for (const list of cells.values()) {
    list.sort((a, b) => RANK[a.severity] - RANK[b.severity]);
  }
  return cells;
}

/** Where the underline goes in `text` (a line), from `column`: the word there, else one character. */
export function markRange(
  text: string,
  column: number
): { from: number; to: number } | null {
  if (!text.length) {
    return null;
  }
  const from = Math.max(0, Math.min(column, text.length - 1));
  const word = /^[\p{L}\p{N}_]+/u.exec(text.slice(from));
  return { from, to: from + (word ? word[0].length : 1) };
}

/** A key telling whether two marker lists draw the same thing. */
export function markersKey(markers: readonly ICellMarker[]): string {
  return JSON.stringify(markers);
}

/** The key of no markers. */
const NO_MARKERS = markersKey([]);

class SeverityWidget extends WidgetType {
  constructor(private readonly marker: ICellMarker) {
    super();
  }

  eq(other: SeverityWidget): boolean {
    return markersKey([other.marker]) === markersKey([this.marker]);
  }

  toDOM(): HTMLElement {
    const span = document.createElement('span');
    span.className = `jp-cellpipe-EditorMarker jp-mod-${this.marker.severity}`;
    span.title = this.marker.message;
    span.dataset.code = this.marker.code;
    span.appendChild(
      severityIconElement(this.marker.severity, this.marker.severity)
    );
    return span;
  }

  ignoreEvent(): boolean {
    return false;
  }
}

const setMarkers = StateEffect.define<ICellMarker[]>();

function decorations(
  view: { state: EditorView['state'] },
  markers: ICellMarker[]
): DecorationSet {
  const doc = view.state.doc;
  const ranges = [];
  const seenLines = new Set<number>();
  for (const marker of markers) {
    if (marker.line < 1 || marker.line > doc.lines) {
      continue;
    }
    const line = doc.line(marker.line);
    if (!seenLines.has(marker.line)) {
      // The most severe marker of a line (markers come most severe first) styles the line.
      seenLines.add(marker.line);
      ranges.push(
        Decoration.line({
          class: `jp-cellpipe-EditorLine jp-mod-${marker.severity}`,
          attributes: { title: marker.message }
        }).range(line.from)
      );
      ranges.push(
        Decoration.widget({
          widget: new SeverityWidget(marker),
          side: 1
        }).range(line.to)
      );
    }
    const mark = markRange(line.text, marker.column);
    if (mark) {
      ranges.push(
        Decoration.mark({
          class: `jp-cellpipe-EditorMark jp-mod-${marker.severity}`,
          attributes: { title: marker.message }
        }).range(line.from + mark.from, line.from + mark.to)
      );
    }
  }
  return Decoration.set(ranges, true);
}

const markerField = StateField.define<DecorationSet>({
  create: () => Decoration.none,
  update(value, transaction) {
    let next = value.map(transaction.changes);
    for (const effect of transaction.effects) {
      if (effect.is(setMarkers)) {
        next = decorations(transaction, effect.value);
      }
    }
    return next;
  },
  provide: field => EditorView.decorations.from(field)
});

/** What this module needs of a JupyterLab cell editor (a CodeMirrorEditor). */
interface ICodeMirrorEditorLike {
  editor?: EditorView;
  injectExtension?: (extension: Extension) => void;
}

/** Shows `markers` in a cell's editor (none clears them). False if it is no CodeMirror editor. */
export function showMarkers(editor: unknown, markers: ICellMarker[]): boolean {
  const cm = editor as ICodeMirrorEditorLike | null;
  const view = cm?.editor;
  if (!view || typeof view.dispatch !== 'function') {
    return false;
  }
  if (view.state.field(markerField, false) === undefined) {
    if (!markers.length || typeof cm.injectExtension !== 'function') {
      return markers.length === 0;
    }
    cm.injectExtension(markerField);
  }
  view.dispatch({ effects: setMarkers.of(markers) });
  return true;
}

/** What the markers need of a notebook panel (JupyterLab's NotebookPanel has it). */
export interface IMarkedNotebook {
  readonly isDisposed: boolean;
  readonly context: { readonly path: string };
  readonly content: {
    readonly widgets: readonly { readonly editor: unknown }[];
  };
}

/**
 * Keeps the markers of one notebook in step with the latest analysis: only cells whose markers
 * changed are touched, and the previous notebook's markers are cleared when another is followed.
 *
 * The editor being typed in can be held back (`hold`): its markers are then left as they are
 * (CodeMirror moves them with the text) until an update without it, once typing pauses. Writing
 * to the focused editor makes CodeMirror rebuild the marked line and put the DOM selection back,
 * and the browser lay the whole page out for it, then measure it again in the next frame:
 * in a 1,000-cell notebook about 10 ms of each keystroke's frames, which the next key waits for.
 */
export class EditorMarkers {
  /** `messageOf`: a diagnostic's text as the markers' tooltips show it. */
  constructor(
    private readonly messageOf: (diagnostic: IDiagnostic) => string = d =>
      d.message
  ) {}

  /**
   * Shows `diagnostics` of `panel` (null: clear the notebook shown so far), except in the
   * editor `hold`. Returns true when that editor's markers were held back (they differ).
   */
  update(
    panel: IMarkedNotebook | null,
    path: string | null,
    diagnostics: readonly IDiagnostic[],
    hold: unknown = null
  ): boolean {
    if (this._panel && this._panel !== panel) {
      this.clear();
    }
    if (!panel || panel.isDisposed || path !== panel.context.path) {
      return false;
    }
    this._panel = panel;
    // Runs after every key, for every cell of the notebook: an indexed loop, one key string
    // for all the cells without markers, and the shown keys updated in place.
    const byCell = markersByCell(diagnostics, this.messageOf);
    const cells = panel.content.widgets;
    let held = false;
    for (let index = 0; index < cells.length; index++) {
      const editor = cells[index].editor as object | null;
      if (!editor) {
        continue;
      }
      const markers = byCell.get(index);
      const key = markers === undefined ? NO_MARKERS : markersKey(markers);
      if (this._shown.get(editor) === key) {
        continue;
      }
      if (editor === hold) {
        held = true; // what it shows stays as it is, and so does its key
      } else if (showMarkers(editor, markers ?? [])) {
        this._shown.set(editor, key);
      } else {
        this._shown.delete(editor);
      }
    }
    return held;
  }

  /** Removes every marker this shows. */
  clear(): void {
    const panel = this._panel;
    this._panel = null;
    if (panel && !panel.isDisposed) {
      for (const cell of panel.content.widgets) {
        const editor = cell.editor as object | null;
        if (editor && this._shown.get(editor) !== undefined) {
          showMarkers(editor, []);
        }
      }
    }
    this._shown = new WeakMap();
  }

  private _panel: IMarkedNotebook | null = null;
  /**
   * What each editor shows, as its markers' key. An editor no longer in the notebook keeps its
   * entry: its markers are still there, and the entry goes with the editor.
   */
  private _shown = new WeakMap<object, string>();
}
