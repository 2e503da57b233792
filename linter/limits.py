"""Resource limits, in one place, so hostile or broken input cannot exhaust a run.

- input size: `Config.max_bytes` (default 20 MB, `check --max-bytes`), enforced by `engine.lint` before
  anything is read;
- table size: readers keep at most `MAX_TABLE_ROWS` rows and `MAX_TABLE_COLUMNS` columns of a grid
  (`cap_grid`); the statistics tables have about 30 rows and 8 columns;
- archives (DOCX): `check_zip` refuses a zip whose members would expand beyond `MAX_UNZIPPED_BYTES` or
  whose compression ratio is that of a zip bomb, before anything is expanded;
- time: `time_budget(seconds)` interrupts the linting of one file (`Config.time_budget`,
  `check --time-budget`), so one pathological file gets an `input` finding and a batch goes on.
"""
from __future__ import annotations

import signal
import threading
from contextlib import contextmanager
from typing import Iterator, Sequence, TypeVar

MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 100
MAX_UNZIPPED_BYTES = 200 * 1024 * 1024
MAX_ZIP_MEMBERS = 10000
MAX_ZIP_RATIO = 200  # uncompressed / compressed size of one member; text XML is 5–20

T = TypeVar("T")


class LimitExceeded(Exception):
    """Input beyond a resource limit; the message says which (shown to the user as an `input` finding)."""


def cap_grid(rows: Sequence[Sequence[T]]) -> tuple[list[list[T]], bool]:
    """The grid cut to the table limits, and whether anything was cut."""
    cut = len(rows) > MAX_TABLE_ROWS or any(len(r) > MAX_TABLE_COLUMNS for r in rows[:MAX_TABLE_ROWS])
    if not cut:
        return [list(r) for r in rows], False
    return [list(r[:MAX_TABLE_COLUMNS]) for r in rows[:MAX_TABLE_ROWS]], True


def check_zip(archive) -> None:
    """Refuse a `zipfile.ZipFile` that would expand too far (checked on the directory, nothing expanded).

    The sizes in the central directory can lie; readers should also read members with a bounded
    `read(n)` (see `read_member`).
    """
    infos = archive.infolist()
    if len(infos) > MAX_ZIP_MEMBERS:
        raise LimitExceeded(f"archive has more than {MAX_ZIP_MEMBERS} members")
    total = 0
    for info in infos:
        total += info.file_size
        if info.compress_size and info.file_size / info.compress_size > MAX_ZIP_RATIO and info.file_size > 1 << 20:
            raise LimitExceeded(f"archive member {info.filename} expands {info.file_size // info.compress_size}-fold (a zip bomb?)")
    if total > MAX_UNZIPPED_BYTES:
        raise LimitExceeded(f"archive expands to more than {MAX_UNZIPPED_BYTES} bytes")


def read_member(archive, name: str, limit: int = MAX_UNZIPPED_BYTES) -> bytes:
    """Read one archive member, refusing it when it really expands beyond `limit` bytes."""
    with archive.open(name) as fh:
        data = fh.read(limit + 1)
    if len(data) > limit:
        raise LimitExceeded(f"archive member {name} expands to more than {limit} bytes")
    return data


class TimeBudgetExceeded(Exception):
    """Linting one file took longer than its time budget."""


def can_interrupt() -> bool:
    """Budgets use SIGALRM: available on POSIX, in the main thread of a process (a pool worker's too)."""
    return hasattr(signal, "setitimer") and threading.current_thread() is threading.main_thread()


@contextmanager
def time_budget(seconds: float | None) -> Iterator[None]:
    """Raise `TimeBudgetExceeded` inside the block once `seconds` have passed.

    Without SIGALRM (Windows, a non-main thread) the block runs unbounded.  Pure-Python code is
    interrupted promptly; a long call into C (one huge regex search) is interrupted when it returns.
    """
    if not seconds or seconds <= 0 or not can_interrupt():
        yield
        return

    def on_alarm(signum, frame):
        raise TimeBudgetExceeded(f"processing took longer than the time budget of {seconds:g} s")

    previous = signal.signal(signal.SIGALRM, on_alarm)
    signal.setitimer(signal.ITIMER_REAL, seconds)
    try:
        yield
    finally:
        signal.setitimer(signal.ITIMER_REAL, 0)
        signal.signal(signal.SIGALRM, previous)
