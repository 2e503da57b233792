"""JSON output: the contract of DESIGN.md (`version`, `files[]` with findings, `summary`)."""
from __future__ import annotations

import json

from ..findings import FileResult
from .options import OutputOptions

VERSION = 1


def document(results: list[FileResult]) -> dict:
    files = []
    summary = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for r in results:
        for f in r.findings:
            summary[f"{f.severity}s"] += 1
        files.append({"path": r.path, "format": r.format, "error": r.error,
                      "findings": [f.to_json() for f in r.findings]})
    return {"version": VERSION, "files": files, "summary": summary}


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    return json.dumps(document(results), ensure_ascii=False, indent=2) + "\n"
