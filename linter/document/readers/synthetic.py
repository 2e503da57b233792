"""Helpers shared by the readers whose positions are not offsets into the file itself (DOCX, PDF), or
whose text is not contiguous in the file (HTML entities, tags between characters)."""
from __future__ import annotations

from linter.document.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS
from linter.document.model import Cell, Table, Text, normalize


class SourceBuilder:
    """Builds a synthetic source one line at a time; returns the offset each line starts at."""

    def __init__(self) -> None:
        self._parts: list[str] = []
        self._length = 0
        self.lines = 0

    def add(self, line: str) -> int:
        line = line.replace("\r", " ").replace("\n", " ")
        start = self._length
        self._parts.append(line + "\n")
        self._length += len(line) + 1
        self.lines += 1
        return start

    @property
    def text(self) -> str:
        return "".join(self._parts)


def normalize_pieces(chars: list[str], offsets: list[int]) -> Text:
    """`normalize` for text whose characters sit at arbitrary source offsets (one offset per char)."""
    t = normalize("".join(chars), 0)
    if not offsets:
        return t
    if not t.offsets:
        empty = Text("", [])
        empty._anchor = offsets[0]  # type: ignore[attr-defined]
        return empty
    return Text(t.text, [offsets[i] for i in t.offsets])


def expand_grid(rows: list[list[tuple[Text, int, int]]], anchor: int = 0) -> Table:
    """A `Table` from rows of (text, rowspan, colspan) cells, merged cells expanded: every grid slot a
    merged cell covers gets a copy of its text with `origin` naming the slot that holds it.  The grid is
    cut to MAX_TABLE_ROWS × MAX_TABLE_COLUMNS (linter/document/limits.py): spans cannot blow it up."""
    # The slots taken so far, a dict of columns per row (written in the order the cells are met, a later
    # cell's copy replacing an earlier one's).
    rows = rows[:MAX_TABLE_ROWS]
    grid: list[dict[int, Cell]] = [{} for _ in rows]
    width = 0
    for r, row in enumerate(rows):
        taken = grid[r]
        c = 0
        for text, rowspan, colspan in row:
            while c in taken:
                c += 1
            if c >= MAX_TABLE_COLUMNS:
                break
            rowspan = max(1, min(rowspan, len(rows) - r))
            colspan = max(1, min(colspan, MAX_TABLE_COLUMNS - c))
            origin = (r, c)
            for dr in range(rowspan):
                slots = grid[r + dr]
                for dc in range(colspan):
                    slots[c + dc] = Cell(text, r + dr, c + dc, None if dr == dc == 0 else origin)
            c += colspan
            width = max(width, c)
    out: list[list[Cell]] = []
    for r, slots in enumerate(grid):
        line = []
        for c in range(width):
            cell = slots.get(c)
            if cell is None:
                empty = Text("", [])
                empty._anchor = anchor  # type: ignore[attr-defined]
                cell = Cell(empty, r, c)
            line.append(cell)
        out.append(line)
    table = Table(rows=out, source_kind="grid")
    table._anchor = anchor
    return table
