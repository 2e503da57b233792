"""Safe fixes: apply the replacements that wording rules offer to the source of a .txt/.md report.

Only findings of category `wording` whose rule says `fix: safe` are applied; numbers, tables, dates and
citations are never edited (their rules offer no fix, and the category filter is a second guard).
Overlapping fixes keep the first; the text is re-encoded in the encoding it was read in.
"""
from __future__ import annotations

import difflib

from linter.engine.findings import FileResult, Finding

FIXABLE_FORMATS = ("txt", "md")
FIXABLE_SUFFIXES = ("txt", "md", "markdown")


def fixable_file(result: FileResult) -> bool:
    """Can --fix write this file (a .txt or .md report whose source is known)?"""
    suffix = result.path.rsplit(".", 1)[-1].lower() if "." in result.path else ""
    return result.format in FIXABLE_FORMATS and suffix in FIXABLE_SUFFIXES and result.source is not None


def safe_fix(finding: Finding, rules: dict) -> bool:
    """Is the finding's fix one --fix applies (a wording rule that says `fix: safe`)?"""
    rule = rules.get(finding.rule)
    return finding.fix is not None and finding.category == "wording" and rule is not None and rule.fix == "safe"


def safe_fixes(result: FileResult, rules: dict) -> list[dict]:
    """The fixes of one file's findings that may be applied automatically, in source order, not overlapping."""
    if not fixable_file(result):
        return []
    chosen: list[dict] = []
    candidates = []
    for f in result.findings:
        if not safe_fix(f, rules):
            continue
        start, end = _offset(result.source, f.fix["start"]), _offset(result.source, f.fix["end"])
        candidates.append((start, end, f.fix["replacement"], f.rule))
    last_end = -1
    for start, end, replacement, rule_id in sorted(candidates):
        if start < last_end or start > end:
            continue
        chosen.append({"start": start, "end": end, "replacement": replacement, "rule": rule_id})
        last_end = end
    return chosen


def _offset(source: str, pos: dict) -> int:
    """A 1-based line/column back to an offset into `source`."""
    line, column = pos["line"], pos["column"]
    offset = 0
    for _ in range(line - 1):
        nl = source.find("\n", offset)
        if nl < 0:
            return len(source)
        offset = nl + 1
    return offset + column - 1


def apply_fixes(source: str, fixes: list[dict]) -> str:
    out, pos = [], 0
    for fx in fixes:
        out.append(source[pos:fx["start"]])
        out.append(fx["replacement"])
        pos = fx["end"]
    out.append(source[pos:])
    return "".join(out)


NO_NEWLINE = "\\ No newline at end of file\n"


def unified_diff(path: str, before: str, after: str) -> str:
    """A unified diff that `git apply` and `patch -p1` accept: paths `a/…` and `b/…`, and a last line
    without a line break marked as diff marks it."""
    name = path.lstrip("/")
    lines = difflib.unified_diff(before.splitlines(keepends=True), after.splitlines(keepends=True),
                                 fromfile=f"a/{name}", tofile=f"b/{name}")
    out = []
    for line in lines:
        if line.endswith("\n"):
            out.append(line)
        else:
            out += [line + "\n", NO_NEWLINE]
    return "".join(out)


def encode(text: str, encoding: str | None) -> bytes:
    enc = encoding or "utf-8"
    if enc in ("utf-8-sig", "utf-16"):
        return text.encode(enc)
    try:
        return text.encode(enc)
    except (LookupError, UnicodeEncodeError):
        return text.encode("utf-8")
