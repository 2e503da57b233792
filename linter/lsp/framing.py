"""LSP base protocol framing (`Content-Length: n\r\n\r\n` + n bytes of JSON), read defensively.

An editor client that misbehaves — or a stranger on the other end of the pipe — must not crash or stall
the server: a Content-Length that is missing, negative, not a number or too large to represent, a header
that never ends, or a message larger than the limit is a `FrameError` (the server logs it and goes on);
after a header it cannot use, the reader reads past the message, without keeping it, to the next
`Content-Length:` header it finds.  Memory stays bounded by the limit whatever arrives.
"""
from __future__ import annotations

import re

MAX_HEADER_BYTES = 8192
_BLANK_RE = re.compile(rb"\r?\n")
_HEADER_LINE_RE = re.compile(rb"[A-Za-z0-9_-]{1,64}[ \t]*:[^\r\n]{0,8192}\r?\n")
_LENGTH_RE = re.compile(rb"^content-length[ \t]*:[ \t]*(.*?)[ \t\r]*$", re.I | re.M)
_DIGITS_RE = re.compile(rb"[0-9]{1,15}")
_NEXT_HEADER_RE = re.compile(rb"content-length[ \t]*:[ \t]*[0-9]{1,15}[ \t]*\r?\n", re.I)
_KEEP = 64
_CHUNK = 1 << 16


class FrameError(Exception):
    """A message that cannot be framed; the message says why (for the server's log, never a traceback)."""


class FrameReader:
    """`next_frame()` → the body of the next message, None at the end of the stream, or `FrameError`."""

    def __init__(self, stream, max_body: int) -> None:
        self.read = getattr(stream, "read1", None) or stream.read
        self.max_body = max_body
        self.buffer = bytearray()
        self.eof = False

    def next_frame(self) -> bytes | None:
        header = self._header()
        if header is None:
            return None
        length = self._length(header)
        if length > self.max_body:
            self._resync(0)  # read past it without keeping it (a length far beyond the stream included)
            raise FrameError(f"a message of {length} bytes is larger than the limit of {self.max_body} bytes; "
                             f"skipped to the next message")
        return self._take(length)

    # ── steps ──────────────────────────────────────────────────────────────────────────────────────
    def _header(self) -> bytes | None:
        """The header lines of the next message, read up to and including the blank line that ends them;
        None at the end of the stream.  A line that is not `Name: value` is a `FrameError`."""
        pos = 0
        while True:
            blank = _BLANK_RE.match(self.buffer, pos)
            if blank:
                header = bytes(self.buffer[:pos])
                del self.buffer[:blank.end()]
                return header
            line = _HEADER_LINE_RE.match(self.buffer, pos)
            if line:
                pos = line.end()
                if pos > MAX_HEADER_BYTES:
                    self._resync()
                    raise FrameError(f"a header longer than {MAX_HEADER_BYTES} bytes; skipped to the next message")
                continue
            waiting = self.buffer.find(b"\n", pos) < 0 and len(self.buffer) - pos <= MAX_HEADER_BYTES
            if waiting and self._fill():
                continue
            if not self.buffer[pos:].strip():
                return None  # the stream ended
            self._resync()
            raise FrameError("a header line that is not `Name: value`; skipped to the next message")

    def _length(self, header: bytes) -> int:
        m = _LENGTH_RE.search(header)
        if not m:
            self._resync(0)
            raise FrameError("a message without a Content-Length header; skipped to the next message")
        value = m.group(1)
        if not _DIGITS_RE.fullmatch(value):
            self._resync(0)
            shown = value[:40].decode("ascii", "replace")
            raise FrameError(f"Content-Length {shown!r} is not a valid length; skipped to the next message")
        return int(value)

    def _take(self, length: int) -> bytes | None:
        while len(self.buffer) < length:
            if not self._fill():
                return None  # the stream ended inside the body
        body = bytes(self.buffer[:length])
        del self.buffer[:length]
        return body

    def _resync(self, start: int = 1) -> None:
        """Drop what cannot be framed, up to the next `Content-Length: n` header line at or after `start` (0
        once the broken header has been taken off the buffer)."""
        while True:
            m = _NEXT_HEADER_RE.search(self.buffer, start)
            if m:
                del self.buffer[:m.start()]
                return
            del self.buffer[:max(0, len(self.buffer) - _KEEP)]  # a header may be cut between two reads
            if not self._fill():
                self.buffer.clear()
                return

    def _fill(self) -> bool:
        if self.eof:
            return False
        chunk = self.read(_CHUNK)
        if not chunk:
            self.eof = True
            return False
        self.buffer += chunk
        return True
