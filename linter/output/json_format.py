"""JSON output: the contract the README documents (`version`, `files[]` with findings, `summary`)."""
from __future__ import annotations

import json

from linter.engine.findings import FileResult
from linter.output.options import OutputOptions
from linter.output.paths import shown_path

VERSION = 1


def document(results: list[FileResult], options: OutputOptions | None = None) -> dict:
    files = []
    summary = {"files": len(results), "errors": 0, "warnings": 0, "infos": 0}
    for r in results:
        for f in r.findings:
            summary[f"{f.severity}s"] += 1
        path = shown_path(r.path, options.base_dir) if options else r.path
        files.append({"path": path, "format": r.format, "error": r.error,
                      "findings": [f.to_json() for f in r.findings]})
    return {"version": VERSION, "files": files, "summary": summary}


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    return json.dumps(document(results, options), ensure_ascii=False, indent=2) + "\n"
