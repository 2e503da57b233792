"""Cross-year checks: this year's report against the same agency's report of the year before.

The engine lints one file at a time, so these checks see a report only when the batch (or `--previous`)
has attached last year's context as `ctx.previous`; alone, a report yields nothing here.

Each aspect is a sub-kind (`check: crossyear.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.params import Choice, Field, Fields, Integer, ListOf, Number, texts
from linter.checks.hits import Hit
from linter.tables.describe import label_en
from linter.ruleset.loading import Rule

T3_COLUMNS = ("NP", "BE", "RI", "SO", "LS", "OT", "T")
T2_ROWS = ("regulations", "normative", "licensing", "punishment", "coercion", "fees")


_FILTERS = {
    "unless_text": Field(texts("stay silent when this year's report contains one of these (机构改革 …)")),
    "only_text": Field(texts("run only when this year's report contains one of these")),
}
ASPECTS = {
    "carry": Fields({"columns": Field(ListOf(Choice(T3_COLUMNS), doc="表三 columns compared (default: all)")),
                     **_FILTERS}, doc="表三 R2 (上年结转) equals last year's R25 (结转下年度继续办理)"),
    "stock": Fields({"rows": Field(ListOf(Choice(T2_ROWS), doc="表二 rows (default: 规章, 行政规范性文件)")),
                     **_FILTERS}, doc="表二 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y)"),
    "repeal": Fields({"rows": Field(ListOf(Choice(T2_ROWS), doc="表二 rows")), **_FILTERS},
                     doc="表二 本年废止(Y) ≤ 现行有效(Y−1) + 本年制发(Y)"),
    "dup": Fields({
        "max_share": Field(Number(minimum=0, maximum=1, exclusive_minimum=True,
                                  doc="share of last year's text found again (default 0.5; --dup-share overrides)")),
        "ngram": Field(Integer(minimum=2, maximum=50, doc="characters per compared shingle (default 8)")),
        **_FILTERS,
    }, doc="this year's text repeats last year's above `max_share`"),
}


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    prev = ctx.previous
    if prev is None:
        return
    params = rule.params
    text = ctx.scope_text("document").text
    if params.get("unless_text") and any(w in text for w in params["unless_text"]):
        return
    if params.get("only_text") and not any(w in text for w in params["only_text"]):
        return
    aspect = rule.aspect
    if aspect == "dup":
        yield from _dup(rule, ctx, prev)
        return
    tables = _tables(ctx), _tables(prev)
    if tables[0] is None or tables[1] is None:
        return
    for hit in (_carry(rule, *tables) if aspect == "carry" else _stock(rule, aspect, *tables)):
        hit.data["previous_year"] = prev.year
        hit.data.setdefault("previous_path", prev.document.path)
        yield hit


def _tables(ctx: Context):
    try:
        from linter.tables import statistics_tables
    except ImportError:  # the table models are not available in this build
        return None
    return statistics_tables(ctx)


def _value(table, row, col):
    if table is None:
        return None
    try:
        cell = table.cell(row, col)
    except (KeyError, IndexError, ValueError):
        return None
    return cell if cell is not None and cell.value is not None else None


def _label(table, kind: str, key: str) -> str:
    """The table model's own label for a row or column key (the key itself when it has none)."""
    try:
        return getattr(table, f"{kind}_label")(key) or key
    except Exception:  # noqa: BLE001 — a label is only for the message
        return key


def _cell_ref(table, cell) -> dict[str, str]:
    from linter.tables.describe import cell_ref  # labels and keys, as the table checks give them

    return cell_ref(table, cell)


def _num(value) -> str:
    return format(value.normalize(), "f") if hasattr(value, "normalize") else str(value)


def _carry(rule: Rule, cur, prev) -> Iterator[Hit]:
    for col in rule.params.get("columns", T3_COLUMNS):
        here = _value(cur.t3, "R2", col)
        before = _value(prev.t3, "R25", col)
        if here is None or before is None or here.value == before.value:
            continue
        data = {"column": _label(cur.t3, "column", col), "column_en": label_en("t3", col),
                "column_label": _label(cur.t3, "column", col), "value": _num(here.value),
                "previous": _num(before.value)}
        yield Hit(here.start, here.end, data, section=cur.t3.section or "三", table=cur.t3.title,
                  cell=_cell_ref(cur.t3, here), image=cur.t3.picture)


def _stock(rule: Rule, aspect: str, cur, prev) -> Iterator[Hit]:
    for row in rule.params.get("rows", ["regulations", "normative"]):
        stock = _value(cur.t2, row, "current")
        issued = _value(cur.t2, row, "issued")
        repealed = _value(cur.t2, row, "repealed")
        before = _value(prev.t2, row, "current")
        if issued is None or repealed is None or before is None:
            continue
        data = {"row": _label(cur.t2, "row", row), "row_en": label_en("t2", row), "row_label": _label(cur.t2, "row", row),
                "previous": _num(before.value), "issued": _num(issued.value),
                "repealed": _num(repealed.value)}
        if aspect == "stock":
            if stock is None:
                continue
            expected = before.value + issued.value - repealed.value
            if stock.value != expected:
                data.update(value=_num(stock.value), expected=_num(expected))
                yield Hit(stock.start, stock.end, data, section=cur.t2.section or "二", table=cur.t2.title,
                          cell=_cell_ref(cur.t2, stock), image=cur.t2.picture)
        elif repealed.value > before.value + issued.value:
            data.update(value=_num(repealed.value), limit=_num(before.value + issued.value))
            yield Hit(repealed.start, repealed.end, data, section=cur.t2.section or "二", table=cur.t2.title,
                      cell=_cell_ref(cur.t2, repealed), image=cur.t2.picture)


_DIGITS_RE = re.compile(r"[0-9０-９〇零一二三四五六七八九十百千万.,，%]+")
_SPACE_RE = re.compile(r"[\s|\-—_:：·•*#]+")


MAX_SHINGLED_CHARS = 200_000  # a report is a few ten thousand characters; a 20 MB page must not cost GBs


def shingles(text: str, n: int) -> set[int]:
    """Hashes of the character n-grams of a text with spacing, table rules and numbers taken out: a report
    copied with this year's numbers filled in is still a copy.  Only the first `MAX_SHINGLED_CHARS`
    characters count (this runs in the batch's parent, outside the budget of a worker)."""
    flat = _SPACE_RE.sub("", _DIGITS_RE.sub("0", text[:MAX_SHINGLED_CHARS]))
    return {hash(flat[i:i + n]) for i in range(max(0, len(flat) - n + 1))}


def overlap_share(text: str, previous: str, n: int = 8) -> float:
    """The share of this text's n-grams that also occur in the previous text."""
    mine = shingles(text, n)
    if not mine:
        return 0.0
    return len(mine & shingles(previous, n)) / len(mine)


def _dup(rule: Rule, ctx: Context, prev: Context) -> Iterator[Hit]:
    n = rule.params.get("ngram", 8)
    limit = ctx.config.dup_share if ctx.config.dup_share is not None else rule.params.get("max_share", 0.5)
    # what the agency wrote itself: the tables of 二, 三 and 四 repeat their labels every year
    body = ctx.scope_text("narrative").text
    if len(body) < 100:  # too little text to judge
        return
    share = overlap_share(body, prev.scope_text("narrative").text, n)
    if share > limit:
        start, end, section = ctx.scope_anchor("document")
        shown = f"{share:.0%}" if f"{share:.0%}" != f"{limit:.0%}" else f"{share:.1%}"  # 50.4%, not "50%，超过50%"
        yield Hit(start, end, {"share": shown, "limit": f"{limit:.0%}", "previous_path": prev.document.path,
                               "previous_year": prev.year}, section=section)
