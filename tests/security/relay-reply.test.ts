/**
 * Issue 14, finding 2, the engine's half: a reply over the limit, or one V8 cannot serialize,
 * becomes a 413 naming the method, so the relay never receives a line it cannot carry.
 */
import {
  REPLY_LIMIT_BYTES,
  replyLine
} from '../../src/engine/server/reply-size';

describe('engine replies', () => {
  it('go out as they are under the limit', () => {
    const response = { id: 3, result: { text: 'é'.repeat(10) } };
    expect(JSON.parse(replyLine(response, 'compile'))).toEqual(response);
  });

  it('over the limit become a 413 for the same request, counted in UTF-8 bytes', () => {
    // 400 characters of 'é' are 800 bytes: over a 500-byte limit though only 400 long.
    const line = replyLine(
      { id: 7, result: { text: 'é'.repeat(400) } },
      'compile',
      500
    );
    const reply = JSON.parse(line);
    expect(reply.id).toBe(7);
    expect(reply.error.status).toBe(413);
    expect(reply.error.message).toContain('the compile reply is 1 MiB');
    expect(reply.error.message).toContain(
      `${REPLY_LIMIT_BYTES / 1024 / 1024} MiB`
    );
  });

  it('that V8 cannot serialize become a 413 too', () => {
    const huge = {
      toJSON() {
        throw new RangeError('Invalid string length');
      }
    };
    const reply = JSON.parse(replyLine({ id: 'x', result: huge }, 'compile'));
    expect(reply).toMatchObject({ id: 'x', error: { status: 413 } });
    expect(reply.error.message).toContain('larger than a string can hold');
  });
});
