"""Command line: `report-lint check|parse|extract|rules|explain|test`.

Exit codes (DESIGN.md): 0 no finding at or above the fail level; 1 findings at or above it, or a file
could not be read; 2 usage or configuration error (bad option, invalid rule file, unknown rule id,
nothing to lint).
"""
from __future__ import annotations

import datetime as _dt
import os
import sys
from pathlib import Path

import click

from linter import __version__
from linter.messages import msg

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def _lang_option(f):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None, envvar="REPORT_LINT_LANG",
                        help="Message language: zh (default) or en.")(f)


def _lang(value: str | None) -> str:
    return value or "zh"


def _fail(message: str) -> None:
    click.echo(message, err=True)
    sys.exit(EXIT_USAGE)


def _split_ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def _build_config(lang, select=(), ignore=(), rules_dirs=(), fail_level=None, **overrides):
    from linter.settings.config import Config

    cfg = Config(lang=_lang(lang))
    cfg.select = _split_ids(select)
    cfg.ignore = _split_ids(ignore)
    cfg.rule_dirs = [str(p) for p in rules_dirs]
    if fail_level:
        cfg.fail_level = fail_level
    for key, value in overrides.items():
        if value is not None:
            setattr(cfg, key, value)
    return cfg


def _load_rules_or_exit(cfg):
    from linter.engine.run import load_rules
    from linter.ruleset.loading import RuleError

    try:
        rules = load_rules(cfg)
    except RuleError as exc:
        _fail(msg("rule_error", cfg.lang, error=exc))
    known = {r.id for r in rules}
    for rule_id in cfg.select + cfg.ignore + cfg.extend_select:
        if not any(k.startswith(rule_id) for k in known):
            _fail(msg("unknown_rule", cfg.lang, rule=rule_id))
    return rules


def parse_size(text: str) -> int | None:
    """`20000000`, `500K`, `20M`, `1G` (binary multiples) as bytes; None when not a size."""
    import re

    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        return None
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]


def collect_files(paths: tuple[str, ...], lang: str) -> list[Path]:
    """The files to lint: files as given, directories searched recursively for supported formats."""
    from linter.document.readers import supported_extensions

    exts = supported_extensions()
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in exts)
            if not found:
                _fail(msg("no_files", lang, path=raw, exts=" ".join(exts)))
            files += found
        elif p.exists():
            files.append(p)
        else:
            _fail(msg("no_path", lang, path=raw))
    return files


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(__version__, prog_name="report-lint")
def main() -> None:
    """report-lint：政府信息公开工作年度报告合规检查工具 (a linter for government information disclosure annual reports)."""


FORMATS = ["text", "concise", "json", "json-lines", "sarif", "github", "junit", "csv", "xlsx", "html"]


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "--output-format", "fmt", type=click.Choice(FORMATS), default="text", show_default=True)
@click.option("--select", multiple=True, help="Only these rule ids or id prefixes (comma separated).")
@click.option("--extend-select", multiple=True, help="Add these rule ids or id prefixes to the selection.")
@click.option("--ignore", multiple=True, help="Skip these rule ids or id prefixes (comma separated).")
@click.option("--fail-level", type=click.Choice(["error", "warning", "info"]), default=None,
              help="Lowest severity that makes the exit code 1 (default: error).")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
              help="An extra rule directory (repeatable).")
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
@_lang_option
def check(paths, fmt, select, extend_select, ignore, fail_level, rules_dirs, published, agency_kind, report_year,
          output, config_file, isolated, stdin_filename, baseline_file, write_baseline_file, jobs, timeout,
          statistics, previous, agency_map, dup_share, lang, max_bytes=None, apply_fix=False, show_diff=False):
    """Lint reports (files or directories; - reads standard input)."""
    from linter.batch.run import BatchOptions, ProgressBar, Statistics, run_batch
    from linter.settings.files import CliOptions
    from linter.engine.findings import SEVERITY_RANK
    from linter.output.options import OutputOptions
    from linter.output.stream import is_binary, open_writer

    pub = None
    if published:
        try:
            pub = _dt.date.fromisoformat(published)
        except ValueError:
            _fail(msg("config_error", _lang(lang), error=f"--published {published!r} is not a date YYYY-MM-DD"))
    size_limit = None
    if max_bytes is not None:
        size_limit = parse_size(max_bytes)
        if size_limit is None:
            _fail(msg("config_error", _lang(lang), error=f"--max-bytes {max_bytes!r} is not a size (like 20000000, 500K, 20M)"))
    cli = CliOptions(select=_split_ids(select), extend_select=_split_ids(extend_select), ignore=_split_ids(ignore),
                     rule_dirs=[str(p) for p in rules_dirs], fail_level=fail_level, published=pub,
                     agency_kind=agency_kind, report_year=report_year, max_bytes=size_limit)
    configs = _Configs(cli, config_file, isolated, lang, dup_share=dup_share)
    if is_binary(fmt) and not output:
        _fail(msg("config_error", configs.lang, error=f"--format {fmt} needs --output FILE"))
    if previous and not Path(previous).is_file():
        _fail(msg("no_path", configs.lang, path=previous))
    mapping = _agency_map_or_exit(agency_map, configs.lang)
    if paths == ("-",):
        results, fail_levels = _lint_stdin(stdin_filename, configs)
        stream = zip(results, fail_levels)
    else:
        configs.for_path(Path(paths[0]))  # configuration errors before "no files" errors
        work = [(path, configs.for_path(path)[0]) for path in collect_files(paths, configs.lang)]
        options = BatchOptions(jobs=jobs, timeout=timeout, agency_map=mapping, previous=previous,
                               progress=ProgressBar() if ProgressBar.wanted() else None)
        stream = zip(run_batch(work, work[0][1], options), (cfg.fail_level for _, cfg in work))
    lang = configs.lang
    if (apply_fix or show_diff) and paths != ("-",):  # fixes rewrite files: collect the run first
        pairs = list(stream)
        fixed = _fix_files([r for r, _ in pairs], configs, write=apply_fix and not show_diff)
        if show_diff:
            sys.exit(EXIT_OK)
        stream = iter(list(zip(fixed, [level for _, level in pairs])))
    if write_baseline_file or baseline_file:  # a baseline compares the whole run: collect it
        pairs = list(stream)
        _baseline_options([r for r, _ in pairs], write_baseline_file, baseline_file, lang)
        stream = iter(pairs)
    to_terminal = output is None and sys.stdout.isatty()
    out_options = OutputOptions(lang=lang, color=to_terminal and not os.environ.get("NO_COLOR"), base_dir=os.getcwd())
    stats = Statistics()
    failed = False
    binary = is_binary(fmt)
    out = open(output, "wb" if binary else "w", **({} if binary else {"encoding": "utf-8"})) if output else sys.stdout
    try:
        writer = None
        for result, level in stream:
            if writer is None:
                writer = open_writer(fmt, out, configs.rules_by_id(), out_options)
            stats.add(result)
            writer.add(result)
            failed = failed or bool(result.error) or any(
                SEVERITY_RANK[f.severity] >= SEVERITY_RANK[level] for f in result.findings)
        if writer is None:
            writer = open_writer(fmt, out, configs.rules_by_id(), out_options)
        writer.close()
    finally:
        if output:
            out.close()
        else:
            out.flush()
    if statistics:
        click.echo(stats.render(), nl=False, err=bool(output is None and fmt != "text"))
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


def _agency_map_or_exit(path: str | None, lang: str) -> dict[str, str]:
    if not path:
        return {}
    from linter.batch.origin import load_agency_map

    try:
        return load_agency_map(path)
    except ValueError as exc:
        _fail(msg("config_error", lang, error=exc))
    return {}


def _fix_files(results, configs, write: bool):
    """Apply (or, with --diff, print) the safe fixes; return the results of the files as they now stand."""
    from linter.engine.run import lint
    from linter.engine.fixes import apply_fixes, encode, safe_fixes, unified_diff

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
        Path(result.path).write_bytes(data)
        cfg, _ = configs.for_path(Path(result.path))
        out.append(lint(data, result.path, cfg))
    return out


def _lint_stdin(stdin_filename: str | None, configs):
    """The document on standard input, named (for its format and configuration) by --stdin-filename."""
    from linter.engine.run import lint

    cfg, _ = configs.for_path(Path(stdin_filename) if stdin_filename else Path.cwd())
    data = sys.stdin.buffer.read(cfg.max_bytes + 1)  # beyond the limit lint() refuses it: read no more
    return [lint(data, stdin_filename or "-", cfg)], [cfg.fail_level]


def _baseline_options(results, write_file: str | None, read_file: str | None, lang: str) -> None:
    """--write-baseline records the findings and exits 0; --baseline drops the recorded ones from `results`."""
    from linter.engine.baseline import BaselineError, apply_baseline, write_baseline

    if write_file:
        count = write_baseline(write_file, results)
        click.echo(msg("baseline_written", lang, n=count, file=write_file), err=True)
        sys.exit(EXIT_OK)
    try:
        dropped, fixed = apply_baseline(read_file, results)
    except BaselineError as exc:
        _fail(msg("config_error", lang, error=exc))
    click.echo(msg("baseline_applied", lang, n=dropped, fixed=fixed, file=read_file), err=True)


class _Configs:
    """`engine.resolver.ConfigResolver` with its errors turned into exit code 2."""

    def __init__(self, cli, explicit: str | None, isolated: bool, lang: str | None, dup_share=None) -> None:
        from linter.engine.resolver import ConfigResolver

        self.resolver = ConfigResolver(cli, explicit, isolated, lang)
        self.lang = _lang(lang)
        self.dup_share = dup_share

    def for_path(self, path: Path):
        from linter.settings.files import ConfigError, UnknownRuleId
        from linter.ruleset.loading import RuleError

        try:
            cfg, rules = self.resolver.for_path(path)
        except RuleError as exc:
            _fail(msg("rule_error", self.lang, error=exc))
        except UnknownRuleId as exc:
            _fail(msg("unknown_rule", self.lang, rule=exc.rule))
        except ConfigError as exc:
            _fail(msg("config_error", self.lang, error=exc))
        self.lang = cfg.lang
        if self.dup_share is not None:
            cfg.dup_share = self.dup_share
        return cfg, rules

    def rules_by_id(self) -> dict:
        return self.resolver.rules_by_id()


@main.command(name="config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@_lang_option
def show_config(path, config_file, fmt, lang):
    """Print the effective configuration for PATH (a file or directory; default: here)."""
    from linter.settings.files import CliOptions, describe

    resolver = _Configs(CliOptions(), config_file, False, lang)
    cfg, _ = resolver.for_path(Path(path))
    data = describe(cfg)
    if fmt == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), nl=False)


def _analyse_or_exit(path: str, lang: str):
    """Read and parse one file for `parse`/`extract`; a missing path is exit 2, an unreadable file exit 1."""
    from linter.settings.config import Config
    from linter.engine.run import analyse
    from linter.document.readers import ReadError

    p = Path(path)
    if not p.exists():
        _fail(msg("no_path", lang, path=path))
    try:
        analysis = analyse(p.read_bytes(), str(p), Config(lang=lang))
    except (ReadError, OSError) as exc:
        click.echo(f"{path}: {msg('unreadable', lang)}: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    return analysis


@main.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@_lang_option
def parse(path, fmt, lang):
    """Print the section tree the structure parser finds (for debugging)."""
    from linter.cli.outline_view import outline_json, outline_text

    lang = _lang(lang)
    analysis = _analyse_or_exit(path, lang)
    if fmt == "json":
        import json

        click.echo(json.dumps(outline_json(analysis), ensure_ascii=False, indent=2))
    else:
        click.echo(outline_text(analysis))


@main.command()
@click.argument("paths", nargs=-1, required=True)
@click.option("--format", "fmt", type=click.Choice(["json", "csv", "sqlite"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False), default=None,
              help="Write to this file (required for sqlite; csv/json go to stdout without it).")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Worker processes (0: all cores).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Time budget per file in seconds (0: none).")
@click.option("--agency-map", type=click.Path(dir_okay=False), default=None,
              help="YAML file mapping renamed or merged agencies to one name.")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
@_lang_option
def extract(paths, fmt, output, jobs, timeout, agency_map, rules_dirs, lang):
    """Dump the recognised statistics tables, one record per cell: of one FILE, or of every report under
    PATHs with agency and year (for sqlite also every finding)."""
    lang = _lang(lang)
    single = len(paths) == 1 and Path(paths[0]).is_file() and output is None and fmt != "sqlite"
    if single:
        _extract_file(paths[0], fmt, lang)
        return
    import tempfile

    from linter.batch.run import BatchOptions, ProgressBar, run_batch
    from linter.output.cells import WRITERS

    cfg = _build_config(lang, rules_dirs=rules_dirs)
    _load_rules_or_exit(cfg)
    files = collect_files(paths, lang)
    if fmt == "sqlite" and not output:
        _fail(msg("config_error", lang, error="--format sqlite needs --output FILE"))
    mapping = _agency_map_or_exit(agency_map, lang)
    target = Path(output) if output else Path(tempfile.mkstemp(prefix="report-lint-extract-")[1])
    writer = WRITERS[fmt](target)
    unreadable = False
    try:
        options = BatchOptions(jobs=jobs, timeout=timeout, agency_map=mapping, extract=True,
                               progress=ProgressBar() if ProgressBar.wanted() else None)
        for result in run_batch(files, cfg, options):
            unreadable = unreadable or bool(result.error)
            writer.add(result)
    finally:
        writer.close()
    if not output:
        sys.stdout.write(target.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8"))
        target.unlink()
    sys.exit(EXIT_FINDINGS if unreadable else EXIT_OK)


def _extract_file(path, fmt, lang):
    """Dump the recognised statistics tables (表二/表三/表四), one record per cell."""
    from linter.tables import statistics_tables
    from linter.tables.records import CSV_FIELDS, cell_records, extract_json

    analysis = _analyse_or_exit(path, lang)
    tables = statistics_tables(analysis.context)
    if fmt == "json":
        import json

        click.echo(json.dumps(extract_json(str(Path(path)), tables, analysis.document), ensure_ascii=False, indent=2))
    else:
        import csv
        import io

        buf = io.StringIO()
        writer = csv.DictWriter(buf, fieldnames=CSV_FIELDS, lineterminator="\n")
        writer.writeheader()
        writer.writerows(cell_records(str(Path(path)), tables, analysis.document))
        click.echo(buf.getvalue(), nl=False)


@main.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
@_lang_option
def list_rules(fmt, rules_dirs, lang):
    """List the rules: id, severity, category and one-line message."""
    from linter.ruleset.docs import rules_json, rules_markdown, rules_text

    cfg = _build_config(lang, rules_dirs=rules_dirs)
    rules = _load_rules_or_exit(cfg)
    render = {"text": rules_text, "markdown": rules_markdown, "json": rules_json}[fmt]
    click.echo(render(rules, cfg.lang), nl=False)


@main.command()
@click.argument("rule_id")
@click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False))
@_lang_option
def explain(rule_id, rules_dirs, lang):
    """Explain one rule: what it checks, why, its basis and examples."""
    from linter.ruleset.docs import explain_rule

    cfg = _build_config(lang, rules_dirs=rules_dirs)
    rules = {r.id: r for r in _load_rules_or_exit(cfg)}
    if rule_id not in rules:
        _fail(msg("unknown_rule", cfg.lang, rule=rule_id))
    click.echo(explain_rule(rules[rule_id], cfg.lang), nl=False)


@main.command(name="test")
@click.argument("directory", type=click.Path(file_okay=False))
@_lang_option
def test_rules(directory, lang):
    """Run the examples of every rule in a rule directory."""
    from linter.checks import registry
    from linter.settings.config import Config
    from linter.ruleset.loading import RuleError, load_ruleset
    from linter.engine.examples import test_rule

    lang = _lang(lang)
    if not Path(directory).is_dir():
        _fail(msg("no_path", lang, path=directory))
    try:
        rules = load_ruleset(Path(directory), registry())
    except RuleError as exc:
        _fail(msg("rule_error", lang, error=exc))
    passed = failed = 0
    for rule in rules:
        result = test_rule(rule, Config(lang=lang, builtin=False))
        if result.passed:
            passed += 1
            click.echo(f"{msg('test_pass', lang)}  {rule.id}")
        else:
            failed += 1
            click.echo(f"{msg('test_fail', lang)}  {rule.id}")
            for failure in result.failures:
                key = "test_bad_missed" if failure.group == "bad" else "test_good_fired"
                click.echo(f"      {msg(key, lang, n=failure.index, message=failure.detail)}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)


@main.command()
def lsp():
    """Run the language server over stdio (needs the `lsp` extra: pip install 'report-lint[lsp]')."""
    try:
        from linter.lsp import serve
    except ImportError as exc:
        _fail(f"report-lint lsp needs pygls: pip install 'report-lint[lsp]' ({exc})")
    serve()


if __name__ == "__main__":  # pragma: no cover
    main()
