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
    if model is None:
        return None
    return model.group_sum(row, col) if row in ("DENY", "UNABLE", "NOPROC", "OTHER") else model.number(row, col)


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


# ── claims bound to what they count (issue 28): subject, applicants, role ─────────────────────────────
def items_by_disclosure_sentence(text: str, path: Path) -> str | None:
    """Items of information classified by how they are disclosed — counted apart from 表三, so its numbers
    (chosen unlike the table's) are not compared with the requests' categories."""
    deny = number(text, path, "t3", "DENY")
    if deny is None:
        return None
    public, upon_request, withheld = 120, 35, deny + 7
    return (f"全年共制作政府信息{public + upon_request + withheld}条，其中主动公开{public}条，"
            f"依申请公开信息{upon_request}条，不予公开{withheld}条。")


def natural_persons_sentence(text: str, path: Path, delta: int = 0) -> str | None:
    """New requests of natural persons only: 表三's 自然人 column, not its total."""
    values = numbers(text, path, ("t3", "R1", "NP"), ("t3", "R1", "T"))
    if values is None or values[0] == values[1]:
        return None  # where they are equal the sentence cannot tell the two bindings apart
    return f"本年度新收自然人提出的政府信息公开申请{n(values[0] + delta)}件。"


def legal_persons(text: str, path: Path) -> Decimal | None:
    values = numbers(text, path, *[("t3", "R1", col) for col in ("BE", "RI", "SO", "LS", "OT")])
    return None if values is None else sum(values)


def none_from_legal_persons_sentence(text: str, path: Path) -> str | None:
    """"None from legal persons" is true when only the legal-person columns are zero."""
    total = number(text, path, "t3", "R1")
    return "本年度未收到法人或其他组织提出的政府信息公开申请。" if legal_persons(text, path) == 0 and total else None


def remainder_sentence(text: str, path: Path) -> str | None:
    """`…等其他N件` is what remains of the list, not the category it names."""
    values = numbers(text, path, ("t3", "R3", "T"), ("t3", "R24", "T"), ("t3", "DENY", "T"))
    if values is None or values[1] <= values[0] or values[1] - values[0] == values[2]:
        return None
    return f"办理结果中，予以公开{n(values[0])}件，不予公开等其他{n(values[1] - values[0])}件。"


def own_classification_sentence(text: str, path: Path) -> str | None:
    """Answers split by a classification of the agency's own, in brackets (属于已主动公开…，同意公开…): the
    categories may be narrower than 表三's and are not compared."""
    values = numbers(text, path, ("t3", "R24", "T"), ("t3", "R3", "T"))
    if values is None or values[1] < 2:
        return None
    done, disclosed = values
    return f"全年答复政府信息公开申请{n(done)}件（属于已主动公开答复数1件，同意公开答复数{n(disclosed - 1)}件）。"


def nested_share_sentence(text: str, path: Path) -> str | None:
    """A share of the part before it (45 of the 57 licences), not of the total: the parts are nested."""
    return "在省网绑定并发布的事项共有89项，其中行政许可57项，实现“一趟不用跑”的有45项，占比78.9%。"


neutral("items-by-disclosure-attribute", "items of information counted by how they are disclosed (政府信息N条，其中主动"
                                         "公开…，依申请公开信息…，不予公开…): not requests")(inserting(items_by_disclosure_sentence))
neutral("one-kind-of-applicant", "a count of one kind of applicant (自然人提出的申请N件): 表三's 自然人 column"
        )(inserting(natural_persons_sentence))
neutral("none-from-legal-persons", "\"none from legal persons\" where only their columns are zero"
        )(inserting(none_from_legal_persons_sentence))
neutral("remainder-of-a-list", "the rest of a list (不予公开等其他N件): not the category it names")(inserting(remainder_sentence))
neutral("own-classification-in-brackets", "answers split in brackets by a classification of the agency's own "
                                          "(属于已主动公开…，同意公开…)")(inserting(own_classification_sentence))
neutral("share-of-a-nested-part", "a share of the part before it (57项，其中…的有45项，占比78.9%)")(inserting(nested_share_sentence))
