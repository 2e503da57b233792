"""A substitution rule with a pattern first searches the text once for the pattern it needs (its own with the
contexts it must stand in: `_needed`), and reads the pattern's matches one by one only where that finds
something — with the same findings as the rule reading every match."""
from __future__ import annotations

from types import SimpleNamespace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from linter.checks import substitution
from linter.checks.context import occurrences
from linter.document.model import Text
from linter.ruleset.patterns import is_local, other_character, without_anchors

# the pattern rules of the shipped rule set, and shapes around them: contexts with anchors or of several
# characters, negations of a literal character, a context and its negation on one side
PARAMS = [
    {"pattern": "[0-9]{2}年", "not_after": r"[\d.]", "before": "[0-9]{1,2}月"},
    {"pattern": r"\d+(?:\.\d+)?-\d+(?:\.\d+)?", "not_after": r"[\d-]",
     "before": r"(?:个工作日|个|件|日)(?:[^\d]|$)"},
    {"pattern": ",", "contiguous": True, "after": "[\u4e00-\u9fff]", "before": "[\u4e00-\u9fff]"},
    {"pattern": "[;:]", "after": "[\u4e00-\u9fff]", "before": "[\u4e00-\u9fff]"},
    {"pattern": "[一二][〇零一二三四五六七八九]{3}年", "translate": {"零": "〇"}},
    {"pattern": "年", "not_before": "月", "not_after": r"\d"},
    {"pattern": "[0-9]年", "not_after": "[0-9]", "not_before": "月"},
    {"pattern": "年", "not_after": "2", "before": "[0-9]"},
    {"pattern": "[0-9]年", "after": "^", "before": "月$"},
    {"pattern": "(?P<y>[0-9])年", "after": "(?P<y>.)", "right": r"\g<y>"},
    {"pattern": "[0-9]+", "after": "年", "not_after": r"[\d.]", "before": "月|日", "not_before": ","},
    {"pattern": "月", "not_before": r"\.", "not_after": "[^0-9]"},
    {"pattern": "[年月]", "after": r"\b", "not_before": "[0-9]"},
    {"pattern": "[0-9]+", "before": "个$"},
    {"pattern": "年", "after": "^[0-9]"},
]
ALPHABET = list("0123456789.-,;:年月日个件二〇零三\n ") + ["\u4e00"]
# texts of such pieces, where the rules' matches and contexts meet often
PIECES = ALPHABET + ["23年", "5年", "9年1月", "2023年", "1月", "12月", "3-5个", "1.5-2件", "二零二三年", "\u4e00,\u4e00", "甲;乙"]
TEXTS = st.one_of(st.text(st.sampled_from(ALPHABET), max_size=40),
                  st.lists(st.sampled_from(PIECES), max_size=12).map("".join))


def _rule(params: dict) -> SimpleNamespace:
    return SimpleNamespace(params={"boundary": "none", **params}, scope="document", fix="safe",
                           kind="substitution", aspect="substitute")


def _hits(params: dict | SimpleNamespace, s: str, others: tuple[dict, ...] = ()) -> list[tuple]:
    """The rule's findings in `s`, run among the rules of `others` (their needed patterns looked for together)."""
    rule = params if isinstance(params, SimpleNamespace) else _rule(params)
    cache: dict = {}
    ctx = SimpleNamespace(scope_text=lambda scope: Text(s, list(range(len(s)))), rules=[rule, *map(_rule, others)],
                          cached=lambda key, compute: cache[key] if key in cache else cache.setdefault(key, compute()))
    return [(h.start, h.end, h.data["found"], h.data["right"]) for h in substitution._substitute(rule, ctx)]


def _hits_reading_every_match(params: dict, s: str) -> list[tuple]:
    with pytest.MonkeyPatch.context() as mp:
        mp.setattr(substitution, "_needed", lambda *a: None)
        mp.setattr(substitution, "_may_report", lambda *a: True)
        return _hits(params, s)


@settings(max_examples=1000, deadline=None)
@given(st.sampled_from(PARAMS), TEXTS, st.lists(st.sampled_from(PARAMS), max_size=3))
def test_the_rule_reports_what_it_reported_reading_every_match(params, s, others):
    every = _hits_reading_every_match(params, s)
    assert _hits(params, s) == every
    assert _hits(params, s, tuple(others)) == every  # (the needed patterns of the scope's rules searched as one)
    needed = substitution._needed(params["pattern"], *(params.get(k) for k in substitution._CONTEXT_KEYS))
    assert not every or needed is None or needed.search(s) is not None, (params, s, every)


@settings(max_examples=200, deadline=None)
@given(st.lists(st.tuples(st.lists(st.sampled_from(PARAMS), max_size=3), TEXTS), min_size=2, max_size=4))
def test_a_rule_reports_the_same_whatever_rules_ran_beside_it_first(runs):
    """What a rule looks for together with the rules it first ran with is kept for the process: run later beside
    other rules, or alone, it still reports what it reports reading every match."""
    rule = _rule(PARAMS[0])
    for others, s in runs:
        assert _hits(rule, s, tuple(others)) == _hits_reading_every_match(PARAMS[0], s)
    words = _rule({"wrong": "年月"})
    for others, s in runs:
        text = s + "年月"
        assert _hits(words, text, tuple(others) + ({"wrong": "月"},)) == [(i, i + 2, "年月", "")
                                                                          for i in occurrences(text, "年月")]


def test_the_year_rules_text_is_passed_over_without_a_match_read():
    """A report's four-digit years and dates are matches of [0-9]{2}年 the rule turns down: the needed pattern
    finds nothing there, and a two-digit year before a month is found."""
    needed = substitution._needed("[0-9]{2}年", None, r"[\d.]", "[0-9]{1,2}月", None)
    assert needed.search("2023年1月1日至2023年12月31日，2022年度") is None
    assert needed.search("统计期限为23年1月1日") is not None
    assert needed.search("23年12月") is not None


def test_contexts_that_depend_on_more_than_the_characters_they_match_are_left_out():
    assert is_local("[0-9]{1,2}月") and is_local("(?:个|件)[^\\d]") and is_local("a(?i:b)")
    assert not any(map(is_local, ["^年", "年$", r"\b年", r"年\B", r"\A", r"\Z", "(?i)a", "(?s)."]))
    assert other_character(r"[\d.]") == r"[^\d.]" and other_character(",") == "[^,]"
    assert other_character(r"\.") == r"[^\.]"
    assert [other_character(p) for p in (r"[^\d]", r"\d", ".", "ab", "[]a]", "(?i)a", "[a-z]+")] == [None] * 7


def test_a_context_is_taken_without_its_anchors_where_they_read_alike():
    assert without_anchors(r"(?:个|件)(?:[^\d]|$)") == r"(?:个|件)(?:[^\d]|(?:))"
    assert without_anchors(r"\b年\B") == "(?:)年(?:)" and without_anchors("[0-9]月") == "[0-9]月"
    assert without_anchors(r"[$^]\$") == r"[$^]\$"  # (a mark in a set or escaped is a character)
    assert without_anchors("(?i)^a") is None
    needed = substitution._needed(r"\d+-\d+", None, r"[\d-]", r"(?:个|件)(?:[^\d]|$)", None)
    assert needed.search("2023-01-01，3-5个工作日") is not None and needed.search("2023-01-01至2023-12-31") is None
