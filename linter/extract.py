"""Data out: every recognised statistics-table cell of every report, and all findings, as CSV, JSON or SQLite
— so an auditor can query across agencies and years.

One row per cell: file, agency, year, table (二/三/四), row and column keys (REFERENCE §A.3–A.5), the value
(a number, or empty when the cell is blank — blank is not 0), the cell as written, and its position.  The
SQLite file also holds a `findings` table (one row per finding, with agency and year).  Writers take results
one at a time, so a batch of thousands streams through.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from .findings import FileResult
from .output.rows import COLUMNS as FINDING_COLUMNS, finding_rows

T2_ROWS = ("regulations", "normative", "licensing", "punishment", "coercion", "fees")
T2_COLS = ("issued", "repealed", "current", "decisions", "amount")
T3_ROWS = tuple(f"R{i}" for i in range(1, 26))
T3_COLS = ("NP", "BE", "RI", "SO", "LS", "OT", "T")
T4_ROWS = ("RV", "LD", "LR")
T4_COLS = ("M", "C", "O", "U", "T")
LAYOUT = (("二", "t2", T2_ROWS, T2_COLS), ("三", "t3", T3_ROWS, T3_COLS), ("四", "t4", T4_ROWS, T4_COLS))
CELL_COLUMNS = ("path", "agency", "year", "table", "row", "column", "value", "blank", "raw", "line", "col",
                "start", "end")


def table_cells(ctx) -> list[tuple]:
    """(table, row, column, value text or None, raw, start, end, line, col) for every recognised cell."""
    try:
        from .tables import statistics_tables
    except ImportError:  # the table models are not part of this build
        return []
    tables = statistics_tables(ctx)
    document = ctx.document
    out = []
    for label, attr, rows, cols in LAYOUT:
        table = getattr(tables, attr, None)
        if table is None:
            continue
        present = getattr(table, "cells", None)
        if isinstance(present, dict):  # the model knows its keys (2019 rows, 小计 column, single （六） row)
            keys = list(present)
        else:
            keys = [(row, col) for row in rows for col in cols]
        for row, col in keys:
            if True:
                try:
                    cell = table.cell(row, col)
                except (KeyError, IndexError, ValueError):
                    continue
                if cell is None:
                    continue
                value = None if cell.value is None else format(cell.value.normalize(), "f") \
                    if hasattr(cell.value, "normalize") else str(cell.value)
                pos = document.position(cell.start)
                out.append((label, row, col, value, cell.raw, cell.start, cell.end, pos.line, pos.column))
    return out


def cell_rows(result: FileResult):
    for table, row, col, value, raw, start, end, line, column in result.extracted or []:
        yield (result.path, result.agency or "", result.year, table, row, col, value, value is None, raw, line, column,
               start, end)


class CsvWriter:
    def __init__(self, path: Path) -> None:
        self.file = open(path, "w", encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.file, lineterminator="\n")
        self.csv.writerow(CELL_COLUMNS)

    def add(self, result: FileResult) -> None:
        self.csv.writerows(("" if v is None else v for v in r) for r in cell_rows(result))

    def close(self) -> None:
        self.file.close()


class JsonWriter:
    """{"version": 1, "reports": [{path, agency, year, error, cells: [...]}, …]} written report by report."""

    def __init__(self, path: Path) -> None:
        self.file = open(path, "w", encoding="utf-8")
        self.file.write('{"version": 1, "reports": [\n')
        self.first = True

    def add(self, result: FileResult) -> None:
        cells = [dict(zip(CELL_COLUMNS[3:], r[3:])) for r in cell_rows(result)]
        entry = {"path": result.path, "agency": result.agency, "year": result.year, "error": result.error,
                 "cells": cells}
        self.file.write(("" if self.first else ",\n") + json.dumps(entry, ensure_ascii=False))
        self.first = False

    def close(self) -> None:
        self.file.write("\n]}\n")
        self.file.close()


class SqliteWriter:
    """Tables `reports`, `cells` and `findings`; indexes for the usual questions (by agency, year, table)."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        if path.exists():
            path.unlink()
        self.db = sqlite3.connect(path)
        self.db.executescript("""
            CREATE TABLE reports (path TEXT PRIMARY KEY, agency TEXT, year INTEGER, format TEXT, error TEXT);
            CREATE TABLE cells (path TEXT, agency TEXT, year INTEGER, "table" TEXT, "row" TEXT, "column" TEXT,
                                value NUMERIC, blank INTEGER, raw TEXT, line INTEGER, col INTEGER,
                                start INTEGER, "end" INTEGER);
            CREATE TABLE findings (path TEXT, agency TEXT, year INTEGER, rule TEXT, category TEXT, severity TEXT,
                                   line INTEGER, "column" INTEGER, end_line INTEGER, end_column INTEGER,
                                   section TEXT, "table" TEXT, cell TEXT, message TEXT, basis TEXT, context TEXT);
        """)

    def add(self, result: FileResult) -> None:
        self.db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?)",
                        (result.path, result.agency, result.year, result.format, result.error))
        self.db.executemany(f"INSERT INTO cells VALUES ({', '.join('?' * len(CELL_COLUMNS))})",
                            [(*r[:6], r[6], int(r[7]), *r[8:]) for r in cell_rows(result)])
        self.db.executemany(f"INSERT INTO findings VALUES ({', '.join('?' * len(FINDING_COLUMNS))})",
                            [tuple(None if v == "" else v for v in r) for r in finding_rows(result)])

    def close(self) -> None:
        self.db.executescript("""
            CREATE INDEX cells_by_agency ON cells (agency, year, "table", "row", "column");
            CREATE INDEX findings_by_rule ON findings (rule, agency, year);
        """)
        self.db.commit()
        self.db.close()


WRITERS = {"csv": CsvWriter, "json": JsonWriter, "sqlite": SqliteWriter}
