/**
 * A step's log as a terminal would show it, for a <pre>: colour and cursor codes left out
 * (`\x1b[31m`), and a line rewritten with `\r` (tqdm's progress bars) shown as it was left.
 */

/** CSI sequences (`ESC [ … letter`), OSC sequences (`ESC ] … BEL`) and other two-byte escapes. */
/* eslint-disable no-control-regex -- matching control characters is the point */
const ESCAPES =
  /\x1b\[[0-?]*[ -/]*[@-~]|\x1b\][^\x07\x1b]*(?:\x07|\x1b\\)|\x1b[@-Z\\-_]/g;
/* eslint-enable no-control-regex */

export function terminalText(text: string): string {
  const plain = text.includes('\x1b') ? text.replace(ESCAPES, '') : text;
  if (!plain.includes('\r')) {
    return plain;
  }
  return plain
    .split('\n')
    .map(line => {
      const body = line.endsWith('\r') ? line.slice(0, -1) : line; // \r\n ends a line
      const last = body.lastIndexOf('\r');
      return last < 0 ? body : body.slice(last + 1);
    })
    .join('\n');
}
