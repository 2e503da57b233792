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
    """The text a fingerprint is anchored on.  A finding about missing content points at whatever opens its
    section (the first paragraph of the preamble …), which an edit above may change: it is anchored on what
    is missing instead, with its rule and section."""
    if finding.data.get("missing"):
        return "missing:" + re.sub(r"\s+", "", str(finding.data["missing"]))
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


def baseline_text(file: str, results: list[FileResult]) -> tuple[str, int]:
    """The baseline file recording every finding of `results` (keys relative to `file`'s directory),
    and how many findings it records.  The caller writes it (safely: `cli.targets`)."""
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
    return json.dumps(data, ensure_ascii=False, indent=2) + "\n", count


MAX_BASELINE_BYTES = 1 << 30  # a baseline of a million findings is about 200 MB


class BaselineError(Exception):
    pass


def load_baseline(file: str) -> dict[str, Counter]:
    """{file key: Counter of fingerprints} from a baseline file; `BaselineError` (one line) for a file that
    cannot be read or is not a report-lint baseline of this version, whatever is wrong inside it."""
    from linter.document.readers import ReadError
    from linter.document.source import read_input

    try:
        data = json.loads(read_input(file, MAX_BASELINE_BYTES).decode("utf-8"))
    except ReadError as exc:
        raise BaselineError(f"{file}: cannot read the baseline: {exc}") from exc
    except (ValueError, RecursionError) as exc:  # not UTF-8, not JSON, nested too deeply
        raise BaselineError(f"{file}: not a report-lint baseline: {str(exc)[:200]}") from exc
    files = data.get("files") if isinstance(data, dict) else None
    if not isinstance(files, dict) or data.get("version") != VERSION:
        raise BaselineError(f"{file}: not a report-lint baseline (expected an object with \"version\": {VERSION} "
                            f"and \"files\")")
    out: dict[str, Counter] = {}
    for key, entries in files.items():
        if not isinstance(entries, list) or not all(isinstance(e, dict) and isinstance(e.get("fingerprint"), str)
                                                    for e in entries):
            raise BaselineError(f"{file}: not a report-lint baseline: the entries of {str(key)[:100]!r} "
                                f"are not a list of findings with fingerprints")
        out[key] = Counter(e["fingerprint"] for e in entries)
    return out


def apply_baseline(file: str, results: list[FileResult]) -> tuple[int, int]:
    """Drop baselined findings from `results` (in place).  Returns (findings dropped, baselined ones fixed)."""
    files = load_baseline(file)
    base = Path(file).resolve().parent
    dropped = fixed = 0
    for r in results:
        known = Counter(files.get(_key(r.path, base), Counter()))
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
