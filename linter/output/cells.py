"""Data out: every recognised statistics-table cell of every report, and all findings, as CSV, JSON or SQLite
— so an auditor can query across agencies and years.

One row per cell: file, agency, year, table (t2/t3/t4), row and column keys (as `report-lint extract` names them) with their
labels, the value (a number, or empty when the cell is blank — blank is not 0, and `blank` says so), the cell
as written, and its position.  The
SQLite file also holds a `findings` table (one row per finding, with agency and year).  Writers take results
one at a time, so a batch of thousands streams through.
"""
from __future__ import annotations

import csv
import json
from pathlib import Path

from linter.engine.findings import FileResult
from linter.output.rows import COLUMNS as FINDING_COLUMNS, finding_rows, neutralised

SQLITE_APPLICATION_ID = 0x524C4E54  # "RLNT", in every database written here: a later run may replace it

CELL_COLUMNS = ("path", "agency", "year", "table", "table_format", "section", "row", "row_label", "column",
                "column_label", "value", "blank", "status", "raw", "line", "column_number", "start", "end", "source",
                "confidence")


def cell_rows(result: FileResult):
    """One row of `CELL_COLUMNS` per cell of the report's tables."""
    for table in (result.extracted or {}).get("tables", []):
        for cell in table["cells"]:
            values = {**cell, "path": result.path, "agency": result.agency, "year": result.year,
                      "table": table["table"], "table_format": table["format"], "section": table["section"]}
            yield tuple(values.get(k) for k in CELL_COLUMNS)


class CsvWriter:
    def __init__(self, path: Path) -> None:
        self.file = open(path, "w", encoding="utf-8-sig", newline="")
        self.csv = csv.writer(self.file, lineterminator="\n")
        self.csv.writerow(CELL_COLUMNS)

    def add(self, result: FileResult) -> None:
        self.csv.writerows(("" if v is None else neutralised(v) for v in r) for r in cell_rows(result))

    def close(self) -> None:
        self.file.close()


class JsonWriter:
    """{"version": 2, "reports": [{path, format, agency, year, error, tables: [{…, cells}], unreadable}, …]},
    written report by report; `extract FILE` prints the same document with one report."""

    def __init__(self, path: Path) -> None:
        from linter.tables.records import FORMAT_VERSION

        self.file = open(path, "w", encoding="utf-8")
        self.file.write(f'{{"version": {FORMAT_VERSION}, "reports": [\n')
        self.first = True

    def add(self, result: FileResult) -> None:
        entry = {"path": result.path, "format": result.format, "agency": result.agency, "year": result.year,
                 "error": result.error, **(result.extracted or {"tables": [], "unreadable": []})}
        text = json.dumps(entry, ensure_ascii=False, indent=2).replace("\n", "\n  ")
        self.file.write(("" if self.first else ",\n") + "  " + text)
        self.first = False

    def close(self) -> None:
        self.file.write("\n]}\n")
        self.file.close()


class SqliteWriter:
    """Tables `reports`, `cells` and `findings`; indexes for the usual questions (by agency, year, table)."""

    def __init__(self, path: Path) -> None:
        import sqlite3

        self.db = sqlite3.connect(path)  # a new, empty file (the CLI checks and replaces the target)
        self.db.execute(f"PRAGMA application_id = {SQLITE_APPLICATION_ID}")
        self.db.executescript("""
            CREATE TABLE reports (path TEXT PRIMARY KEY, agency TEXT, year INTEGER, format TEXT, error TEXT);
            CREATE TABLE cells (path TEXT, agency TEXT, year INTEGER, "table" TEXT, table_format TEXT,
                                section TEXT, "row" TEXT, row_label TEXT, "column" TEXT, column_label TEXT,
                                value NUMERIC, blank INTEGER, status TEXT, raw TEXT, line INTEGER,
                                column_number INTEGER, start INTEGER, "end" INTEGER, source TEXT,
                                confidence REAL);
            CREATE TABLE findings (path TEXT, agency TEXT, year INTEGER, rule TEXT, category TEXT, severity TEXT,
                                   line INTEGER, "column" INTEGER, end_line INTEGER, end_column INTEGER,
                                   section TEXT, "table" TEXT, cell TEXT, message TEXT, basis TEXT, context TEXT);
        """)

    def add(self, result: FileResult) -> None:
        self.db.execute("INSERT OR REPLACE INTO reports VALUES (?, ?, ?, ?, ?)",
                        (result.path, result.agency, result.year, result.format, result.error))
        self.db.executemany(f"INSERT INTO cells VALUES ({', '.join('?' * len(CELL_COLUMNS))})",
                            [(*r[:11], int(r[11]), *r[12:]) for r in cell_rows(result)])
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
