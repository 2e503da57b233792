"""A forked child process and the two pipes between it and its parent: what the worker pool needs of
`multiprocessing` (a `fork` context's Process and duplex Pipe), on the operating system's own calls.

`multiprocessing` and what it imports (sockets, selectors, subprocess, tempfile and through it bz2 and lzma)
were about a twentieth of a cold `check`.  Messages are sent as multiprocessing's connections send them: each
object pickled, its length first.  The child runs as multiprocessing runs a forked process: the standard
streams flushed before the fork, standard input replaced by the null device, an exception printed with its
traceback and exit code 1, `SystemExit` honoured, and `os._exit` at the end (no exit handlers of the parent).
An exit code is that of `os.waitstatus_to_exitcode`: the negated signal number for a child killed by one.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import time
from typing import Any, Callable

_HEADER = 8   # bytes of a message's length


class Channel:
    """One end of a worker's pipes: `send` pickles an object onto one, `recv` reads one from the other.
    `fileno()` is the descriptor that is readable when a message (or the end of the pipe) has arrived."""

    __slots__ = ("_in", "_out")

    def __init__(self, read_fd: int, write_fd: int) -> None:
        self._in, self._out = read_fd, write_fd

    def fileno(self) -> int:
        return self._in

    def descriptors(self) -> list[int]:
        return [fd for fd in (self._in, self._out) if fd >= 0]

    def send(self, obj: Any) -> None:
        """Raises OSError when the other end is gone (a broken pipe) or this end is closed."""
        data = pickle.dumps(obj, protocol=pickle.HIGHEST_PROTOCOL)
        self._write(len(data).to_bytes(_HEADER, "little"))
        self._write(data)

    def recv(self) -> Any:
        """The next object; EOFError when the other end closed its pipe without sending one (whole)."""
        size = int.from_bytes(self._read(_HEADER), "little")
        return pickle.loads(self._read(size))

    def _write(self, data: bytes) -> None:
        if self._out < 0:
            raise OSError("the channel is closed")
        view = memoryview(data)
        while view:
            view = view[os.write(self._out, view):]

    def _read(self, size: int) -> bytearray:
        if self._in < 0:
            raise OSError("the channel is closed")
        buffer = bytearray(size)
        view, got = memoryview(buffer), 0
        while got < size:
            n = os.readv(self._in, [view[got:]])
            if n == 0:
                raise EOFError
            got += n
        return buffer

    def close(self) -> None:
        for fd in self.descriptors():
            try:
                os.close(fd)
            except OSError:
                pass
        self._in = self._out = -1


class Child:
    """A forked process running `target(channel, *args)`; the parent talks to it through `channel`."""

    def __init__(self, target: Callable, args: tuple) -> None:
        down_read, down_write = os.pipe()   # parent → child
        up_read, up_write = os.pipe()       # child → parent
        _flush_standard_streams()           # nothing buffered before the fork is written twice
        self.pid = os.fork()
        if self.pid == 0:
            os.close(down_write)
            os.close(up_read)
            _run_child(target, (Channel(down_read, up_write), *args))
        os.close(down_read)
        os.close(up_write)
        self.channel = Channel(up_read, down_write)
        self.exitcode: int | None = None

    def poll(self) -> int | None:
        """The child's exit code once it has ended (and is reaped), else None."""
        if self.exitcode is None:
            try:
                pid, status = os.waitpid(self.pid, os.WNOHANG)
            except ChildProcessError:   # reaped elsewhere: its code is lost
                self.exitcode = 255
                return self.exitcode
            if pid:
                self.exitcode = os.waitstatus_to_exitcode(status)
        return self.exitcode

    def is_alive(self) -> bool:
        return self.poll() is None

    def kill(self) -> None:
        if self.is_alive():
            try:
                os.kill(self.pid, signal.SIGKILL)
            except ProcessLookupError:
                pass

    def join(self, timeout: float) -> None:
        """Wait up to `timeout` seconds for the child to end."""
        deadline, pause = time.monotonic() + timeout, 0.0005
        while self.poll() is None and time.monotonic() < deadline:
            time.sleep(min(pause, max(0.0, deadline - time.monotonic())))
            pause = min(pause * 2, 0.05)


def _run_child(target: Callable, args: tuple) -> None:
    """In the child: run the target and end the process, whatever it does."""
    code = 1
    try:
        try:
            if sys.stdin is not None:
                sys.stdin.close()
                sys.stdin = open(os.devnull)
        except (OSError, ValueError):
            pass
        target(*args)
        code = 0
    except SystemExit as exc:
        code = exc.code if isinstance(exc.code, int) else (0 if exc.code is None else 1)
        if not isinstance(exc.code, (int, type(None))):
            sys.stderr.write(f"{exc.code}\n")
    except BaseException:
        import traceback

        traceback.print_exc()
    finally:
        _flush_standard_streams()
        os._exit(code)


def _flush_standard_streams() -> None:
    for stream in (sys.stdout, sys.stderr):
        try:
            if stream is not None:
                stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
