"""Output formats: one module per format, registered here by name (`--format`)."""
from __future__ import annotations

import importlib

FORMATS: dict[str, str] = {
    "text": "linter.output.text",
    "json": "linter.output.json_format",
    "csv": "linter.output.csv_format",
    "xlsx": "linter.output.xlsx_format",
    "html": "linter.output.html_format",
    "concise": "linter.output.concise",
    "json-lines": "linter.output.json_lines",
    "sarif": "linter.output.sarif",
    "github": "linter.output.github",
    "junit": "linter.output.junit",
    "docx": "linter.output.docx_format",
}


def render(fmt: str, results, rules, options) -> str | bytes:
    """Render results (list of FileResult) in a format; `rules` maps rule id -> Rule.

    A format that only offers a streaming `Writer` (see `stream.py`) is driven here over an in-memory
    buffer (bytes when the module sets `BINARY`)."""
    import io

    module = importlib.import_module(FORMATS[fmt])
    if hasattr(module, "render"):
        return module.render(results, rules, options)
    buf = io.BytesIO() if getattr(module, "BINARY", False) else io.StringIO()
    writer = module.Writer(buf, rules, options)
    for result in results:
        writer.add(result)
    writer.close()
    return buf.getvalue()
