"""`report-lint check`: lint files, directories or standard input and print the findings.

The command is a pipeline of small steps: options → configurations → a stream of results (one file, or
a batch) → fixes and baselines, which need the whole run → the chosen output format → exit code.
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from dataclasses import dataclass
from pathlib import Path
from typing import Iterator

import click

from linter.cli.common import (
    EXIT_FINDINGS, EXIT_OK, Configs, agency_map_or_exit, collect_files, fail, lang_option, lang_or_default,
    ocr_option, rules_option, size_option, split_ids,
)
from linter.cli.targets import Inputs, OutputTarget
from linter.messages import msg
from linter.output import FORMATS


@dataclass
class CheckOptions:
    """Everything `check` was told, as click parsed it."""

    paths: tuple[str, ...]
    fmt: str
    select: tuple[str, ...]
    extend_select: tuple[str, ...]
    ignore: tuple[str, ...]
    fail_level: str | None
    rules_dirs: tuple[str, ...]
    published: str | None
    agency_kind: str | None
    report_year: int | None
    output: str | None
    config_file: str | None
    isolated: bool
    stdin_filename: str | None
    baseline_file: str | None
    write_baseline_file: str | None
    max_bytes: str | None
    ocr: bool | None
    jobs: int
    timeout: float
    statistics: bool
    previous: str | None
    agency_map: str | None
    dup_share: float | None
    apply_fix: bool
    show_diff: bool
    lang: str | None
    exclude: tuple[str, ...] = ()
    extend_exclude: tuple[str, ...] = ()
    force_exclude: bool = False
    respect_gitignore: bool | None = None
    show_fixes: bool = False
    exit_zero: bool = False
    quiet: bool = False
    add_noqa: bool = False
    min_severity: str | None = None

    @property
    def reads_stdin(self) -> bool:
        return self.paths == ("-",)


@click.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(list(FORMATS)), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rule ids or id prefixes (comma separated).")
@click.option("--extend-select", multiple=True, help="Add these rule ids or id prefixes to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rule ids or id prefixes (comma separated).")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@rules_option
@click.option("--published", default=None, help="Publication date YYYY-MM-DD (when the report has none).")
@click.option("--agency-kind", type=click.Choice(["government", "department", "other"]), default=None)
@click.option("--year", "report_year", type=int, default=None, help="Report year (default: from the title).")
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None, help="Write to a file.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None,
              help="Use this configuration file instead of the closest .report-lint.yaml / pyproject.toml.")
@click.option("--isolated", is_flag=True, help="Ignore all configuration files.")
@click.option("--stdin-filename", default=None, help="The name of the document read from standard input (path -).")
@click.option("--baseline", "baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Report only findings not recorded in this baseline file.")
@click.option("--write-baseline", "write_baseline_file", type=click.Path(dir_okay=False), default=None,
              help="Record the current findings in this baseline file and exit 0.")
@click.option("--max-bytes", type=str, default=None,
              help="Refuse files larger than this (bytes; K/M/G suffixes allowed; default 20M).")
@ocr_option
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Time budget per file in seconds (0: none); a file over it gets an input finding.")
@click.option("--statistics", is_flag=True,
              help="Print only the counts per rule and per severity (as ruff), not the findings.")
@click.option("--previous", type=click.Path(dir_okay=False), default=None,
              help="Last year's report of the same agency, for the cross-year rules.")
@click.option("--agency-map", type=click.Path(dir_okay=False), default=None,
              help="YAML file mapping renamed or merged agencies to one name.")
@click.option("--dup-share", type=click.FloatRange(min=0, max=1, min_open=True), default=None,
              help="XY-DUP threshold: share of last year's text (default 0.5).")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply safe wording fixes to .txt/.md files in place.")
@click.option("--diff", "show_diff", is_flag=True,
              help="Print the safe wording fixes as a unified diff and write nothing; exit code 1 when there is one.")
@click.option("--show-fixes", is_flag=True, help="With --fix: list the fixes applied, per file and rule.")
@click.option("--add-noqa", is_flag=True,
              help="Insert a suppression comment for every finding of each .txt/.md/.html file (reason to fill in).")
@click.option("--exit-zero", is_flag=True, help="Exit code 0 even when findings are at or above the fail level.")
@click.option("-q", "--quiet", is_flag=True, help="Print the findings and nothing else (no summary, no notices).")
@click.option("--min-severity", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Hide findings below this severity (they neither show nor count).")
@click.option("--exclude", multiple=True, metavar="GLOBS",
              help="Skip these files and directories when walking (replaces `exclude`; comma separated).")
@click.option("--extend-exclude", multiple=True, metavar="GLOBS",
              help="Skip these too (added to `exclude`; comma separated).")
@click.option("--force-exclude", is_flag=True,
              help="Apply the excludes, and skip files that are no annual report, even to files named on the "
                   "command line (for pre-commit).")
@click.option("--respect-gitignore/--no-respect-gitignore", "respect_gitignore", default=None,
              help="Skip what .gitignore files ignore when walking (default: on).")
@lang_option
def check(**values) -> None:
    """Lint reports (files or directories; - reads standard input)."""
    opts = CheckOptions(**values)
    configs = _configs(opts)
    files = _files(opts, configs)
    targets = _targets(opts, configs, files)
    skipped = _Skipped()
    progress = _progress_bar(opts)
    stream = skipped.filter(_results(opts, configs, files, progress))
    if opts.show_diff and not opts.reads_stdin:
        sys.exit(_print_diffs(opts, configs, stream))
    if opts.add_noqa and not opts.reads_stdin:
        sys.exit(_add_suppressions(opts, configs, stream))
    fixed = None
    if opts.apply_fix and not opts.reads_stdin:
        stream, fixed = _apply_fixes(configs, stream)
    stream = _baseline_stage(opts, configs, stream, targets)
    stream = _shown(stream, opts.min_severity)
    stats, failed = _write_output(opts, configs, stream, targets.get("output"), progress)
    if not opts.quiet:
        _report_after(opts, configs, stats, fixed, skipped)
    sys.exit(EXIT_FINDINGS if failed and not opts.exit_zero else EXIT_OK)


def _report_after(opts: CheckOptions, configs: Configs, stats, fixed, skipped) -> None:
    """What the run says on stderr after the output: the fixes applied, the files skipped, where it wrote."""
    if fixed is not None:
        _report_fixes(fixed, stats, opts.show_fixes, configs.lang)
    skipped.report(configs.lang)
    if opts.output and Path(opts.output).is_file():  # (not a device such as /dev/null)
        click.echo(msg("wrote", configs.lang, path=opts.output), err=True)


def _shown(stream: Iterator[tuple], min_severity: str | None) -> Iterator[tuple]:
    """--min-severity: findings below it are dropped before the output and the exit code."""
    from linter.ruleset.rule import SEVERITY_RANK

    floor = SEVERITY_RANK[min_severity] if min_severity else None
    for result, level in stream:
        if floor is not None:
            result.findings = [f for f in result.findings if SEVERITY_RANK[f.severity] >= floor]
        yield result, level


class _Skipped:
    """Counts the files found by walking that are no annual report (they are neither linted nor shown)."""

    def __init__(self) -> None:
        self.count = 0

    def filter(self, stream: Iterator[tuple]) -> Iterator[tuple]:
        for result, level in stream:
            if result.skipped:
                self.count += 1
            else:
                yield result, level

    def report(self, lang: str) -> None:
        if self.count:
            click.echo(msg("skipped_not_reports", lang, n=self.count), err=True)


def _configs(opts: CheckOptions) -> Configs:
    """The command line as `CliOptions` over the configuration files; bad values are exit code 2."""
    from linter.output.stream import is_binary
    from linter.settings.files import CliOptions

    lang = lang_or_default(opts.lang)
    published = None
    if opts.published:
        try:
            published = _dt.date.fromisoformat(opts.published)
        except ValueError:
            fail(msg("config_error", lang, error=f"--published {opts.published!r} is not a date YYYY-MM-DD"))
    size_limit = size_option(opts.max_bytes, lang)
    cli = CliOptions(select=split_ids(opts.select), extend_select=split_ids(opts.extend_select),
                     ignore=split_ids(opts.ignore), rule_dirs=[str(p) for p in opts.rules_dirs],
                     fail_level=opts.fail_level, published=published, agency_kind=opts.agency_kind,
                     report_year=opts.report_year, max_bytes=size_limit, ocr=opts.ocr,
                     exclude=split_ids(opts.exclude) if opts.exclude else None,
                     extend_exclude=split_ids(opts.extend_exclude), respect_gitignore=opts.respect_gitignore)
    configs = Configs(cli, opts.config_file, opts.isolated, opts.lang, dup_share=opts.dup_share)
    if is_binary(opts.fmt) and not opts.output:
        fail(msg("config_error", configs.lang, error=f"--format {opts.fmt} needs --output FILE"))
    _extra_or_exit(opts.fmt, configs.lang)
    if opts.previous and not Path(opts.previous).is_file():
        fail(msg("no_path", configs.lang, path=opts.previous))
    return configs


def _extra_or_exit(fmt: str, lang: str) -> None:
    """A format that needs an optional package which is not installed is a usage error (exit code 2)."""
    from linter.output.stream import missing_extra

    missing = missing_extra(fmt)
    if missing:
        fail(msg("missing_extra", lang, fmt=fmt, package=missing[0], extra=missing[1]))


def _files(opts: CheckOptions, configs: Configs) -> list:
    """The files to lint (`discovery.Found`; none when reading standard input); configuration errors come
    first, and a format that holds one report refuses several."""
    from linter.output.stream import format_module

    if opts.reads_stdin:
        return []
    configs.for_path(Path(opts.paths[0]))  # configuration errors before "no files" errors
    files = collect_files(opts.paths, configs.lang, lambda p: configs.for_path(p)[0], opts.force_exclude)
    if len(files) > 1 and getattr(format_module(opts.fmt), "ONE_FILE", False):
        fail(msg("config_error", configs.lang, error=msg("one_file_format", configs.lang, fmt=opts.fmt, n=len(files))))
    return files


def _targets(opts: CheckOptions, configs: Configs, files: list[Path]) -> dict[str, OutputTarget]:
    """The files this run will write, checked before anything is linted: none may be an input."""
    read = [*(f.path for f in files), *(p for p in (opts.previous, opts.config_file, opts.agency_map, opts.baseline_file) if p)]
    inputs = Inputs(read)
    targets = {}
    if opts.output:
        targets["output"] = OutputTarget(opts.output, "--output", configs.lang).check(inputs)
    if opts.write_baseline_file:
        targets["baseline"] = OutputTarget(opts.write_baseline_file, "--write-baseline", configs.lang).check(inputs)
    return targets


# Formats written finding by finding, which show no agency: each file's findings are shown as soon as it is
# checked, its cross-year findings once every file is (the other formats wait for the batch).
STREAMING_FORMATS = ("text", "concise")


def _progress_bar(opts: CheckOptions):
    from linter.batch.run import ProgressBar

    return ProgressBar(lang=lang_or_default(opts.lang)) if ProgressBar.wanted() and not opts.quiet else None


def _results(opts: CheckOptions, configs: Configs, files: list, progress=None) -> Iterator[tuple]:
    """(result, fail level) per file, in order: standard input, or a batch over the files found — each
    checked in a worker process under the time and memory budget."""
    from linter.batch.run import BatchOptions, run_batch

    mapping = agency_map_or_exit(opts.agency_map, configs.lang)
    stream = opts.fmt in STREAMING_FORMATS and not (opts.apply_fix or opts.show_diff or opts.add_noqa or
                                                    opts.baseline_file or opts.write_baseline_file)
    options = BatchOptions(jobs=opts.jobs, timeout=opts.timeout, agency_map=mapping, previous=opts.previous,
                           tables=opts.fmt == "html", progress=progress, stream=stream,
                           warn=lambda text: click.echo(text, err=True))
    if opts.reads_stdin:
        work = [_stdin_item(opts.stdin_filename, configs)]
    else:
        work = [(f.path, configs.for_path(f.path)[0], None, f.walked) for f in files]
    if not work:
        return iter(())
    levels = {str(w[0]): w[1].fail_level for w in work}
    return ((result, levels.get(result.path, work[0][1].fail_level)) for result in run_batch(work, work[0][1], options))


def _stdin_item(stdin_filename: str | None, configs: Configs) -> tuple:
    """The document on standard input as a batch item (name, configuration, bytes), named — for its format
    and configuration — by --stdin-filename; no more than the limit plus one byte is read."""
    from linter.document.source import read_stream

    cfg, _ = configs.for_path(Path(stdin_filename) if stdin_filename else Path.cwd())
    return stdin_filename or "-", cfg, read_stream(sys.stdin.buffer, cfg.max_bytes)


def _baseline_stage(opts: CheckOptions, configs: Configs, stream: Iterator[tuple],
                    targets: dict[str, OutputTarget]) -> Iterator[tuple]:
    """A baseline compares the whole run: it collects it; everything else streams."""
    if opts.write_baseline_file or opts.baseline_file:
        pairs = list(stream)
        _baseline(opts, [r for r, _ in pairs], configs.lang, targets.get("baseline"), opts.quiet)
        stream = iter(pairs)
    return stream


def _print_diffs(opts: CheckOptions, configs: Configs, stream: Iterator[tuple]) -> int:
    """--diff: the safe fixes of every file as one unified diff (for `git apply` or `patch -p1`); exit code 1
    when there is anything to fix, as ruff."""
    from linter.engine.fixes import apply_fixes, safe_fixes, unified_diff
    from linter.output.paths import shown_path

    rules = configs.rules_by_id()
    count = 0
    for result, _ in stream:
        fixes = safe_fixes(result, rules)
        if fixes:
            count += len(fixes)
            click.echo(unified_diff(shown_path(result.path, os.getcwd()), result.source,
                                    apply_fixes(result.source, fixes)), nl=False)
    if not opts.quiet:
        click.echo(msg("diff_summary", configs.lang, n=count) if count else msg("diff_none", configs.lang), err=True)
    return EXIT_FINDINGS if count else EXIT_OK


def _apply_fixes(configs: Configs, stream: Iterator[tuple]) -> tuple[Iterator[tuple], dict]:
    """--fix: apply the safe fixes file by file; the results of the files as they now stand, and
    {path: Counter of fixed rules}."""
    from collections import Counter

    from linter.cli.targets import replace_file
    from linter.engine.fixes import apply_fixes, encode, safe_fixes
    from linter.engine.run import lint

    rules = configs.rules_by_id()
    fixed: dict[str, Counter] = {}
    out = []
    for result, level in stream:
        fixes = safe_fixes(result, rules)
        if fixes:
            data = encode(apply_fixes(result.source, fixes), result.encoding)
            replace_file(result.path, data, configs.lang)
            fixed[result.path] = Counter(fx["rule"] for fx in fixes)
            cfg, _ = configs.for_path(Path(result.path))
            result = lint(data, result.path, cfg)
        out.append((result, level))
    return iter(out), fixed


def _report_fixes(fixed: dict, stats, show: bool, lang: str) -> None:
    """`--fix`: how many fixes were applied and how many findings remain; with --show-fixes, which."""
    from linter.output.paths import shown_path

    total = sum(sum(c.values()) for c in fixed.values())
    remaining = sum(stats.by_severity.values())
    click.echo(msg("fix_summary", lang, fixed=total, remaining=remaining), err=True)
    if show:
        for path, counts in fixed.items():
            click.echo(f"- {shown_path(path, os.getcwd())}:", err=True)
            for rule, n in sorted(counts.items()):
                click.echo(f"    {n} × {rule}", err=True)


def _add_suppressions(opts: CheckOptions, configs: Configs, stream: Iterator[tuple]) -> int:
    """--add-noqa: a suppression comment before every block with findings, in each file that can hold
    comments (text, Markdown, HTML); the reason is left for a person to fill in."""
    from linter.cli.targets import replace_file
    from linter.document.readers import read_document
    from linter.engine.fixes import encode
    from linter.engine.suppressions import PLACEHOLDER_REASON, insert_texts, suppressions_for

    added = files = 0
    for result, _ in stream:
        if result.error or not result.findings or result.source is None:
            continue
        document = read_document(encode(result.source, result.encoding), result.path, result.format)
        inserts = suppressions_for(document, result.findings, PLACEHOLDER_REASON[configs.lang])
        if inserts:
            replace_file(result.path, encode(insert_texts(document.source, inserts), result.encoding), configs.lang)
            added, files = added + len(inserts), files + 1
    if not opts.quiet:
        click.echo(msg("noqa_added", configs.lang, n=added, files=files), err=True)
    return EXIT_OK


def _baseline(opts: CheckOptions, results, lang: str, target: OutputTarget | None, quiet: bool = False) -> None:
    """--write-baseline records the findings and exits 0; --baseline drops the recorded ones from `results`."""
    from linter.cli.targets import write_whole
    from linter.engine.baseline import BaselineError, apply_baseline, baseline_text

    if opts.write_baseline_file:
        text, count = baseline_text(opts.write_baseline_file, results)
        write_whole(target, text)
        click.echo(msg("baseline_written", lang, n=count, file=opts.write_baseline_file), err=True)
        sys.exit(EXIT_OK)
    try:
        dropped, fixed = apply_baseline(opts.baseline_file, results)
    except BaselineError as exc:
        fail(msg("config_error", lang, error=exc))
    if not quiet:
        click.echo(msg("baseline_applied", lang, n=dropped, fixed=fixed, file=opts.baseline_file), err=True)


def _write_output(opts: CheckOptions, configs: Configs, stream: Iterator[tuple], target: OutputTarget | None,
                  progress=None):
    """Stream every result into the format's writer; the statistics and whether any file failed.  A file
    named by --output is written beside the target and renamed into place once complete; a write that
    fails (a full disk) is one line and exit code 2."""
    from linter.output.stream import is_binary

    if target is None:
        try:
            counts = _write_results(opts, configs, stream, sys.stdout, progress)
            sys.stdout.flush()
        except OSError as exc:
            fail(msg("output_refused", configs.lang, option="", path="<stdout>", reason=exc.strerror or str(exc)))
        return counts
    out = target.open(is_binary(opts.fmt) and not opts.statistics)
    try:
        with out:
            counts = _write_results(opts, configs, stream, out, progress)
    except OSError as exc:
        target.failed(exc)
    except BaseException:
        target.abort()
        raise
    target.commit()
    return counts


def _write_results(opts: CheckOptions, configs: Configs, stream: Iterator[tuple], out, progress=None):
    """Every result into the format's writer (with --statistics, only the table of counts, as ruff); the
    statistics and whether any file has a finding at or above its fail level."""
    from linter.batch.run import Statistics
    from linter.ruleset.rule import SEVERITY_RANK

    stats = Statistics()
    failed = False
    writer = None if opts.statistics else _writer(opts, configs, out)
    for result, level in stream:
        if progress is not None:
            progress.clear()
        stats.add(result)
        result.fail_level = level
        if writer is not None:
            writer.add(result)
        failed = failed or bool(result.error) or any(
            SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in result.findings)
    if writer is not None:
        writer.close()
    else:
        out.write(stats.render(configs.lang))
    return stats, failed


def _writer(opts: CheckOptions, configs: Configs, out):
    from linter.output.options import OutputOptions
    from linter.output.stream import open_writer

    to_terminal = opts.output is None and sys.stdout.isatty()
    out_options = OutputOptions(lang=configs.lang, color=to_terminal and not os.environ.get("NO_COLOR"),
                                base_dir=os.getcwd(), summary=not opts.quiet, fail_level=opts.fail_level or "error")
    return open_writer(opts.fmt, out, configs.rules_by_id(), out_options)
