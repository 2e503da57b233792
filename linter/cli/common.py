"""What every command shares: exit codes, the `--lang` option, usage errors, file discovery and the
configuration of a single run.

Exit codes (README, Contracts): 0 no finding at or above the fail level; 1 findings at or above it, or a file
could not be read; 2 usage or configuration error (bad option, invalid rule file, unknown rule id,
nothing to lint).
"""
from __future__ import annotations

import re
import sys
from pathlib import Path

import click

from linter.messages import msg

EXIT_OK, EXIT_FINDINGS, EXIT_USAGE = 0, 1, 2


def lang_option(f):
    return click.option("--lang", type=click.Choice(["zh", "en"]), default=None, envvar="REPORT_LINT_LANG",
                        help="Message language: zh (default) or en.")(f)


def ocr_option(f):
    return click.option("--ocr/--no-ocr", "ocr", default=None,
                         help="Read tables pasted as pictures (default: on when report-lint[ocr] is installed).")(f)


def rules_option(f):
    return click.option("--rules", "rules_dirs", multiple=True, type=click.Path(file_okay=False),
                        help="An extra rule directory (repeatable).")(f)


def lang_or_default(value: str | None) -> str:
    return value or "zh"


def fail(message: str) -> None:
    """A usage or configuration error: one line on stderr, exit code 2."""
    click.echo(message, err=True)
    sys.exit(EXIT_USAGE)


def split_ids(values: tuple[str, ...]) -> list[str]:
    return [part.strip() for v in values for part in v.split(",") if part.strip()]


def build_config(lang, select=(), ignore=(), rules_dirs=(), fail_level=None, **overrides):
    """A configuration from command-line values only (commands that read no configuration file)."""
    from linter.settings.config import Config

    cfg = Config(lang=lang_or_default(lang))
    cfg.select = split_ids(select)
    cfg.ignore = split_ids(ignore)
    cfg.rule_dirs = [str(p) for p in rules_dirs]
    if fail_level:
        cfg.fail_level = fail_level
    for key, value in overrides.items():
        if value is not None:
            setattr(cfg, key, value)
    return cfg


def load_rules_or_exit(cfg):
    """The configured rules; an invalid rule file or an unknown rule id is exit code 2."""
    from linter.engine.run import load_rules
    from linter.ruleset.rule import RuleError

    try:
        rules = load_rules(cfg)
    except RuleError as exc:
        fail(msg("rule_error", cfg.lang, error=exc))
    known = {r.id for r in rules}
    for rule_id in cfg.select + cfg.ignore + cfg.extend_select:
        if not any(k.startswith(rule_id) for k in known):
            fail(msg("unknown_rule", cfg.lang, rule=rule_id))
    return rules


def parse_size(text: str) -> int | None:
    """`20000000`, `500K`, `20M`, `1G` (binary multiples) as bytes; None when not a size."""
    m = re.fullmatch(r"\s*(\d+)\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        return None
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]


def collect_files(paths: tuple[str, ...], lang: str) -> list[Path]:
    """The files to lint: files as given, directories searched recursively for supported formats."""
    from linter.document.readers import supported_extensions

    exts = supported_extensions(named=False)
    files: list[Path] = []
    for raw in paths:
        p = Path(raw)
        if p.is_dir():
            found = sorted(f for f in p.rglob("*") if f.is_file() and f.suffix.lower() in exts)
            if not found:
                fail(msg("no_files", lang, path=raw, exts=" ".join(exts)))
            files += found
        elif p.exists():
            files.append(p)
        else:
            fail(msg("no_path", lang, path=raw))
    return files


def agency_map_or_exit(path: str | None, lang: str) -> dict[str, str]:
    if not path:
        return {}
    from linter.batch.origin import load_agency_map

    try:
        return load_agency_map(path)
    except ValueError as exc:
        fail(msg("config_error", lang, error=exc))
    return {}


def analyse_or_exit(path: str, lang: str, ocr: bool | None = None):
    """Read and parse one file for `parse`/`extract`; a missing path is exit 2, an unreadable file exit 1."""
    from linter.document.readers import ReadError
    from linter.engine.run import analyse
    from linter.settings.config import Config

    p = Path(path)
    if not p.exists():
        fail(msg("no_path", lang, path=path))
    try:
        analysis = analyse(p.read_bytes(), str(p), Config(lang=lang, ocr=ocr is not False))
    except (ReadError, OSError) as exc:
        click.echo(f"{path}: {msg('unreadable', lang)}: {exc}", err=True)
        sys.exit(EXIT_FINDINGS)
    return analysis


class Configs:
    """`engine.resolver.ConfigResolver` with its errors turned into exit code 2."""

    def __init__(self, cli, explicit: str | None, isolated: bool, lang: str | None, dup_share=None) -> None:
        from linter.engine.resolver import ConfigResolver

        self.resolver = ConfigResolver(cli, explicit, isolated, lang)
        self.lang = lang_or_default(lang)
        self.dup_share = dup_share

    def for_path(self, path: Path):
        from linter.ruleset.rule import RuleError
        from linter.settings.files import ConfigError, UnknownRuleId

        try:
            cfg, rules = self.resolver.for_path(path)
        except RuleError as exc:
            fail(msg("rule_error", self.lang, error=exc))
        except UnknownRuleId as exc:
            fail(msg("unknown_rule", self.lang, rule=exc.rule))
        except ConfigError as exc:
            fail(msg("config_error", self.lang, error=exc))
        self.lang = cfg.lang
        if self.dup_share is not None:
            cfg.dup_share = self.dup_share
        return cfg, rules

    def rules_by_id(self) -> dict:
        return self.resolver.rules_by_id()
