"""The tables of a document as a page draws them (the HTML report): taken in the worker that read the
document, so no output ever opens a document again — that would read it outside the budget of its worker."""
from __future__ import annotations

from dataclasses import dataclass

from linter.document.model import Table
from linter.tables.build import statistics_tables


@dataclass
class TableView:
    """A table's source span, its name when it is one of the statistics tables (表二/表三/表四), and its
    cells: (text, start, end) in source offsets — start == end == -1 when the text is not in the source —
    or None for the part of a merged cell covered by its first cell."""

    start: int
    end: int
    name: str | None
    rows: list[list[tuple[str, int, int] | None]]


def table_views(context) -> list[TableView]:
    """Every non-empty table of the analysed document, in source order."""
    names = _statistics_names(context)
    views = []
    for block in context.document.blocks:
        if isinstance(block, Table) and block.rows:
            start, end = block.span
            if end > start:
                views.append(TableView(start, end, names.get(id(block)), [_row(r) for r in block.rows]))
    views.sort(key=lambda v: (v.start, v.end))
    return views


def _row(row) -> list[tuple[str, int, int] | None]:
    cells: list[tuple[str, int, int] | None] = []
    for cell in row:
        if cell.origin is not None and cell.origin != (cell.row, cell.col):
            cells.append(None)
        elif cell.text.offsets:
            cells.append((cell.text.text, *cell.text.source_span()))
        else:
            cells.append((cell.text.text, -1, -1))
    return cells


def _statistics_names(context) -> dict[int, str]:
    """id(raw table) -> 表二/表三/表四 for the tables recognised as the statistics tables."""
    try:
        models = statistics_tables(context)
    except Exception:  # noqa: BLE001 — without table models the grids are still drawn
        return {}
    return {id(m.raw): m.title for m in models if m.raw is not None}
