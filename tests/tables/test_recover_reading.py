"""How a table run into text is read (linter/tables/recover.py, layout.py), held to plain statements of the same
reading: a digit run with what follows it looked at by separate searches, a label's row starts found by the search
alone, squash by a regular expression, the splits of a run by trying every set of cuts, a row label matched by
trying the rows in turn.  On the sections of the corpus and ecosystem reports, and on random text made of labels,
digit runs, spaces, units and ordinals."""
from __future__ import annotations

import itertools
import re
from decimal import Decimal
from pathlib import Path

import pytest
from hypothesis import example, given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.engine.run import analyse
from linter.settings.config import Config
from linter.tables import layout, recover
from linter.tables.layout import T3_ROWS, assign_row, squash
from linter.document.model import Text
from linter.tables.cells import offset_lookup
from linter.tables.model import TableModel
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

def _without_an_inner_ordinal(label: str) -> bool:
    return recover._INNER_ORDINAL_RE.search(label, 1) is None   # what `_recover_t3` asks before the rows a label holds


def test_rows_without_numbers_of_real_sections(section_texts):
    found = [(row, last, recover._rows_without_numbers(row, last))
             for text in section_texts for row in rows_of(text) for last in (-1, 3, 19)]
    assert any(result[0] for _, _, result in found)   # some labels hold rows without numbers
    assert any(_without_an_inner_ordinal(row.label) for row, _, _ in found)
    for row, last, result in found:
        if _without_an_inner_ordinal(row.label):
            assert result == ([], row.label)


@settings(max_examples=scaled(200))
@given(report_like, st.integers(-1, 24))
@example("2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请 3.其他（七）总计", 21)
@example("3.其他 （七）总计", 22)
@example("三、本年度办理结果（一）予以公开", 1)
@example(" 3.其他", 22)
def test_rows_without_numbers_of_random_labels(label, last):
    row = Row(label, len(label), len(label) + 1)
    if _without_an_inner_ordinal(label):
        assert recover._rows_without_numbers(row, last) == ([], label)


def test_names_row_as_the_squashed_label_searched_on_real_labels(section_texts):
    labels = [row.label for text in section_texts for row in rows_of(text)]
    named = 0
    for label in labels:
        for idx, spec in enumerate(T3_ROWS):
            expected = re.search(spec.pattern, _squash_by_regex(label)) is not None
            assert recover._names_row(idx, label) == expected
            named += expected
    assert named


@settings(max_examples=scaled(300))
@given(st.one_of(st.sampled_from(LABELS), report_like, st.text(max_size=30)),
       st.sampled_from(["", " ", "\u3000", "(", ")", "，", ",", "．"]))
def test_names_row_as_the_squashed_label_searched_on_random_labels(label, inside):
    label = label[:len(label) // 2] + inside + label[len(label) // 2:]   # a word broken by what squash removes
    for idx, spec in enumerate(T3_ROWS):
        assert recover._names_row(idx, label) == (re.search(spec.pattern, _squash_by_regex(label)) is not None)


def test_plain_word_rows():
    plain = {spec.key for spec, is_plain in zip(T3_ROWS, recover._T3_PLAIN_ROWS) if is_plain}
    assert {"R1", "R2", "R20", "R25"} <= plain and not {"OTHER", "R23", "R24"} & plain


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


# ── the searches a label is told apart by, the cells a row is made into ─────────────────────────────────

def _rows_without_numbers_each_piece_in_turn(row: Row, last: int):
    """`_rows_without_numbers` as first written: every piece of a label tried against the rows in turn, and the row
    found checked again against the piece."""
    cuts = [m.start() for m in recover._ROW_START_RE.finditer(row.label)]
    if not cuts or all(row.label[c] == "1" for c in cuts):
        return [], row.label
    pieces = list(zip([0, *cuts], [*cuts, len(row.label)]))
    last_label = row.label[pieces[-1][0]:]
    if _assign_row_in_turn(T3_ROWS, [last_label], last) is None:
        return [], row.label
    blanks, after = [], last
    for (a, b), (c, _) in zip(pieces[:-1], pieces[1:]):
        piece = row.label[a:b]
        if row.label[c] == "1":
            continue
        idx = _assign_row_in_turn(T3_ROWS, [piece], after)
        if idx is not None and re.search(T3_ROWS[idx].pattern, _squash_by_regex(piece)):
            blanks.append((idx, piece.strip(), row.run_start - len(row.label) + b))
            after = idx
    return (blanks, last_label) if blanks else ([], row.label)


def test_rows_without_numbers_as_each_piece_tried_in_turn_on_real_sections(every_section_text):
    found = 0
    for text in every_section_text:
        for row in rows_of(text):
            for last in (-1, 3, 19):
                result = recover._rows_without_numbers(row, last)
                assert result == _rows_without_numbers_each_piece_in_turn(row, last)
                found += bool(result[0])
    assert found   # some labels hold rows without numbers


@settings(max_examples=scaled(200))
@given(report_like, st.integers(-1, 24))
@example("3.其他 （七）总计", 22)
@example("(本列数据的勾稽关系为：第一项加第二项之和)申请人情况自然人一、本年新收政府信息公开申请数量", -1)
def test_rows_without_numbers_as_each_piece_tried_in_turn_on_random_labels(label, last):
    row = Row(label, len(label), len(label) + 1)
    assert recover._rows_without_numbers(row, last) == _rows_without_numbers_each_piece_in_turn(row, last)


_SPEC_TUPLES = (T3_ROWS, layout.T3_COLUMNS, layout.T2_ROWS, layout.T2_COLUMNS, layout.T4_BLOCKS, layout.T4_FIELDS)


def _labels_of(texts: list[str]) -> list[str]:
    labels = [row.label for text in texts for row in rows_of(text)]
    return labels + [piece for label in labels for piece in re.split(r"(?=\d[.．、]\D|[（(][一二三四五六七八九十][）)])", label)]


def test_any_pattern_as_every_pattern_tried_on_real_labels(every_section_text):
    matched = 0
    for label in _labels_of(every_section_text):
        s = squash(label)
        for specs in _SPEC_TUPLES:
            expected = any(re.search(spec.pattern, s) for spec in specs)
            assert (layout.any_pattern(specs).search(s) is not None) == expected
            matched += expected
    assert matched


@settings(max_examples=scaled(300))
@given(st.one_of(st.sampled_from(LABELS), report_like, st.text(max_size=30)))
def test_any_pattern_as_every_pattern_tried_on_random_labels(label):
    s = squash(label)
    for specs in _SPEC_TUPLES:
        assert (layout.any_pattern(specs).search(s) is not None) == any(re.search(spec.pattern, s) for spec in specs)


def _t2_columns_every_spec_tried(label: str) -> list[str]:
    s = _squash_by_regex(label)
    found = []
    for spec in layout.T2_COLUMNS:
        m = re.search(spec.pattern, s)
        if m is not None and not any(m.start() < e and b < m.end() for b, e, _ in found):
            found.append((m.start(), m.end(), spec.key))
    return [key for _, _, key in sorted(found)]


def test_t2_columns_as_every_spec_tried_on_real_labels(every_section_text):
    labels = _labels_of(every_section_text)
    assert any(recover._t2_columns(squash(label)) for label in labels)
    for label in labels:
        assert recover._t2_columns(squash(label)) == _t2_columns_every_spec_tried(label)


@settings(max_examples=scaled(200))
@given(st.lists(st.one_of(st.sampled_from([s.label for s in layout.T2_COLUMNS] + ["规章", "信息内容", "件数"]),
                          report_like), max_size=4).map("".join))
def test_t2_columns_as_every_spec_tried_on_random_labels(label):
    assert recover._t2_columns(squash(label)) == _t2_columns_every_spec_tried(label)


def _unique_split_by_counting_every_token(text: str, row: Row, n: int, holds, model):
    """`unique_split` with the digits of every token counted together, the run of one token not told apart."""
    tokens = recover._tokens(text, row)
    if len(tokens) == n:
        return tokens
    if recover.RUN_TOGETHER not in model.layout:
        model.layout.append(recover.RUN_TOGETHER)
    if sum(e - s for s, e in tokens) == n and not any("." in text[s:e] for s, e in tokens):
        return [(i, i + 1) for s, e in tokens for i in range(s, e)]
    if holds is None:
        return None
    candidates = splits(text, tokens, n)
    if candidates is None:
        return None
    found = None
    for split in candidates:
        if holds([Decimal(text[s:e]) for s, e in split]):
            if found is not None:
                return None
            found = split
    return found


def _split_cases(texts: list[str]):
    holds7 = recover._t3_identity([*layout.APPLICANT_COLUMNS, "T"])
    for text in texts:
        for row in rows_of(text):
            for n, holds in ((7, holds7), (15, recover._t4_identity), (3, None), (1, None)):
                yield text, row, n, holds


def test_unique_split_as_every_token_counted_on_real_sections(every_section_text):
    split_digit_by_digit = 0
    for text, row, n, holds in _split_cases(every_section_text):
        model, plain = TableModel("t3", None, "三"), TableModel("t3", None, "三")
        found = recover.unique_split(text, row, n, holds, model)
        assert found == _unique_split_by_counting_every_token(text, row, n, holds, plain)
        assert model.layout == plain.layout
        split_digit_by_digit += found is not None and len(found) == n > 1 and all(e - s == 1 for s, e in found)
    assert split_digit_by_digit


@settings(max_examples=scaled(300))
@given(st.lists(st.one_of(st.from_regex(r"[0-9]{1,9}", fullmatch=True), st.sampled_from(["0.5", "12.25", "0", "10"])),
                min_size=1, max_size=3), st.sampled_from([1, 3, 7, 15]))
def test_unique_split_as_every_token_counted_on_random_runs(numbers, n):
    text = "一、本年新收" + " ".join(numbers)
    row = Row("一、本年新收", 6, len(text))
    holds = {7: recover._t3_identity([*layout.APPLICANT_COLUMNS, "T"]), 15: recover._t4_identity}.get(n)
    model, plain = TableModel("t3", None, "三"), TableModel("t3", None, "三")
    assert recover.unique_split(text, row, n, holds, model) == \
        _unique_split_by_counting_every_token(text, row, n, holds, plain)
    assert model.layout == plain.layout


def test_recovered_cells_as_each_offset_looked_up_alone(report_texts):
    """A row's cells placed with their offsets read from a cursor's run (`put_spans`) are the cells placed with each
    offset looked up alone, on every row of the tables run into the corpus and ecosystem reports' text."""
    rows = 0
    for text in report_texts:
        s = text.text
        for row in rows_of(s):
            tokens = recover._tokens(s, row)
            for spans in (tokens, [(i, i + 1) for a, b in tokens for i in range(a, b)]):
                cols = [f"C{k}" for k in range(len(spans))]
                by_cursor, alone = TableModel("t3", None, "三"), TableModel("t3", None, "三")
                by_cursor.put_spans("R1", cols, text, spans, row.label, cols, "recovered")
                alone.put_spans("R1", cols, text, spans, row.label, cols, "recovered", text.offsets.__getitem__)
                assert by_cursor.cells == alone.cells and by_cursor.rows == alone.rows
                rows += 1
    assert rows > 100


def _placed(model: TableModel):
    return model.cells, model.rows, model.row_labels, model.columns, model.column_labels


def test_digit_cells_as_put_spans_places_them(report_texts):
    """A row of one digit a cell placed by `put_digits` (its starts a range or a list, its offsets read from a cursor
    or one by one, a row new or placed before, with or without a source) is the row `put_spans` places, on every run
    of digits in the corpus and ecosystem reports' tables."""
    rows = 0
    for text in report_texts:
        s = text.text
        for row in rows_of(s):
            starts = [i for a, b in recover._tokens(s, row) for i in range(a, b) if s[i].isdigit()]
            cols = [f"C{k}" for k in range(len(starts))]
            for source in (None, "recovered"):
                for offset_at in (None, text.offsets.__getitem__):
                    by_digit, by_span = TableModel("t3", None, "三"), TableModel("t3", None, "三")
                    for model in (by_digit, by_span):   # a row placed before: the second row's keys are taken
                        model.put_spans("R0", cols[:1], text, [(starts[0], starts[0] + 1)], "before", cols[:1])
                    for key in ("R1", "R0"):
                        by_digit.put_digits(key, cols, text, starts, row.label, cols, source,
                                            offset_at or offset_lookup(text.offsets))
                        by_span.put_spans(key, cols, text, [(i, i + 1) for i in starts], row.label, cols, source,
                                          offset_at)
                    assert _placed(by_digit) == _placed(by_span)
            if starts == list(range(starts[0], starts[-1] + 1)):
                by_range, by_list = TableModel("t3", None, "三"), TableModel("t3", None, "三")
                by_range.put_digits("R1", cols, text, range(starts[0], starts[-1] + 1), row.label, cols, "recovered",
                                    offset_lookup(text.offsets))
                by_list.put_digits("R1", cols, text, starts, row.label, cols, "recovered", offset_lookup(text.offsets))
                assert _placed(by_range) == _placed(by_list)
            rows += 1
    assert rows > 100


@given(st.text(alphabet="0123456789３٣", min_size=1, max_size=9))
def test_digit_cells_of_any_decimal_as_put_spans_places_them(digits):
    """Digits that are not 0-9 (a full-width ３, an Arabic-Indic ٣) are typed as `put_spans` types them."""
    text = Text("一、本年新收" + digits, list(range(100, 106 + len(digits))))
    starts = range(6, 6 + len(digits))
    cols = [f"C{k}" for k in range(len(digits))]
    by_digit, by_span = TableModel("t3", None, "三"), TableModel("t3", None, "三")
    by_digit.put_digits("R1", cols, text, starts, "一、本年新收", cols, "recovered", offset_lookup(text.offsets))
    by_span.put_spans("R1", cols, text, [(i, i + 1) for i in starts], "一、本年新收", cols, "recovered")
    assert _placed(by_digit) == _placed(by_span)


@pytest.fixture(scope="module")
def report_texts():
    """The section texts (二 三 四) of the corpus and ecosystem reports, as `Text` with their offsets."""
    config = Config()
    paths = sorted(p for p in (ROOT / "tests" / "fixtures" / "corpus").iterdir() if p.suffix in (".txt", ".md", ".html"))
    paths += sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
    texts = []
    for path in paths:
        context = analyse(path.read_bytes(), str(path), config).context
        texts += [text for ordinal in "二三四" if (text := section_text(context, ordinal)) is not None]
    return texts


@pytest.fixture(scope="module")
def every_section_text(report_texts) -> list[str]:
    return [text.text for text in report_texts]


# ── a table's rows read in one loop ──────────────────────────────────────────────────────────────────

def _recover_t3_through_each_step(text, ordinal: str) -> recover.Recovery:
    """`_recover_t3` as first written: every row through `_rows_without_numbers`, `assign_row` and `unique_split`."""
    s = text.text
    first = layout.pattern(T3_ROWS[0]).search(s)
    if first is None:
        return recover.Recovery()
    cols = recover._t3_columns(s[:first.start()])
    model = recover._new_model("t3", ordinal)
    holds = recover._t3_identity(cols)
    col_labels = [layout.label_of(layout.T3_COLUMNS, c) for c in cols]
    last = -1
    for row in rows_of(s, s.rfind("\n", 0, first.start()) + 1):
        blanks, label = recover._rows_without_numbers(row, last)
        for blank_idx, blank_label, at in blanks:
            recover._put_blank(model, text, at, T3_ROWS[blank_idx].key, cols, blank_label)
            last = max(last, blank_idx)
        idx = assign_row(T3_ROWS, [label], last, model.rows)
        if idx is None:
            continue
        tokens = recover._tokens(s, row)
        split = recover.unique_split(s, row, len(cols), holds, model, tokens)
        if split is None:
            return recover._failed(text, row)
        last = max(last, idx)
        key = T3_ROWS[idx].key
        model.put_spans(key, cols, text, split, label.strip(), col_labels, None if split == tokens else "recovered",
                        text.offsets.__getitem__)
        if key == "R25":
            break
    if "SUB" in cols:
        model.layout.append("subtotal")
    if "OTHER" in model.rows:
        model.layout.append("single-other")
    model.format = "2019" if "OTHER" in model.rows else "2021"
    if model.cells:
        model.start, model.end = min(c.start for c in model.cells.values()), max(c.end for c in model.cells.values())
        return recover.Recovery(model)
    return recover.Recovery()


def _recovered(recovery: recover.Recovery):
    model = recovery.model
    return recovery.unreadable, model and (model.cells, model.rows, model.row_labels, model.columns, model.column_labels,
                                           model.layout, model.format, model.start, model.end)


def test_recover_t3_as_each_row_through_each_step_on_real_sections(report_texts):
    recovered = 0
    for text in report_texts:
        found = recover._recover_t3(text, "三")
        assert _recovered(found) == _recovered(_recover_t3_through_each_step(text, "三"))
        recovered += found.model is not None and "run-together" in found.model.layout
    assert recovered > 20


T3_TEXT_PIECES = st.one_of(
    st.sampled_from([s.label for s in T3_ROWS] * 3 + ["（三）不予公开", "（六）其他处理", "申请人情况", "自然人", "商业企业",
                                                      "科研机构", "社会公益组织", "法律服务机构", "其他", "总计", "小计"]),
    st.from_regex(r"[0-9]{1,9}", fullmatch=True), st.sampled_from(["0000000", "1000001", "00000000", "2100003"]),
    st.sampled_from([" ", "\n", "件", ".", "、", "3.", "（一）"]),
)


@settings(max_examples=scaled(300))
@given(st.lists(T3_TEXT_PIECES, max_size=60).map("".join))
@example("申请人情况自然人商业企业科研机构社会公益组织法律服务机构其他总计一、本年新收政府信息公开申请数量1000001"
         "二、上年结转政府信息公开申请数量0000000三、本年度办理结果（一）予以公开1000001（二）部分公开0000000")
def test_recover_t3_as_each_row_through_each_step_on_random_text(body):
    from linter.document.model import Text

    text = Text(body, list(range(len(body))))
    assert _recovered(recover._recover_t3(text, "三")) == _recovered(_recover_t3_through_each_step(text, "三"))


# ── the splits of a run, walked only where they can end ───────────────────────────────────────────────

@settings(max_examples=scaled(400))
@given(st.lists(st.one_of(st.from_regex(r"[0-9]{1,8}", fullmatch=True), st.from_regex(r"[01]{1,9}", fullmatch=True),
                          st.sampled_from(["0.5", "12.25", "0", "100"])), min_size=1, max_size=4), st.integers(1, 18))
@example(["10000100000000000"], 15)
@example(["00202000001324015"], 15)
def test_splits_walked_where_they_can_end_as_walked_over_every_cut(numbers, n):
    """The same splits in the same order as the walk over every cut, on runs that walk stays within its budget."""
    text = " ".join(numbers)
    tokens = [m.span() for m in re.finditer(r"\d+(?:\.\d+)?", text)]
    if sum(e - s for s, e in tokens) <= recover._WITHIN_BUDGET_DIGITS:
        assert splits(text, tokens, n) == recover._splits_within_budget(text, tokens, n)


def test_splits_walked_where_they_can_end_on_real_sections(every_section_text):
    walked = 0
    for text in every_section_text:
        for row in rows_of(text):
            tokens = recover._tokens(text, row)
            if sum(e - s for s, e in tokens) <= recover._WITHIN_BUDGET_DIGITS:
                for n in (3, 7, 8, 15):
                    assert splits(text, tokens, n) == recover._splits_within_budget(text, tokens, n)
                    walked += 1
    assert walked > 1000


def test_a_run_past_the_digits_always_walked_within_budget_is_walked_over_every_cut():
    run = "1" * (recover._WITHIN_BUDGET_DIGITS + 1)
    assert splits(run, [(0, len(run))], 7) == recover._splits_within_budget(run, [(0, len(run))], 7)
    assert splits("7" * 40, [(0, 40)], 15) is None   # too many to try: given up
