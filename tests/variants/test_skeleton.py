"""The report's skeleton as agencies really write it, over every real report of the corpus: the neutral
variants of `skeleton_variants` (which test_neutral.py runs: no error-level finding added) keep the agency and
year the title gives and show their own finding at their place; the injected defects — a required statement removed, a section really missing, an identity broken, a table really
missing, a heading lost — are still found, at their place; and the raw crawled or extracted text of a report gets
no error its clean form does not, its flattened tables checked wherever they split uniquely."""
from __future__ import annotations

import re
from collections import Counter
from pathlib import Path

import pytest

import skeleton_variants as sv
from conftest import CORPUS, line_column
from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables import statistics_tables
from linter.tables.recover import RUN_TOGETHER
from variant_tools import NEUTRAL, REPORTS, error_rules, line_of, lint_text, read

SKELETON = [t for t in NEUTRAL if t.apply.__module__ == sv.__name__]   # tests/variants/test_neutral.py runs them all
CASES = [(t, p, v) for t in SKELETON for p in REPORTS if (v := t.apply(read(p), p)) is not None]
_BEFORE: dict[Path, Counter] = {}


def errors_before(path: Path) -> Counter:
    if path not in _BEFORE:
        _BEFORE[path] = error_rules(lint_text(read(path), path.name))
    return _BEFORE[path]


TITLE_CASES = [(t, p, v) for t, p, v in CASES if t.name.startswith("title-") or t.name == "unit-spacing"]


@pytest.mark.parametrize("transform,path,variant", TITLE_CASES, ids=[f"{t.name}-{p.name}" for t, p, _ in TITLE_CASES])
def test_the_agency_and_year_are_read_from_every_title_form(transform, path, variant):
    from linter.batch.origin import report_origin

    def origin(text):
        return report_origin(analyse(text.encode("utf-8"), path.name, Config()).context)

    before, after = origin(read(path)), origin(variant)
    assert (after.agency, after.year, after.key) == (before.agency, before.year, before.key)
    assert before.agency and before.year


# ── what the outline variants must show at their place ────────────────────────────────────────────

@pytest.mark.parametrize("path", [p for p in REPORTS if sv.outline_lost_heading(read(p), p)], ids=lambda p: p.name)
def test_a_lost_heading_is_a_warning_at_the_content_not_a_missing_section(path):
    text = read(path)
    variant = sv.outline_lost_heading(text, path)
    found = lint_text(variant, path.name).findings
    lost = [f for f in found if f.rule == "STRUCT-SECTION-HEADING-MISSING"]
    assert [(f.severity, f.section) for f in lost] == [("warning", "五")]
    heading = re.search(r"五、存在的主要问题及(?:改进情况|整改措施)", text)
    content = re.search(r"[\u4e00-\u9fff（）\d]{4,}", text[heading.end():]).group()
    content_line = line_of(variant, content, text.rfind("\n", 0, heading.start()) + 1)
    assert lost[0].line == content_line
    assert "STRUCT-SECTION-MISSING" not in {f.rule for f in found}


@pytest.mark.parametrize("path", [p for p in REPORTS if sv.outline_own_section(read(p), p)], ids=lambda p: p.name)
def test_a_section_of_the_agencys_own_is_noted_and_keeps_its_content(path):
    variant = sv.outline_own_section(read(path), path)
    found = lint_text(variant, path.name).findings
    extra = [f for f in found if f.rule == "STRUCT-SECTION-EXTRA"]
    assert [(f.severity, f.line) for f in extra] == [("info", line_of(variant, "五、政府信息公开收费情况"))]
    assert not {"STRUCT-ORDINAL-MISMATCH", "TABLE-UNRECOGNISED"} & {f.rule for f in found} - {
        f.rule for f in lint_text(read(path), path.name).findings}


# ── injected defects, found at their place ────────────────────────────────────────────────────────

_FEE_SENTENCE_RE = re.compile(r"[^。<>|]*(?:处理费|收费)[^。<>|]*。")


def remove_fee_statements(text: str, path: Path) -> str | None:
    """Every sentence on the information processing fee removed (a table's 行政事业性收费 row stays)."""
    def cut(m: re.Match) -> str:
        keep = re.match(r".*其他需要报告的事项\s*", m.group(), re.S)   # the heading before the sentence
        return keep.group() if keep else ""
    out = _FEE_SENTENCE_RE.sub(cut, text)
    return out if out != text and sv._SIX_RE.search(out) else None


def remove_section_five(text: str, path: Path) -> str | None:
    five, six = sv._FIVE_RE.search(text), sv._SIX_RE.search(text)
    if five is None or six is None or six.start() < five.start():
        return None
    start = text.rfind("\n", 0, five.start()) + 1 if not sv.crawled(text, path) else five.start()
    end = text.rfind("\n", 0, six.start()) + 1 if not sv.crawled(text, path) else six.start()
    return text[:start] + text[end:]

@pytest.mark.parametrize("path", [p for p in REPORTS if sv.crawled_lost_ordinal_one(read(p), p)], ids=lambda p: p.name)
def test_a_crawled_title_without_its_ordinal_is_read_as_the_heading(path):
    """On a crawled one-line page the title of 五 is still the heading when its ordinal is lost: a warning at
    the title, and the section keeps its content (its statements are not reported missing)."""
    text = read(path)
    variant = sv.crawled_lost_ordinal_one(text, path)
    found = lint_text(variant, path.name).findings
    lost = [f for f in found if f.rule == "STRUCT-ORDINAL-MISSING"]
    assert [(f.severity, f.section) for f in lost] == [("warning", "五")]
    at = sv._crawled_heading_ordinal(text, path, "五").start()  # where the title now begins
    assert (lost[0].line, lost[0].column) == line_column(variant, at)
    assert not {"STRUCT-SECTION-MISSING", "STRUCT-SECTION-HEADING-MISSING"} & {f.rule for f in found}
    disclosed = {f.rule for f in lint_text(text, path.name).findings if f.section == "五"}
    assert not [f.rule for f in found if f.section == "五" and f.rule.startswith("DISC-") and f.rule not in disclosed]


_R1_ROW_RE = re.compile(r"(本年新收政府信息公开申请数量[^\n]*?)(\d+)([^\S\n]*\|?[^\S\n]*)$", re.M)
_R1_HTML_RE = re.compile(r"(本年新收政府信息公开申请数量.*?)(\d+)(</td>\s*</tr>)", re.S)


def break_row_total(text: str, path: Path) -> str | None:
    """表三's first row total one higher than its parts."""
    pattern = _R1_HTML_RE if sv.is_html(path) else _R1_ROW_RE
    m = pattern.search(text)
    if m is None or sv.crawled(text, path) or re.search(r"\|\s*\|", m.group()) or "<td></td>" in m.group():
        return None   # a run-together row cannot be both broken and recovered; a row with blanks is not judged
    return text[:m.start(2)] + str(int(m.group(2)) + 1) + text[m.end(2):]


def remove_table_three(text: str, path: Path) -> str | None:
    if path.suffix == ".md":
        m = re.search(r"(?:^\|.*\n)+", text[text.find("三、收到和处理"):], re.M)
        start = text.find("三、收到和处理") + m.start() if m else -1
    elif sv.is_html(path):
        m = re.search(r"<table[^>]*>(?:(?!</table>).)*本年新收(?:(?!</table>).)*</table>", text, re.S)
        start = m.start() if m else -1
    else:
        return None
    return text[:start] + text[start + len(m.group()):] if m and "本年新收" in m.group() else None


def six_heading(text: str) -> str:
    return sv._SIX_RE.search(text).group().strip()


DEFECTS = {
    # name: (inject, rule, where the finding must be: a text in the variant)
    "fee-statement-removed": (remove_fee_statements, "DISC-FEE", six_heading),
    "section-five-removed": (remove_section_five, "STRUCT-SECTION-MISSING", six_heading),
    "row-total-broken": (break_row_total, "T3-ROW", lambda text: "本年新收政府信息公开申请数量"),
    "table-three-removed": (remove_table_three, "TABLE-T3-MISSING", lambda text: "三、收到和处理政府信息公开申请情况"),
}
# the year from which each requirement holds (the fee statement: the 2021 format; the rest: the 2019 条例)
SINCE = {"fee-statement-removed": 2021}
DEFECT_CASES = [(name, p, v) for name, (inject, _, _) in DEFECTS.items() for p in REPORTS
                if int(p.name[:4]) >= SINCE.get(name, 2019) and (v := inject(read(p), p)) is not None]


def test_every_injected_defect_applies_to_some_report():
    assert {name for name, _, _ in DEFECT_CASES} == set(DEFECTS)


@pytest.mark.parametrize("name,path,variant", DEFECT_CASES, ids=[f"{n}-{p.name}" for n, p, _ in DEFECT_CASES])
def test_an_injected_defect_is_found_at_its_place(name, path, variant):
    _, rule, where = DEFECTS[name]
    found = [f for f in lint_text(variant, path.name).findings if f.rule == rule]
    place = line_of(variant, where(variant))
    assert place in [f.line for f in found], f"{name}: {rule} not on line {place}: {[(f.rule, f.line) for f in found]}"
    if rule != "T3-ROW" or not any(f.rule == rule for f in lint_text(read(path), path.name).findings):
        assert all(f.severity == "error" for f in found if f.line == place)


# ── raw against clean ─────────────────────────────────────────────────────────────────────────────

PAIRS = sorted((p, next(q for q in REPORTS if q.stem == p.stem and q.suffix in (".md", ".html")))
               for p in REPORTS if p.suffix == ".txt" and any(q.stem == p.stem and q.suffix in (".md", ".html") for q in REPORTS))


@pytest.mark.parametrize("raw,clean", PAIRS, ids=[p.stem for p, _ in PAIRS])
def test_the_raw_text_gets_no_error_its_clean_form_does_not(raw, clean):
    assert errors_before(raw) - errors_before(clean) == {}


def tables(path: Path, text: str | None = None):
    data = (text if text is not None else read(path)).encode("utf-8")
    return statistics_tables(analyse(data, path.name, Config()).context)


@pytest.mark.parametrize("stem,recovered,unreadable", [
    ("2019-pingtan-gwh", {"t3", "t4"}, {"t2"}),   # 规范性文件898989: three cells, no identity, many splits
    ("2022-pingtan-gwh", {"t3", "t4"}, {"t2"}),   # 行政规范性文件8855698
])
def test_flattened_tables_that_split_uniquely_are_recovered_exactly(stem, recovered, unreadable):
    raw, clean = tables(CORPUS / f"{stem}.txt"), tables(CORPUS / f"{stem}.md")
    assert {t.name for t in raw} == recovered and set(raw.unreadable) == unreadable
    for name in recovered:
        got, want = raw.get(name), clean.get(name)
        assert {k: c.value for k, c in got.cells.items()} == {k: c.value for k, c in want.cells.items()}
        assert got.format == want.format


def test_a_recovered_table_is_checked_and_its_findings_say_so():
    """2022's 表三 with 上年结转 written 2…2 instead of 1…1: the row still splits uniquely (2 = 2), so the table
    is recovered, and the balance 一＋二＝（七）＋四 that now fails is reported — as a warning that names the
    run-together digits."""
    path = CORPUS / "2022-pingtan-gwh.txt"
    text = read(path).replace("上年结转政府信息公开申请数量 1000001", "上年结转政府信息公开申请数量 2000002")
    assert RUN_TOGETHER in tables(path, text).t3.layout
    found = [f for f in lint_text(text, path.name).findings if f.rule == "T3-BAL"]
    assert found and all(f.severity == "warning" and "连写在一起的数字串" in f.message for f in found)
    assert {f.cell["column_key"] for f in found} == {"NP", "T"}
