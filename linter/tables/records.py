"""The recognised tables as records, for `report-lint extract` (one record per cell)."""
from __future__ import annotations

from typing import Any

from linter.tables.build import statistics_tables

FORMAT_VERSION = 2  # 2: one shape whether printed or written; values are numbers, `blank` says a cell is blank
CELL_FIELDS = ("row", "row_label", "column", "column_label", "value", "blank", "status", "raw", "line",
               "column_number", "start", "end", "source", "confidence")


def _value(cell) -> int | float | None:
    """The cell's number as JSON has it: an integer, or a decimal fraction (万元 amounts); None when blank
    or unread."""
    if cell.value is None:
        return None
    if cell.value == cell.value.to_integral_value():
        return int(cell.value)
    return float(cell.value)


def _cell_record(table, row: str, col: str, cell, document) -> dict[str, Any]:
    pos = document.position(cell.start)
    return {
        "row": row, "row_label": table.row_label(row), "column": col, "column_label": table.column_label(col),
        "value": _value(cell), "blank": cell.status == "blank", "status": cell.status, "raw": cell.raw,
        "line": pos.line, "column_number": pos.column, "start": cell.start, "end": cell.end, "source": cell.source,
        "confidence": None if cell.confidence is None else round(cell.confidence, 3),
    }


def report_tables(tables, document) -> dict[str, Any]:
    """{tables: [{table, title, format, layout, section, image?, cells: [...]}], unreadable: [...]}: the
    statistics tables of one report, as every `extract` output holds them."""
    out = []
    for table in tables:
        entry = {"table": table.name, "title": table.title, "format": table.format, "layout": table.layout,
                 "section": table.section,
                 "cells": [_cell_record(table, row, col, cell, document) for (row, col), cell in table.cells.items()]}
        if table.picture is not None:
            entry["image"] = table.picture.name  # the numbers were read from this picture (OCR)
        out.append(entry)
    return {"tables": out, "unreadable": sorted(tables.unreadable)}


def table_cells(ctx) -> dict[str, Any]:
    """The recognised statistics tables of an analysed report (what `extract` writes)."""
    return report_tables(statistics_tables(ctx), ctx.document)
