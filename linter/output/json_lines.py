"""JSON Lines: one finding per line, each with its file's `path` (for `jq`, log shippers, streaming)."""
from __future__ import annotations

import json

from linter.engine.findings import FileResult
from linter.output.options import OutputOptions
from linter.output.paths import shown_path


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    lines = []
    for r in results:
        path = shown_path(r.path, options.base_dir)
        for f in r.findings:
            lines.append(json.dumps({"path": path, **f.to_json()}, ensure_ascii=False))
    return "".join(line + "\n" for line in lines)
