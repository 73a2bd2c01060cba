/**
 * A step's log as the run viewer holds it: read from the server in chunks (at most 1 MiB each,
 * from the byte offset reached so far), and kept to its last LOG_KEEP_CHARS characters, so a
 * step that printed hundreds of megabytes does not fill the page. The whole log stays on the
 * server (`cellpipe logs RUN STEP` prints it).
 */

/** The characters of a log the viewer keeps (the end of it). */
export const LOG_KEEP_CHARS = 4 * 1024 * 1024;

/**
 * A chunk this long means the server had more to send than it sent at once (its chunks are
 * 1 MiB, at least a quarter of that in characters): the viewer reads on without waiting for
 * the next poll.
 */
export const LOG_BACKLOG_CHARS = 256 * 1024;

export interface ILogState {
  text: string;
  /** The byte offset in the log file read up to. */
  offset: number;
  /** The step has finished and everything it wrote has been read. */
  complete: boolean;
  /** The start of the log was left out (it is longer than LOG_KEEP_CHARS). */
  trimmed: boolean;
}

export const EMPTY_LOG: ILogState = {
  text: '',
  offset: 0,
  complete: false,
  trimmed: false
};

/**
 * `state` with `chunk` read after it. Past `keep` characters the start is dropped, from the
 * next line break when there is one close by, so the kept text starts with a whole line.
 */
export function appendLog(
  state: ILogState,
  chunk: { text: string; offset: number; complete?: boolean },
  keep = LOG_KEEP_CHARS
): ILogState {
  let text = state.text + chunk.text;
  let trimmed = state.trimmed;
  if (text.length > keep) {
    const cut = text.length - keep;
    const lineStart = text.indexOf('\n', cut);
    text = text.slice(
      lineStart >= 0 && lineStart - cut < 4096 ? lineStart + 1 : cut
    );
    trimmed = true;
  }
  return {
    text,
    offset: chunk.offset,
    complete: chunk.complete === true,
    trimmed
  };
}
