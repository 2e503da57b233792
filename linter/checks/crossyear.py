"""Cross-year checks: this year's report against the same agency's report of the year before.

The engine lints one file at a time, so these checks see a report only when the batch (or `--previous`)
has attached last year's context as `ctx.previous`; alone, a report yields nothing here.

params:
  aspect: carry | stock | repeal | dup
    carry   表三 R2 (上年结转) of every column equals last year's R25 (结转下年度继续办理)
    stock   表二 现行有效(Y) = 现行有效(Y−1) + 本年制发(Y) − 本年废止(Y), for the rows in `rows`
    repeal  表二 本年废止(Y) ≤ 现行有效(Y−1) + 本年制发(Y), for the rows in `rows`
    dup     share of this year's text found in last year's above `max_share`
  rows: [regulations, normative]   (stock, repeal)
  columns: [NP, BE, RI, SO, LS, OT, T]   (carry)
  max_share: 0.5, ngram: 8   (dup; `--dup-share` overrides max_share)
  unless_text: [words]   stay silent when this year's report contains one of them (机构改革 …)
  only_text: [words]     run only when it does
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.ruleset.loading import Rule

ASPECTS = ("carry", "stock", "repeal", "dup")
_KNOWN = {"aspect", "rows", "columns", "max_share", "ngram", "unless_text", "only_text"}
T3_COLUMNS = ("NP", "BE", "RI", "SO", "LS", "OT", "T")
T2_ROWS = ("regulations", "normative", "licensing", "punishment", "coercion", "fees")


def validate(params: dict) -> list[str]:
    if params.get("aspect") not in ASPECTS:
        return [f"params.aspect must be one of {', '.join(ASPECTS)}"]
    unknown = set(params) - _KNOWN
    if unknown:
        return [f"unknown parameter {sorted(unknown)[0]!r}"]
    for key, allowed in (("rows", T2_ROWS), ("columns", T3_COLUMNS)):
        value = params.get(key)
        if value is not None and (not isinstance(value, list) or any(v not in allowed for v in value)):
            return [f"params.{key} must be a list of {', '.join(allowed)}"]
    share = params.get("max_share", 0.5)
    if not isinstance(share, (int, float)) or not 0 < share <= 1:
        return ["params.max_share must be a number in (0, 1]"]
    ngram = params.get("ngram", 8)
    if not isinstance(ngram, int) or not 2 <= ngram <= 50:
        return ["params.ngram must be an integer from 2 to 50"]
    for key in ("unless_text", "only_text"):
        value = params.get(key)
        if value is not None and (not isinstance(value, list) or not all(isinstance(v, str) and v for v in value)):
            return [f"params.{key} must be a list of non-empty texts"]
    return []


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
    aspect = params["aspect"]
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
        data = {"column": col, "column_label": _label(cur.t3, "column", col), "value": _num(here.value),
                "previous": _num(before.value)}
        yield Hit(here.start, here.end, data, section=cur.t3.section or "三", table=cur.t3.title,
                  cell=_cell_ref(cur.t3, here))


def _stock(rule: Rule, aspect: str, cur, prev) -> Iterator[Hit]:
    for row in rule.params.get("rows", ["regulations", "normative"]):
        stock = _value(cur.t2, row, "current")
        issued = _value(cur.t2, row, "issued")
        repealed = _value(cur.t2, row, "repealed")
        before = _value(prev.t2, row, "current")
        if issued is None or repealed is None or before is None:
            continue
        data = {"row": row, "row_label": _label(cur.t2, "row", row), "previous": _num(before.value), "issued": _num(issued.value),
                "repealed": _num(repealed.value)}
        if aspect == "stock":
            if stock is None:
                continue
            expected = before.value + issued.value - repealed.value
            if stock.value != expected:
                data.update(value=_num(stock.value), expected=_num(expected))
                yield Hit(stock.start, stock.end, data, section=cur.t2.section or "二", table=cur.t2.title,
                          cell=_cell_ref(cur.t2, stock))
        elif repealed.value > before.value + issued.value:
            data.update(value=_num(repealed.value), limit=_num(before.value + issued.value))
            yield Hit(repealed.start, repealed.end, data, section=cur.t2.section or "二", table=cur.t2.title,
                      cell=_cell_ref(cur.t2, repealed))


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
    body = ctx.scope_text("body").text
    if len(body) < 100:  # too little text to judge
        return
    share = overlap_share(body, prev.scope_text("body").text, n)
    if share > limit:
        start, end, section = ctx.scope_anchor("document")
        yield Hit(start, end, {"share": f"{share:.0%}", "limit": f"{limit:.0%}", "previous_path": prev.document.path,
                               "previous_year": prev.year}, section=section)
