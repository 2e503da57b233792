"""What the cross-year checks need of one report, small enough to keep on disk and compare later without
reading the file again: its source (for positions), year, the plain text of the scopes the checks read,
the statistics tables' typed cells, and which cross-year rules apply to it.

A `YearView` answers the part of the `Context` interface the `crossyear` check kind uses (`cached`,
`scope_text`, `scope_anchor`, `section_of_offset`, `year`, `config`, `document`, `previous`), so the
check runs unchanged on a view pair in the batch and on full contexts in `--previous` and rule examples.
"""
from __future__ import annotations

import dataclasses
from dataclasses import dataclass, field
from typing import Any, Callable

from linter.settings.config import Config
from linter.document.model import Document

SCOPES = ("document", "body", "narrative")


@dataclass
class _Plain:
    text: str


@dataclass
class _Span:
    start: int
    end: int

    @property
    def span(self) -> tuple[int, int]:
        return self.start, self.end


@dataclass
class YearView:
    document: Document           # source and path only (no blocks)
    config: Config
    year: int | None
    texts: dict[str, str]
    anchor: tuple[int, int, str | None]
    sections: list[tuple[int, str]]
    applicable: list[str]        # ids of the cross-year rules whose `when:` holds for this report
    _cache: dict[str, Any] = field(default_factory=dict)
    previous: "YearView | None" = None

    def cached(self, key: str, compute: Callable[[], Any]) -> Any:
        if key not in self._cache:
            self._cache[key] = compute()
        return self._cache[key]

    def scope_text(self, scope: str) -> _Plain:
        return _Plain(self.texts.get(scope, ""))

    def scope_anchor(self, scope: str) -> tuple[int, int, str | None]:
        return self.anchor

    def section_of_offset(self, offset: int) -> str | None:
        current = None
        for start, ordinal in self.sections:
            if start <= offset:
                current = ordinal
        return current


def _tables_without_grids(ctx):
    try:
        from linter.tables import statistics_tables
    except ImportError:
        return None
    tables = statistics_tables(ctx)
    stripped = dataclasses.replace(tables, unrecognised=[])
    for name in ("t2", "t3", "t4"):
        model = getattr(tables, name, None)
        if model is not None:
            setattr(stripped, name, dataclasses.replace(model, raw=None))
    return stripped


def year_view(analysis, rules) -> YearView:
    """The view of one analysed report for the cross-year rules `rules`."""
    from linter.ruleset.conditions import applies

    ctx, document = analysis.context, analysis.document
    blocks = [_Span(*b.span) for b in document.blocks]  # for suppressions of "the next block"
    lite = Document(document.path, document.format, document.source, blocks, document.encoding,
                    list(document.page_starts))
    sections = [(sec.heading.source_span()[0], sec.ordinal) for sec in ctx.outline.sections]
    from linter.checks.crossyear import MAX_SHINGLED_CHARS

    texts = {s: ctx.scope_text(s).text[:MAX_SHINGLED_CHARS] for s in SCOPES}  # all the copy check reads
    view = YearView(lite, ctx.config, ctx.year, texts,
                    ctx.scope_anchor("document"), sections, [r.id for r in rules if applies(r, ctx)])
    if any(r.aspect != "dup" for r in rules):
        view._cache["statistics_tables"] = _tables_without_grids(ctx)
    return view
