"""The tokenizer and quantity extraction: offsets, the per-user dictionary cache, numerals and hedges."""
from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from decimal import Decimal

from linter.language.segmentation import tokenize
from linter.language.quantities import extract, percent_agrees
from conftest import ROOT



def test_tokens_carry_offsets_and_cover_the_text():
    text = "通过网站发布动态政府信息54篇，扩宽政务公开内容，依申请公开"
    tokens = tokenize(text)
    assert "".join(t.text for t in tokens) == text
    assert all(text[t.start:t.end] == t.text for t in tokens)
    words = [t.text for t in tokens]
    assert "扩宽" in words and "54" in words
    assert "依申请公开" in words  # from the domain user dictionary in rules/dict/


def test_tokenize_empty():
    assert tokenize("") == []


def test_dictionary_cache_is_per_user_and_silent(tmp_path):
    cache = tmp_path / "cache"
    before = set(os.listdir(tempfile.gettempdir()))
    env = dict(os.environ, REPORT_LINT_CACHE_DIR=str(cache), PYTHONPATH=str(ROOT))
    code = "from linter.language.segmentation import tokenize; print(len(tokenize('政府信息公开工作年度报告')))"
    for _ in range(2):  # first run builds the cache, second reads it
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert run.stderr == ""  # jieba's "Building prefix dict…" lines are silenced
    files = list(cache.iterdir())
    assert len(files) == 1 and files[0].name.startswith("jieba-") and files[0].suffix == ".dict"
    assert (cache.stat().st_mode & 0o777) == 0o700
    new_in_tmp = set(os.listdir(tempfile.gettempdir())) - before
    assert not any(name.startswith("jieba") for name in new_in_tmp)


def test_import_does_not_load_jieba():
    code = "import sys, linter.engine.run, linter.checks.prose_sum, linter.checks.substitution; print('jieba' in sys.modules)"
    run = subprocess.run([sys.executable, "-c", code], env=dict(os.environ, PYTHONPATH=str(ROOT)),
                         capture_output=True, text=True, check=True)
    assert run.stdout.strip() == "False"


def values(text):
    return [(str(q.value), q.unit, q.approximate) for q in extract(text)]


def test_quantities_arabic_chinese_and_multipliers():
    assert values("发布信息54篇，两件、二十三条，一百零五件，3,618条") == [
        ("54", "篇", False), ("2", "件", False), ("23", "条", False), ("105", "件", False), ("3618", "条", False)]
    assert values("资金1.5万元") == [("15000.0", "元", False)]
    assert values("收费3亿元") == [("300000000", "元", False)]


def test_quantities_approximate():
    found = values("累计阅读量达2万余次，播放量达42.4万余次，近百件，约30条，100多件")
    assert [v[2] for v in found] == [True] * 5
    assert found[0][:2] == ("20000", "次") and found[1][:2] == ("424000.0", "次") and found[2][:2] == ("100", "件")


def test_percentages_and_precision():
    pct = [q for q in extract("办复率100%，占66.7%，百分之五十") if q.is_percent]
    assert [(str(q.value), q.places) for q in pct] == [("100", 0), ("66.7", 1), ("50", 0)]
    assert percent_agrees(Decimal("66.7"), 1, Decimal(2), Decimal(3))
    assert percent_agrees(Decimal("66.6"), 1, Decimal(2), Decimal(3))  # truncated
    assert not percent_agrees(Decimal("60"), 0, Decimal(2), Decimal(3))


def test_ordinals_are_not_counts():
    assert values("第一条、第二十三条") == []


def test_sharded_dictionary_segments_like_the_whole_dictionary():
    """Loading only the shards of the characters seen gives jieba's own segmentation, text after text."""
    from linter.language.segmentation import _import_jieba, _read_user_words, segmenter, user_dictionaries

    jieba = _import_jieba()
    full = jieba.Tokenizer()
    full.FREQ, full.total = full.gen_pfdict(full.get_dict_file())
    full.initialized = True
    for word, freq in _read_user_words(user_dictionaries()):
        full.add_word(word, freq)
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    texts = [p.read_text(encoding="utf-8") for p in sorted(corpus.iterdir()) if p.suffix in (".txt", ".md")]
    assert len(texts) >= 10
    seg = segmenter()
    for text in texts:
        assert [t.text for t in seg.tokenize(text)] == list(full.cut(text, HMM=False))


def test_local_tokens_agree_with_a_whole_text_cut():
    """Segmenting only the block around an offset answers like segmenting the whole text."""
    from linter.language.segmentation import LocalTokens, boundaries

    text = (ROOT / "tests" / "fixtures" / "corpus" / "2022-pingtan-gwh.txt").read_text(encoding="utf-8")[:3000]
    starts, ends = boundaries(tokenize(text))
    local = LocalTokens(text)
    assert [i for i in range(len(text) + 1) if i in local.starts] == sorted(starts | {len(text)})
    assert [i for i in range(len(text) + 1) if i in local.ends] == sorted(ends | {0})


def test_a_block_repeated_many_times_is_cut_once(monkeypatch):
    """A page that repeats a phrase a hundred thousand times pays for one cut of it, and its copies answer
    like a cut of the whole text."""
    from linter.language import segmentation
    from linter.language.segmentation import LocalTokens, boundaries

    text = "进一步扩宽公开渠道，" * 50
    starts, ends = boundaries(tokenize(text))
    cuts = []
    real = segmentation.block_ends  # what LocalTokens cuts a block with
    monkeypatch.setattr(segmentation, "block_ends", lambda s: cuts.append(s) or real(s))
    local = LocalTokens(text)
    assert [i for i in range(len(text) + 1) if i in local.starts] == sorted(starts | {len(text)})
    assert [i for i in range(len(text) + 1) if i in local.ends] == sorted(ends | {0})
    assert cuts == ["进一步扩宽公开渠道"]


def test_a_block_is_cut_as_the_whole_text_cuts_it():
    """LocalTokens gives a block straight to jieba's segmentation of a run: the same tokens as `tokenize`."""
    import re

    from conftest import FIXTURES
    from linter.language.segmentation import BLOCK_CHARS, block_ends, tokenize_block

    runs = re.compile(BLOCK_CHARS.pattern + "+")
    blocks = {m.group() for path in sorted((FIXTURES / "corpus").glob("*.txt"))
              for m in runs.finditer(path.read_text(encoding="utf-8"))}
    assert len(blocks) > 500
    for block in blocks:
        assert tokenize_block(block) == tokenize(block)
        assert block_ends(block) == [t.end for t in tokenize(block)]


def test_a_block_is_cut_as_jieba_cuts_it_whatever_it_holds():
    """`exact_ends` walks jieba's graph and route itself: on the blocks of the crawled reports and on random
    blocks — words of the reports run together, Latin letters and digits alone and in runs, the other
    characters of a block, characters no word starts with — its tokens are jieba's own."""
    import random
    import re

    from linter.language.segmentation import BLOCK_CHARS, block_ends, segmenter, tokenize_block

    runs = re.compile(BLOCK_CHARS.pattern + "+")
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))]
    blocks = sorted({m.group() for text in texts for m in runs.finditer(text)})
    pieces = [b[i:i + n] for b in blocks[::7] for i in range(0, len(b), 3) for n in (1, 2, 4)]
    pieces += list("abcXYZ0129+#&._%-") + ["ab", "2023", "COVID-19", "12.5%", "鿕"]
    rng = random.Random(30)
    blocks += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 40))) for _ in range(3000)]
    blocks = [b for b in blocks if runs.fullmatch(b)]
    assert len(blocks) > 5000
    jieba_cut = segmenter().jieba_tokenizer().cut
    for block in blocks:
        tokens = tokenize_block(block)  # (which loads the dictionary entries jieba's cut of the block looks up)
        assert [t.text for t in tokens] == list(jieba_cut(block, HMM=False)), block
        assert block_ends(block) == [t.end for t in tokens]


def test_a_text_is_cut_as_jieba_cuts_it():
    """`tokenize` cuts each run jieba cuts on its own with `exact_ends` and leaves every other character a token
    of its own, a \\r\\n one token: jieba's own `cut` of whole reports and of random texts of runs, spaces,
    line breaks, punctuation and characters outside the runs gives the same tokens."""
    import random

    from linter.language.segmentation import segmenter

    seg = segmenter()
    texts = [path.read_text(encoding="utf-8") for path in sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))[:20]]
    rng = random.Random(30)
    pieces = [t[i:i + rng.randrange(1, 6)] for t in texts[:3] for i in range(0, 3000, 7)]
    pieces += ["\r\n", "\r", "\n", " ", "\u3000", "\t", "，", "。", "（", "鿖", "\U00020000", "a", "9", "-", "%"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randrange(1, 60))) for _ in range(2000)]
    for text in texts:
        tokens = tokenize(text)  # (which loads the dictionary entries jieba's cut of the text looks up)
        assert [t.text for t in tokens] == list(seg.jieba_tokenizer().cut(text, HMM=False)), text
        assert all(text[t.start:t.end] == t.text for t in tokens)


def test_a_block_is_cut_as_jieba_cuts_it_with_a_dictionary_of_many_ties():
    """Routes of equal probability are common with a dictionary of few frequencies: `exact_ends` takes the one
    jieba takes (the longer first word), Latin letters and digits included."""
    import random
    from itertools import product

    import jieba

    from linter.language.segmentation import exact_ends

    rng = random.Random(30)
    alphabet = "甲乙丙丁a1"
    freq = {}
    for n in (1, 2, 3):
        for word in map("".join, product(alphabet, repeat=n)):
            freq[word] = rng.choice((0, 1, 2, 4)) if n > 1 else rng.choice((1, 2, 4))
    tk = jieba.Tokenizer()
    tk.FREQ, tk.total, tk.initialized = freq, 64, True
    for _ in range(3000):
        block = "".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 16)))
        ends, pos = [], 0
        for word in tk.cut(block, HMM=False):
            pos += len(word)
            ends.append(pos)
        assert exact_ends(block, freq, 64) == ends, block


def test_word_ends_are_the_words_jieba_may_cut_there():
    """`word_ends` answers from the dictionary what jieba's graph of a block holds: the multi-character words
    starting at a position — so a check may ask it instead of cutting the block."""
    import re

    from conftest import FIXTURES
    from linter.language.segmentation import BLOCK_CHARS, segmenter, word_ends

    seg = segmenter()
    runs = re.compile(BLOCK_CHARS.pattern + "+")
    text = (FIXTURES / "corpus" / "2019-pingtan-gwh.txt").read_text(encoding="utf-8")
    checked = 0
    for m in runs.finditer(text):
        block = m.group()
        seg.tokenize_block(block)  # the dictionary of the block's characters is loaded
        graph = seg.jieba_tokenizer().get_DAG(block)
        for x in range(len(block)):
            words = [i + 1 for i in graph[x] if seg._tk.FREQ.get(block[x:i + 1])]
            assert [y for y in word_ends(block, x) if y <= len(block)] == words
            checked += 1
    assert checked > 3000


def test_a_place_is_not_segmented_when_no_word_can_hold_the_two_characters_before_its_unit():
    """WORDING-SCOPE-LEVEL skips a place name without cutting its block only where the cut would find the
    character before the unit a token of its own (no name of two characters or more to read)."""
    import re

    from conftest import FIXTURES
    from linter.checks.scope_level import _word_may_end_at
    from linter.language.segmentation import LocalTokens

    skipped = 0
    for path in sorted((FIXTURES / "corpus").glob("*.txt")):
        text = path.read_text(encoding="utf-8")
        local = LocalTokens(text)
        for m in re.finditer(r"(?<=[\u4e00-\u9fff]{2})[区县市镇乡]", text):
            u = m.start()
            if not _word_may_end_at(text, u):
                skipped += 1
                holding = next(t for t in local.block_tokens(u - 1) if t.start <= u - 1 < t.end)
                assert u - holding.start < 2, text[u - 6:u + 1]
    assert skipped > 50


def test_word_ends_load_the_dictionary_they_ask_of():
    """Asked first, before any cut of its block, `word_ends` answers as it does after one: it loads the entries
    of the words beginning at the position itself."""
    from linter.language.segmentation import JiebaSegmenter

    text = "我区扎实推进清江浦区政务公开工作"
    asked_first = JiebaSegmenter()
    answers = [asked_first.word_ends(text, x) for x in range(len(text))]
    cut_first = JiebaSegmenter()
    cut_first.tokenize(text)
    assert answers == [cut_first.word_ends(text, x) for x in range(len(text))]
    assert any(len(a) > 0 for a in answers)


def test_quantities_hedges_and_the_characters_before_a_number():
    """The hedge before a number (the longest: 将近 over 近) starts the quantity and is part of its text; a
    number right after a digit, point or comma, or an Arabic digit run into a Chinese one, is no quantity."""
    found = extract("将近30件，超过5条，大约二十件，约近8件")
    assert [(q.raw, q.approximate) for q in found] == [("将近30件", True), ("超过5条", True), ("大约二十件", True),
                                                       ("近8件", True)]
    assert found[0].start == 0 and found[0].num_start == 2
    assert values("3十件") == []
    assert [q.raw for q in extract("编号1.5件，A,3件")] == ["1.5件"]  # the 3 after a comma is no count of its own


def _strict_and_found(text: str):
    """The matches of the quantity pattern (its unit required), and those with a unit of the pattern that reads
    every number, unit or not (a run of digits in one match: a number without a unit is matched and passed over)."""
    import re

    from linter.language.quantities import _CN_DIGITS, _UNIT_RE, PERCENT, QUANTITY_RE

    every_number = re.compile(
        rf"(?P<num>[\d{_CN_DIGITS}](?<![\d.,].)(?:(?<=\d)\d*(?:,\d{{3}})*(?:\.\d+)?|(?<=[{_CN_DIGITS}])[{_CN_DIGITS}]*))"
        rf"(?P<mult>万|亿)?(?P<approx>余|多)?(?:(?P<unit>{_UNIT_RE})|\s?(?P<pct>[{PERCENT}]))?")
    found = [(m.span(), m.groupdict()) for m in every_number.finditer(text) if m.group("unit") or m.group("pct")]
    return [(m.span(), m.groupdict()) for m in QUANTITY_RE.finditer(text)], found


def test_numbers_without_a_unit_hide_no_quantity():
    """Passing over a number without a unit in one match finds what entering the pattern at each digit found: on
    every report of the corpora, and on any sequence of digits, Chinese digits, units, points and marks."""
    from pathlib import Path

    from hypothesis import given, settings
    from hypothesis import strategies as st

    from fuzzing import scaled

    tests = Path(ROOT, "tests")
    reports = sorted(tests.glob("fixtures/corpus/*.txt")) + sorted(tests.glob("ecosystem/corpus/**/*.txt"))
    assert len(reports) > 50
    for path in reports:
        strict, found = _strict_and_found(path.read_text(encoding="utf-8"))
        assert found == strict
    text = "2021年12月31日收到申请12件，一二三件，1,234.5件，12,34件，5一二件"
    strict, found = _strict_and_found(text)
    assert found == strict and [text[a:b] for (a, b), _ in found] == ["12件", "一二三件", "1,234.5件", "二件"]

    pieces = list("0123456789０１一二两十百千万亿余多件条个人次%％., ，\n年第近统") + ["人次", "万元", "左右", "1,234", "3.5"]

    @settings(max_examples=scaled(2000))
    @given(st.lists(st.sampled_from(pieces), max_size=30))
    def check(chosen):
        strict, found = _strict_and_found("".join(chosen))
        assert found == strict

    check()
