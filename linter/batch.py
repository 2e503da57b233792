"""Lint many files: a process pool whose workers load the rules once, results in a stable order, and a
second, small pass over (this year, last year) pairs of the same agency for the cross-year rules.

`lint()` stays a pure function of one file.  The batch keeps only each file's identity (agency, year) in
memory; finished results wait in a spool file on disk until the cross-year findings are known, then
stream out one by one, so memory stays flat however many files there are.  One file's failure —
unreadable, a crash in a check, over its time budget — becomes an `input` finding for that file and the
batch goes on.
"""
from __future__ import annotations

import os
import pickle
import signal
import sys
import tempfile
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterator

from .config import Config
from .findings import FileResult, Finding
from .identity import Identity, previous_year_pairs, report_identity

CROSSYEAR_KIND = "crossyear"


@dataclass
class BatchOptions:
    jobs: int = 0                     # 0: all cores
    timeout: float = 60.0             # seconds per file (0: no limit)
    agency_map: dict[str, str] = field(default_factory=dict)
    previous: str | None = None       # `--previous FILE`: last year's report for every file given
    extract: bool = False             # also collect every recognised table cell (FileResult.extracted)
    progress: Callable[[str, int, int], None] | None = None


class FileTimeout(Exception):
    """A file went over its time budget."""


# ── worker side ─────────────────────────────────────────────────────────────────────────────────────
_STATE: dict = {}


def _init_worker(config: Config, agency_map: dict[str, str], timeout: float, extract: bool = False) -> None:
    from .engine import load_rules

    if _in_child():
        signal.signal(signal.SIGINT, signal.SIG_IGN)  # Ctrl-C is the parent's to handle
    load_rules(config)  # once per worker; every file reuses the validated rules
    _STATE.update(config=config, agency_map=agency_map, timeout=timeout, extract=extract)


def _in_child() -> bool:
    import multiprocessing

    return multiprocessing.parent_process() is not None


class _Budget:
    """SIGALRM-based time limit for one file (workers and the single-process path run in a main thread)."""

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


def _failure(path: str, reason: str) -> FileResult:
    from .engine import _input_failure
    from .readers import format_for

    return _input_failure(path, format_for(path) or "txt", reason, _STATE["config"])


def lint_one(path: str) -> tuple[FileResult, Identity | None]:
    """Lint one file in a worker: its result and identity; never raises."""
    from .engine import lint

    config: Config = _STATE["config"]
    seen: list = []
    try:
        data = Path(path).read_bytes()
    except OSError as exc:
        return _failure(path, exc.strerror or str(exc)), None
    try:
        with _Budget(_STATE["timeout"]):
            result = lint(data, path, config, on_analysis=seen.append)
            identity = report_identity(seen[0].context, _STATE["agency_map"]) if seen else None
            if _STATE.get("extract") and seen:
                from .extract import table_cells

                result.extracted = table_cells(seen[0].context)
    except FileTimeout as exc:
        return _failure(path, str(exc)), None
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the batch
        return _failure(path, f"internal error while checking: {type(exc).__name__}: {exc}"), None
    if identity is not None:
        result.agency, result.year = identity.agency or result.agency, identity.year or result.year
    return result, identity


def lint_pair(pair: tuple[str, str]) -> tuple[str, list[Finding]]:
    """The cross-year findings for (this year's file, last year's file); never raises."""
    from .engine import analyse, run_rules, selected_rules

    current, previous = pair
    config: Config = _STATE["config"]
    rules = [r for r in selected_rules(config) if r.check == CROSSYEAR_KIND]
    try:
        with _Budget(_STATE["timeout"]):
            here = analyse(Path(current).read_bytes(), current, config)
            here.context.previous = analyse(Path(previous).read_bytes(), previous, config).context
            return current, run_rules(here, rules).findings
    except Exception:  # noqa: BLE001 — the per-file pass has already reported unreadable files
        return current, []


# ── main side ───────────────────────────────────────────────────────────────────────────────────────
def _map(jobs: int, fn, items: list, config: Config, options: BatchOptions, pool_holder: list) -> Iterator:
    """fn over items in order: in this process for one job, else in a (shared, lazily started) pool."""
    if jobs <= 1 or len(items) <= 1:
        _init_worker(config, options.agency_map, options.timeout, options.extract)
        yield from map(fn, items)
        return
    if not pool_holder:
        import multiprocessing

        pool_holder.append(multiprocessing.get_context("fork").Pool(
            jobs, initializer=_init_worker, initargs=(config, options.agency_map, options.timeout, options.extract),
            maxtasksperchild=200))  # recycle workers so a leak in one file cannot grow memory
    chunk = max(1, min(8, len(items) // (jobs * 8)))
    yield from pool_holder[0].imap(fn, items, chunksize=chunk)


def run_batch(files: list[Path | str], config: Config, options: BatchOptions | None = None) -> Iterator[FileResult]:
    """Lint files; yields one FileResult per file in the order given, cross-year findings included."""
    options = options or BatchOptions()
    paths = [str(f) for f in files]
    jobs = options.jobs or os.cpu_count() or 1
    jobs = max(1, min(jobs, len(paths)))
    from .engine import selected_rules

    wants_pairs = any(r.check == CROSSYEAR_KIND for r in selected_rules(config))
    pool: list = []
    spool = tempfile.TemporaryFile(prefix="report-lint-")
    try:
        offsets: list[int] = []
        identities: list[Identity] = []
        progress = options.progress
        for i, (result, identity) in enumerate(_map(jobs, lint_one, paths, config, options, pool), 1):
            offsets.append(spool.tell())
            pickle.dump(result, spool, protocol=pickle.HIGHEST_PROTOCOL)
            if identity is not None:
                identities.append(identity)
            if progress:
                progress("check", i, len(paths))
        extra: dict[str, list[Finding]] = {}
        if wants_pairs:
            if options.previous:
                pairs = [(p, options.previous) for p in paths if os.path.abspath(p) != os.path.abspath(options.previous)]
            else:
                pairs = [(cur.path, prev.path) for cur, prev in previous_year_pairs(identities)]
            del identities
            for i, (path, findings) in enumerate(_map(jobs, lint_pair, pairs, config, options, pool), 1):
                if findings:
                    extra[path] = findings
                if progress:
                    progress("cross-year", i, len(pairs))
        if pool:
            pool[0].close()
            pool[0].join()
            pool.clear()
        spool.seek(0)
        for _ in offsets:
            result: FileResult = pickle.load(spool)
            if result.path in extra:
                result.findings = sorted(result.findings + extra.pop(result.path), key=Finding.sort_key)
            yield result
    finally:
        if pool:
            pool[0].terminate()
        spool.close()


class ProgressBar:
    """A one-line progress bar on stderr — only when stderr is a terminal and not in CI."""

    def __init__(self, stream=None) -> None:
        self.stream = stream or sys.stderr
        self._last = 0.0

    @staticmethod
    def wanted(stream=None) -> bool:
        stream = stream or sys.stderr
        return bool(getattr(stream, "isatty", lambda: False)()) and not os.environ.get("CI") \
            and os.environ.get("TERM") != "dumb"

    def __call__(self, phase: str, done: int, total: int) -> None:
        now = time.monotonic()
        if done < total and now - self._last < 0.1:
            return
        self._last = now
        width = 30
        filled = int(width * done / max(total, 1))
        self.stream.write(f"\r{phase:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
        if done >= total:
            self.stream.write("\r" + " " * (width + 30) + "\r")
        self.stream.flush()


@dataclass
class Statistics:
    """Counts per rule and per severity, gathered while results stream past."""

    files: int = 0
    by_rule: dict[str, int] = field(default_factory=dict)
    by_severity: dict[str, int] = field(default_factory=lambda: {"error": 0, "warning": 0, "info": 0})
    rule_severity: dict[str, str] = field(default_factory=dict)

    def add(self, result: FileResult) -> None:
        self.files += 1
        for f in result.findings:
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.by_severity[f.severity] += 1
            self.rule_severity[f.rule] = f.severity

    def render(self) -> str:
        lines = []
        for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>7}  {rule:<28} {self.rule_severity[rule]}")
        lines.append("")
        for sev in ("error", "warning", "info"):
            lines.append(f"{self.by_severity[sev]:>7}  {sev}")
        lines.append(f"{self.files:>7}  files")
        return "\n".join(lines) + "\n"
