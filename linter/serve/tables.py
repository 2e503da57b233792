"""The statistics tables (表二/表三/表四) as the answer page draws them: the cells as they were recognised
(`tables.records`, taken in the worker), each finding's own cell coloured by severity and the other cells of a
failing identity marked; a table read from a picture shows what OCR read — each cell's value, the cells it
could not read, those the identities derived, and its confidence."""
from __future__ import annotations

from dataclasses import dataclass, field

from linter.engine.findings import Finding

SEVERITIES = ("error", "warning", "info")
PICTURE_SOURCES = ("image", "derived")


@dataclass
class GridCell:
    text: str
    status: str = "number"          # number, blank, invalid, unread
    source: str = "text"            # text, image, derived, recovered
    confidence: float | None = None
    severity: str | None = None     # the worst finding on this very cell
    part: bool = False              # a cell of a failing identity (`related`)
    anchor: str | None = None       # the id the finding list links to
    rules: list[str] = field(default_factory=list)


@dataclass
class Grid:
    name: str                       # 表二, 表三, 表四
    image: str | None
    columns: list[str]
    rows: list[tuple[str, list[GridCell | None]]]


def statistics_grids(extracted: dict | None, findings: list[Finding],
                     ids: dict[int, str]) -> tuple[list[Grid], dict[str, str]]:
    """One grid per recognised statistics table, in the report's order, and for each finding on a cell the
    anchor of that cell (finding id -> cell id)."""
    grids, links = [], {}
    for table in (extracted or {}).get("tables", []):
        grids.append(_grid(table, findings, ids, links))
    return grids, links


def _grid(table: dict, findings: list[Finding], ids: dict[int, str], links: dict[str, str]) -> Grid:
    rows: dict[str, str] = {}
    columns: dict[str, str] = {}
    cells: dict[tuple[str, str], GridCell] = {}
    by_label: dict[str, tuple[str, str]] = {}
    by_place: dict[tuple[int, int], tuple[str, str]] = {}
    for record in table["cells"]:
        key = (record["row"], record["column"])
        rows.setdefault(record["row"], record["row_label"])
        columns.setdefault(record["column"], record["column_label"])
        cells[key] = GridCell(_shown(record), record["status"], record["source"] or "text", record["confidence"])
        by_label[f'{record["row_label"]}／{record["column_label"]}'] = key
        if (record["source"] or "text") not in PICTURE_SOURCES:
            by_place[(record["line"], record["column_number"])] = key
    names = {table["table"], table.get("title")}
    for f in findings:
        if f.table not in names:
            continue
        own = (f.cell.get("row_key"), f.cell.get("column_key")) if f.cell else None
        if own in cells:
            links[ids[id(f)]] = _mark(cells[own], f, ids)
        for rel in f.related or ():
            key = by_place.get((rel.get("line"), rel.get("column"))) or by_label.get(rel.get("message", ""))
            if key in cells and key != own:
                cells[key].part = True
    grid_rows = [(label, [cells.get((row, col)) for col in columns]) for row, label in rows.items()]
    return Grid(table.get("title") or table["table"], table.get("image"), list(columns.values()), grid_rows)


def _shown(record: dict) -> str:
    if record["status"] == "unread":
        return "?"
    return "" if record["blank"] else str(record["raw"] if record["raw"] is not None else record["value"])


def _mark(cell: GridCell, f: Finding, ids: dict[int, str]) -> str:
    """Colour the cell by its worst finding; the cell's anchor (the first finding on it names it)."""
    if cell.severity is None or SEVERITIES.index(f.severity) < SEVERITIES.index(cell.severity):
        cell.severity = f.severity
    if cell.anchor is None:
        cell.anchor = "t-" + ids[id(f)]
    cell.rules.append(f.rule)
    return cell.anchor
