"""The recognised statistics tables: typed cells addressed by row and column keys."""
from __future__ import annotations

from dataclasses import dataclass, field
from decimal import Decimal
from typing import Iterable, Sequence

from linter.document.model import Cell, Image, OffsetCursor, Table, Text
from linter.tables import layout
from linter.tables.cells import DIGITS, OffsetLookup, TypedCell, offset_lookup, parse_cell, parse_read_cell, span_cell


@dataclass
class TableModel:
    """One recognised table (t2, t3 or t4).

    `format` is "2021" or "2019" (the national format the labels follow).  `layout` notes how the grid
    deviated: "single-other" (one （六）其他处理 row), "subtotal" (an extra 小计 column), "aligned"
    (a text table whose columns are taken in the official order).
    """

    name: str
    raw: Table | None
    section: str | None
    format: str | None = None
    layout: list[str] = field(default_factory=list)
    cells: dict[tuple[str, str], TypedCell] = field(default_factory=dict)
    rows: list[str] = field(default_factory=list)
    columns: list[str] = field(default_factory=list)
    row_labels: dict[str, str] = field(default_factory=dict)
    column_labels: dict[str, str] = field(default_factory=dict)
    unmatched: list[str] = field(default_factory=list)   # data-row labels that matched no row
    start: int = 0
    end: int = 0
    picture: Image | None = None   # the picture the numbers were read from (OCR); None for a text table
    # blank totals whose parts are all filled, with their sum (`identity.blank_totals`); the cells stay blank
    derived: dict[tuple[str, str], Decimal] = field(default_factory=dict)
    # identities over this table alone evaluated once the table is built (`identity.evaluate(…, remember=True)`),
    # by their compiled plan: the format's own identities are evaluated for the blank totals and again by the rules
    evaluations: dict = field(default_factory=dict, repr=False, compare=False)
    _groups: dict = field(default_factory=dict, repr=False, compare=False)  # group_rows, per number of rows
    # group_cells: (the numbers of rows and cells it was built for, cells by row and column, cells by group)
    _cell_index: tuple = field(default=(None, None, None), repr=False, compare=False)

    def put(self, row: str, col: str, cell: Cell, row_label: str, col_label: str) -> None:
        """Type a grid's cell and place it at (row, col), the row and column added in the order met; the first
        cell placed at a key stays."""
        if (row, col) in self.cells:
            return
        typed = parse_cell(cell.text) if cell.confidence is None else parse_read_cell(cell.text, cell.confidence)
        self.put_typed(row, col, typed, row_label, col_label)

    def put_typed(self, row: str, col: str, typed: TypedCell, row_label: str, col_label: str) -> None:
        """Place a cell already typed (as `put`)."""
        if (row, col) in self.cells:
            return
        typed.row, typed.col, typed.row_label, typed.col_label = row, col, row_label, col_label
        self.cells[(row, col)] = typed
        if row not in self.rows:
            self.rows.append(row)
            self.row_labels[row] = row_label
        if col not in self.columns:
            self.columns.append(col)
            self.column_labels[col] = col_label

    def put_row(self, row: str, cols: list[str], cells: list[TypedCell], row_label: str, col_labels: list[str],
                source: str | None = None) -> None:
        """Place a row's cells already typed, each as `put_typed` would; with `source`, every cell at the row's
        keys takes that source (one placed before included)."""
        placed = self.cells
        added = False
        for typed, col, col_label in zip(cells, cols, col_labels):
            key = (row, col)
            if key not in placed:
                typed.row, typed.col, typed.row_label, typed.col_label = row, col, row_label, col_label
                placed[key] = typed
                added = True
                if col not in self.columns:
                    self.columns.append(col)
                    self.column_labels[col] = col_label
            if source is not None:
                placed[key].source = source
        if added and row not in self.rows:
            self.rows.append(row)
            self.row_labels[row] = row_label

    def put_spans(self, row: str, cols: list[str], text: Text, spans: list[tuple[int, int]], row_label: str,
                  col_labels: list[str], source: str | None = None, offset_at: OffsetLookup | None = None) -> None:
        """`put_row` of the cells `parse_spans` types from `spans` of `text`, each typed only when its key is not
        yet placed, and made with its keys, labels and source rather than labelled once made."""
        at = offset_at or offset_lookup(text.offsets)
        s = text.text
        placed = self.cells
        made = source or "text"
        added = False
        columns = self.columns
        # A cursor over a long text's runs of offsets (`OffsetCursor`): a row's cells mostly lie in the run the
        # cursor stands in, and their offsets are read from it here rather than asked one call at a time.
        cursor = at if type(at) is OffsetCursor else None
        for (a, b), col, col_label in zip(spans, cols, col_labels):
            key = (row, col)
            if key in placed:
                if source is not None:
                    placed[key].source = source
                continue
            value = DIGITS.get(s[a]) if b - a == 1 else None
            if value is not None:   # most cells of a recovered row: one digit (as `span_cell` types it)
                start = a + cursor.shift if cursor is not None and cursor.lo <= a < cursor.hi else at(a)
                placed[key] = TypedCell(value, s[a], start, start + 1, "number", "", False, row, col, row_label,
                                        col_label, made)
            else:
                placed[key] = span_cell(s, a, b, at, row, col, row_label, col_label, made)
            added = True
            if col not in columns:
                columns.append(col)
                self.column_labels[col] = col_label
        if added and row not in self.rows:
            self.rows.append(row)
            self.row_labels[row] = row_label

    def put_digits(self, row: str, cols: list[str], text: Text, starts: Sequence[int], row_label: str,
                   col_labels: list[str], source: str | None, offset_at: OffsetLookup) -> None:
        """`put_spans` of cells of one digit each, at `starts` of `text` (a range where a crawl wrote the row's
        digits together): most rows of a table read from running text.  A new row's cells are made in one pass,
        their offsets counted from the first where they lie in one run of the text's offsets; a row already placed,
        or a digit that is not 0-9, is left to `put_spans`."""
        s = text.text
        digits = s[starts[0]:starts[-1] + 1] if type(starts) is range else "".join([s[i] for i in starts])
        if row in self.rows or not (digits.isascii() and digits.isdecimal()):
            self.put_spans(row, cols, text, [(i, i + 1) for i in starts], row_label, col_labels, source, offset_at)
            return
        first = offset_at(starts[0])
        cursor = offset_at if type(offset_at) is OffsetCursor else None
        if cursor is not None and cursor.lo <= starts[0] and starts[-1] < cursor.hi:
            shift = first - starts[0]
            offsets: Iterable[int] = (range(first, starts[-1] + shift + 1) if type(starts) is range
                                      else [i + shift for i in starts])
        else:
            offsets = map(offset_at, starts)
        placed = self.cells
        made = source or "text"
        for digit, at, col, col_label in zip(digits, offsets, cols, col_labels):
            placed[row, col] = TypedCell(DIGITS[digit], digit, at, at + 1, "number", "", False, row, col, row_label,
                                         col_label, made)
        self.rows.append(row)
        self.row_labels[row] = row_label
        if self.columns != cols:
            for col, col_label in zip(cols, col_labels):
                if col not in self.columns:
                    self.columns.append(col)
                    self.column_labels[col] = col_label

    def cell(self, row: str, col: str) -> TypedCell | None:
        return self.cells.get((row, col))

    def number(self, row: str, col: str) -> Decimal | None:
        """A cell's number, or for a blank total whose parts are all filled their sum (see `derived`);
        None when the cell is absent, unread, invalid or blank without parts to fix it."""
        cell = self.cells.get((row, col))
        if cell is None:
            return None
        return cell.value if cell.value is not None else self.derived.get((row, col))

    def has_row(self, row: str) -> bool:
        return row in self.rows

    def group_rows(self, name: str) -> list[str]:
        """The rows of a group (DENY, UNABLE, NOPROC, OTHER) present in this table; a row is its own group."""
        groups = self._groups
        if groups.get(None) != len(self.rows):  # worked out again when a row was added
            groups.clear()
            groups[None] = len(self.rows)
        found = groups.get(name)
        if found is None:
            found = groups[name] = self._group_rows(name)
        return list(found)

    def group_cells(self, name: str) -> list[dict[str, TypedCell]]:
        """The cells of a group's rows (`group_rows`), each row's as column -> cell: what an identity looks its
        cells up in (a row's cells are found by their column alone, not by a (row, column) key made per cell)."""
        size = (len(self.rows), len(self.cells))
        if self._cell_index[0] != size:  # built again when a cell was added (a placed cell is never replaced)
            by_row: dict[str, dict[str, TypedCell]] = {}
            for (row, col), cell in self.cells.items():
                by_row.setdefault(row, {})[col] = cell
            self._cell_index = (size, by_row, {})
        _, by_row, by_group = self._cell_index
        found = by_group.get(name)
        if found is None:
            found = by_group[name] = [by_row.get(row, {}) for row in self.group_rows(name)]
        return found

    def _group_rows(self, name: str) -> list[str]:
        if self.name == "t3" and name == "OTHER" and "OTHER" in self.rows:
            return ["OTHER"]
        members = layout.T3_GROUPS.get(name) if self.name == "t3" else None
        if members is None:
            return [name]
        # a group with a row missing has no sum (the shape rule names the row)
        return list(members) if all(r in self.rows for r in members) else []

    def group_sum(self, name: str, col: str):
        """Σ of a group's cells in a column, or None when a cell is blank or missing."""
        total = 0
        for r in self.group_rows(name):
            c = self.cell(r, col)
            if c is None or c.value is None:
                return None
            total += c.value
        return total

    def expected_rows(self) -> list[str]:
        if self.name == "t3":
            keys = [s.key for s in layout.T3_ROWS]
            if "OTHER" in self.rows:
                return [k for k in keys if k not in ("R21", "R22", "R23")]
            return [k for k in keys if k != "OTHER"]
        if self.name == "t4":
            return list(layout.T4_ORDER)
        return list(dict.fromkeys(r for r, _ in layout.T2_CELLS_2021)) if self.format != "2019" else []

    def expected_columns(self) -> list[str]:
        if self.name == "t3":
            return [*layout.APPLICANT_COLUMNS, "T"]
        if self.name == "t4":
            return [s.key for s in layout.T4_FIELDS]
        return []

    def missing_cells(self) -> list[tuple[str, str]]:
        """t2 only: cells of the 2021 grid that were not found."""
        if self.name != "t2" or self.format == "2019":
            return []
        return [rc for rc in layout.T2_CELLS_2021 if rc not in self.cells]

    def row_label(self, row: str) -> str:
        if self.name == "t3":
            return _T3_ROW_LABELS.get(row) or _t3_row_label(row)
        if self.name == "t4":
            return layout.label_of(layout.T4_BLOCKS, row)
        return layout.label_of(layout.T2_ROWS, row)

    def column_label(self, col: str) -> str:
        if self.name == "t3":
            return layout.label_of(layout.T3_COLUMNS, col)
        if self.name == "t4":
            return layout.label_of(layout.T4_FIELDS, col)
        return layout.label_of(layout.T2_COLUMNS, col)

    @property
    def title(self) -> str:
        return layout.TABLE_NAMES[self.name]


def _t3_row_label(row: str) -> str:
    """A 表三 row's official label, after its group's where it belongs to one (（三）不予公开·1.属于国家秘密)."""
    label = layout.label_of(layout.T3_ROWS, row)
    group = next((g for g, rows in layout.T3_GROUPS.items() if row in rows), None)
    return f"{layout.T3_GROUP_LABELS[group]}·{label}" if group else label


# The label of every row of 表三's format, made once per process: a finding names its cells' rows.
_T3_ROW_LABELS = {spec.key: _t3_row_label(spec.key) for spec in layout.T3_ROWS}


@dataclass
class StatisticsTables:
    """What `statistics_tables(ctx)` returns."""

    t2: TableModel | None = None
    t3: TableModel | None = None
    t4: TableModel | None = None
    # tables whose text is present but whose cells run together: name -> (start, end) of the text
    unreadable: dict[str, tuple[int, int]] = field(default_factory=dict)
    # raw tables that look like statistics tables but could not be mapped: (section, raw table, reason)
    unrecognised: list[tuple[str | None, Table, list[str]]] = field(default_factory=list)
    # statistics tables read from pictures too poorly to be checked (share of cells read below the minimum)
    unread_pictures: list[TableModel] = field(default_factory=list)

    def get(self, name: str) -> TableModel | None:
        return getattr(self, name, None)

    def __iter__(self):
        return iter(t for t in (self.t2, self.t3, self.t4) if t is not None)
