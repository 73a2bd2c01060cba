/**
 * Replies the relay can carry (issue 14, finding 2). The Jupyter server reads one reply per line;
 * a reply larger than REPLY_LIMIT_BYTES, or one too large for V8 to serialize at all, is replaced
 * by a 413 naming the method, so one oversized answer fails only its own request.
 */
import { IEngineResponse } from './protocol';

/** The largest reply line the engine writes (the relay in cellpipe/engine_lines.py agrees). */
export const REPLY_LIMIT_BYTES = 64 * 1024 * 1024;

const MIB = 1024 * 1024;

function tooLarge(
  response: IEngineResponse,
  method: string,
  size: string
): string {
  return JSON.stringify({
    id: response.id,
    error: {
      status: 413,
      message:
        `the ${method} reply is ${size}, more than the ${REPLY_LIMIT_BYTES / MIB} MiB the lab ` +
        'carries; use the command line for it (for example `cellpipe compile NOTEBOOK -o FILE`)'
    }
  });
}

/** The reply as one JSON line (without the newline), or a 413 in its place. */
export function replyLine(
  response: IEngineResponse,
  method: string,
  limit = REPLY_LIMIT_BYTES
): string {
  let text: string;
  try {
    text = JSON.stringify(response);
  } catch (error) {
    if (error instanceof RangeError) {
      return tooLarge(response, method, 'larger than a string can hold');
    }
    throw error;
  }
  // UTF-8 takes at most 3 bytes per UTF-16 unit; count exactly only near the limit.
  if (text.length * 3 > limit) {
    const bytes = Buffer.byteLength(text, 'utf8');
    if (bytes > limit) {
      return tooLarge(response, method, `${Math.ceil(bytes / MIB)} MiB`);
    }
  }
  return text;
}
