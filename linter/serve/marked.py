"""The report's text with each finding marked at its place and its tables drawn as tables — drawn by the HTML
report's own renderer (`output/html_format.py`: one pass over the source, each finding anchored once), shared
rather than copied.  This module is the only place the server reaches into it."""
from __future__ import annotations

import io
import re

from linter.engine.findings import FileResult, Finding
from linter.output import html_format
from linter.output.options import OutputOptions

# the HTML report's styles: the colours of marks and of table cells by severity
STYLE = html_format._CSS
_ANCHOR = re.compile(r' id="(f\d+)"')


def marked_document(result: FileResult, findings: list[Finding], ids: dict[int, str], lang: str) -> tuple[str, set[str]]:
    """(the HTML of the report's text and tables with the findings marked, the ids of the findings anchored in
    it); `ids` maps id(finding) to its anchor id, `f1`, `f2` …"""
    writer = html_format.Writer(io.StringIO(), {}, OutputOptions(lang=lang))
    try:
        page = writer._document(result, findings, ids)
    finally:
        writer.spool.close()
    return page, set(_ANCHOR.findall(page))
