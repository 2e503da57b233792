"""The slip detectors find their few candidate places by a narrower search than a walk over every window: each
search gives what the plain walk gives, in the same order, on every report of the corpus and of the crawled
ecosystem and on random texts made to hold many repeats and slips."""
from __future__ import annotations

import random
from collections import Counter

import pytest

from conftest import CORPUS, ROOT
from linter.checks.phrase_slip import _Grams, added_between
from linter.checks.soundview import sound_windows
from linter.language.pinyin import sound_key


def _reports() -> list[str]:
    paths = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    paths += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def _random_texts(n: int) -> list[str]:
    """Phrases of the reports cut into words and run together again with stray characters, punctuation and
    Latin text between them: phrases repeat, and many a phrase is written again with a character added."""
    rng = random.Random(30)
    words = ["信息", "公开", "政府", "受理", "群众", "申请", "办理", "工作", "年度", "报告", "发布", "依法", "开", "的",
             "已", "办", "网", "及时", "实事", "为民", "A", "1"]
    cuts = [""] * 12 + ["，", "。", "\n", " ", "abc"]
    return ["".join(rng.choice(words) + rng.choice(cuts) for _ in range(rng.randrange(5, 400))) for _ in range(n)]


REPORTS, RANDOM = _reports(), _random_texts(400)
TEXTS = REPORTS + RANDOM


def _walked(s: str, uses: Counter, windows, min_uses: int) -> list[tuple[int, str, int]]:
    """`added_between` as a walk over every window start: its first two characters looked up among the first
    words of the repeated phrases, then the two after the added one among that word's second words."""
    seconds: dict[str, set[str]] = {}
    for g, n in uses.items():
        if n >= min_uses:
            seconds.setdefault(g[:2], set()).add(g[2:])
    found = []
    for starts, _ in windows:
        for i in starts:
            after = seconds.get(s[i:i + 2])
            if after is not None and s[i + 3:i + 5] in after:
                found.append((i, s[i:i + 2] + s[i + 3:i + 5], 2))
    return found


def _grams(s: str, min_uses: int) -> tuple[_Grams, list]:
    sounds = sound_key(s)
    windows = list(sound_windows(s, sounds))
    return _Grams(s, sounds, windows, {}, min_uses), windows


def test_the_texts_hold_what_the_searches_look_for():
    def found(s: str) -> int:
        grams, windows = _grams(s, 2)
        return len(added_between(s, grams.uses, windows, 2))

    assert sum(map(found, REPORTS)) > 100 and sum(map(found, RANDOM)) > 100


@pytest.mark.parametrize("min_uses", [1, 2, 3])
def test_a_stray_character_s_windows_are_those_of_the_walk_over_every_window(min_uses):
    total = 0
    for s in TEXTS:
        grams, windows = _grams(s, min_uses)
        found = added_between(s, grams.uses, windows, min_uses)
        assert found == _walked(s, grams.uses, windows, min_uses)
        total += len(found)
    assert total > 0


def test_the_phrases_read_as_written_are_those_of_the_windows_of_a_sound_heard_twice():
    """What `_Grams` counts (min_uses 2): every window whose sound is heard more than once, read as written."""
    for s in TEXTS:
        grams, windows = _grams(s, 2)
        heard = Counter(key for _, keys in windows for key in keys)
        read = [(i, key) for starts, keys in windows for i, key in zip(starts, keys) if heard[key] > 1]
        assert grams.uses == Counter(s[i:i + 4] for i, _ in read)
        assert list(grams.sounded.items()) == list({s[i:i + 4]: key for i, key in read}.items())


@pytest.mark.parametrize("min_uses", [1, 2])
def test_how_often_a_spelling_of_a_sound_heard_twice_is_counted_is_how_often_it_is_written(min_uses):
    """The phrase slips judge each spelling of a sound by `uses` and look for a slip's places only when it has a
    repair: the count is the number of its places in the text, overlapping ones too (公开公开 in 公开公开公开)."""
    from linter.language.statements import positions

    checked = 0
    for s in TEXTS + ["公开公开公开，公开工开。"]:
        grams, _ = _grams(s, min_uses)
        for written in grams.sounded:
            assert grams.uses[written] == len(positions(s, written))
            checked += 1
    assert checked > 1000
