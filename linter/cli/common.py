"""What every command shares: exit codes, the `--lang` option, usage errors, file discovery and the
configuration of a single run.

Exit codes (README, Contracts): 0 no finding at or above the fail level; 1 findings at or above it, or a file
could not be read; 2 usage or configuration error (bad option, invalid rule file, unknown rule id,
nothing to lint).
"""
from __future__ import annotations

import errno
import os
import re
import stat
import sys
from pathlib import Path

import click

from linter.messages import localised, msg

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
    from linter.engine.inputs import input_rules
    from linter.engine.run import load_rules
    from linter.ruleset.rule import RuleError

    try:
        rules = load_rules(cfg)
    except RuleError as exc:
        fail(msg("rule_error", cfg.lang, error=exc))
    from linter.settings.config import known_prefixes

    ids = {r.id for r in rules} | set(input_rules())
    known = known_prefixes(ids)
    for rule_id in cfg.select + cfg.ignore + cfg.extend_select:
        if rule_id not in known:
            unknown_rule_exit(rule_id, ids, cfg.lang)
    return rules


def unknown_rule_exit(rule_id: str, known, lang: str) -> None:
    """An unknown rule id: one line, with the closest known id when one is close, exit code 2."""
    from linter.settings.files import did_you_mean

    fail(msg("unknown_rule", lang, rule=rule_id) + localised_hint(did_you_mean(rule_id, known), lang))


def localised_hint(suggestion: str, lang: str) -> str:
    """'; did you mean X?' in the run's language."""
    if not suggestion:
        return ""
    return msg("did_you_mean", lang, rule=suggestion.removeprefix("; did you mean ").removesuffix("?"))


def parse_size(text: str) -> int | None:
    """`20000000`, `500K`, `20M`, `1G` (binary multiples) as bytes; None when not a size."""
    m = re.fullmatch(r"\s*(\d{1,30})\s*([kKmMgG]?)[bB]?\s*", text)
    if not m:
        return None
    return int(m.group(1)) * {"": 1, "k": 1 << 10, "m": 1 << 20, "g": 1 << 30}[m.group(2).lower()]


def size_option(value: str | None, lang: str) -> int | None:
    """`--max-bytes`: a positive size no larger than `LARGEST_MAX_BYTES`; anything else is exit code 2."""
    from linter.document.limits import LARGEST_MAX_BYTES

    if value is None:
        return None
    size = parse_size(value)
    if size is None or size < 1:
        fail(msg("config_error", lang, error=f"--max-bytes {value!r} is not a size (like 20000000, 500K, 20M)"))
    if size > LARGEST_MAX_BYTES:
        fail(msg("config_error", lang, error=f"--max-bytes {value!r} is too large (at most {LARGEST_MAX_BYTES} bytes)"))
    return size


def collect_files(paths: tuple[str, ...], lang: str, config_of=None, force_exclude: bool = False) -> list:
    """The files to lint (`discovery.Found`), each once however often it is named: files as given (a
    symbolic link named on the command line is followed; with `force_exclude` the excludes apply to it too),
    directories walked for supported formats without following links, skipping what is excluded."""
    from linter.cli.discovery import Discovery, Found
    from linter.document.readers import supported_extensions
    from linter.settings.config import Config

    exts = supported_extensions(named=False)
    discovery = Discovery(config_of or (lambda path: Config()), exts)
    files: list = []
    seen: set[tuple[int, int]] = set()
    for raw in paths:
        p = Path(raw)
        info = _stat_or_exit(p, raw, lang)
        if stat.S_ISDIR(info.st_mode):
            found = [Found(f, True) for f in discovery.walk(p)]
            if not found and not force_exclude:
                fail(msg("no_files", lang, path=raw, exts=" ".join(exts)))
        elif force_exclude and discovery.force_excluded(p):
            found = []
        else:
            found = [Found(p, force_exclude)]
        for f in found:
            key = _identity(f.path)
            if key not in seen:
                seen.add(key)
                files.append(f)
    return files


def _stat_or_exit(p: Path, raw: str, lang: str) -> os.stat_result:
    try:
        return os.stat(p)
    except OSError as exc:
        if exc.errno == errno.ELOOP:
            fail(msg("link_loop", lang, path=raw))
        fail(msg("no_path", lang, path=raw))
        raise  # not reached: fail() exits


def _identity(path: Path) -> tuple:
    try:
        info = os.stat(path)
    except OSError:
        return ("path", os.path.abspath(path))
    return (info.st_dev, info.st_ino)


def agency_map_or_exit(path: str | None, lang: str) -> dict[str, str]:
    if not path:
        return {}
    from linter.batch.origin import load_agency_map

    try:
        return load_agency_map(path)
    except ValueError as exc:
        fail(msg("config_error", lang, error=exc))
    return {}


def analyse_file(path: str, lang: str, ocr: bool | None = None):
    """Read and parse one file for `parse`/`extract` (`ReadError` when it cannot be read)."""
    from linter.document.readers import ReadError
    from linter.document.source import oversize_reason, read_input
    from linter.engine.run import analyse
    from linter.settings.config import Config

    config = Config(lang=lang, ocr=ocr is not False)
    data = read_input(path, config.max_bytes)
    if len(data) > config.max_bytes:  # it grew while it was read
        raise ReadError(oversize_reason(config.max_bytes), "oversized")
    return analyse(data, str(Path(path)), config)


def run_budgeted(fn, path: str, lang: str, timeout: float = 60.0) -> str:
    """`fn(path)` — the text a command prints about one file — in a worker process under the time and
    memory budget of a batch; a missing path is exit code 2, a file that cannot be read, runs over its
    time or exhausts its memory exit code 1 with the reason."""
    from functools import partial

    from linter.batch.pool import Budget, Pool

    _stat_or_exit(Path(path), path, lang)
    pool = Pool(1, partial(_guarded, fn), lambda item, reason: (False, reason), Budget(seconds=timeout))
    ok, text = next(pool.imap([path]))
    if not ok:
        click.echo(f"{path}: {msg('unreadable', lang)}: {localised(text, lang)}", err=True)
        sys.exit(EXIT_FINDINGS)
    return text


def _guarded(fn, path: str) -> tuple[bool, str]:
    """(True, fn(path)), or (False, why it failed): a worker never raises."""
    from linter.document.readers import ReadError
    from linter.engine.run import OUT_OF_MEMORY

    try:
        return True, fn(path)
    except (ReadError, OSError) as exc:
        return False, str(exc)
    except MemoryError:
        return False, OUT_OF_MEMORY
    except Exception as exc:  # noqa: BLE001 — reported as the file's failure, not a traceback
        return False, f"internal error: {type(exc).__name__}: {str(exc)[:200]}"


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
            fail(msg("unknown_rule", self.lang, rule=exc.rule) + localised_hint(exc.suggestion, self.lang))
        except ConfigError as exc:
            fail(msg("config_error", self.lang, error=exc))
        self.lang = cfg.lang
        if self.dup_share is not None:
            cfg.dup_share = self.dup_share
        return cfg, rules

    def rules_by_id(self) -> dict:
        return self.resolver.rules_by_id()
