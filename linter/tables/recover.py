"""Tables left inside running text by a crawled page.

A crawled page runs 表二 and 表三 into digit strings ("规章000行政规范性文件8855698") that cannot be split
without guessing; those are only *located* (`RUN_TOGETHER`).  表四 is one row of fifteen numbers; when
they are separated by spaces the row is unambiguous and is recovered.
"""
from __future__ import annotations

import re

from linter.document.model import Cell, Paragraph, Table, Text

_FIFTEEN_RE = re.compile(r"(?<![\d.])((?:\d+ +){14}\d+)(?![\d.]| *\d)")


def section_text(ctx, ordinal: str) -> Text | None:
    sec = ctx.outline.section(ordinal)
    if sec is None:
        return None
    parts = [sec.heading]
    if sec.body is not None:
        parts.append(sec.body)
    parts += [b.text for b in sec.all_blocks() if isinstance(b, Paragraph) and b.role == "text"]
    return Text.join(parts, sep="\n")


def inline_t4(text: Text, ordinal: str):
    from linter.tables.mapping import map_table

    if "复议" not in text.text or not re.search(r"维持|审结", text.text):
        return None
    found = {text.source_span(m.start(), m.end()): m for m in _FIFTEEN_RE.finditer(text.text)}
    matches = list(found.values())
    if len(matches) != 1:
        return None
    m = matches[0]
    cells = [Cell(text.slice(m.start(1) + t.start(), m.start(1) + t.end()), 0, j)
             for j, t in enumerate(re.finditer(r"\d+", m.group(1)))]
    raw = Table(rows=[[Cell(Text.empty(), 0, 0)] + cells], source_kind="aligned")
    model = map_table("t4", raw, ordinal)
    model.layout.append("inline")
    return model if model.cells else None
