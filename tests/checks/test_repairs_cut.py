"""The repaired block is cut without making tokens when it is still one run of the characters jieba cuts together:
the reading after a repair is the same as `tokenize` of the repaired block gives, on every report of the corpus
and of the crawled ecosystem and on random text, for substitutions (of any kind of character) and removals."""
from __future__ import annotations

import random

from conftest import CORPUS, ROOT
from linter.checks.repairs import Reading, Repair, read_repaired
from linter.language.segmentation import LocalTokens, tokenize

# a Chinese character, characters outside those jieba cuts together (U+9FD6–; γ, which begins the dictionary's
# γ射线), a Latin letter, a digit, a mark
_RIGHTS = ["", "", "公", "开", "的", "\u9fe0", "γ", "a", "7", "，", "\n"]


def _read_repaired_by_tokens(local: LocalTokens, repair: Repair) -> Reading:
    """`read_repaired` as it was: the repaired block cut by `tokenize`, whatever it holds."""
    tokens = local.block_tokens(repair.at)
    a, b = tokens[0].start, tokens[-1].end
    s = local.text
    block = s[a:repair.at] + repair.right + s[repair.at + 1:b]
    removed = not repair.right

    def back(i: int) -> int:
        i += a
        return i + 1 if removed and i >= repair.at else i

    after = tuple((back(t.start), back(t.end - 1) + 1) for t in tokenize(block))
    return Reading(s, repair, tuple((t.start, t.end) for t in tokens), after)


def _texts() -> list[str]:
    paths = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html"))
    paths += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    rng = random.Random(10)
    pieces = ["信息", "公开", "政府", "受理", "群众", "申请", "办理", "为民", "实事", "开", "的", "已", "a", "1", "2023",
              "%", "-", ".", "，", "。", "\n", " ", "\u9fe0", "abc", "射线"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(300)]
    return texts


def test_a_repaired_block_reads_as_tokenize_reads_it():
    rng = random.Random(30)
    compared = one_run = 0
    for s in _texts():
        local = LocalTokens(s)
        for _ in range(40):
            at = rng.randrange(len(s))
            repair = Repair(at, rng.choice(_RIGHTS))
            expected = _read_repaired_by_tokens(local, repair)
            assert read_repaired(local, repair) == expected, (s[max(0, at - 20):at + 20], repair)
            compared += 1
            one_run += len(expected.before) > 1
    assert compared > 5000 and one_run > 1000


def test_a_character_outside_the_runs_cuts_the_repaired_block():
    """γ射线 is a word of the dictionary, but jieba reads γ on its own: the repaired block is no longer one run."""
    s = "阿尔法射线检测"
    repair = Repair(s.index("法"), "γ")
    reading = read_repaired(LocalTokens(s), repair)
    assert reading == _read_repaired_by_tokens(LocalTokens(s), repair)
    assert reading.token(repair.at, after=True) == (repair.at, repair.at + 1)
