"""How a table run into text is read (linter/tables/recover.py, layout.py), held to plain statements of the same
reading: a digit run with what follows it looked at by separate searches, a label's row starts found by the search
alone, squash by a regular expression, the splits of a run by trying every set of cuts, a row label matched by
trying the rows in turn.  On the sections of the corpus and ecosystem reports, and on random text made of labels,
digit runs, spaces, units and ordinals."""
from __future__ import annotations

import itertools
import re
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables import layout, recover
from linter.tables.layout import T3_ROWS, assign_row, squash
from linter.tables.recover import Row, rows_of, section_text, splits

ROOT = Path(__file__).resolve().parents[2]


def _section_texts() -> list[str]:
    config = Config()
    paths = sorted(p for p in (ROOT / "tests" / "fixtures" / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))
    paths += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))[::5]
    texts = []
    for path in paths:
        context = analyse(path.read_bytes(), str(path), config).context
        texts += [text.text for ordinal in "二三四" if (text := section_text(context, ordinal)) is not None]
    return texts


@pytest.fixture(scope="module")
def section_texts() -> list[str]:
    texts = _section_texts()
    assert len(texts) > 30
    return texts


LABELS = [s.label for s in T3_ROWS] + ["（三）不予公开", "（六）其他处理", "申请人情况", "规章", "行政复议", "总计", "其他"]
PIECES = st.one_of(
    st.sampled_from(LABELS),
    st.from_regex(r"[0-9]{1,9}", fullmatch=True),
    st.sampled_from([" ", "\n", "  ", "\u3000", "\u3000件", "\t年", ".", "．", "、", "第", "件", "人次", "%", "年", "(", "（一）",
                     "3.", "0.5", "12.25"]),
)
report_like = st.lists(PIECES, max_size=40).map("".join)


# ── a digit run and what follows it ──────────────────────────────────────────────────────────────────

_OLD_RUN_RE = re.compile(r"\d[\d \n]*(?:\.\d+)?")
_OLD_UNIT_AFTER_RE = re.compile(r"\s*(?:件|条|个|项|次|人次|%|％|万|元|年|月|日|天|篇|期|家|名|余)")
_OLD_ORDINAL_AFTER_RE = re.compile(r"[.．、](?=\D)")
_OLD_LAST_DIGIT_RE = re.compile(r"\s*\d$")


def _rows_by_separate_searches(text: str, start: int = 0) -> list[Row]:
    found, label_start = [], start
    for m in _OLD_RUN_RE.finditer(text, start):
        run_start, end = m.span()
        if _OLD_UNIT_AFTER_RE.match(text, end) or (run_start > 0 and text[run_start - 1] == "第"):
            continue
        run = text[run_start:end].rstrip()
        next_label = run_start + len(run)
        if _OLD_ORDINAL_AFTER_RE.match(text, end):
            ordinal = _OLD_LAST_DIGIT_RE.search(run)
            if ordinal is not None:
                run = run[:ordinal.start()]
                next_label = run_start + ordinal.end() - 1
        if run.strip():
            found.append(Row(text[label_start:run_start], run_start, run_start + len(run)))
            label_start = next_label
    return found


def test_rows_of_real_sections(section_texts):
    for text in section_texts:
        assert rows_of(text) == _rows_by_separate_searches(text)


@settings(max_examples=scaled(300))
@given(report_like, st.integers(0, 5))
@example("新收12\u3000件二、上年结转 3 0 0\t年", 0)
def test_rows_of_random_text(text, start):
    assert rows_of(text, start) == _rows_by_separate_searches(text, start)


# ── the rows a label holds ───────────────────────────────────────────────────────────────────────────

def _without_the_first_search(monkeypatch):
    monkeypatch.setattr(recover, "_INNER_ORDINAL_RE", re.compile(""))   # every label searched for its row starts


def test_rows_without_numbers_of_real_sections(section_texts, monkeypatch):
    found = [(row, last, recover._rows_without_numbers(row, last))
             for text in section_texts for row in rows_of(text) for last in (-1, 3, 19)]
    assert any(result[0] for _, _, result in found)   # some labels hold rows without numbers
    _without_the_first_search(monkeypatch)
    for row, last, result in found:
        assert recover._rows_without_numbers(row, last) == result


@settings(max_examples=scaled(200))
@given(report_like, st.integers(-1, 24))
@example("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他（七）总计", 21)
@example("3.其他 （七）总计", 22)
@example("三、本年度办理结果（一）予以公开", 1)
def test_rows_without_numbers_of_random_labels(label, last):
    row = Row(label, len(label), len(label) + 1)
    result = recover._rows_without_numbers(row, last)
    with pytest.MonkeyPatch.context() as monkeypatch:
        _without_the_first_search(monkeypatch)
        assert recover._rows_without_numbers(row, last) == result


# ── squash, splits, row labels ───────────────────────────────────────────────────────────────────────

def _squash_by_regex(label: str) -> str:
    s = re.sub(r"\s+", "", label)
    return s.replace("(", "（").replace(")", "）").replace(",", "、").replace("，", "、").replace("．", ".")


@settings(max_examples=scaled(300))
@given(st.one_of(st.text(max_size=60), report_like))
def test_squash(label):
    assert squash(label) == _squash_by_regex(label)


def test_squash_every_character():
    text = "".join(chr(c) for c in range(0x3100) if not 0xD800 <= c < 0xE000)
    assert squash(text) == _squash_by_regex(text)


def _splits_by_every_cut(text: str, tokens: list[tuple[int, int]], n: int) -> list[list[tuple[int, int]]]:
    """Every set of cuts inside the tokens that gives n numbers, no whole number with a leading zero, no decimal cut."""
    inner = [i for s, e in tokens if "." not in text[s:e] for i in range(s + 1, e)]
    found = []
    for cuts in itertools.combinations(inner, n - len(tokens)) if n >= len(tokens) else ():
        bounds = sorted([*(s for s, _ in tokens), *cuts])
        ends = sorted([*(e for _, e in tokens), *cuts])
        pieces = list(zip(bounds, ends))
        if all(text[a] != "0" or b - a == 1 or "." in text[a:b] for a, b in pieces):
            found.append(pieces)
    return found


@settings(max_examples=scaled(300))
@given(st.lists(st.one_of(st.from_regex(r"[0-9]{1,7}", fullmatch=True), st.sampled_from(["0.5", "12.25", "0"])),
                min_size=1, max_size=4), st.integers(1, 12))
def test_splits(numbers, n):
    text = " ".join(numbers)
    tokens = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?", text)]
    found = splits(text, tokens, n)
    if n < len(tokens):
        assert found is None
    else:
        assert sorted(found) == sorted(_splits_by_every_cut(text, tokens, n))


def _assign_row_in_turn(specs, candidates, after, taken=None):
    for cand in candidates:
        s = _squash_by_regex(cand)
        if s:
            for idx in range(after + 1, len(specs)):
                if re.search(specs[idx].pattern, s):
                    return idx
    own = _squash_by_regex(candidates[0]) if candidates else ""
    if own and taken is not None:
        for idx in range(0, after + 1):
            if specs[idx].key not in taken and re.search(specs[idx].pattern, own):
                return idx
    return None


@settings(max_examples=scaled(300))
@given(st.lists(st.one_of(st.sampled_from(LABELS), report_like), max_size=3), st.integers(-1, 25),
       st.one_of(st.none(), st.lists(st.sampled_from([s.key for s in T3_ROWS]), max_size=26)))
def test_assign_row(candidates, after, taken):
    assert assign_row(T3_ROWS, candidates, after, taken) == _assign_row_in_turn(T3_ROWS, candidates, after, taken)
    for specs in (layout.T4_BLOCKS, layout.T2_ROWS):
        assert assign_row(specs, candidates, min(after, len(specs) - 1)) == \
            _assign_row_in_turn(specs, candidates, min(after, len(specs) - 1))
