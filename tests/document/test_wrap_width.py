"""The wrap width of a text export (`_wrap_width`) stops counting once enough lines wider than any wrap are
counted: it must find the width the whole count finds — the 90th percentile of the widths of the mostly Chinese
lines, when many lines end near it and it is moderate — on wrapped exports, crawled pages and random mixes."""
from __future__ import annotations

import random

from linter.document.readers import text as reader
from linter.document.readers.text import _Line, _wrap_width

CJK = "政府信息公开工作年度报告主动公开依申请办理情况行政复议诉讼"


def counted_width(lines: list[_Line]) -> int:
    """The wrap width as the whole count finds it (every line measured, then the percentile)."""
    widths = []
    for line in lines:
        text = line.text.rstrip()
        if not text:
            continue
        spaces = sum(1 for ch in text if ch.isspace())
        if spaces >= 3 and "   " in "".join(" " if ch.isspace() else ch for ch in text.lstrip()):
            continue
        cjk = sum(1 for ch in text if "\u3400" <= ch <= "\u9fff")
        if cjk / (len(text) - spaces) > 0.5:
            widths.append(reader._display_width(text) if len(text) <= reader._MAX_WRAP * 1.05 else len(text))
    widths.sort()
    if len(widths) < 8:
        return 0
    top = widths[int(len(widths) * 0.9)]
    near = sum(1 for w in widths if 0.85 * top <= w <= top * 1.05)
    return 0 if top > reader._MAX_WRAP or near < len(widths) * 0.3 else top


def random_line(rng: random.Random) -> str:
    kind = rng.random()
    if kind < 0.1:
        return rng.choice(["", "   ", "\t"])
    if kind < 0.2:
        return "规章" + " " * rng.randint(1, 6) + " ".join(str(rng.randint(0, 99)) for _ in range(rng.randint(1, 6)))
    if kind < 0.3:
        return "Page " + str(rng.randint(1, 99)) + " of the report, mostly ASCII text"
    width = rng.choice([rng.randint(1, 40), rng.randint(36, 42), rng.randint(60, 120), rng.randint(150, 400)])
    text = "".join(rng.choice(CJK + "，。 1") for _ in range(width))
    return text + rng.choice(["", " ", "  "])


def test_wrapped_exports_crawled_pages_and_random_mixes_find_the_width_the_whole_count_finds():
    rng = random.Random(30)
    found = set()
    for _ in range(3000):
        n = rng.choice([rng.randint(0, 12), rng.randint(10, 80)])
        if rng.random() < 0.4:  # a wrapped export: most lines fill the same width
            wrap = rng.randint(30, 80)
            texts = ["".join(rng.choice(CJK) for _ in range(wrap - rng.choice([0, 0, 0, 1, 5, 20]))) for _ in range(n)]
            texts += [random_line(rng) for _ in range(rng.randint(0, 4))]
        else:
            texts = [random_line(rng) for _ in range(n)]
        lines = [_Line(t, 0) for t in texts]
        expected = counted_width(lines)
        assert _wrap_width(lines) == expected, texts
        found.add(expected > 0)
    assert found == {True, False}  # both wrapped and unwrapped texts came up
