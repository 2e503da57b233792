"""Commands that show what the linter sees: `config` (the effective configuration), `parse` (the outline, or
with `--claims` what the prose states) and `extract` (the statistics tables, one record per cell)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli.common import (
    EXIT_FINDINGS, EXIT_OK, Configs, agency_map_or_exit, analyse_file, build_config, collect_files, fail,
    lang_option, lang_or_default, load_rules_or_exit, ocr_option, rules_option, run_budgeted,
)
from linter.cli.targets import Inputs, OutputTarget
from linter.messages import msg


@click.command(name="config")
@click.argument("path", required=False, default=".")
@click.option("--config", "config_file", type=click.Path(dir_okay=False), default=None)
@click.option("--format", "fmt", type=click.Choice(["yaml", "json"]), default="yaml", show_default=True)
@lang_option
def show_config(path, config_file, fmt, lang):
    """Print the effective configuration for PATH (a file or directory; default: here)."""
    from linter.settings.files import CliOptions, describe

    if not Path(path).exists():
        fail(msg("no_path", lang_or_default(lang), path=path))
    resolver = Configs(CliOptions(), config_file, False, lang)
    cfg, _ = resolver.for_path(Path(path))
    data = describe(cfg)
    if Path(path).is_file():  # what per-file-ignores turns off for this very file
        data["ignored-here"] = cfg.ignored_in(str(path))
    if fmt == "json":
        import json

        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
    else:
        import yaml

        click.echo(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), nl=False)


@click.command()
@click.argument("path", type=click.Path(dir_okay=False))
@click.option("--format", "fmt", type=click.Choice(["text", "json"]), default="text", show_default=True)
@click.option("--claims", is_flag=True, help="Print the claims the prose states (counts, shares, statements, "
                                             "enumerations) instead of the outline.")
@rules_option
@lang_option
def parse(path, fmt, claims, rules_dirs, lang):
    """Print the outline (section tree) the parser finds, or with --claims what the prose states (for debugging)."""
    from functools import partial

    lang = lang_or_default(lang)
    if claims:
        vocabulary = _vocabulary_or_exit(lang, rules_dirs)
        click.echo(run_budgeted(partial(_claims, fmt=fmt, lang=lang, vocabulary=vocabulary), path, lang), nl=False)
        return
    click.echo(run_budgeted(partial(_outline, fmt=fmt, lang=lang), path, lang), nl=False)


def _outline(path: str, fmt: str, lang: str) -> str:
    from linter.cli.outline_view import outline_json, outline_text

    analysis = analyse_file(path, lang)
    if fmt == "json":
        import json

        return json.dumps(outline_json(analysis), ensure_ascii=False, indent=2) + "\n"
    return outline_text(analysis) + "\n"


def _vocabulary_or_exit(lang: str, rules_dirs):
    """The claim vocabulary of the configured rules over claims."""
    from linter.cli.claims_view import vocabulary_of

    vocabulary = vocabulary_of(load_rules_or_exit(build_config(lang, rules_dirs=rules_dirs)))
    if vocabulary is None:
        fail(msg("config_error", lang, error="no rule with a claim vocabulary is loaded"))
    return vocabulary


def _claims(path: str, fmt: str, lang: str, vocabulary) -> str:
    """The claims of the report, read with the vocabulary of the rules over claims."""
    from linter.checks.claimview import report_claims
    from linter.cli.claims_view import claims_json, claims_text

    analysis = analyse_file(path, lang)
    claim_set = report_claims(analysis.context, vocabulary)
    text = analysis.context.scope_text("document")
    if fmt == "json":
        import json

        return json.dumps(claims_json(analysis, claim_set, text), ensure_ascii=False, indent=2) + "\n"
    return claims_text(analysis, claim_set, text) + "\n"


@click.command()
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
@ocr_option
@rules_option
@lang_option
def extract(paths, fmt, output, jobs, timeout, agency_map, ocr, rules_dirs, lang):
    """Dump the recognised statistics tables of every report under PATHs, one record per cell, with agency
    and year (for sqlite also every finding): the same document printed or written with --output."""
    import tempfile

    from linter.batch.run import BatchOptions, ProgressBar, run_batch
    from linter.output.cells import WRITERS

    lang = lang_or_default(lang)
    cfg = build_config(lang, rules_dirs=rules_dirs, ocr=ocr)
    load_rules_or_exit(cfg)
    if fmt == "sqlite" and not output:
        fail(msg("config_error", lang, error="--format sqlite needs --output FILE"))
    files = collect_files(paths, lang)
    target = None
    if output:
        inputs = Inputs([*(f.path for f in files), *([agency_map] if agency_map else [])])
        target = OutputTarget(output, "--output", lang, sqlite=fmt == "sqlite").check(inputs)
    mapping = agency_map_or_exit(agency_map, lang)
    path = Path(target.temp_path()) if target else Path(tempfile.mkstemp(prefix="report-lint-extract-")[1])
    unreadable = skipped = 0
    try:
        writer = WRITERS[fmt](path)
        try:
            options = BatchOptions(jobs=jobs, timeout=timeout, agency_map=mapping, extract=True,
                                   progress=ProgressBar(lang=lang) if ProgressBar.wanted() else None)
            for result in run_batch([(f.path, None, None, f.walked) for f in files], cfg, options):
                if result.skipped:
                    skipped += 1
                    continue
                unreadable += bool(result.error)
                writer.add(result)
        finally:
            writer.close()
    except OSError as exc:
        if target is None:
            raise
        target.failed(exc)
    except BaseException:
        if target is not None:
            target.abort()
        raise
    if target is not None:
        target.commit()
        click.echo(msg("wrote", lang, path=output), err=True)
    else:
        sys.stdout.write(path.read_text(encoding="utf-8-sig" if fmt == "csv" else "utf-8"))
        path.unlink()
    if skipped:
        click.echo(msg("skipped_not_reports", lang, n=skipped), err=True)
    sys.exit(EXIT_FINDINGS if unreadable else EXIT_OK)
