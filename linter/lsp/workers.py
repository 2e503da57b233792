"""The server's lints, in the killable worker processes of `check` (`linter.batch.pool`): under the same time
and memory budgets, cancelled when an edit makes them stale, and warm from the first keystroke.

* The first worker is forked as the server starts, before pygls is imported: it loads the grammars and
  jieba's dictionary (a lint of the rule set's base report) while this process imports pygls.
* Once the first lint is done (sooner, the thread would slow it down), this process warms itself the same
  way in a thread; every later worker is forked from it warm.  No worker is forked while that thread runs
  — the child would copy its half-built state (a lock held, a dictionary half loaded) — so meanwhile a lint
  waits for an idle worker; before it, a worker is forked cold and warms itself.
* A lint that runs over its budget is killed with its worker; the document gets one `INPUT-UNREADABLE`
  diagnostic that says which budget (the finding `check` gives the same file).
* A lint made stale by an edit is cancelled — its worker killed — not finished; a fresh worker is forked
  at once, so it is ready when the next lint is due.
* Where `fork` is not available (Windows), lints run in a thread of this process, without a budget; a stale
  result is dropped when it arrives.

This module imports no pygls: `serve` starts the workers before the server exists.
"""
from __future__ import annotations

import asyncio
import itertools
import logging
import os
import threading
import time
from dataclasses import dataclass
from typing import Callable

from linter.batch.pool import Budget, Pool, fork_available
from linter.engine.findings import FileResult
from linter.settings.config import Config

log = logging.getLogger("report-lint.lsp")
JOBS = 2  # a second document is linted while the first runs (a pathological one runs up to its budget)
WARM_AFTER = 1.0  # seconds after the start at most before this process warms itself
SAMPLE = ("gov-2021", "bases", "county-2023.md")  # a whole report, tables and all: every check runs on it


# ── worker side ─────────────────────────────────────────────────────────────────────────────────────
def lint_text(source: str, name: str, cfg: Config) -> FileResult:
    """Lint an editor's text; one that is larger than the size limit is refused unread (its one finding
    says so), as `check` refuses a file."""
    from linter.document.readers import format_for
    from linter.engine.run import lint, oversized

    if len(source) > cfg.max_bytes:  # at least this many bytes: refused without encoding it
        return oversized(name, format_for(name) or "txt", cfg)
    return lint(source.encode("utf-8", "surrogatepass"), name, cfg)


def lint_item(item: tuple[str, str, Config]) -> tuple[FileResult, float]:
    """The worker's task: (source, name, configuration) → (result, seconds the lint took); never raises."""
    from linter.engine.run import OUT_OF_MEMORY

    source, name, cfg = item
    start = time.perf_counter()
    out_of_memory = False
    try:
        result = lint_text(source, name, cfg)
    except MemoryError:
        # The finding is made after the handler: inside it the exception's traceback still holds the lint's
        # frames and all they allocated, and making the finding there can run out of memory again.
        out_of_memory = True
    except Exception as exc:  # noqa: BLE001 — one document's failure is its diagnostic, not the server's
        result = _not_checked(name, f"internal error while checking: {type(exc).__name__}: {exc}", cfg)
    if out_of_memory:
        result = _not_checked(name, OUT_OF_MEMORY, cfg)
    return result, time.perf_counter() - start


def not_checked(item: tuple[str, str, Config], reason: str) -> tuple[FileResult, None]:
    """The result of a lint whose worker was killed at its budget or died: one finding with the reason."""
    _, name, cfg = item
    return _not_checked(name, reason, cfg), None


def _not_checked(name: str, reason: str, cfg: Config) -> FileResult:
    from linter.document.readers import format_for
    from linter.engine.run import input_failure

    return input_failure(name, format_for(name) or "txt", reason, cfg)


def warm() -> None:
    """Load what every lint needs (rules, grammars, dictionary, the checks' lazy imports) by linting the
    rule set's base report."""
    from linter.engine.run import load_rules
    from linter.resources import rules_dir

    cfg = Config()
    load_rules(cfg)
    try:
        sample = rules_dir().joinpath(*SAMPLE).read_text(encoding="utf-8")
    except OSError:
        return
    lint_item((sample, SAMPLE[-1], cfg))


def prepare_worker() -> None:
    """A worker's start: standard input and output go to /dev/null (they are the editor's channel, and a
    stray write would break it), then it warms itself — cheaply when forked from a warm server."""
    try:
        null = os.open(os.devnull, os.O_RDWR)
        os.dup2(null, 0)
        os.dup2(null, 1)
        os.close(null)
    except OSError:
        pass
    warm()


# ── server side ─────────────────────────────────────────────────────────────────────────────────────
Done = Callable[[int, FileResult, "float | None"], None]  # (version, result, seconds of lint or None)


@dataclass
class _Lint:
    key: str          # the document's URI
    version: int
    item: tuple
    done: Done


class LintWorkers:
    """Lints documents in worker processes for the server's event loop: `lint` one version of a document
    (a newer version replaces an older one, running or waiting), `cancel` a document's lint, `close`."""

    def __init__(self, budget: Budget | None = None, jobs: int = JOBS) -> None:
        self.budget = budget or Budget()
        self.pool = Pool(jobs, lint_item, not_checked, self.budget, init=prepare_worker) if fork_available() else None
        if self.pool is not None:
            self.pool.spare()  # the first worker, forked now: it warms itself while pygls is imported here
        self.loop = None
        self.warming: asyncio.TimerHandle | threading.Thread | None = None  # None: warm
        self.running: dict[int, _Lint] = {}
        self.waiting: dict[str, _Lint] = {}
        self.numbers = itertools.count()
        self.readers: list[int] = []
        self.timer = None
        self.thread = None

    def start(self, loop) -> None:
        """Serve the event loop `loop`.  This process warms itself in a thread once the first lint is done
        (or after `WARM_AFTER` seconds without one), not sooner: it would slow the first diagnostics."""
        self.loop = loop
        self.warming = loop.call_later(WARM_AFTER, self._warm)

    def _warm(self) -> None:
        if not isinstance(self.warming, asyncio.TimerHandle):
            return  # started already
        self.warming.cancel()
        self.warming = threading.Thread(target=self._warm_here, name="report-lint-warm", daemon=True)
        self.warming.start()

    def _warm_here(self) -> None:
        try:
            warm()
        finally:
            try:
                self.loop.call_soon_threadsafe(self._warmed)
            except RuntimeError:
                pass  # the loop has ended: the server is closing

    def _warmed(self) -> None:
        self.warming = None
        self._dispatch()

    def forking_allowed(self) -> bool:
        """Not while this process warms itself (before, a worker is forked cold and warms itself)."""
        return not isinstance(self.warming, threading.Thread)

    # ── requests ─────────────────────────────────────────────────────────────────────────────────
    def lint(self, key: str, version: int, item: tuple, done: Done) -> None:
        """Lint `item` as version `version` of document `key`; `done(version, result, seconds)` when linted.
        The same version already running is left to finish; an older one is cancelled."""
        if any(run.key == key and run.version == version for run in self.running.values()):
            return
        self.cancel(key)
        self.waiting[key] = _Lint(key, version, item, done)
        self._dispatch()

    def cancel(self, key: str) -> None:
        """Drop the document's waiting lint and kill its running one (no result comes for either)."""
        self.waiting.pop(key, None)
        for number, run in list(self.running.items()):
            if run.key != key:
                continue
            del self.running[number]
            if self.pool is None:
                continue  # a thread cannot be stopped: its result is dropped (`_finished`)
            self._unwatch()
            self.pool.cancel(number)
            if self.forking_allowed():
                self.pool.spare()  # forked now, warm by the time the next lint is due
            self._dispatch()

    def close(self) -> None:
        self._unwatch()
        if isinstance(self.warming, asyncio.TimerHandle):
            self.warming.cancel()
        if self.pool is not None:
            self.pool.close()
        if self.thread is not None:
            self.thread.shutdown(wait=False, cancel_futures=True)

    # ── the event loop's side ────────────────────────────────────────────────────────────────────
    def _dispatch(self) -> None:
        """Hand waiting lints to idle workers (forking one when allowed), then watch the busy ones."""
        if self.loop is None:
            return
        for key in list(self.waiting):
            run = self.waiting[key]
            number = next(self.numbers)
            if self.pool is None:
                self._in_thread(number, run)
            elif not self.pool.submit(number, run.item, start=self.forking_allowed()):
                break
            del self.waiting[key]
            self.running[number] = run
        self._watch()

    def _watch(self) -> None:
        """Be called back when a busy worker answers (its connection is readable) or must be looked at."""
        if self.pool is None:
            return
        self._unwatch()
        self.readers = [conn.fileno() for conn in self.pool.connections()]
        for fd in self.readers:
            self.loop.add_reader(fd, self._poll)
        wait = self.pool.next_check()
        if wait is not None:
            self.timer = self.loop.call_later(wait, self._poll)

    def _unwatch(self) -> None:
        """Stop watching before a worker may be replaced (its connection closed)."""
        if self.loop is None:
            return
        for fd in self.readers:
            self.loop.remove_reader(fd)
        self.readers = []
        if self.timer is not None:
            self.timer.cancel()
            self.timer = None

    def _poll(self) -> None:
        self._unwatch()
        killed = False
        for number, (result, seconds) in self.pool.collect(0):
            killed = killed or seconds is None
            self._finished(number, result, seconds)
        if killed and self.forking_allowed():
            self.pool.spare()  # a worker killed at its budget is replaced before the next lint needs it
        self._dispatch()

    def _finished(self, number: int, result: FileResult, seconds: float | None) -> None:
        run = self.running.pop(number, None)
        self._warm()
        if run is None:
            return
        try:
            run.done(run.version, result, seconds)
        except Exception as exc:  # noqa: BLE001 — a failed publish must not stop the lints of other documents
            log.error("publishing the lint of %s failed: %s: %s", run.key, type(exc).__name__, exc)

    def _in_thread(self, number: int, run: _Lint) -> None:
        from concurrent.futures import ThreadPoolExecutor

        if self.thread is None:
            self.thread = ThreadPoolExecutor(max_workers=1, thread_name_prefix="report-lint")
        future = self.loop.run_in_executor(self.thread, lint_item, run.item)
        future.add_done_callback(lambda f: None if f.cancelled() else self._finished(number, *f.result()))
