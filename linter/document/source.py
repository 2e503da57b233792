"""Opening an input before any reader sees it: only a regular file is read, its size is checked with
`stat` first, and never more than the limit plus one byte is read.

A named pipe would block the run for ever, `/dev/zero` would fill the memory, and a 3 GB file would be
read whole before its size was checked; each of these is refused here with a reason (`ReadError`), which
the engine turns into one `input` finding.  The file is opened without blocking and checked on the open
descriptor (`fstat`), so a file swapped for a pipe between the check and the read is caught too.
"""
from __future__ import annotations

import os
import stat

from linter.document.readers import ReadError

_KINDS = ((stat.S_ISDIR, "a directory"), (stat.S_ISFIFO, "a named pipe"), (stat.S_ISCHR, "a character device"),
          (stat.S_ISBLK, "a block device"), (stat.S_ISSOCK, "a socket"))
_CHUNK = 1 << 20


def oversize_reason(max_bytes: int) -> str:
    return f"file is larger than the limit of {max_bytes} bytes"


def kind_of(mode: int) -> str:
    """What a file that is not a regular file is, in words."""
    return next((name for test, name in _KINDS if test(mode)), "not a regular file")


def read_input(path: str | os.PathLike, max_bytes: int) -> bytes:
    """The bytes of the regular file `path`; `ReadError` for anything else or anything larger than `max_bytes`."""
    flags = os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_NOCTTY", 0) | getattr(os, "O_CLOEXEC", 0)
    try:
        fd = os.open(path, flags)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), "unreadable") from exc
    try:
        info = os.fstat(fd)
        if not stat.S_ISREG(info.st_mode):
            raise ReadError(f"not a regular file ({kind_of(info.st_mode)})", "not-regular")
        if info.st_size > max_bytes:
            raise ReadError(oversize_reason(max_bytes), "oversized")
        return read_at_most(fd, max_bytes + 1)
    except OSError as exc:
        raise ReadError(exc.strerror or str(exc), "unreadable") from exc
    finally:
        os.close(fd)


def read_at_most(fd: int, limit: int) -> bytes:
    """Up to `limit` bytes from a file descriptor (a file that grows while it is read stops there)."""
    chunks: list[bytes] = []
    left = limit
    while left > 0:
        chunk = os.read(fd, min(_CHUNK, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)


def read_stream(stream, max_bytes: int) -> bytes:
    """Standard input (or any binary stream): at most `max_bytes + 1` bytes, so a larger input is
    refused by the engine without being read to its end."""
    chunks: list[bytes] = []
    left = max_bytes + 1
    while left > 0:
        chunk = stream.read(min(_CHUNK, left))
        if not chunk:
            break
        chunks.append(chunk)
        left -= len(chunk)
    return b"".join(chunks)
