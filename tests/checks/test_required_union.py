"""A requirement's patterns are looked for by one search of their union where no `unless` word can turn a match
down: the same answer as a search of each pattern in turn, on every corpus and crawled report (whole, and line by
line), on random text made of the patterns' own characters, and on hostile text."""
from __future__ import annotations

import random
import re

from conftest import CORPUS, EXAMPLE, ROOT
from linter.checks.required import _holds
from linter.ruleset.patterns import compile_pattern


def _holds_one_by_one(text, words, patterns, unless) -> bool:
    """The reference: each word, then each pattern's matches in turn."""
    for word in words or []:
        if word in text and not any(u in word for u in unless):
            return True
    for pattern in patterns or []:
        for m in compile_pattern(pattern).finditer(text):
            if not any(u in m.group() for u in unless):
                return True
    return False


def _pattern_lists():
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    for rule in load_rules(Config()):
        if rule.kind != "required":
            continue
        p = rule.params
        lists = [p.get("regex"), (p.get("only_if") or {}).get("regex")]
        lists += [group.get("regex") for group in p.get("groups") or []]
        for patterns in lists:
            if patterns:
                yield patterns, p.get("unless") or []
                yield patterns, []  # (a rule with an `unless` word searched as one without)


def _texts():
    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]:
        text = path.read_text(encoding="utf-8")
        yield text
        yield from text.splitlines()


def _random_texts(lists, count: int = 3000):
    pool = sorted({c for patterns, _ in lists for p in patterns for c in p if not c.isascii()}
                  | set("0123456789件。；，\n 零为"))
    words = sorted({w for patterns, _ in lists for p in patterns for w in re.findall(r"[\u4e00-\u9fff]{2,}", p)})
    rng = random.Random(30)
    for _ in range(count):
        parts = [rng.choice(words) if rng.random() < 0.4 else "".join(rng.choices(pool, k=rng.randint(1, 6)))
                 for _ in range(rng.randint(1, 12))]
        yield "".join(parts)


def test_the_union_answers_as_each_pattern_in_turn():
    lists = list(_pattern_lists())
    assert any(len(patterns) > 1 and not unless for patterns, unless in lists)
    held = missed = 0
    for text in [*_texts(), *_random_texts(lists), "", "件" * 50_000, "代表建议" + "。" * 20_000 + "3件"]:
        for patterns, unless in lists:
            found = _holds(text, None, patterns, unless)
            assert found == _holds_one_by_one(text, None, patterns, unless), (text[:80], patterns)
            held, missed = held + found, missed + (not found)
    assert held > 200 and missed > 200


def test_an_unless_word_still_turns_a_match_down():
    assert not _holds("依申请公开12件", None, [r"\d+件", r"公开\d+"], ["12"])
    assert _holds("依申请公开12件", None, [r"\d+件", r"公开\d+"], [])
