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
@click.option("--statistics", is_flag=True, help="Print counts per rule and per severity.")
@click.option("--previous", type=click.Path(dir_okay=False), default=None,
              help="Last year's report of the same agency, for the cross-year rules.")
@click.option("--agency-map", type=click.Path(dir_okay=False), default=None,
              help="YAML file mapping renamed or merged agencies to one name.")
@click.option("--dup-share", type=click.FloatRange(min=0, max=1, min_open=True), default=None,
              help="XY-DUP threshold: share of last year's text (default 0.5).")
@click.option("--fix", "apply_fix", is_flag=True, help="Apply safe wording fixes to .txt/.md files in place.")
@click.option("--diff", "show_diff", is_flag=True, help="Show the safe wording fixes as a diff; write nothing.")
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
    stream = skipped.filter(_results(opts, configs, files))
    stream = _fixes_and_baseline(opts, configs, stream, targets)
    stats, failed = _write_output(opts, configs, stream, targets.get("output"))
    if opts.statistics:
        click.echo(stats.render(), nl=False, err=bool(opts.output is None and opts.fmt != "text"))
    skipped.report(configs.lang)
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


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


def _results(opts: CheckOptions, configs: Configs, files: list[Path]) -> Iterator[tuple]:
    """(result, fail level) per file, in order: standard input, or a batch over the files found — each
    checked in a worker process under the time and memory budget."""
    from linter.batch.run import BatchOptions, ProgressBar, run_batch

    mapping = agency_map_or_exit(opts.agency_map, configs.lang)
    options = BatchOptions(jobs=opts.jobs, timeout=opts.timeout, agency_map=mapping, previous=opts.previous,
                           tables=opts.fmt == "html", progress=ProgressBar() if ProgressBar.wanted() else None)
    if opts.reads_stdin:
        work = [_stdin_item(opts.stdin_filename, configs)]
    else:
        work = [(f.path, configs.for_path(f.path)[0], None, f.walked) for f in files]
    if not work:
        return iter(())
    return zip(run_batch(work, work[0][1], options), (w[1].fail_level for w in work))


def _stdin_item(stdin_filename: str | None, configs: Configs) -> tuple:
    """The document on standard input as a batch item (name, configuration, bytes), named — for its format
    and configuration — by --stdin-filename; no more than the limit plus one byte is read."""
    from linter.document.source import read_stream

    cfg, _ = configs.for_path(Path(stdin_filename) if stdin_filename else Path.cwd())
    return stdin_filename or "-", cfg, read_stream(sys.stdin.buffer, cfg.max_bytes)


def _fixes_and_baseline(opts: CheckOptions, configs: Configs, stream: Iterator[tuple],
                        targets: dict[str, OutputTarget]) -> Iterator[tuple]:
    """Fixes rewrite files and a baseline compares the whole run: both collect it; everything else streams."""
    if (opts.apply_fix or opts.show_diff) and not opts.reads_stdin:
        pairs = list(stream)
        fixed = _fix_files([r for r, _ in pairs], configs, write=opts.apply_fix and not opts.show_diff)
        if opts.show_diff:
            sys.exit(EXIT_OK)
        stream = iter(list(zip(fixed, [level for _, level in pairs])))
    if opts.write_baseline_file or opts.baseline_file:
        pairs = list(stream)
        _baseline(opts, [r for r, _ in pairs], configs.lang, targets.get("baseline"))
        stream = iter(pairs)
    return stream


def _fix_files(results, configs: Configs, write: bool):
    """Apply (or, with --diff, print) the safe fixes; return the results of the files as they now stand."""
    from linter.cli.targets import replace_file
    from linter.engine.fixes import apply_fixes, encode, safe_fixes, unified_diff
    from linter.engine.run import lint

    rules = configs.rules_by_id()
    out = []
    for result in results:
        fixes = safe_fixes(result, rules)
        if not fixes:
            out.append(result)
            continue
        fixed = apply_fixes(result.source, fixes)
        if not write:
            click.echo(unified_diff(result.path, result.source, fixed), nl=False)
            out.append(result)
            continue
        data = encode(fixed, result.encoding)
        replace_file(result.path, data, configs.lang)
        cfg, _ = configs.for_path(Path(result.path))
        out.append(lint(data, result.path, cfg))
    return out


def _baseline(opts: CheckOptions, results, lang: str, target: OutputTarget | None) -> None:
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
    click.echo(msg("baseline_applied", lang, n=dropped, fixed=fixed, file=opts.baseline_file), err=True)


def _write_output(opts: CheckOptions, configs: Configs, stream: Iterator[tuple], target: OutputTarget | None):
    """Stream every result into the format's writer; the statistics and whether any file failed.  A file
    named by --output is written beside the target and renamed into place once complete; a write that
    fails (a full disk) is one line and exit code 2."""
    from linter.output.stream import is_binary

    if target is None:
        try:
            counts = _write_results(opts, configs, stream, sys.stdout)
            sys.stdout.flush()
        except OSError as exc:
            fail(msg("output_refused", configs.lang, option="", path="<stdout>", reason=exc.strerror or str(exc)))
        return counts
    out = target.open(is_binary(opts.fmt))
    try:
        with out:
            counts = _write_results(opts, configs, stream, out)
    except OSError as exc:
        target.failed(exc)
    except BaseException:
        target.abort()
        raise
    target.commit()
    return counts


def _write_results(opts: CheckOptions, configs: Configs, stream: Iterator[tuple], out):
    from linter.batch.run import Statistics
    from linter.output.options import OutputOptions
    from linter.output.stream import open_writer
    from linter.ruleset.rule import SEVERITY_RANK

    to_terminal = opts.output is None and sys.stdout.isatty()
    out_options = OutputOptions(lang=configs.lang, color=to_terminal and not os.environ.get("NO_COLOR"),
                                base_dir=os.getcwd())
    stats = Statistics()
    failed = False
    writer = None
    for result, level in stream:
        if writer is None:
            writer = open_writer(opts.fmt, out, configs.rules_by_id(), out_options)
        stats.add(result)
        writer.add(result)
        failed = failed or bool(result.error) or any(
            SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in result.findings)
    if writer is None:
        writer = open_writer(opts.fmt, out, configs.rules_by_id(), out_options)
    writer.close()
    return stats, failed
