"""Presence and shape of the statistics tables (category `table`).

Each aspect is a sub-kind (`check: table_presence.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.params import Choice, Field, Fields
from linter.checks.hits import Hit
from linter.document.model import Image
from linter.ruleset.loading import Rule
from linter.tables import layout, statistics_tables
from linter.tables.describe import TABLE_NAMES_EN, label_en
from linter.tables.layout import nonstandard_labels



_TABLE = Field(Choice(("t2", "t3", "t4"), doc="the statistics table"), required=True)
ASPECTS = {
    "present": Fields({"table": _TABLE}, doc="the table is in the report as a table; when only an image stands for it, the "
                       "finding names it and says whether its numbers were read (and checked), read too poorly, or not read"),
    "shape": Fields({"table": _TABLE}, doc="rows and columns of the official grid that were not found"),
    "unrecognised": Fields(doc="a table in sections 二–四 whose labels match no statistics table, or rows that match no row"),
    "unreadable": Fields(doc="the table text is there but its cells run together: one finding, never a guessed split"),
    "old_format": Fields({"table": _TABLE}, doc="表二 uses the 2019 (试行) labels; 表三 has a single （六）其他处理 row"),
    "labels": Fields({"table": _TABLE}, doc="rows whose label as written is not the official one (规范性文件 for "
                                            "行政规范性文件); the row is mapped by its content all the same"),
}


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    tables = statistics_tables(ctx)
    yield from globals()[f"_{rule.aspect}"](rule, ctx, tables)


def _present(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    name = rule.params["table"]
    model = tables.get(name)
    if (model is not None and model.picture is None) or tables.unreadable:
        return
    ordinal = layout.TABLE_SECTIONS[name]
    sec = ctx.outline.section(ordinal)
    if sec is None:
        return  # the structure rules report the missing section
    if model is not None:
        image, image_section = model.picture, model.section or ordinal
    else:
        image, image_section = _standing_image(ctx, ordinal)
    data = {"table": layout.TABLE_NAMES[name], "title": layout.TABLE_TITLES[name], "section": ordinal,
            "image_note": "", "image_note_en": ""}
    if image is not None:
        data["image"] = image.name
        read = "read" if model is not None else _why_unread(image, name, tables)
        data["image_note"], data["image_note_en"] = _image_note(image, image_section, read)
        # the finding sits on the picture that stands for the table (its section is the table's)
        start, end = image.span
        yield Hit(start, end, data, section=ordinal, table=data["table"])
        return
    start, end, section = ctx.scope_anchor(f"section:{ordinal}")
    yield Hit(start, end, data, section=section, table=data["table"])


def _why_unread(image: Image, name: str, tables) -> str:
    """Why the numbers of a picture standing for a table were not checked."""
    if any(m.picture is image and m.name == name for m in tables.unread_pictures):
        return "poor"
    if image.ocr.startswith("failed: "):
        return "failed"
    return image.ocr if image.ocr in ("unavailable", "off") else "unread"


def _image_note(image: Image, section: str | None, read: str) -> tuple[str, str]:
    from linter.checks.english import english_value

    """The end of the "not a text table" message: how the picture's numbers were (or were not) read."""
    from linter.document.ocr import INSTALL_HINT

    reason = image.ocr.removeprefix("failed: ")
    zh = f"；第{section}部分只有图片“{image.name}”代替表格，"
    en = f"; only the image {image.name} (section {english_value('section', section)}) stands for the table"
    return {
        "read": (zh + "其中的数字已由文字识别读出并核对（识别可能有误，相关问题以警告报告）",
                 en + ", whose numbers were read by OCR and checked (OCR may misread; those findings are warnings)"),
        "poor": (zh + "文字识别只读出了其中部分数字，未核对",
                 en + "; OCR read too few of its numbers, and they were not checked"),
        "unavailable": (zh + f"图片中的数据无法核对（安装文字识别扩展后可读取：{INSTALL_HINT}）",
                        en + f", and its numbers cannot be checked (to read them: {INSTALL_HINT})"),
        "off": (zh + "图片中的数据未核对（文字识别已关闭：--no-ocr）",
                en + ", and its numbers were not checked (OCR is off: --no-ocr)"),
        "failed": (zh + f"图片中的数据无法核对（文字识别未能读取该图片：{reason}）",
                   en + f", and its numbers cannot be checked (OCR could not read the picture: {reason})"),
    }.get(read, (zh + "图片中的数据无法核对", en + ", and its numbers cannot be checked"))


def _standing_image(ctx: Context, ordinal: str) -> tuple[Image | None, str | None]:
    """An image in the table's own section, else one in the sections with tables (二, 三, 四)."""
    for candidates in ((ordinal,), ("二", "三", "四")):
        for o in candidates:
            sec = ctx.outline.section(o)
            if sec is not None and sec.images():
                return sec.images()[0], o
    return None, None


def _shape(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    table = tables.get(rule.params["table"])
    if table is None:
        return
    missing: list[str] = []
    missing_en: list[str] = []
    present_rows, present_cols = set(table.rows), set(table.columns)
    rows = [r for r in table.expected_rows() if r not in present_rows]
    cols = [c for c in table.expected_columns() if c not in present_cols]
    missing += [f"“{table.row_label(r)}”行" for r in rows]
    missing_en += [f"row {label_en(table.name, r)}" for r in rows]
    missing += [f"“{table.column_label(c)}”列" for c in cols]
    missing_en += [f"column {label_en(table.name, c)}" for c in cols]
    if not rows and not cols:
        cells = table.missing_cells()
        missing += [f"“{table.row_label(r)}／{table.column_label(c)}”" for r, c in cells]
        missing_en += [f"cell {label_en(table.name, r)}/{label_en(table.name, c)}" for r, c in cells]
    if missing:
        data = {"table": table.title, "missing": "、".join(missing), "missing_en": ", ".join(missing_en),
                "count": len(missing)}
        yield Hit(table.start, max(table.start + 1, min(table.end, table.start + 1)), data,
                  section=table.section, table=table.title, image=table.picture)


def _unrecognised(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    for section, raw, labels in tables.unrecognised:
        start, _ = raw.span
        data = {"table": "表格", **_where(section), "labels": "、".join(f"“{l}”" for l in labels[:8]) or "（无标签）"}
        yield Hit(start, start + 1, data, section=section)
    for table in tables:
        if table.unmatched:
            data = {"table": table.title, **_where(table.section),
                    "labels": "、".join(f"“{l}”" for l in table.unmatched[:8])}
            yield Hit(table.start, table.start + 1, data, section=table.section, table=table.title, image=table.picture)


def _where(section: str | None) -> dict[str, str]:
    """Where the table stands, for the message: a table before the first section has no section to name."""
    if not section:
        return {"section": "", "where": "", "where_en": ""}
    from linter.checks.english import english_value

    return {"section": section, "where": f"第{section}部分的",
            "where_en": f" in section {english_value('section', section)}"}


def _unreadable(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    if not tables.unreadable:
        return
    names = sorted(tables.unreadable)
    start, end = min(tables.unreadable.values())
    sample = ctx.document.source[start:end].strip()
    data = {"tables": "、".join(layout.TABLE_NAMES[n] for n in names), "tables_en": ", ".join(TABLE_NAMES_EN[n] for n in names), "sample": sample}
    yield Hit(start, end, data, section=ctx.section_of_offset(start))


def _old_format(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    table = tables.get(rule.params["table"])
    if table is None or table.format != "2019":
        return
    old = [table.row_labels[r] for r in table.rows if r in ("other_services", "procurement", "OTHER")]
    old += [table.column_labels[c] for c in table.columns if c in ("made", "published", "total_published", "previous", "change", "purchase_count", "purchase_amount")]
    data = {"table": table.title, "labels": "、".join(f"“{l}”" for l in old)}
    first = table.cell("OTHER", "NP") if "OTHER" in table.rows else None
    start, end = (first.start, first.end) if first is not None else (table.start, table.start + 1)
    yield Hit(start, end, data, section=table.section, table=table.title, image=table.picture)



def _labels(rule: Rule, ctx: Context, tables) -> Iterator[Hit]:
    table = tables.get(rule.params["table"])
    if table is None:
        return
    found = nonstandard_labels(table)
    if not found:
        return
    start, end = _label_span(table, found[0][0])
    data = {"table": table.title, "labels": "、".join(f"“{written}”（应为“{official}”）" for _, written, official in found),
            "labels_en": ", ".join(f'"{written}" ({label_en(table.name, row)}: "{official}")'
                                   for row, written, official in found)}
    yield Hit(start, end, data, section=table.section, table=table.title, image=table.picture)


def _label_span(table, row: str) -> tuple[int, int]:
    """Where a row's label is written: its label cell, else the row's first number."""
    label = table.row_labels.get(row, "")
    own = label.split(" / ")[-1]   # the row's own label cell where a grid joins its label columns
    for cells in (table.raw.rows if table.raw is not None else []):
        for cell in cells:
            if cell.text.text and cell.text.text in (label, own):
                return cell.text.source_span()
    first = next(c for c in (table.cell(row, col) for col in table.columns) if c is not None)
    return first.start, first.end
