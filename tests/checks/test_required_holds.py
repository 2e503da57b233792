"""A requirement is settled by the first word or pattern found: the same answer as the search for the earliest
occurrence of them all, on every corpus and crawled report and for every requirement of the shipped rules."""
from __future__ import annotations

from conftest import CORPUS, EXAMPLE, ROOT
from linter.checks.required import _first_match, _holds


def _requirements():
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    for rule in load_rules(Config()):
        if rule.kind != "required":
            continue
        p, unless = rule.params, rule.params.get("unless") or []
        if p.get("any"):
            yield p["any"], None, unless
        for word in p.get("all") or []:
            yield [word], None, unless
        if p.get("regex"):
            yield None, p["regex"], unless
        for group in p.get("groups") or []:
            yield group.get("any"), group.get("regex"), unless
        only_if = p.get("only_if") or {}
        if only_if.get("any") or only_if.get("regex"):
            yield only_if.get("any"), only_if.get("regex"), unless


def test_the_first_found_settles_what_the_earliest_would():
    requirements = list(_requirements())
    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    held = missed = 0
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]:
        text = path.read_text(encoding="utf-8")
        for words, patterns, unless in requirements:
            found = _holds(text, words, patterns, unless)
            assert found == (_first_match(text, words, patterns, unless) is not None)
            held, missed = held + found, missed + (not found)
    assert held > 100 and missed > 100


def test_a_word_holding_an_unless_word_never_counts():
    assert not _holds("某某条例规定", ["条例"], None, ["例"])
    assert _first_match("某某条例规定", ["条例"], None, ["例"]) is None
    assert _holds("某某条例规定", ["条例", "规定"], None, ["例"])
    assert _holds("依申请公开12件", None, [r"\d+件", "申请"], ["12"])  # the second pattern's match counts
