"""The scope words of WORDING-SCOPE-LEVEL are found by `str.find`: the places `re.finditer` of the escaped word
finds, on every corpus and crawled report, on random text of the words' characters (words that overlap
themselves included) and on hostile text."""
from __future__ import annotations

import random
import re

from conftest import CORPUS, EXAMPLE, ROOT
from linter.checks.scope_level import _occurrences


def _scope_words() -> list[str]:
    from linter.engine.run import load_rules
    from linter.settings.config import Config

    words = {w for rule in load_rules(Config()) if rule.kind == "scope_level" for w in rule.params["scopes"]}
    assert words
    return sorted(words)


def _reference(s: str, word: str) -> list[int]:
    return [m.start() for m in re.finditer(re.escape(word), s)]


def test_the_places_are_those_finditer_finds():
    words = _scope_words() + ["全省全省", "省省", "a.b", "+"]
    crawled = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in [EXAMPLE, *sorted(CORPUS.glob("*.txt")), *crawled]]
    rng = random.Random(10)
    pool = sorted(set("".join(words)) | set("市县区镇。，\n "))
    texts += ["".join(rng.choices(pool, k=rng.randint(0, 60))) for _ in range(3000)]
    texts += ["全省" * 100_000, "省" * 100_001 + "全"]
    found = 0
    for s in texts:
        for word in words:
            places = list(_occurrences(s, word))
            assert places == _reference(s, word), (s[:60], word)
            found += len(places)
    assert found > 1000


def test_an_empty_word_stands_everywhere_as_finditer_says():
    assert list(_occurrences("全省", "")) == _reference("全省", "") == [0, 1, 2]
