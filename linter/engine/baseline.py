"""Baselines: accept the findings a report has today, fail only on new ones.

A finding's fingerprint does not depend on line numbers, so editing the report above a finding does not
make it new: it is the hash of (rule, section, the normalised text of the finding's span, and the
occurrence index among findings with the same three).  The baseline file is JSON, keyed by file path
relative to the baseline file's directory.
"""
from __future__ import annotations

import hashlib
import json
import os
import re
from collections import Counter
from pathlib import Path

from linter.engine.findings import FileResult, Finding

VERSION = 1


def _span_text(result: FileResult, finding: Finding) -> str:
    text = ""
    if result.source and finding.end > finding.start:
        text = result.source[finding.start:finding.end]
    if not text.strip():
        text = finding.context
    return re.sub(r"\s+", "", text)


def fingerprints(result: FileResult) -> list[str]:
    """One fingerprint per finding of `result`, in order."""
    seen: Counter = Counter()
    out = []
    for f in result.findings:
        key = (f.rule, f.section or "", _span_text(result, f))
        index = seen[key]
        seen[key] += 1
        digest = hashlib.sha256("\x1f".join((*key, str(index))).encode("utf-8")).hexdigest()
        out.append(digest[:20])
    return out


def _key(path: str, base: Path) -> str:
    if path == "-":
        return path
    try:
        return Path(os.path.relpath(os.path.abspath(path), base)).as_posix()
    except ValueError:  # another drive (Windows)
        return Path(path).as_posix()


def write_baseline(file: str, results: list[FileResult]) -> int:
    """Record every finding of `results` in `file`; returns how many were recorded."""
    base = Path(file).resolve().parent
    files: dict[str, list[dict]] = {}
    count = 0
    for r in results:
        entries = [{"fingerprint": fp, "rule": f.rule, "section": f.section, "text": _span_text(r, f)[:80]}
                   for f, fp in zip(r.findings, fingerprints(r))]
        if entries:
            files[_key(r.path, base)] = entries
            count += len(entries)
    data = {"version": VERSION, "tool": "report-lint", "files": files}
    Path(file).write_text(json.dumps(data, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    return count


class BaselineError(Exception):
    pass


def apply_baseline(file: str, results: list[FileResult]) -> tuple[int, int]:
    """Drop baselined findings from `results` (in place).  Returns (findings dropped, baselined ones fixed)."""
    try:
        data = json.loads(Path(file).read_text(encoding="utf-8"))
        files = data["files"]
    except (OSError, ValueError, KeyError, TypeError) as exc:
        raise BaselineError(f"{file}: not a report-lint baseline: {exc}") from exc
    base = Path(file).resolve().parent
    dropped = fixed = 0
    for r in results:
        known = Counter(e["fingerprint"] for e in files.get(_key(r.path, base), []))
        kept = []
        for f, fp in zip(list(r.findings), fingerprints(r)):
            if known[fp] > 0:
                known[fp] -= 1
                dropped += 1
            else:
                kept.append(f)
        r.findings = kept
        fixed += sum(known.values())
    return dropped, fixed
