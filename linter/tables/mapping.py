"""Map a raw grid (`model.Table` from any reader) to 表二, 表三 or 表四 by its labels, not its position.

Grids (Markdown, HTML, DOCX) carry column labels in header rows; a column is whatever its header says.
Whitespace-aligned text tables (PDF text exports) lose the column structure of their headers — header
cells are split over lines — so their numbers are taken in the official column order, after checking
that the header names the table's columns; this is recorded in `TableModel.layout` as "aligned".
Rows are always matched by label, in official order (see `layout`).
"""
from __future__ import annotations

import re

from linter.document.catalogue import table_section
from linter.document.model import Cell, Table
from linter.tables import layout
from linter.tables.layout import squash
from linter.tables.model import TableModel

_NUMERIC_RE = re.compile(r"^(?:[-+]?\d{1,3}(?:[,，]\d{3})+(?:\.\d+)?|[-+]?\d+(?:\.\d+)?(?:件|个|元|万元)?(?:[（(][^（）()]{1,40}[）)])?|/|／|—|－|-|——|无|[〇零○一二两三四五六七八九十百千]+)$")


def classify(raw: Table) -> str | None:
    """Which statistics table a raw grid is (t2, t3, t4), or None: by its words (`grammar/sections.yaml`)."""
    spec = table_section(squash("".join(c.text.text for r in raw.rows for c in r)))
    return {"二": "t2", "三": "t3", "四": "t4"}.get(spec.ordinal) if spec else None


def map_table(name: str, raw: Table, section: str | None) -> TableModel:
    model = TableModel(name=name, raw=raw, section=section)
    model.start, model.end = raw.span
    {"t2": _map_t2, "t3": _map_t3, "t4": _map_t4}[name](model, raw)
    return model


def _is_number_cell(cell: Cell) -> bool:
    return bool(_NUMERIC_RE.match(cell.text.text.replace(" ", "")))


def _split_aligned(row: list[Cell]) -> tuple[list[Cell], list[Cell]]:
    """(label cells, trailing number cells) of an aligned-text row."""
    k = len(row)
    while k > 0 and _is_number_cell(row[k - 1]) and row[k - 1].text.text:
        k -= 1
    nums = row[k:]
    if not any(re.search(r"\d", c.text.text) for c in nums):
        return row, []
    return [c for c in row[:k] if c.text.text], nums


def _column_labels(rows: list[list[Cell]], width: int) -> list[str]:
    labels = []
    for j in range(width):
        parts: list[str] = []
        for r in rows:
            if j < len(r) and r[j].text.text and r[j].text.text not in parts:
                parts.append(r[j].text.text)
        labels.append("-".join(parts))
    return labels


# ── 表三 ────────────────────────────────────────────────────────────────────────────────────────
def _map_t3(model: TableModel, raw: Table) -> None:
    specs = layout.T3_ROWS
    last = -1
    if raw.source_kind == "aligned":
        model.layout.append("aligned")
        header: list[str] = []
        pending: list[str] = []
        seen_data = False
        for row in raw.rows:
            labels, nums = _split_aligned(row)
            own = "".join(c.text.text for c in labels)
            if len(nums) < 5:
                (pending if seen_data else header).append(own + "".join(c.text.text for c in nums))
                continue
            full = "".join(pending) + own if seen_data else own
            columns = layout.aligned_t3_columns(len(nums), "".join(header))
            seen_data = True
            pending = []
            idx = layout.assign_row(specs, [own, full], last, set(model.rows))
            if idx is None or columns is None:
                model.unmatched.append(full or "（无标签）")
                continue
            last = max(last, idx)
            key = specs[idx].key
            if "subtotal" not in model.layout and "SUB" in columns:
                model.layout.append("subtotal")
            for col, cell in zip(columns, nums):
                model.put(key, col, cell, full, layout.label_of(layout.T3_COLUMNS, col))
    else:
        first_data = _first_t3_data_row(raw)
        header_rows = raw.rows[:first_data]
        width = max((len(r) for r in raw.rows), default=0)
        col_labels = _column_labels(header_rows, width)
        col_keys: dict[int, str] = {}
        for j, label in enumerate(col_labels):
            spec = layout.match(layout.T3_COLUMNS, label)
            if spec and spec.key not in col_keys.values() and j > 0:
                col_keys[j] = spec.key
        if "SUB" in col_keys.values():
            model.layout.append("subtotal")
        first_col = min(col_keys, default=1)
        for row in raw.rows[first_data:]:
            label_cells: list[str] = []
            for c in row[:first_col]:
                if c.text.text and c.text.text not in label_cells:
                    label_cells.append(c.text.text)
            full = " / ".join(label_cells)
            own = label_cells[-1] if label_cells else ""
            if not any(_is_number_cell(c) and c.text.text for c in row[first_col:]) and not full:
                continue
            idx = layout.assign_row(specs, [own, full], last, set(model.rows))
            if idx is None:
                if full:
                    model.unmatched.append(full)
                continue
            last = max(last, idx)
            key = specs[idx].key
            for j, col in col_keys.items():
                if j < len(row):
                    model.put(key, col, row[j], full, col_labels[j])
    if "OTHER" in model.rows:
        model.layout.append("single-other")
    model.format = "2019" if "OTHER" in model.rows else "2021"


def _first_t3_data_row(raw: Table) -> int:
    for i, row in enumerate(raw.rows):
        label = "".join(c.text.text for c in row[:3])
        if re.search(r"新收|上年结转", squash(label)):
            return i
    return 1


# ── 表四 ────────────────────────────────────────────────────────────────────────────────────────
def _map_t4(model: TableModel, raw: Table) -> None:
    data_index = None
    for i, row in enumerate(raw.rows):
        nums = [c for c in row if c.text.text and _is_number_cell(c)]
        if len(nums) >= 5:
            data_index = i
    if data_index is None:
        return
    data_row = raw.rows[data_index]
    header = raw.rows[:data_index]
    if raw.source_kind != "aligned":
        labels = _column_labels(header, len(data_row))
        mapped = []
        for j, label in enumerate(labels):
            block = layout.match(layout.T4_BLOCKS, label)
            fld = layout.match(layout.T4_FIELDS, label.split("-")[-1]) if label else None
            if block and fld:
                mapped.append((j, block.key, fld.key, label))
        if len(mapped) >= 5:
            for j, block, fld, label in mapped:
                model.put(block, fld, data_row[j], layout.label_of(layout.T4_BLOCKS, block), label)
            model.format = "2021"
            return
    _, nums = _split_aligned(data_row)
    head = squash("".join(c.text.text for r in header for c in r))
    if len(nums) == 15 and ("复议" in head or not head):
        model.layout.append("aligned")
        keys = [(b, f.key) for b in layout.T4_ORDER for f in layout.T4_FIELDS]
        for (block, fld), cell in zip(keys, nums):
            model.put(block, fld, cell, layout.label_of(layout.T4_BLOCKS, block),
                      f"{layout.label_of(layout.T4_BLOCKS, block)}-{layout.label_of(layout.T4_FIELDS, fld)}")
        model.format = "2021"
    else:
        model.unmatched.append(f"{len(nums)} 个数字（应为15个）")


# ── 表二 ────────────────────────────────────────────────────────────────────────────────────────
def _map_t2(model: TableModel, raw: Table) -> None:
    current: list[tuple[str, str] | None] = []
    formats: set[str] = set()
    aligned = raw.source_kind == "aligned"
    for row in raw.rows:
        texts = [c.text.text for c in row]
        first = squash(texts[0]) if texts else ""
        if not first and not any(texts):
            continue
        if aligned:
            labels, nums = _split_aligned(row)
        else:
            labels, nums = row[:1], row[1:]
        has_number = any(re.search(r"\d", c.text.text) for c in nums)
        if "信息内容" in first or (not has_number and sum(1 for t in texts[1:] if layout.match(layout.T2_COLUMNS, t)) >= 1):
            current = []
            for t in texts[1:]:
                spec = layout.match(layout.T2_COLUMNS, t) if t else None
                current.append((spec.key, t) if spec else None)
                if spec and len(spec.formats) == 1:
                    formats.add(spec.formats[0])
            continue
        if "第二十条" in first and not has_number:
            current = []
            continue
        label = "".join(c.text.text for c in labels)
        spec = layout.match(layout.T2_ROWS, label)
        if spec is None:
            if has_number:
                model.unmatched.append(label or "（无标签）")
            continue
        if len(spec.formats) == 1:
            formats.add(spec.formats[0])
        for col, cell in zip(current, nums):
            if col is not None:
                model.put(spec.key, col[0], cell, label, col[1])
    model.format = "2019" if "2019" in formats else ("2021" if formats else None)
