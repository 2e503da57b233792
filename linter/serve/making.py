"""The downloads of one checked upload, made in a worker process under the same budget as the check: the
reviewed Word copy (`--format docx`), the text with the safe fixes applied (`check --fix`), and the findings
as JSON, CSV and XLSX — each by the output format or the fix of the CLI, not by a copy of it.

Made while the upload is still on disk (a Word report's reviewed copy is a copy of the file), written into
the answer's own directory under fixed names (`downloads.KINDS`)."""
from __future__ import annotations

from pathlib import Path

from linter.engine.findings import FileResult
from linter.output.options import OutputOptions
from linter.serve.downloads import KINDS


def download_names(result: FileResult, name: str, fixed: bool, xlsx: bool) -> dict[str, str]:
    """kind -> the name the browser saves it under, for the kinds this result offers."""
    stem, _, ext = name.rpartition(".")
    stem = stem or name
    names = {"json": f"{stem}.findings.json", "csv": f"{stem}.findings.csv"}
    if xlsx:
        names["xlsx"] = f"{stem}.findings.xlsx"
    if result.error is None and result.source is not None:
        names["reviewed"] = f"{stem}.reviewed.docx"
    if fixed:
        names["fixed"] = f"{stem}.fixed.{ext}"
    return names


def cli_json(result: FileResult, rules: dict, options: OutputOptions) -> str:
    """The document `check --format json` prints for this one result, written by the CLI's own writer."""
    import io

    from linter.output.stream import open_writer

    out = io.StringIO()
    writer = open_writer("json", out, rules, options)
    writer.add(result)
    writer.close()
    return out.getvalue()


def xlsx_available() -> bool:
    from linter.output.stream import missing_extra

    return missing_extra("xlsx") is None


def make_downloads(rules: dict, item: tuple) -> tuple[bool, dict | str]:
    """In the worker: write every download of `item` = (result, upload name, answer directory, lang, base
    directory); (True, {kind: download name}) or (False, why) — a worker never raises."""
    result, name, directory, lang, base_dir = item
    try:
        return True, _make(rules, result, name, Path(directory), lang, base_dir)
    except MemoryError:
        return False, "out of memory"
    except Exception as exc:  # noqa: BLE001 — the answer page still shows the findings
        return False, f"{type(exc).__name__}: {str(exc)[:200]}"


def _make(rules: dict, result: FileResult, name: str, directory: Path, lang: str, base_dir: str) -> dict[str, str]:
    from linter.engine.fixes import apply_fixes, encode, safe_fixes
    from linter.output import render

    options = OutputOptions(lang=lang, base_dir=base_dir)
    fixes = safe_fixes(result, rules)
    names = download_names(result, name, bool(fixes), xlsx_available())
    for kind in names:
        if kind == "fixed":
            data = encode(apply_fixes(result.source, fixes), result.encoding)
        elif kind == "json":
            data = cli_json(result, rules, options)
        else:
            fmt = "docx" if kind == "reviewed" else kind
            data = render(fmt, [result], rules, options)
        (directory / KINDS[kind][0]).write_bytes(data.encode("utf-8") if isinstance(data, str) else data)
    return names
