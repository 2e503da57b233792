"""Shared pieces of the property and fuzz tests: hypothesis profiles, strategies that build report-like
text, and the invariant every lint result must satisfy.

Profiles (select with HYPOTHESIS_PROFILE): `ci` (default) — a fixed, derandomised number of examples so
the suite has a bounded run time; `long` — many more random examples, for the documented fuzzing run
(docs/fuzzing.md).
"""
from __future__ import annotations

import os
import random
import re

from hypothesis import HealthCheck, settings
from hypothesis import strategies as st

from conftest import CORPUS

settings.register_profile(
    "ci", max_examples=40, deadline=None, derandomize=True, database=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.register_profile(
    "long", max_examples=int(os.environ.get("HYPOTHESIS_MAX_EXAMPLES", "2000")), deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))


def scaled(n: int) -> int:
    """`n` examples under the ci profile, proportionally more under the long one."""
    return max(1, n * settings().max_examples // 40)


CORPUS_FILES = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md"))
CORPUS_TEXTS = {p.name: p.read_text(encoding="utf-8") for p in CORPUS_FILES}

ORDINALS = list("一二三四五六七八九十") + ["十一", "十二", "二十", "〇", "零", "百"]
TITLES = [
    "总体情况", "主动公开政府信息情况", "收到和处理政府信息公开申请情况", "政府信息公开行政复议、行政诉讼情况",
    "存在的主要问题及改进情况", "其他需要报告的事项", "概述", "主动公开", "依申请公开", "复议诉讼",
    "政府信息公开工作存在的主要问题及改进情况", "", "其他",
]
SEPARATORS = ["、", ".", "．", "，", ",", " ", ""]
NOISE = list("一二三四五六、（）()。，；：:\n \u3000|-—/0123456789０１２３年月日件条项报告政府信息公开申请复议诉讼表")

chinese = st.text(
    alphabet=st.one_of(st.characters(min_codepoint=0x4E00, max_codepoint=0x9FFF), st.sampled_from(NOISE)),
    max_size=400,
)
any_unicode = st.text(max_size=400)


@st.composite
def heading(draw) -> str:
    """A section or sub-item heading with a random (often wrong) ordinal and title."""
    ordinal = draw(st.sampled_from(ORDINALS))
    title = draw(st.sampled_from(TITLES))
    if draw(st.booleans()):
        return f"（{ordinal}）{title}"
    lead = draw(st.sampled_from(["", "第", " ", "\u3000\u3000"]))
    return f"{lead}{ordinal}{draw(st.sampled_from(SEPARATORS))}{title}"


cell_text = st.one_of(
    st.integers(min_value=-10**6, max_value=10**9).map(str),
    st.sampled_from(["", "/", "-", "—", "无", "0", "１２", "三十", "1,234", "2.5万元", "|", "\\|", " ", "合计"]),
    st.text(st.characters(blacklist_categories=("Cc", "Cs")), max_size=8),
)


@st.composite
def pipe_table(draw) -> str:
    """A Markdown pipe table with random cells and ragged rows (separator line optional)."""
    rows = draw(st.lists(st.lists(cell_text, min_size=0, max_size=9), min_size=1, max_size=8))
    lines = ["|" + "|".join(r) + "|" for r in rows]
    if draw(st.booleans()) and len(lines) > 1:
        lines.insert(1, "|" + "|".join(["---"] * max(1, len(rows[0]))) + "|")
    return "\n".join(lines)


@st.composite
def assembled_report(draw) -> str:
    """Pieces of real reports, headings, tables and noise in random order."""
    name = draw(st.sampled_from(sorted(CORPUS_TEXTS)))
    paragraphs = [p for p in re.split(r"\n\s*\n|\n", CORPUS_TEXTS[name]) if p.strip()]
    piece = st.one_of(
        st.sampled_from(paragraphs), heading(), pipe_table(), chinese,
        st.sampled_from(["[image: t3.png]", "![表三](t3.jpg)", "- 3 -", "第 2 页 共 5 页", "# 标题", "2024年1月20日"]),
    )
    parts = draw(st.lists(piece, max_size=25))
    return "\n".join(parts) if draw(st.booleans()) else "\n\n".join(parts)


_SECTION_LINE = re.compile(r"^\s*[一二三四五六]\s*[、.．]", re.M)


def sections_of(text: str) -> list[str]:
    """A report cut into its head and one chunk per section heading line."""
    cuts = [0] + [m.start() for m in _SECTION_LINE.finditer(text)] + [len(text)]
    return [text[a:b] for a, b in zip(cuts, cuts[1:]) if b > a]


@st.composite
def shuffled_report(draw) -> str:
    """A real report whose sections are reordered, dropped or duplicated."""
    name = draw(st.sampled_from(sorted(CORPUS_TEXTS)))
    chunks = sections_of(CORPUS_TEXTS[name])
    order = draw(st.lists(st.integers(0, len(chunks) - 1), max_size=len(chunks) + 3))
    return "".join(chunks[i] for i in order)


@st.composite
def truncated_report(draw) -> tuple[str, bytes]:
    """A real report cut at a random byte (possibly inside a multi-byte character)."""
    path = draw(st.sampled_from(CORPUS_FILES))
    data = path.read_bytes()
    cut = draw(st.integers(0, len(data)))
    return path.name, data[:cut]


def mutate(data: bytes, rnd: random.Random, flips: int) -> bytes:
    """Flip, delete or insert a few random bytes."""
    buf = bytearray(data)
    for _ in range(flips):
        if not buf:
            buf.append(rnd.randrange(256))
            continue
        i = rnd.randrange(len(buf))
        op = rnd.randrange(3)
        if op == 0:
            buf[i] = rnd.randrange(256)
        elif op == 1:
            del buf[i]
        else:
            buf.insert(i, rnd.randrange(256))
    return bytes(buf)


def assert_positions_inside(result, source: str | None = None) -> None:
    """Every finding lies inside the source: 1 ≤ line ≤ lines, 1 ≤ column ≤ len(line) + 1."""
    text = source if source is not None else (result.source or "")
    lines = text.split("\n")
    for f in result.findings:
        for line, column in ((f.line, f.column), (f.end_line, f.end_column)):
            assert 1 <= line <= len(lines), (f.rule, line, len(lines))
            assert 1 <= column <= len(lines[line - 1]) + 1, (f.rule, line, column, len(lines[line - 1]))
        assert (f.line, f.column) <= (f.end_line, f.end_column), f
    if result.error is not None:
        assert [f.category for f in result.findings] == ["input"]
