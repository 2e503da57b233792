"""Lint many files: worker processes that load the rules once and are killed when a file runs over its
time or memory budget (`pool.py`), results in a stable order, and a second, small pass over (this year,
last year) pairs of the same agency for the cross-year rules.

`lint()` stays a pure function of one file.  While linting, a worker also takes the report's origin
(agency, year) and, when cross-year rules are selected, a small `YearView` of it.  The batch keeps only
origins in memory; results and views wait in spool files on disk.  The pair pass compares views (no
file is read twice), then results stream out one by one — memory stays flat however many files there are.  One file's failure —
unreadable, a crash in a check, over its time budget — becomes an `input` finding for that file and the
batch goes on.
"""
from __future__ import annotations

import gc
import os
import pickle
import sys
import time
from dataclasses import dataclass, field
from typing import Callable, Iterator

from linter.settings.config import Config
from linter.engine.findings import FileResult, Finding
from linter.batch.origin import ReportOrigin, canonical_agencies, previous_year_pairs, report_origin
from linter.batch.pool import MEMORY_BUDGET, Budget, Pool

CROSSYEAR_KIND = "crossyear"


@dataclass
class BatchOptions:
    jobs: int = 0                     # 0: all cores
    timeout: float = 60.0             # seconds per file (0: no limit)
    agency_map: dict[str, str] = field(default_factory=dict)
    previous: str | None = None       # `--previous FILE`: last year's report for every file given
    extract: bool = False             # also collect every recognised table cell (FileResult.extracted)
    tables: bool = False              # also describe the document's tables (FileResult.tables, for HTML)
    memory: int = MEMORY_BUDGET       # bytes a worker may allocate for one file (0: no limit)
    progress: Callable[[str, int, int], None] | None = None
    # yield each result as it is done; the cross-year findings follow, once every file is checked, as
    # supplementary results (`FileResult.supplement`), and agencies are not made one across the batch
    stream: bool = False
    warn: Callable[[str], None] | None = None  # says why a pair of `previous` is not compared


# ── worker side ─────────────────────────────────────────────────────────────────────────────────────
_STATE: dict = {}


def _init_worker(config: Config, agency_map: dict[str, str], extract: bool = False, tables: bool = False,
                 views: bool = True) -> None:
    """Once per worker: the validated rules, and what every file of the batch shares.  `views`: whether the
    cross-year views are wanted (not when the batch is one file: there is no other year to compare with)."""
    from linter.engine.run import load_rules

    load_rules(config)  # once per worker; every file reuses the validated rules
    _STATE.update(config=config, agency_map=agency_map, extract=extract, tables=tables, views=views)


def crossyear_rules(config: Config, path: str | None = None):
    """The selected cross-year rules (less those a per-file ignore turns off for `path`)."""
    from linter.engine.run import selected_rules

    rules = [r for r in selected_rules(config) if r.kind == CROSSYEAR_KIND]
    off = config.ignored_in(path) if path and hasattr(config, "ignored_in") else []
    return [r for r in rules if not any(r.id.startswith(p) for p in off)]


def _failure(path: str, reason: str, config: Config | None = None) -> FileResult:
    from linter.engine.run import input_failure
    from linter.document.readers import format_for

    return input_failure(path, format_for(path) or "txt", reason, config or _STATE["config"])


def _read(path: str, data: bytes | None, config: Config) -> bytes:
    """The file's bytes (`ReadError` for what is not a regular file or is too large), or the bytes given."""
    from linter.document.source import read_input

    return data if data is not None else read_input(path, config.max_bytes)


def lint_one(item: tuple) -> tuple[FileResult, ReportOrigin | None, object]:
    """Lint one file — (path, its Config or None for the batch's, optionally its bytes) — in a worker:
    its result, origin and cross-year view; never raises."""
    from linter.document.readers import ReadError
    from linter.engine.run import OUT_OF_MEMORY, lint

    path, config, data, walked = (*item, None, False)[:4]
    config = config or _STATE["config"]
    seen: list = []
    view = None
    try:
        # the bytes are handed over, not kept here: `lint` frees them once read
        result = lint(_read(path, data, config), path, config, on_analysis=_analysis_keeper(seen, walked))
        origin = report_origin(seen[0].context, _STATE["agency_map"]) if seen else None
        if seen:
            _describe(result, seen[0])
        xy_rules = crossyear_rules(config, path) if _STATE.get("views", True) else []
        if xy_rules and seen and origin is not None:
            from linter.batch.yearview import year_view

            view = year_view(seen[0], xy_rules)
    except NotAReport:
        return FileResult(path=path, format=seen[0].document.format, skipped=True), None, None
    except ReadError as exc:
        return _failure(path, str(exc), config), None, None
    except MemoryError:
        seen.clear()  # the analysis; the traceback's frames go when the handler ends
        result = None
    except Exception as exc:  # noqa: BLE001 — one bad file must not stop the batch
        return _failure(path, f"internal error while checking: {type(exc).__name__}: {exc}", config), None, None
    if result is None:  # out of memory: the finding is made once the lint's memory is let go, not inside the handler
        return _failure(path, OUT_OF_MEMORY, config), None, None
    if origin is not None:
        result.agency, result.year = origin.agency or result.agency, origin.year or result.year
    return result, origin, view


class NotAReport(Exception):
    """A file found by walking a directory is no annual report: it is skipped, not linted."""


def _analysis_keeper(seen: list, walked: bool):
    """Keeps the analysis of the file; for a file found by walking a directory, stops the lint when the
    file is no annual report at all (README.md, requirements.txt …)."""
    def keep(analysis) -> None:
        seen.append(analysis)
        if walked:
            from linter.engine.sniff import is_annual_report

            if not is_annual_report(analysis.context):
                raise NotAReport(analysis.document.path)
    return keep


def _describe(result: FileResult, analysis) -> None:
    """What an output needs of the document besides the findings, taken while it is open in the worker:
    the table cells (`extract`) and the tables as drawn (the HTML report)."""
    if _STATE.get("extract"):
        from linter.tables.records import table_cells

        result.extracted = table_cells(analysis.context)
    if _STATE.get("tables"):
        from linter.tables.views import table_views

        result.tables = table_views(analysis.context)


def _lint_one_pickled(item: tuple) -> tuple[str, bytes, ReportOrigin | None, bytes | None]:
    """`lint_one`, with the result and the cross-year view pickled in the worker (see run_batch)."""
    result, origin, view = lint_one(item)
    dumped_view = None if view is None else pickle.dumps(view, protocol=pickle.HIGHEST_PROTOCOL)
    return result.path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), origin, dumped_view


def _pickled_failure(config: Config):
    """The result, as `_lint_one_pickled` returns it, of a file whose worker was killed or died."""
    def failure(item: tuple, reason: str) -> tuple[str, bytes, None, None]:
        path, own = item[0], item[1]
        result = _failure(path, reason, own or config)
        return path, pickle.dumps(result, protocol=pickle.HIGHEST_PROTOCOL), None, None

    return failure


def pair_findings(current, previous, rules) -> list[Finding]:
    """The cross-year findings for this year's report against last year's (views or contexts)."""
    from linter.checks import registry
    from linter.engine.run import make_finding

    kinds = registry()
    current.previous = previous
    findings = []
    try:
        for rule in rules:
            if rule.id not in getattr(current, "applicable", [rule.id]):
                continue
            for hit in kinds[rule.kind].check(rule, current):
                findings.append(make_finding(rule, hit, current.document, current))
    finally:
        current.previous = None
    if not findings:
        return findings
    from linter.engine.suppressions import apply  # the report's own suppression comments and `ignores:` entries

    return apply(findings, current.document, current.config, set(), {f.rule for f in findings}).kept


# ── main side ───────────────────────────────────────────────────────────────────────────────────────
def _map(jobs: int, fn, items: list, config: Config, options: BatchOptions) -> Iterator:
    """fn over items in order, in worker processes that are killed when a file runs over its budget."""
    from linter.engine.run import load_rules

    load_rules(config)  # in the parent, before forking: every worker starts with the rules validated
    if not gc.isenabled():  # `check` started up without the collector (linter/__main__.py): what it holds
        gc.freeze()         # now stays for the whole run, so it is set aside, and the collector is back on
        gc.enable()         # for the batch, here and in the workers
    budget = Budget(seconds=options.timeout, memory=options.memory)
    pool = Pool(jobs, fn, _pickled_failure(config), budget, init=_init_worker,
                initargs=(config, options.agency_map, options.extract, options.tables, len(items) > 1))
    return pool.imap(items)


def run_batch(files: list, config: Config, options: BatchOptions | None = None) -> Iterator[FileResult]:
    """Lint files — paths, or (path, its own Config) pairs — with `config` as the default; yields one
    FileResult per file in the order given, cross-year findings included."""
    batch = _Batch(files, config, options or BatchOptions())
    try:
        yield from batch.check_files()
        extra = batch.cross_year()
        if batch.options.stream:
            yield from _supplements(batch.paths, extra)
        else:
            yield from batch.replay(extra)
    finally:
        batch.close()


class _Batch:
    """One batch run in three passes: check every file (results and cross-year views spooled to disk, so memory
    stays flat), compare the pairs of years, then replay the results with their cross-year findings."""

    def __init__(self, files: list, config: Config, options: BatchOptions):
        self.config, self.options = config, options
        self.work = [(str(f[0]), *f[1:]) if isinstance(f, tuple) else (str(f), None) for f in files]
        self.paths = [w[0] for w in self.work]
        previous = options.previous
        # a --previous report that is not among the files is checked too, but not shown
        self.hidden = previous is not None and all(os.path.abspath(p) != os.path.abspath(previous) for p in self.paths)
        if self.hidden:
            self.work.append((previous, self.work[0][1] if self.work else None))
        self.results = _spool("report-lint-", alone=len(self.work) == 1)
        self.views = _spool("report-lint-views-", alone=len(self.work) == 1)
        self.count = 0
        self.view_at: dict[str, int] = {}
        self.origins: list[ReportOrigin] = []
        self.agencies: dict[str, str] = {}

    def check_files(self) -> Iterator[FileResult]:
        """Check every file; while streaming, yield each result as it comes (its cross-year findings follow)."""
        jobs = max(1, min(self.options.jobs or os.cpu_count() or 1, len(self.work)))
        progress = self.options.progress
        checked = _map(jobs, _lint_one_pickled, self.work, self.config, self.options)
        for i, (path, result, origin, view) in enumerate(checked, 1):
            if progress:
                progress("check", i, len(self.work))
            shown = not (self.hidden and i == len(self.work))
            if self.options.stream and shown:
                yield pickle.loads(result)
            elif shown:
                # Results and views arrive already pickled: the main process only copies bytes to the
                # spool files, so it does not become the bottleneck of a parallel run.
                self.results.write(result)
                self.count += 1
            if origin is not None:
                self.origins.append(origin)
            if view is not None:
                self.view_at[path] = self.views.tell()
                self.views.write(view)

    def cross_year(self) -> dict[str, list[Finding]]:
        """The cross-year findings of each report that has last year's report beside it (or --previous)."""
        self.agencies = canonical_agencies(self.origins)
        configs = {id(w[1]): w[1] for w in self.work}.values()
        if not any(crossyear_rules(cfg or self.config) for cfg in configs):
            return {}
        pairs = self._pairs()
        self.origins = []  # no longer needed: free them before the views are loaded
        extra: dict[str, list[Finding]] = {}
        spans = self._view_spans()
        known = [(cur, spans[cur], spans[before]) for cur, before in pairs if cur in spans and before in spans]
        for i, (current, found) in enumerate(self._compared(known), 1):
            if found:
                extra[current] = found
            if self.options.progress:
                self.options.progress("cross-year", i, len(known))
        return extra

    def _compared(self, known: list) -> Iterator[tuple[str, list[Finding]]]:
        """(this year's path, its cross-year findings) for each pair, in order.  Many pairs are compared in
        forked processes, as many as the batch's jobs: done in this process after the workers end, they were
        the run's serial tail (a sixth of a batch of a thousand reports on two cores)."""
        if not known:
            return
        jobs = max(1, min(self.options.jobs or os.cpu_count() or 1, len(known) // _PAIRS_PER_PROCESS))
        global _VIEWS_FD
        _VIEWS_FD = self.views.fileno()
        if jobs == 1:
            yield from map(_compare_pair, known)
            return
        import multiprocessing

        with multiprocessing.get_context("fork").Pool(jobs) as pool:
            yield from pool.imap(_compare_pair, known, chunksize=8)

    def _view_spans(self) -> dict[str, tuple[int, int]]:
        """Where each view's pickle lies in the spool: (offset, length)."""
        self.views.flush()
        ends = sorted(self.view_at.values()) + [self.views.seek(0, os.SEEK_END)]
        length = {a: b - a for a, b in zip(ends, ends[1:])}
        return {path: (at, length[at]) for path, at in self.view_at.items()}

    def _pairs(self) -> list[tuple[str, str]]:
        previous = self.options.previous
        if previous is None:
            return [(cur.path, prev.path) for cur, prev in previous_year_pairs(self.origins)]
        pairs = [(p, previous) for p in self.paths if os.path.abspath(p) != os.path.abspath(previous)]
        return _checked_pairs(pairs, self.origins, self.config.lang, self.options.warn)

    def replay(self, extra: dict[str, list[Finding]]) -> Iterator[FileResult]:
        """The spooled results in the order given, with one agency name per agency and their cross-year findings."""
        self.results.seek(0)
        for _ in range(self.count):
            result: FileResult = pickle.load(self.results)
            result.agency = self.agencies.get(result.path, result.agency)
            if result.path in extra:
                result.findings = sorted(result.findings + extra.pop(result.path), key=Finding.sort_key)
            yield result

    def close(self) -> None:
        self.results.close()
        self.views.close()


def _spool(prefix: str, alone: bool):
    """Where a batch keeps what it replays: a temporary file, so memory stays flat over thousands of reports, or
    memory for a single report (importing tempfile was a few ms of a cold check of one file)."""
    if alone:
        import io

        return io.BytesIO()
    import tempfile

    return tempfile.TemporaryFile(prefix=prefix)


def _supplements(paths: list[str], extra: dict[str, list[Finding]]) -> Iterator[FileResult]:
    """The cross-year findings of files already shown, as supplementary results (in the order of the files)."""
    from linter.document.readers import format_for

    for path in paths:
        if path in extra:
            yield FileResult(path=path, format=format_for(path) or "txt",
                             findings=sorted(extra.pop(path), key=Finding.sort_key), supplement=True)


def _checked_pairs(pairs: list[tuple[str, str]], origins: list[ReportOrigin], lang: str, warn) -> list[tuple[str, str]]:
    """The (report, --previous) pairs that are one agency's reports of consecutive years.  A pair whose
    agencies differ, or whose years are not one apart, is not compared — its cross-year findings would be
    false — and `warn` says so; a pair whose agency or year cannot be read is compared as the user said."""
    from linter.messages import msg

    by_path = {o.path: o for o in origins}
    kept = []
    for current, before in pairs:
        cur, prev = by_path.get(current), by_path.get(before)
        problem = pair_problem(cur, prev)
        if problem is None:
            kept.append((current, before))
        elif warn is not None:
            warn(msg(problem, lang, path=current, previous=before, agency=cur.agency, previous_agency=prev.agency,
                     year=cur.year, previous_year=prev.year))
    return kept


def pair_problem(cur: ReportOrigin | None, prev: ReportOrigin | None) -> str | None:
    """Why last year's report `prev` cannot be compared with `cur` (a message key), or None."""
    if cur is None or prev is None:
        return None
    if cur.key is not None and prev.key is not None and not cur.key.matches(prev.key):
        return "previous_other_agency"
    if cur.year is not None and prev.year is not None and prev.year != cur.year - 1:
        return "previous_other_year"
    return None


_PAIRS_PER_PROCESS = 64  # fewer pairs than this per process are compared here: a fork costs more
_VIEWS_FD = -1  # the spool of views, read by position (os.pread) in this process and in forked ones


def _compare_pair(item: tuple[str, tuple[int, int], tuple[int, int]]) -> tuple[str, list[Finding]]:
    current, (at, size), (before_at, before_size) = item
    view = pickle.loads(os.pread(_VIEWS_FD, size, at))
    before = pickle.loads(os.pread(_VIEWS_FD, before_size, before_at))
    return current, pair_findings(view, before, crossyear_rules(view.config, current))


class ProgressBar:
    """A one-line progress bar on stderr — only when stderr is a terminal and not in CI."""

    def __init__(self, stream=None, lang: str = "zh") -> None:
        self.stream = stream or sys.stderr
        self.lang = lang
        self._last = 0.0
        self.shown = False

    def clear(self) -> None:
        """Wipe the bar before findings are printed; the next update draws it again below them."""
        if self.shown:
            self.stream.write("\r" + " " * 70 + "\r")
            self.stream.flush()
            self.shown = False
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
        self.shown = done < total
        width = 30
        filled = int(width * done / max(total, 1))
        from linter.messages import msg

        label = msg(f"progress_{phase}", self.lang)
        self.stream.write(f"\r{label:<10} [{'#' * filled}{'.' * (width - filled)}] {done}/{total}")
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
        self.files += not result.supplement
        for f in result.findings:
            self.by_rule[f.rule] = self.by_rule.get(f.rule, 0) + 1
            self.by_severity[f.severity] += 1
            self.rule_severity[f.rule] = f.severity

    def render(self, lang: str = "en") -> str:
        """The table of counts: per rule (with its severity), per severity, and the files checked."""
        from linter.messages import msg

        lines = []
        for rule, n in sorted(self.by_rule.items(), key=lambda kv: (-kv[1], kv[0])):
            lines.append(f"{n:>7}  {rule:<28} {msg('severity_' + self.rule_severity[rule], lang)}")
        lines.append("")
        for sev in ("error", "warning", "info"):
            lines.append(f"{self.by_severity[sev]:>7}  {msg('severity_' + sev, lang)}")
        lines.append(f"{self.files:>7}  {msg('stat_files', lang)}")
        return "\n".join(lines) + "\n"
