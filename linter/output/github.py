"""GitHub Actions workflow commands: each finding becomes an annotation on the changed file.

`::error file=…,line=…,col=…,endLine=…,endColumn=…,title=RULE::message` — info becomes `notice`.
Values are escaped as the runner expects (% CR LF everywhere, and : , in properties).
"""
from __future__ import annotations

from linter.engine.findings import FileResult
from linter.output.escapes import terminal_safe
from linter.output.options import OutputOptions
from linter.output.paths import shown_path

LEVELS = {"error": "error", "warning": "warning", "info": "notice"}


def _data(s: str) -> str:
    return terminal_safe(s.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A"))


def _prop(s: str) -> str:
    return _data(s).replace(":", "%3A").replace(",", "%2C")


def render(results: list[FileResult], rules, options: OutputOptions) -> str:
    lines = []
    for r in results:
        path = shown_path(r.path, options.base_dir)
        for f in r.findings:
            props = [f"file={_prop(path)}", f"line={f.line}", f"col={f.column}"]
            if f.end_line:
                props += [f"endLine={f.end_line}", f"endColumn={f.end_column}"]
            props.append(f"title={_prop(f.rule)}")
            lines.append(f"::{LEVELS[f.severity]} {','.join(props)}::{_data(f.message)}")
    return "".join(line + "\n" for line in lines)
