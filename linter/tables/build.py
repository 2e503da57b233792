"""Building the statistics tables of an analysed report: each grid is classified and mapped (`mapping`),
a picture's grid first has its labels snapped and its forced cells filled (`pictures`), a table split over
two grids is merged, a table run into prose is recovered (`recover`), and blank totals are derived
(`identity`)."""
from __future__ import annotations

import re
from typing import Any, Callable, Protocol

from linter.document.model import Table
from linter.tables import layout
from linter.tables.identity import blank_totals
from linter.tables.mapping import classify, map_table
from linter.tables.model import StatisticsTables, TableModel
from linter.tables.pictures import MIN_READ_SHARE, fill_forced, read_share, snap_labels
from linter.tables.recover import recover, section_text


class Analysed(Protocol):
    """What building the tables needs of a check's context: its outline, where a section starts, a cache."""

    outline: Any

    def cached(self, key: str, compute: Callable[[], Any]) -> Any: ...

    def section_of_offset(self, offset: int) -> str | None: ...


def statistics_tables(ctx: Analysed) -> StatisticsTables:
    return ctx.cached("statistics_tables", lambda: build_tables(ctx))


def build_tables(ctx: Analysed) -> StatisticsTables:
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
        found = result.get(name)
        if found is not None:
            if "aligned" in found.layout:
                _prefer_the_whole_run(ctx, result, name, ordinal, found)
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


def _prefer_the_whole_run(ctx: Analysed, result: StatisticsTables, name: str, ordinal: str, found: TableModel) -> None:
    """A grid the reader lined up from part of a table that a page ran into one line ("…0 0 0 （三） 不予 公开
    1.属于国家秘密 0 0 …": rows split off as paragraphs) has fewer rows than the run itself: the table recovered
    from its section's text, when it holds more rows, is the table."""
    text = section_text(ctx, ordinal)
    if text is None:
        return
    recovery = recover(name, text, ordinal)
    if recovery.model is not None and len(recovery.model.rows) > len(found.rows):
        setattr(result, name, recovery.model)


def _derive_blank_totals(result: StatisticsTables) -> None:
    for model in result:
        model.derived = blank_totals(model)


def _picture_table(result: StatisticsTables, block, section: str | None) -> None:
    """A grid read from a picture: mapped like a text table once its labels are matched; a grid that is no
    statistics table is left alone (a photo, a chart), and one read too poorly is set aside, not checked."""
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
