"""The three statistics tables as typed models: 表二 (主动公开), 表三 (依申请), 表四 (复议诉讼).

Interface (other check kinds code against this)::

    from linter.tables import statistics_tables
    tables = statistics_tables(ctx)          # computed once per document (cached on ctx)
    tables.t2, tables.t3, tables.t4          # TableModel, or None when the table is absent
    cell = tables.t3.cell("R22", "T")        # TypedCell, or None when the row/column is absent
    cell.value                               # decimal.Decimal, or None when blank ("", "/", "-", "—", "无")
    tables.t3.number("R1", "T")              # the value, or a blank total's sum of its filled parts (derived)
    cell.raw, cell.start, cell.end           # text as written; source offsets
    cell.status                              # "number" | "blank" | "invalid"
    tables.t3.group_sum("OTHER", "T")        # Σ of a group (DENY, UNABLE, NOPROC, OTHER); None if a cell is blank
    tables.t3.format                         # "2021" or "2019"; tables.t3.layout lists deviations

Keys (the official grids of 国办公开办函〔2021〕30号):

* 表三 rows ``R1``…``R25`` (R21–R23 the three （六）其他处理 rows).  A table with a single （六）其他处理
  row (the 2019 format, and some 2021 reports) has the row ``OTHER`` instead of R21–R23 and
  ``layout`` contains "single-other".  Columns ``NP BE RI SO LS OT T`` (自然人, 商业企业, 科研机构,
  社会公益组织, 法律服务机构, 其他, 总计), plus ``SUB`` when a 小计 column is printed.
* 表四 rows ``RV`` (行政复议), ``LD`` (未经复议直接起诉), ``LR`` (复议后起诉); columns ``M C O U T``
  (结果维持, 结果纠正, 其他结果, 尚未审结, 总计).
* 表二 rows ``regulations normative licensing punishment coercion fees`` (2019 also ``other_services``,
  ``procurement``); columns ``issued repealed current decisions amount`` (2019: ``made published
  total_published previous change purchase_count purchase_amount``).

A table a crawled page ran into running text is recovered when its digit runs split uniquely into the row's
cells (`linter.tables.recover`; its layout says "run-together").  `tables.unreadable` names tables whose text is
present but whose cells run together beyond a unique split; no numbers are taken from such text.
"""
from __future__ import annotations

import re
from typing import Any, Callable, Protocol

from linter.tables.model import StatisticsTables, TableModel
from linter.tables.cells import TypedCell, parse_cell


class Analysed(Protocol):
    """What building the tables needs of a check's context: its outline, where a section starts, a cache."""

    outline: Any

    def cached(self, key: str, compute: Callable[[], Any]) -> Any: ...

    def section_of_offset(self, offset: int) -> str | None: ...


__all__ = ["statistics_tables", "build_tables", "StatisticsTables", "TableModel", "TypedCell", "parse_cell"]


def statistics_tables(ctx: Analysed) -> StatisticsTables:
    return ctx.cached("statistics_tables", lambda: build_tables(ctx))


def build_tables(ctx: Analysed) -> StatisticsTables:
    from linter.document.model import Table
    from linter.tables import layout
    from linter.tables.mapping import classify, map_table
    from linter.tables.recover import recover, section_text

    result = StatisticsTables()
    outline = ctx.outline
    blocks = outline.body_blocks() + list(outline.unplaced)
    for block in blocks:
        if not isinstance(block, Table):
            continue
        section = ctx.section_of_offset(block.span[0])
        if block.source_kind == "image":
            _picture_table(result, block, section)
            continue
        name = classify(block)
        if name is None:
            if section in ("二", "三", "四"):
                labels = [c.text.text for r in block.rows[:6] for c in r[:1] if c.text.text]
                result.unrecognised.append((section, block, labels))
            continue
        model = map_table(name, block, section)
        if not model.cells:
            result.unrecognised.append((section, block, model.unmatched or [c.text.text for r in block.rows[:4] for c in r[:1]]))
            continue
        existing = result.get(name)
        if existing is not None and existing.section == section and _merge(existing, model):
            continue
        if existing is None or (existing.section != layout.TABLE_SECTIONS[name] and section == layout.TABLE_SECTIONS[name]):
            setattr(result, name, model)
    for name, ordinal in layout.TABLE_SECTIONS.items():
        if result.get(name) is not None:
            continue
        text = section_text(ctx, ordinal)
        if text is None:
            continue
        run_together = re.search(layout.RUN_TOGETHER[name], text.text)
        if run_together is None and name != "t4":   # 表四's one row of numbers may be spaced, not run together
            continue
        recovery = recover(name, text, ordinal)
        if recovery.model is not None:
            setattr(result, name, recovery.model)
        elif run_together is not None:
            result.unreadable[name] = recovery.unreadable or text.source_span(run_together.start(), run_together.end())
    _derive_blank_totals(result)
    return result


def _derive_blank_totals(result: StatisticsTables) -> None:
    from linter.tables.identity import blank_totals

    for model in result:
        model.derived = blank_totals(model)


def _picture_table(result: StatisticsTables, block, section: str | None) -> None:
    """A grid read from a picture: mapped like a text table once its labels are matched; a grid that is no
    statistics table is left alone (a photo, a chart), and one read too poorly is set aside, not checked."""
    from linter.tables import layout
    from linter.tables.mapping import classify, map_table
    from linter.tables.pictures import MIN_READ_SHARE, fill_forced, read_share, snap_labels

    raw = snap_labels(block)
    name = classify(raw)
    if name is None:
        return
    model = map_table(name, raw, section)
    if not model.cells:
        return
    model.picture = block.image
    model.layout.append("image")
    fill_forced(model)
    if read_share(model) < MIN_READ_SHARE:
        result.unread_pictures.append(model)
        return
    existing = result.get(name)
    if existing is None or (existing.section != layout.TABLE_SECTIONS[name] and section == layout.TABLE_SECTIONS[name]):
        setattr(result, name, model)


def _merge(first: TableModel, second: TableModel) -> bool:
    """A table continued in a second grid (split across pages): take its rows when none repeats."""
    from linter.tables import layout

    if first.name == "t4" or set(first.rows) & set(second.rows):
        return False
    if first.name == "t3" and set(second.columns) - set(first.columns):
        return False
    first.cells.update(second.cells)
    first.rows.extend(second.rows)
    first.row_labels.update(second.row_labels)
    for col in second.columns:
        if col not in first.columns:
            first.columns.append(col)
            first.column_labels[col] = second.column_labels[col]
    if first.name == "t2" and second.format and first.format != "2019":
        first.format = second.format
    first.unmatched.extend(second.unmatched)
    first.end = max(first.end, second.end)
    if "single-other" in second.layout and "single-other" not in first.layout:
        first.layout.append("single-other")
    if first.name == "t3":
        order = [s.key for s in layout.T3_ROWS]
        first.rows.sort(key=order.index)
        first.format = "2019" if "OTHER" in first.rows else "2021"
    return True
