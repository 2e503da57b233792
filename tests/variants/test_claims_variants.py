"""Prose numbers on every real report (issue 17): the sentences of `claims_variants` stated wrong are found at
their line, an "all done" statement against carried-over requests fires, a list whose parts exceed their
total fires, and a blank total whose parts are filled still lets the text checks run (and says so).
Importing `claims_variants` registers its neutral rewrites for tests/variants/test_neutral.py."""
from __future__ import annotations

import re
from collections import Counter
from functools import lru_cache

import pytest

import claims_variants as cv
from variant_tools import NEUTRAL, REPORTS, lint_text, line_of, read


def new_findings(before_text: str, after_text: str, name: str):
    """Findings of the variant that the report does not have already (by rule and message: an inserted
    sentence moves the lines and columns of what follows it)."""
    before = Counter((f.rule, f.message) for f in lint_text(before_text, name).findings)
    out = []
    for f in lint_text(after_text, name).findings:
        if before[(f.rule, f.message)]:
            before[(f.rule, f.message)] -= 1
        else:
            out.append(f)
    return out


def cases_where(make) -> list:
    """(path, text, variant, sentence) for every report the sentence maker applies to."""
    out = []
    for path in REPORTS:
        text = read(path)
        sentence = make(text, path)
        variant = sentence and cv.insert_sentence(text, path, sentence)
        if variant:
            out.append((path, text, variant, sentence))
    return out


def ids(cases) -> list[str]:
    return [c[0].name for c in cases]


def assert_fires_at(rule: str, text: str, variant: str, sentence: str, name: str) -> list:
    fired = [f for f in new_findings(text, variant, name) if f.rule == rule]
    assert fired, f"{rule} did not fire on: {sentence}"
    assert {f.line for f in fired} == {line_of(variant, sentence)}
    return fired


OURS = [t for t in NEUTRAL if t.apply.__module__ == cv.__name__]
NEUTRAL_CASES = [(t, p, v) for t in OURS for p in REPORTS if (v := t.apply(read(p), p)) is not None]


@pytest.mark.parametrize("transform,path,variant", NEUTRAL_CASES, ids=[f"{t.name}-{p.name}" for t, p, _ in NEUTRAL_CASES])
def test_a_sentence_stating_the_tables_right_adds_no_prose_finding(transform, path, variant):
    """Stricter than the neutral suite (errors only): no warning either, from any rule over claims."""
    found = [f.rule for f in new_findings(read(path), variant, path.name) if f.rule.startswith(("TX-", "PROSE-"))]
    assert found == [], transform.variation


# ── injected defects: (label, the sentence from the report's tables or None, the rule that must fire) ───
def _all_done_against_the_table(text, path):
    return "本年度政府信息公开申请均已按期办理完毕。" if cv.number(text, path, "t3", "R25") else None


def _all_upheld_against_the_table(text, path):
    return cv.all_upheld_sentence(text, path) if cv.not_upheld(text, path) else None


def _none_from_legal_persons_against_the_table(text, path):
    return "本年度未收到法人或其他组织提出的政府信息公开申请。" if cv.legal_persons(text, path) else None


DEFECTS = [
    ("compound stated wrong", lambda t, p: cv.compound_sentence(t, p, delta=1), "TX-COMPOUND"),
    ("per-category stated wrong", lambda t, p: cv.per_category_sentence(t, p, delta=1), "TX-CAT-OPEN"),
    ("stock before additions stated wrong", lambda t, p: cv.stock_sentence(t, p, delta=1), "TX-T2-CURRENT"),
    ("all done while 表三 carries requests over", _all_done_against_the_table, "TX-NONE-CARRYOUT"),
    ("all done next to a carry-over in the prose",
     lambda t, p: "本年度政府信息公开申请均已按期办理完毕，另有2件结转下年度办理。", "TX-CLAIM-CONFLICT"),
    ("all upheld while 表四 has other outcomes", _all_upheld_against_the_table, "TX-OUTCOME"),
    ("parts exceeding their total", lambda t, p: "全年共发布各类政府信息100条，其中政策文件60条，工作动态50条。",
     "PROSE-SUM-PARTS"),
    ("natural persons' requests stated wrong", lambda t, p: cv.natural_persons_sentence(t, p, delta=1), "TX-NEW"),
    ("none from legal persons while 表三 has some", _none_from_legal_persons_against_the_table, "TX-NONE-REQUEST"),
    ("a share of the total stated wrong", lambda t, p: "本年度主动公开政府信息200条，其中政策文件50条，占比30%。",
     "PROSE-SHARE"),
]
DEFECT_CASES = [(label, rule, *case) for label, make, rule in DEFECTS for case in cases_where(make)]


def test_every_defect_applies_to_some_report():
    assert {label for label, *_ in DEFECT_CASES} == {label for label, _, _ in DEFECTS}


@pytest.mark.parametrize("label,rule,path,text,variant,sentence", DEFECT_CASES,
                         ids=[f"{c[0]}-{c[2].name}" for c in DEFECT_CASES])
def test_an_injected_defect_fires_at_its_line(label, rule, path, text, variant, sentence):
    assert_fires_at(rule, text, variant, sentence, path.name)


@lru_cache(maxsize=1)
def _vocabulary():
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    return next(r.params["vocabulary"] for r in load_rules(Config()) if "vocabulary" in r.params)


def _real_breakdowns():
    """Every report's own breakdowns (a total with two or more exact parts), each with its last part raised
    so that the parts exceed the total: (path, text, variant, line of the total)."""
    from linter.checks.claimview import report_claims

    out = []
    for path in REPORTS:
        text = read(path)
        context = cv._analysis(text, path.name).context
        scope = context.scope_text("document")
        for enum in report_claims(context, _vocabulary()).enumerations:
            if enum.head is None or len(enum.parts) < 2 or enum.head.approximate or any(p.approximate for p in enum.parts):
                continue
            digits = re.match(r"\d+", scope.text[enum.parts[-1].at[0]:])
            start, end = scope.source_span(enum.parts[-1].at[0], enum.parts[-1].at[0] + len(digits.group()))
            if not text[start:end].isdigit():
                continue
            raised = str(int(text[start:end]) + int(enum.head.value) + 1)
            total_at = scope.source_span(*enum.head.at)[0]
            out.append((path, text, text[:start] + raised + text[end:], text.count("\n", 0, total_at) + 1))
    return out


BREAKDOWNS = _real_breakdowns()


def test_some_reports_have_breakdowns_of_their_own():
    assert len({path for path, *_ in BREAKDOWNS}) >= 3


@pytest.mark.parametrize("path,text,variant,line", BREAKDOWNS, ids=[f"{b[0].name}:{b[3]}" for b in BREAKDOWNS])
def test_a_real_breakdown_whose_parts_exceed_its_total_fires_at_the_total(path, text, variant, line):
    fired = [f for f in new_findings(text, variant, path.name) if f.rule in ("PROSE-SUM-PARTS", "PROSE-SUM-MISMATCH")]
    assert [f.line for f in fired] == [line]


# ── a blank total whose parts are filled ───────────────────────────────────────────────────────────────
NEW_ROW = re.compile(r"^(\| *一、本年新收[^|\n]*\|(?:[^|\n]*\|){6})( *\d+ *)(\|)", re.M)


def blank_new_total(text: str) -> str | None:
    """The report with 表三's 本年新收 总计 cell left blank (Markdown pipe tables)."""
    m = NEW_ROW.search(text)
    return text[:m.start(2)] + " " + text[m.end(2):] if m else None


def applicants_filled(text: str, path) -> bool:
    return cv.numbers(text, path, *[("t3", "R1", col) for col in ("NP", "BE", "RI", "SO", "LS", "OT")]) is not None


BLANK_CASES = [(p, read(p)) for p in REPORTS if blank_new_total(read(p)) and applicants_filled(read(p), p)]


def test_some_report_has_a_markdown_table_three_with_every_applicant_column_filled():
    assert BLANK_CASES


@pytest.mark.parametrize("path,text", BLANK_CASES, ids=[p.name for p, _ in BLANK_CASES])
def test_a_blank_total_does_not_switch_the_text_checks_off(path, text):
    blank = blank_new_total(text)
    new = cv.number(text, path, "t3", "R1")
    assert cv.number(blank, path, "t3", "R1") == new  # derived from the applicant columns
    wrong = f"本年度新收政府信息公开申请{cv.n(new + 1)}件。"
    variant = cv.insert_sentence(blank, path, wrong)
    [fired] = assert_fires_at("TX-NEW", blank, variant, wrong, path.name)
    assert "空白" in fired.message and "推算" in fired.message
    right = cv.insert_sentence(blank, path, f"本年度新收政府信息公开申请{cv.n(new)}件。")
    assert "TX-NEW" not in {f.rule for f in new_findings(blank, right, path.name)}
    assert "T3-EMPTY" in {f.rule for f in lint_text(blank, path.name).findings}
