/**
 * Writes notebook JSON the way it was read: same indentation, key order, final newline and
 * escaping of non-ASCII text, so that a change to tags shows up as a change to tags only.
 */
import { renameSync, writeFileSync } from 'node:fs';

export function serializeLike(original: string, value: unknown): string {
  const indent = /^\{\r?\n([ \t]+)"/.exec(original)?.[1] ?? ' ';
  let text = JSON.stringify(value, null, indent);
  if (!/[\u0080-\uffff]/.test(original)) {
    // Written with Python's ensure_ascii: keep non-ASCII text escaped the same way.
    text = text.replace(
      /[\u0080-\uffff]/g,
      ch => '\\u' + ch.charCodeAt(0).toString(16).padStart(4, '0')
    );
  }
  return original.endsWith('\n') ? text + '\n' : text;
}

/** Writes through a temporary file and a rename, so a crash never leaves half a notebook. */
export function writeFileAtomic(path: string, text: string): void {
  const temporary = `${path}.cellpipe-${process.pid}.tmp`;
  writeFileSync(temporary, text);
  renameSync(temporary, path);
}
