"""Statistics tables read from pictures (OCR): labels matched to the official ones, cells the identities
force filled in, and tables read too poorly to check set aside.

* Labels: an OCR'd label that matches no row or column pattern is replaced by the official label it is
  closest to by edit distance, when that one is clearly the closest; the label-based mapper
  (`mapping.map_table`) then maps the grid as it maps a text table.
* Repair: an unread cell whose value the table's own identities fix uniquely — the only unread cell of a
  sum, or a part of a zero total — is filled and marked `derived`; every identity that fixes it must agree.
* Readability: a table where fewer than `MIN_READ_SHARE` of the cells were read is not checked (it is
  reported once, as unreadable).
"""
from __future__ import annotations

import re
from decimal import Decimal
from functools import lru_cache

from linter.document.model import Cell, Table, Text
from linter.tables import layout
from linter.tables.identity import FORMAT_IDENTITIES, evaluate, parse_identity
from linter.tables.layout import squash
from linter.tables.model import StatisticsTables, TableModel

MIN_READ_SHARE = 0.8
MAX_LABEL_DISTANCE = 0.34     # edit distance ÷ length of the longer label
_EXTRA_LABELS = ("三、本年度办理结果", "申请人情况", "法人或其他组织", "行政诉讼", "未经复议直接起诉", "复议后起诉",
                 "信息内容", "（本列数据的勾稽关系为：第一项加第二项之和，等于第三项加第四项之和）")
_NUMBERISH = re.compile(r"^[\d\s.,，oOlI|〇○/—\-－]*$")


@lru_cache(maxsize=1)
def official_labels() -> tuple[tuple[str, str], ...]:
    """(squashed, as printed) of every label of the three tables."""
    specs = (layout.T3_ROWS + layout.T3_COLUMNS + layout.T4_BLOCKS + layout.T4_FIELDS + layout.T2_ROWS
             + layout.T2_COLUMNS)
    labels = [s.label for s in specs] + list(layout.T3_GROUP_LABELS.values()) + list(_EXTRA_LABELS)
    labels += [f"第二十条第（{n}）项" for n in ("一", "五", "六", "八")]
    return tuple((squash(label), label) for label in dict.fromkeys(labels))


def distance(a: str, b: str) -> int:
    """Levenshtein distance (insertions, deletions, substitutions)."""
    if len(a) < len(b):
        a, b = b, a
    previous = list(range(len(b) + 1))
    for i, ca in enumerate(a, 1):
        current = [i]
        for j, cb in enumerate(b, 1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (ca != cb)))
        previous = current
    return previous[-1]


def nearest_label(text: str) -> str | None:
    """The official label an OCR'd label is clearly closest to, or None."""
    s = squash(text)
    if not s or _NUMBERISH.match(s):
        return None
    scored = []
    for squashed, printed in official_labels():
        if abs(len(squashed) - len(s)) > MAX_LABEL_DISTANCE * max(len(squashed), len(s)):
            continue
        scored.append((distance(s, squashed) / max(len(squashed), len(s)), printed))
    scored.sort()
    if not scored or scored[0][0] > MAX_LABEL_DISTANCE or scored[0][0] == 0:
        return None
    if len(scored) > 1 and scored[1][0] - scored[0][0] < 0.1:
        return None  # two labels about as close: keep what was read
    return scored[0][1]


def _matches_a_label(text: str) -> bool:
    s = squash(text)
    return any(re.search(spec.pattern, s) for spec in layout.T3_ROWS + layout.T3_COLUMNS + layout.T4_FIELDS + layout.T2_ROWS)


def snap_labels(raw: Table) -> Table:
    """The grid with each misread label replaced by the official label it is closest to (and without rows
    that hold nothing of their own: a stray rule under part of a row)."""
    snapped: dict[int, Text] = {}
    rows = []
    for row in raw.rows:
        if all(c.origin is not None and c.origin[0] < c.row or not c.text.text for c in row):
            continue
        out = []
        for cell in row:
            text = cell.text
            if id(text) not in snapped:
                label = None if _matches_a_label(text.text) else nearest_label(text.text)
                snapped[id(text)] = text if label is None else _placed(label, text)
            out.append(Cell(snapped[id(text)], len(rows), cell.col, cell.origin, cell.confidence))
        rows.append(out)
    table = Table(rows=rows, source_kind=raw.source_kind, image=raw.image)
    table._anchor = raw._anchor
    return table


def _placed(label: str, where: Text) -> Text:
    at = where.anchor()
    text = Text(label, [at] * len(label))
    text._anchor = at  # type: ignore[attr-defined]
    return text


# ── after mapping ───────────────────────────────────────────────────────────────────────────────
def read_share(model: TableModel) -> float:
    cells = list(model.cells.values())
    return sum(1 for c in cells if c.status != "unread") / len(cells) if cells else 0.0


def fill_forced(model: TableModel) -> None:
    """Fill the unread cells whose values the table's identities fix, until none is left to fill."""
    identities = [parse_identity(e) for e in FORMAT_IDENTITIES.get(model.name, ())]
    tables = StatisticsTables(**{model.name: model})
    while True:
        candidates: dict[tuple[str, str], set[Decimal]] = {}
        for identity in identities:
            for inst in evaluate(identity, tables):
                for key, value in _forced(inst).items():
                    candidates.setdefault(key, set()).add(value)
        filled = 0
        for (row, col), values in candidates.items():
            value = next(iter(values))
            if len(values) == 1 and value >= 0 and value == value.to_integral_value():
                cell = model.cells[(row, col)]
                cell.value, cell.status, cell.source = value, "number", "derived"
                filled += 1
        if not filled:
            return


def _forced(inst) -> dict[tuple[str, str], Decimal]:
    """Unread cells one instance of an identity fixes: its only unread cell, or every unread part of a
    sum that is already complete (counts are never negative)."""
    if inst.status != "unread":
        return {}
    known = Decimal(0)
    unknown: dict[tuple[str, str], int] = {}
    for coef, cell in inst.terms:
        if cell.status == "unread":
            unknown[(cell.row, cell.col)] = unknown.get((cell.row, cell.col), 0) + coef
        elif cell.status == "number":
            known += coef * cell.value
        else:
            return {}  # a blank cell: nothing is forced
    coefs = [c for c in unknown.values() if c]
    if len(coefs) != len(unknown):
        return {}
    if len(unknown) == 1:
        (key, coef), = unknown.items()
        return {key: -known / coef}
    if known == 0 and (all(c > 0 for c in coefs) or all(c < 0 for c in coefs)):
        return {key: Decimal(0) for key in unknown}
    return {}
