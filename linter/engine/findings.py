"""What is reported: a `Finding` is data (rule, category, severity, place, values), never formatting.

Formatting lives in `linter/output/`; tests assert rule ids and positions, not wording.
"""
from __future__ import annotations

import copy
from dataclasses import dataclass, field, fields, is_dataclass
from typing import Any

from linter.ruleset.rule import CATEGORIES, SEVERITIES, SEVERITY_RANK  # noqa: F401 - re-exported for outputs


_NOT_JSON = frozenset(("start", "end", "data"))
_OMIT_IF_NONE = frozenset(("page", "table", "cell", "fix", "location", "image", "related"))


def _plain(value: Any) -> Any:
    """A copy of `value` as `dataclasses.asdict` makes it: dataclasses become dicts, containers are copied."""
    if isinstance(value, (str, int, float, bool)) or value is None:
        return value
    if is_dataclass(value) and not isinstance(value, type):
        return {f.name: _plain(getattr(value, f.name)) for f in fields(value)}
    if isinstance(value, dict):
        return {_plain(k): _plain(v) for k, v in value.items()}
    if isinstance(value, tuple) and hasattr(value, "_fields"):  # a named tuple
        return type(value)(*(_plain(v) for v in value))
    if isinstance(value, (list, tuple)):
        return type(value)(_plain(v) for v in value)
    return copy.deepcopy(value)


@dataclass
class Finding:
    rule: str
    category: str
    severity: str
    message: str
    line: int
    column: int
    end_line: int
    end_column: int
    section: str | None = None
    basis: str = ""
    context: str = ""
    page: int | None = None
    table: str | None = None
    cell: dict[str, str] | None = None
    fix: dict[str, Any] | None = None
    location: dict[str, int] | None = None  # DOCX paragraph / table cell, PDF page line
    # the numbers were read from this picture (OCR): {"name", "paragraph" | "page" | "line", "note"}
    image: dict[str, Any] | None = None
    # other places the finding involves (the parts of a total, the cells of an identity): each
    # {"line", "column", "end_line", "end_column", "message"}
    related: list[dict[str, Any]] | None = None
    data: dict[str, Any] = field(default_factory=dict)
    # source offsets, for fixes and baselines; not part of the JSON contract
    start: int = 0
    end: int = 0

    def to_json(self) -> dict[str, Any]:
        # Field by field rather than `asdict(self)`, which would deep-copy `data` only to drop it: on a
        # batch of reports that copy was most of the output time.
        out = {}
        for f in fields(self):
            name = f.name
            if name in _NOT_JSON:
                continue
            value = getattr(self, name)
            if value is None and name in _OMIT_IF_NONE:
                continue
            out[name] = _plain(value)
        return out

    def sort_key(self) -> tuple:
        return (self.line, self.column, -SEVERITY_RANK[self.severity], self.rule)


@dataclass
class FileResult:
    """The outcome of linting one file: its findings, or the reason it could not be read."""

    path: str
    format: str
    findings: list[Finding] = field(default_factory=list)
    error: str | None = None
    encoding: str | None = None
    agency: str | None = None
    year: int | None = None
    source: str | None = None  # the text positions refer to (for context lines and fixes)
    extracted: list | None = None  # table cells, when a batch extracts them (`report-lint extract DIR`)
    tables: list | None = None     # the document's tables as drawn (`tables.views.TableView`), for the HTML report
    fail_level: str | None = None  # the fail level of the file's configuration (set by the CLI, for JUnit)
    supplement: bool = False       # more findings of a file already reported (cross-year, when results stream)
    skipped: bool = False          # found by walking a directory, but no annual report: not linted, not shown
