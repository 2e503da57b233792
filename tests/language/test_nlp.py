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
    real = segmentation.tokenize
    monkeypatch.setattr(segmentation, "tokenize", lambda s: cuts.append(s) or real(s))
    local = LocalTokens(text)
    assert [i for i in range(len(text) + 1) if i in local.starts] == sorted(starts | {len(text)})
    assert [i for i in range(len(text) + 1) if i in local.ends] == sorted(ends | {0})
    assert cuts == ["进一步扩宽公开渠道"]
