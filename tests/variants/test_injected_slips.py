"""Slips injected into every real report are found at their line; the same reports unchanged, and their neutral
(Named to be collected before test_neutral.py: importing `slips` registers its neutral rewrites there too.)
rewrites, give no finding from the slip detectors that is not judged a real defect."""
from __future__ import annotations

from collections import Counter

import pytest
import yaml

from conftest import FIXTURES
from slips import ALL_REPORTS, INJECTIONS, OUTSIDE_THE_LEXICON
from variant_tools import NEUTRAL, REPORTS, lint_text, read

SLIP_RULES = ("WORDING-NEAR-MISS", "WORDING-PHRASE-SLIP", "WORDING-AGENCY-NAME", "WORDING-ENUM-ORDER",
              "WORDING-DOUBLED-SEQ", "WORDING-URL-MALFORMED", "WORDING-EMAIL-MALFORMED", "CITE-NOTICE-YEAR",
              "CITE-TRIAL-FORMAT")
SLIP_VARIANTS = ("https-scheme", "synonym-of-another-sound", "agency-name-shortened", "list-restarted", "list-circled",
                 "particle-dropped-in-title", "adverb-inside-phrase", "homophone-variant", "own-spelling-three-times",
                 "names-and-terms")
# the rewrites of the slips outside the fixed lexicon, over both corpora
OUTSIDE_VARIANTS = ("adverb-inside-phrase", "homophone-variant", "own-spelling-three-times", "names-and-terms")

CASES = [(name, rule, path, injected) for name, (rule, inject) in INJECTIONS.items() for path in REPORTS
         if (injected := inject(read(path), path)) is not None]


def slip_findings(text: str, name: str):
    return [f for f in lint_text(text, name).findings if f.rule in SLIP_RULES]


def test_every_injection_applies_to_some_report():
    assert {name for name, *_ in CASES} == set(INJECTIONS)


OUTSIDE = [(name, rule, path, injected) for name, (rule, inject) in OUTSIDE_THE_LEXICON.items() for path in ALL_REPORTS
           if (injected := inject(read(path), path)) is not None]


def test_every_slip_outside_the_lexicon_applies_to_reports_of_both_corpora():
    for corpus in (REPORTS, [p for p in ALL_REPORTS if p not in REPORTS]):
        assert {name for name, _, path, _ in OUTSIDE if path in corpus} == set(OUTSIDE_THE_LEXICON)


@pytest.mark.parametrize("name,rule,path,injected", OUTSIDE,
                         ids=[f"{c[0]}-{c[2].parent.name}/{c[2].name}" for c in OUTSIDE])
def test_a_slip_outside_the_lexicon_is_found_at_its_line_and_nothing_else(name, rule, path, injected):
    text, line = injected
    before = Counter((f.rule, f.line) for f in lint_text(read(path), path.name, select=list(SLIP_RULES)).findings)
    after = Counter((f.rule, f.line) for f in lint_text(text, path.name, select=list(SLIP_RULES)).findings)
    assert after - before == Counter({(rule, line): 1}), f"{name}: {sorted(after - before)}"


@pytest.mark.parametrize("name,rule,path,injected", CASES, ids=[f"{c[0]}-{c[2].name}" for c in CASES])
def test_an_injected_slip_is_found_at_its_line(name, rule, path, injected):
    text, line = injected
    before = Counter((f.rule, f.line) for f in slip_findings(read(path), path.name))
    after = Counter((f.rule, f.line) for f in slip_findings(text, path.name))
    assert (rule, line) in after - before, f"{name}: {sorted(after - before)}"


def test_the_injections_are_slips_a_reader_sees():
    """The table-header slip changes one character of an official label in a table cell, to one that sounds the
    same; the agency slip drops one character from inside the name."""
    path = next(p for p in REPORTS if p.name == "2023-huaian-hongzequ-qzf.md")
    text, line = INJECTIONS["table-header"][1](read(path), path)
    changed_lines = [(a, b) for a, b in zip(read(path).splitlines(), text.splitlines()) if a != b]
    assert len(changed_lines) == 1 and "信息内容" in changed_lines[0][0] and "信息内容" not in changed_lines[0][1]
    path = next(p for p in REPORTS if p.name == "2023-shuyang-fgj.md")
    text, line = INJECTIONS["closing-agency"][1](read(path), path)
    assert text.splitlines()[line - 1] == "沭阳县发和改革局"


JUDGED = yaml.safe_load((FIXTURES / "judgements.yaml").read_text(encoding="utf-8"))


@pytest.mark.parametrize("path", REPORTS, ids=[p.name for p in REPORTS])
def test_unchanged_reports_give_only_judged_true_slips(path):
    defects = {(rule, line) for rule, line, verdict, _ in JUDGED.get(path.name) or [] if verdict == "defect"}
    found = {(f.rule, f.line) for f in slip_findings(read(path), path.name)}
    assert found <= defects


NEUTRAL_CASES = [(t, p, v) for t in NEUTRAL if t.name in SLIP_VARIANTS
                 for p in (ALL_REPORTS if t.name in OUTSIDE_VARIANTS else REPORTS)
                 if (v := t.apply(read(p), p)) is not None]


def test_every_slip_variant_applies_to_some_report():
    assert {t.name for t, _, _ in NEUTRAL_CASES} == set(SLIP_VARIANTS)


@pytest.mark.parametrize("transform,path,variant", NEUTRAL_CASES,
                         ids=[f"{t.name}-{p.parent.name}/{p.name}" for t, p, _ in NEUTRAL_CASES])
def test_a_neutral_rewrite_adds_no_slip_finding(transform, path, variant):
    before = {f.rule for f in lint_text(read(path), path.name, select=list(SLIP_RULES)).findings}
    after = lint_text(variant, path.name, select=list(SLIP_RULES)).findings
    assert [f for f in after if f.rule not in before] == [], transform.variation
