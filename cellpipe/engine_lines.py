"""Bounded lines from the engine's stdout and stderr (issue 14, finding 2).

asyncio's StreamReader.readline gives up on a line longer than its limit, and a reader that
stops reading wedges the engine for good (its pipe fills). These readers never stop: a line over
the limit is skipped to its end, and what is kept of it is its head, so the relay can fail the one
request it answered and go on with the next line.
"""
import re

CHUNK = 1024 * 1024
HEAD = 256
_ID = re.compile(rb'^\s*\{\s*"id"\s*:\s*(-?\d+|"(?:[^"\\]|\\.)*")')


class Overflow:
    """A line longer than the limit: its first bytes and its full size."""

    def __init__(self, head, size):
        self.head = bytes(head)
        self.size = size

    def request_id(self):
        """The id of the reply the line held (its first member), or None."""
        match = _ID.match(self.head)
        if not match:
            return None
        text = match.group(1).decode("utf-8", "replace")
        if text.startswith('"'):
            return text[1:-1]
        return int(text)


class BoundedLines:
    """Lines (bytes, without the newline) or Overflow, read from `reader` until EOF (None)."""

    def __init__(self, reader, limit):
        self.reader = reader
        self.limit = limit
        self.buffer = bytearray()
        self.eof = False

    async def next(self):
        while True:
            newline = self.buffer.find(b"\n")
            if newline >= 0 and newline <= self.limit:
                line = bytes(self.buffer[:newline])
                del self.buffer[:newline + 1]
                return line
            if newline > self.limit or len(self.buffer) > self.limit:
                return await self._skip_long_line()
            if self.eof:
                if self.buffer:
                    line = bytes(self.buffer)
                    self.buffer.clear()
                    return line
                return None
            await self._fill()

    async def _fill(self):
        chunk = await self.reader.read(CHUNK)
        if chunk:
            self.buffer += chunk
        else:
            self.eof = True

    async def _skip_long_line(self):
        head = bytes(self.buffer[:HEAD])
        size = 0
        while True:
            newline = self.buffer.find(b"\n")
            if newline >= 0:
                size += newline
                del self.buffer[:newline + 1]
                return Overflow(head, size)
            size += len(self.buffer)
            self.buffer.clear()
            if self.eof:
                return Overflow(head, size)
            await self._fill()
