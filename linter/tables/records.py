"""The recognised tables as records, for `report-lint extract` (one record per cell)."""
from __future__ import annotations

from typing import Any

FORMAT_VERSION = 1
CSV_FIELDS = ("format_version", "path", "table", "table_format", "section", "row", "row_label", "column",
              "column_label", "value", "status", "raw", "line", "column_number", "start", "end", "source", "confidence")


def _value(cell) -> str | None:
    if cell.value is None:
        return None
    return format(cell.value, "f")


def cell_records(path: str, tables, document) -> list[dict[str, Any]]:
    records = []
    for table in tables:
        for (row, col), cell in table.cells.items():
            pos = document.position(cell.start)
            records.append({
                "format_version": FORMAT_VERSION, "path": path, "table": table.name, "table_format": table.format,
                "section": table.section, "row": row, "row_label": table.row_label(row), "column": col,
                "column_label": table.column_label(col), "value": _value(cell), "status": cell.status,
                "raw": cell.raw, "line": pos.line, "column_number": pos.column, "start": cell.start, "end": cell.end,
                "source": cell.source, "confidence": None if cell.confidence is None else round(cell.confidence, 3),
            })
    return records


def extract_json(path: str, tables, document) -> dict[str, Any]:
    """{format_version, path, tables: [{table, format, layout, section, cells: [...]}], unreadable}."""
    out = []
    records = cell_records(path, tables, document)
    for table in tables:
        cells = [{k: r[k] for k in ("row", "row_label", "column", "column_label", "value", "status", "raw", "line",
                                     "column_number", "start", "end", "source", "confidence")}
                 for r in records if r["table"] == table.name]
        entry = {"table": table.name, "title": table.title, "format": table.format, "layout": table.layout,
                 "section": table.section, "cells": cells}
        if table.picture is not None:
            entry["image"] = table.picture.name  # the numbers were read from this picture (OCR)
        out.append(entry)
    return {"format_version": FORMAT_VERSION, "path": path, "tables": out,
            "unreadable": sorted(tables.unreadable)}


def table_cells(ctx) -> list[dict]:
    """One record per recognised cell of an analysed report (what `extract` writes)."""
    from linter.tables import statistics_tables

    return cell_records(ctx.document.path, statistics_tables(ctx), ctx.document)
