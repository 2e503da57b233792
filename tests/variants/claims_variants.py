"""Variation in how reports state their numbers in prose (issue 17): the sentences agencies write about the
same figures of 表二/表三/表四, inserted into every real report they apply to, with the report's own table
values.  The neutral ones state the figures right and must add no error; `tests/variants/test_claims_variants.py`
states them wrong and expects the finding at the sentence's line.

A sentence is inserted into section 一's running text, after its first sentence — where the reports
summarise their year — so that it reads as the agency's own prose."""
from __future__ import annotations

from decimal import Decimal
from functools import lru_cache
from pathlib import Path

from variant_tools import changed, neutral

from linter.document.model import Paragraph
from linter.engine.run import analyse
from linter.settings.config import Config


@lru_cache(maxsize=64)
def _analysis(text: str, name: str):
    return analyse(text.encode("utf-8"), name, Config())


def number(text: str, path: Path, table: str, row: str, col: str = "T") -> Decimal | None:
    """A cell of the report's own statistics tables (None when the table or cell cannot be read)."""
    from linter.tables import statistics_tables

    model = statistics_tables(_analysis(text, path.name).context).get(table)
    return model.number(row, col) if model is not None else None


def numbers(text: str, path: Path, *cells: tuple[str, str, str]) -> list[Decimal] | None:
    found = [number(text, path, *cell) for cell in cells]
    return None if any(v is None for v in found) else found


def insert_sentence(text: str, path: Path, sentence: str) -> str | None:
    """The report with `sentence` after the first sentence of section 一's running text."""
    outline = _analysis(text, path.name).context.outline
    section = outline.section("一")
    if section is None:
        return None
    for block in section.all_blocks():
        if isinstance(block, Paragraph) and block.role == "text" and "。" in block.text.text:
            at = block.text.text.index("。")
            _, end = block.text.source_span(at, at + 1)
            return changed(text, text[:end] + sentence + text[end:])
    return None


def n(value: Decimal) -> str:
    return format(value.normalize(), "f")


# ── the sentences, as functions of the report's tables (None where a value cannot be read) ─────────────
def compound_sentence(text: str, path: Path, delta: int = 0) -> str | None:
    values = numbers(text, path, ("t3", "R3", "T"), ("t3", "R4", "T"))
    return None if values is None else f"本年度政府信息公开申请办理结果中，予以公开和部分公开{n(sum(values) + delta)}件。"


def per_category_sentence(text: str, path: Path, delta: int = 0) -> str | None:
    values = numbers(text, path, ("t3", "R3", "T"), ("t3", "R4", "T"))
    if values is None:
        return None
    return f"本年度对政府信息公开申请同意公开的答复{n(values[0] + delta)}件，部分公开的答复{n(values[1])}件。"


def stock_sentence(text: str, path: Path, delta: int = 0) -> str | None:
    values = numbers(text, path, ("t2", "normative", "current"), ("t2", "normative", "issued"))
    if values is None or values[0] < values[1]:
        return None
    current, issued = values
    return f"集中清理并公布现行有效的规范性文件{n(current - issued + delta)}件，本年度新制发的{n(issued)}件已同步更新。"


def cases(text: str, path: Path) -> Decimal | None:
    values = numbers(text, path, ("t4", "RV", "T"), ("t4", "LD", "T"), ("t4", "LR", "T"))
    return None if values is None else sum(values)


def not_upheld(text: str, path: Path) -> Decimal | None:
    """Cases of 表四 with another outcome than 维持 (corrected, other, pending)."""
    cells = [("t4", block, field) for block in ("RV", "LD", "LR") for field in ("C", "O", "U")]
    values = numbers(text, path, *cells)
    return None if values is None else sum(values)


def all_upheld_sentence(text: str, path: Path) -> str | None:
    total = cases(text, path)
    if total is None or total == 0:
        return None
    return f"因政府信息公开引起的行政复议和行政诉讼案件共{n(total)}件，均维持原行政行为。"


# ── neutral: the figures stated right, in the ways reports state them ─────────────────────────────────
def inserting(make):
    """A rewrite inserting the sentence `make` writes from the report's tables (None where it cannot)."""
    def apply(text: str, path: Path) -> str | None:
        sentence = make(text, path)
        return sentence and insert_sentence(text, path, sentence)
    return apply


neutral("compound-result-categories", "two result categories of 表三 stated together (予以公开和部分公开N件), "
                                      "the sum of their rows")(inserting(compound_sentence))
neutral("answers-per-category", "counts per result category phrased as answers (同意公开的答复N件，部分公开的答复M件), "
                                "not totals of answers")(inserting(per_category_sentence))
neutral("stock-before-additions", "the documents in force stated before this year's additions (现行有效N件，"
                                  "本年度新制发的M件已同步更新), N + M in 表二")(inserting(stock_sentence))


@neutral("reviews-and-lawsuits-together", "reviews and lawsuits counted in one sentence (行政复议和行政诉讼案件共N件), "
                                          "the sum of the three totals of 表四")
def reviews_and_lawsuits(text: str, path: Path) -> str | None:
    total = cases(text, path)
    if total is None:
        return None
    return insert_sentence(text, path, f"因政府信息公开引起的行政复议和行政诉讼案件共{n(total)}件。")


CASE_TYPES = {"RV": "因政府信息公开被申请行政复议", "LD+LR": "因政府信息公开被提起行政诉讼"}


@neutral("all-upheld-when-all-were", "\"all upheld\" (均获维持) of the reviews or the lawsuits where 表四 has no "
                                     "other outcome for them")
def all_upheld_consistent(text: str, path: Path) -> str | None:
    for blocks, words in CASE_TYPES.items():
        cells = [("t4", b, f) for b in blocks.split("+") for f in ("C", "O", "U", "T")]
        values = numbers(text, path, *cells)
        if values is None:
            continue
        others = sum(v for (_, _, f), v in zip(cells, values) if f != "T")
        total = sum(v for (_, _, f), v in zip(cells, values) if f == "T")
        if total and not others:
            return insert_sentence(text, path, f"{words}{n(total)}件，均获维持。")
    return None


def answered_in_time_sentence(text: str, path: Path) -> str | None:
    carried = number(text, path, "t3", "R25")
    return f"本年度政府信息公开申请均在法定期限内予以答复，另有{n(carried)}件结转下年度办理。" if carried else None


def hedged_sentence(text: str, path: Path) -> str | None:
    new = number(text, path, "t3", "R1")
    return None if new is None else f"全年受理政府信息公开申请近{n(new + 7)}件。"


def cumulative_sentence(text: str, path: Path) -> str | None:
    new = number(text, path, "t3", "R1")
    return None if new is None else f"截至目前，累计受理政府信息公开申请{n(new * 3 + 5)}件。"


neutral("answered-in-time-with-carry-over", "\"all answered within the time limit\" (均在法定期限内予以答复) next to "
                                            "requests carried over: timeliness, not \"all done\"")(inserting(answered_in_time_sentence))
neutral("hedged-count", "a hedged count (近N件) is never compared exactly")(inserting(hedged_sentence))
neutral("cumulative-count", "a count since some earlier date (截至目前，累计…) is not the year's")(inserting(cumulative_sentence))
