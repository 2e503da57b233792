"""The claim reader and the quantity finder read their spans and quantities in order with C-level passes
(`map`, `attrgetter`) and sort only what may be out of order: held to the Python loops they replace — the
sentences as the loop over the sentence search made them, the quantities sorted by their start — on every
corpus and crawled report, on hostile pages and on random text."""
from __future__ import annotations

import random
import re
from pathlib import Path

import pytest

from linter.language import claims
from linter.language.claims import LONGEST_SENTENCE, _pieces, _SENTENCE_RE, sentence_spans
from linter.language.quantities import extract, quantity_matches

ROOT = Path(__file__).resolve().parents[2]


def report_texts() -> list[str]:
    paths = sorted((ROOT / "tests" / "fixtures" / "corpus").glob("*.txt"))
    paths += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    paths += sorted((ROOT / "examples").glob("*.txt"))
    return [p.read_text(encoding="utf-8") for p in paths]


def random_texts() -> list[str]:
    """Counts, shares in digits and in words, sentence ends and clause marks, and sentences too long to keep."""
    rng = random.Random(12)
    pieces = ["共3件", "12条", "二十三件", "百分之四十五点五", "45.5%", "占比", "。", "，", "；", "\n", "、", "甲", "乙",
              "百分之百", "1,234件", "近百件", "第三条", " ", "2万余次", "，" * 30]
    texts = []
    for _ in range(400):
        text = "".join(rng.choices(pieces, k=rng.randint(0, 80)))
        if rng.random() < 0.2:
            text += "甲乙，" * rng.randint(1000, 3000)  # (longer than LONGEST_SENTENCE: read in pieces)
        texts.append(text)
    return texts


def hostile_texts() -> list[str]:
    import hostile

    unit = hostile._report_text().replace("\n", " ")
    clauses = "本年度共收到政府信息公开申请44件，其中予以公开20件，部分公开3件，均已按时答复，复议2件，均获维持，"
    return [unit * 20, clauses * 3000, "1" * 50_000 + "件", "百分之" * 20_000]


def looped_spans(text: str) -> list[tuple[int, int]]:
    """The sentence spans as the loop over the sentence search made them (the reference)."""
    spans = []
    for m in _SENTENCE_RE.finditer(text):
        a, b = m.span()
        if b - a > LONGEST_SENTENCE:
            spans += _pieces(text, a, b)
        else:
            spans.append((a, b))
    return spans


@pytest.fixture(scope="module")
def texts() -> list[str]:
    return report_texts() + random_texts() + hostile_texts()


def test_sentence_spans_are_those_of_the_loop(texts):
    long = 0
    for text in texts:
        assert sentence_spans(text) == looped_spans(text)
        long += any(b - a > LONGEST_SENTENCE for a, b in map(re.Match.span, _SENTENCE_RE.finditer(text)))
    assert long > 50  # sentences read in pieces are among them


def test_quantities_are_those_sorted_by_start(texts):
    in_words = 0
    for text in texts:
        found = extract(text)
        assert found == sorted(found, key=lambda q: q.start)
        starts = [m.start() for m in quantity_matches(text)]
        assert starts == sorted(set(starts))  # (what skipping the sort rests on: found in text order)
        in_words += any(q.raw.startswith("百分之") for q in found)
    assert in_words > 50


def test_the_reader_keeps_the_starts_the_comprehensions_made(texts):
    for text in texts[:200]:
        found = extract(text)
        reader = claims._Reader(text, list(reversed(found)), _no_words())
        assert reader.quantities == sorted(found, key=lambda q: q.start)
        assert reader._q_starts == [q.start for q in reader.quantities]
        assert reader._s_starts == [a for a, _ in reader.sentences]


def _no_words():
    from linter.language.lexicon import Lexicon

    return Lexicon({"measures": {}, "topics": {}, "markers": {"subset": [], "whole": []}, "families": []})
