"""`SafePattern.found_in` says whether `search` finds a match, without working out where: the same answer as
`search(...) is not None` for every text and pattern of the shipped rules (and their unions), on every corpus and
crawled report, on windows of them (`pos`, `endpos`), on random text of the patterns' own characters and on
hostile text."""
from __future__ import annotations

import random

from conftest import CORPUS, EXAMPLE, ROOT
from linter.ruleset.patterns import UnsafePattern, any_of, compile_pattern


def _strings(value):
    if isinstance(value, str):
        yield value
    elif isinstance(value, dict):
        for v in value.values():
            yield from _strings(v)
    elif isinstance(value, (list, tuple)):
        for v in value:
            yield from _strings(v)


def _patterns():
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    texts = sorted({s for rule in load_rules(Config()) for s in _strings(rule.params)} |
                   {rule.when["agency_name"] for rule in load_rules(Config()) if rule.when and "agency_name" in rule.when})
    compiled = []
    for text in texts:
        try:
            compiled.append(compile_pattern(text))
        except (UnsafePattern, TypeError):
            continue
    unions = [any_of(tuple(p.pattern for p in compiled[k:k + 7])) for k in range(0, len(compiled), 7)]
    return compiled + [u for u in unions if u is not None]


def _texts(rng: random.Random, pool: list[str]):
    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    for path in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]:
        text = path.read_text(encoding="utf-8")
        yield text, 0, None
        for _ in range(20):
            a = rng.randrange(len(text))
            yield text, a, a + rng.randrange(-5, 600)
        yield from ((line, 0, None) for line in text.splitlines()[:60])
    for _ in range(300):
        yield "".join(rng.choices(pool, k=rng.randint(0, 40))), 0, None
    yield "", 0, None
    yield "。" * 100_000 + "我局", 0, None
    yield "a" * 100_000, 50_000, 50_010


def test_found_in_answers_as_search_does():
    patterns = _patterns()
    assert len(patterns) > 100
    assert all(p.engine == "re2" for p in patterns)  # (the path without RE2 is `search` itself)
    rng = random.Random(3)
    pool = sorted({c for p in patterns for c in p.pattern if not c.isascii()} | set("0123456789年月日。，\n "))
    found = missed = 0
    for text, pos, endpos in _texts(rng, pool):
        for pattern in patterns:
            answer = pattern.found_in(text, pos, endpos)
            assert answer == (pattern.search(text, pos, endpos) is not None), (pattern.pattern, text[:60], pos, endpos)
            found, missed = found + answer, missed + (not answer)
    assert found > 1000 and missed > 1000
