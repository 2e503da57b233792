"""Worker processes that can be killed: every file is checked in a forked child under a time budget and a
memory budget.

A child that runs past its time is killed, not asked — a library that loops (pdfminer once followed a
PDF object that refers to itself for ever) catches the exceptions a timer would raise.  Memory is watched the same way:
the parent reads each busy child's resident size every `POLL_SECONDS` and kills a child that has grown
by more than its budget; behind that, `setrlimit(RLIMIT_DATA)` stops a child at twice the budget, should
it grow faster than the watch (it then gets `MemoryError`, or dies).  A child that dies or is killed costs
its file one `input` finding (`on_failure`); it is replaced and the batch goes on.  Results come out in
the order of the items; at most a few per worker wait for a slow one, so memory stays flat.  Where `fork`
is not available the items run in this process under a timer.

A caller with its own event loop (the language server) uses the same workers item by item instead of
`imap`: `submit`, then `collect` when a worker's connection is readable or `next_check()` has passed;
`cancel` ends an item that is no longer wanted, and the workers stay until `close()`.
"""
from __future__ import annotations

import os
import signal
import time
from collections import deque
from dataclasses import dataclass
from typing import Any, Callable, Iterable, Iterator

from linter import compiled

MEMORY_BUDGET = 512 * 1024 * 1024   # bytes a worker may grow by beyond what it holds when it starts
TASKS_PER_WORKER = 200               # recycle workers, so a leak in one file cannot grow memory
POLL_SECONDS = 0.2                   # how often the memory of busy workers is read
_LONGEST_WAIT = 3600.0               # select() cannot wait for ever-long timeouts (--timeout 1e300)


@dataclass
class Budget:
    seconds: float = 60.0             # wall-clock time per item (0: none)
    memory: int = MEMORY_BUDGET       # bytes of data per worker (0: none)


class FileTimeout(Exception):
    """An item went over its time budget (in-process fallback only)."""


def fork_available() -> bool:
    return hasattr(os, "fork") and hasattr(os, "readv")


class Pool:
    """`imap(items)`: `fn(item)` for every item, in order, each in a worker process under `budget`.

    `fn` must not raise (it turns its own failures into results); `on_failure(item, reason)` makes the
    result of an item whose worker was killed or died.  `init(*initargs)` runs once in every worker.
    """

    def __init__(self, jobs: int, fn: Callable, on_failure: Callable[[Any, str], Any], budget: Budget,
                 init: Callable = lambda: None, initargs: tuple = (), tasks_per_worker: int = TASKS_PER_WORKER) -> None:
        self.jobs, self.fn, self.on_failure, self.budget = max(1, jobs), fn, on_failure, budget
        self.init, self.initargs, self.tasks_per_worker = init, initargs, tasks_per_worker
        self.workers: list[_Worker] = []

    def imap(self, items: Iterable) -> Iterator:
        if not fork_available():
            yield from self._in_process(items)
            return
        pending = deque(enumerate(items))
        total = len(pending)
        window = max(4 * self.jobs, 8)
        done: dict[int, Any] = {}
        following = 0
        try:
            while following < total:
                self._dispatch(pending, lambda: len(done) + self._busy() < window)
                for index, result in self.collect():
                    done[index] = result
                while following in done:
                    yield done.pop(following)
                    following += 1
        finally:
            self.close()

    def close(self) -> None:
        for worker in self.workers:
            worker.stop()
        self.workers.clear()

    # ── item by item ─────────────────────────────────────────────────────────────────────────────
    def submit(self, index: int, item: Any, start: bool = True) -> bool:
        """Give `item` (known as `index`) to an idle worker, starting one up to `jobs` unless `start` is
        False; False when no worker took it.  Its result comes out of `collect`."""
        pending = deque([(index, item)])
        self._dispatch(pending, lambda: True, start)
        return not pending

    def cancel(self, index: int) -> None:
        """End the item `index` unfinished: its worker is killed and dropped, and no result comes for it."""
        for worker in self.workers:
            if worker.task is not None and worker.task[0] == index:
                worker.kill()
                self._replace(worker)
                return

    def spare(self) -> None:
        """Start a worker now, unless one is idle or `jobs` are running: the next item need not wait for a fork."""
        if self._busy() == len(self.workers) < self.jobs:
            self._start()

    def connections(self) -> list:
        """The connections of the busy workers: one is readable when its item is done (or its worker died)."""
        return [w.conn for w in self.workers if w.task is not None]

    def next_check(self) -> float | None:
        """Seconds until `collect` must look at the busy workers (a deadline, the memory watch); None: never."""
        busy = [w for w in self.workers if w.task is not None]
        return self._wait_time(busy) if busy else None

    # ── parent side ──────────────────────────────────────────────────────────────────────────────
    def _busy(self) -> int:
        return sum(1 for w in self.workers if w.task is not None)

    def _dispatch(self, pending: deque, room: Callable[[], bool], start: bool = True) -> None:
        """Give waiting items to idle workers, starting workers up to `jobs`."""
        while pending and room():
            worker = next((w for w in self.workers if w.task is None), None)
            if worker is None:
                if len(self.workers) >= self.jobs or not start:
                    return
                worker = self._start()
            if not worker.give(pending[0], self.budget.seconds):
                self._replace(worker)  # it had exited while idle: try the item on a new one
                continue
            pending.popleft()

    def collect(self, longest: float | None = None) -> list[tuple[int, Any]]:
        """Wait for a result, a death or a deadline (at most `longest` seconds, when given); what finished,
        as (index, result)."""
        busy = [w for w in self.workers if w.task is not None]
        if not busy:
            return []
        timeout = self._wait_time(busy)
        if longest is not None:
            timeout = longest if timeout is None else min(timeout, longest)
        ready = _readable([w.conn for w in busy], timeout)
        finished = []
        for worker in busy:
            if worker.conn in ready:
                finished.append(self._receive(worker))
                continue
            reason = self._over_budget(worker)
            if reason:
                index, item = worker.task
                worker.kill()
                self._replace(worker)
                finished.append((index, self.on_failure(item, reason)))
        return finished

    def _wait_time(self, busy: list["_Worker"]) -> float | None:
        """How long to wait for a result: until the nearest deadline, and no longer than the memory watch."""
        waits = [w.deadline - time.monotonic() for w in busy if w.deadline is not None]
        if self.budget.memory > 0:
            waits.append(POLL_SECONDS)
        return min(max(0.0, min(waits)), _LONGEST_WAIT) if waits else None

    def _over_budget(self, worker: "_Worker") -> str | None:
        """Why a busy worker must be killed now (over its time, or over its memory), or None."""
        if worker.deadline is not None and time.monotonic() >= worker.deadline:
            return f"time budget of {self.budget.seconds:g} s exceeded"
        if self.budget.memory > 0:
            grown = resident_bytes(worker.process.pid) - worker.baseline
            if grown > self.budget.memory:
                return (f"checking the file needs more memory than the budget of "
                        f"{self.budget.memory // (1024 * 1024)} MB")
        return None

    def _receive(self, worker: "_Worker") -> tuple[int, Any]:
        index, item = worker.task
        try:
            got_index, result = worker.conn.recv()
        except (EOFError, OSError, MemoryError):
            reason = worker.death()
            self._replace(worker)
            return index, self.on_failure(item, reason)
        worker.task, worker.deadline = None, None
        worker.done += 1
        if worker.done >= self.tasks_per_worker:
            self._replace(worker)
        return got_index, result

    def _start(self) -> "_Worker":
        worker = _Worker(self, [fd for w in self.workers for fd in w.conn.descriptors()])
        self.workers.append(worker)
        return worker

    def _replace(self, worker: "_Worker") -> None:
        worker.stop()
        self.workers.remove(worker)

    # ── fallback ─────────────────────────────────────────────────────────────────────────────────
    def _in_process(self, items: Iterable) -> Iterator:
        self.init(*self.initargs)
        for item in items:
            try:
                with Alarm(self.budget.seconds):
                    yield self.fn(item)
            except FileTimeout as exc:
                yield self.on_failure(item, str(exc))


class _Worker:
    """One forked child and the parent's end of its pipe."""

    def __init__(self, pool: Pool, inherited: list[int]) -> None:
        from linter.batch.forked import Child

        self.baseline = resident_bytes(os.getpid())  # a forked child starts as large as its parent
        self.process = Child(_serve, (inherited, pool.fn, pool.init, pool.initargs, 2 * pool.budget.memory,
                                      pool.tasks_per_worker))
        self.conn = self.process.channel
        self.task: tuple[int, Any] | None = None
        self.deadline: float | None = None
        self.done = 0

    def give(self, task: tuple[int, Any], seconds: float) -> bool:
        try:
            self.conn.send(task)
        except (OSError, ValueError):
            return False
        self.task = task
        self.deadline = time.monotonic() + seconds if seconds > 0 else None
        return True

    def death(self) -> str:
        """Why the child is gone, in words (it closed its pipe without answering)."""
        self.process.join(5)
        code = self.process.exitcode
        if code is not None and code < 0:
            return f"the process checking this file was ended by signal {-code} (out of memory or a crash)"
        return f"the process checking this file ended unexpectedly (exit code {code})"

    def kill(self) -> None:
        if self.process.is_alive():
            self.process.kill()

    def stop(self) -> None:
        """End the child: politely when idle, by force when busy; never leave a zombie."""
        if self.process.is_alive():
            if self.task is None:
                try:
                    self.conn.send(None)
                except (OSError, ValueError):
                    pass
                self.process.join(1)
            if self.process.is_alive():
                self.process.kill()
        self.process.join(5)
        self.conn.close()


def _readable(channels: list, timeout: float | None) -> set:
    """The channels readable within `timeout` seconds (None: however long it takes): a result has come, or the
    worker's end of the pipe was closed (it died)."""
    import math
    import select

    poller = select.poll()
    by_fd = {}
    for channel in channels:
        by_fd[channel.fileno()] = channel
        poller.register(channel.fileno(), select.POLLIN)
    events = poller.poll(None if timeout is None else math.ceil(max(0.0, timeout) * 1000))
    return {by_fd[fd] for fd, _ in events}


# ── worker side ──────────────────────────────────────────────────────────────────────────────────
def _serve(conn, close: list[int], fn, init, initargs, memory: int, tasks: int) -> None:
    """The child's loop: receive (index, item), send (index, fn(item)), until told to stop."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    _release(close)
    cap_memory(memory)
    init(*initargs)
    try:
        for _ in range(tasks):
            try:
                task = conn.recv()
            except (EOFError, OSError):
                return
            if task is None:
                return
            index, item = task
            conn.send((index, fn(item)))
    finally:
        compiled.save()  # what this worker compiled afresh (a forked child runs no atexit)


def _release(fds: list[int]) -> None:
    """Drop this child's copies of the parent's pipe ends (so the death of the parent is EOF here, not a
    child waiting for ever): each is pointed at /dev/null, keeping its number taken."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
    except OSError:
        return
    for fd in fds:
        try:
            os.dup2(null, fd)
        except OSError:
            pass
    os.close(null)


def cap_memory(budget: int) -> None:
    """Let this process allocate at most `budget` bytes more than it holds now (Linux: RLIMIT_DATA)."""
    if budget <= 0:
        return
    try:
        import resource

        held = _data_bytes()
        soft, hard = resource.getrlimit(resource.RLIMIT_DATA)
        limit = held + budget
        if hard != resource.RLIM_INFINITY:
            limit = min(limit, hard)
        resource.setrlimit(resource.RLIMIT_DATA, (limit, hard))
    except (ImportError, OSError, ValueError, AttributeError):
        pass  # no such limit on this system: the time budget still holds


def _data_bytes() -> int:
    """The data segment this process holds now (VmData), in bytes; 0 when unknown."""
    return _status_bytes("self", "VmData:")


def resident_bytes(pid: int) -> int:
    """The resident size of a process (VmRSS), in bytes; 0 when unknown (no /proc, or it has ended)."""
    return _status_bytes(str(pid), "VmRSS:")


def _status_bytes(pid: str, key: str) -> int:
    try:
        with open(f"/proc/{pid}/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith(key):
                    return int(line.split()[1]) * 1024
    except (OSError, ValueError, IndexError):
        pass
    return 0


class Alarm:
    """SIGALRM-based time limit (the in-process fallback; only in the main thread)."""

    def __init__(self, seconds: float) -> None:
        import threading

        self.seconds = seconds if threading.current_thread() is threading.main_thread() else 0

    def __enter__(self):
        if self.seconds > 0:
            self._old = signal.signal(signal.SIGALRM, self._expire)
            signal.setitimer(signal.ITIMER_REAL, self.seconds)
        return self

    def _expire(self, signum, frame):
        raise FileTimeout(f"time budget of {self.seconds:g} s exceeded")

    def __exit__(self, *exc):
        if self.seconds > 0:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, self._old)
        return False
