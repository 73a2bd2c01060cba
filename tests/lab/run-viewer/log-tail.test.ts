/** The run viewer keeps the end of a long log (log-tail.ts). */
import { appendLog, EMPTY_LOG } from '../../../src/lab/run-viewer/log-tail';

describe('appendLog', () => {
  it('appends a chunk and takes its offset and completeness', () => {
    const first = appendLog(EMPTY_LOG, { text: 'a\n', offset: 2 });
    expect(first).toEqual({
      text: 'a\n',
      offset: 2,
      complete: false,
      trimmed: false
    });
    expect(
      appendLog(first, { text: 'b\n', offset: 4, complete: true })
    ).toEqual({ text: 'a\nb\n', offset: 4, complete: true, trimmed: false });
  });

  it('keeps the end past the limit, from a whole line, and remembers it cut', () => {
    const state = appendLog(
      EMPTY_LOG,
      { text: 'line 1\nline 2\nline 3\n', offset: 21 },
      10
    );
    expect(state.text).toBe('line 3\n');
    expect(state.trimmed).toBe(true);
    // Still trimmed after more text that fits.
    const more = appendLog(state, { text: 'x', offset: 22 }, 10);
    expect(more).toEqual({
      text: 'line 3\nx',
      offset: 22,
      complete: false,
      trimmed: true
    });
  });

  it('cuts mid-line when no line break is near (one very long line)', () => {
    const state = appendLog(
      EMPTY_LOG,
      { text: 'y'.repeat(20_000), offset: 20_000 },
      10
    );
    expect(state.text).toBe('y'.repeat(10));
  });
});
