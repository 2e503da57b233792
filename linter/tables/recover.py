"""Tables a crawled page or a text extraction ran together into running text.

A crawl writes 表三 as "一、本年新收政府信息公开申请数量713000074二、上年结转…": each row's label, then the digits
of its cells with nothing between them.  A row is recovered when its digit run has exactly one split into the
row's cells — numbers written without leading zeros, spaces kept as cell boundaries — that satisfies the row's
own identity (表三: 总计 = the six applicant columns; 表四: 总计 = 维持 + 纠正 + 其他 + 尚未审结 in each block), or
when the run has exactly as many numbers as the row has cells (as many digits, or as many space-separated
numbers).  A table whose rows are all recovered is checked like any other; its layout says "inline", and
"run-together" when a row's numbers had to be split (then every finding on it says its numbers were recovered).  A table with a row that cannot be split uniquely is
unreadable — there, but garbled — never missing, and no number of it is used.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from decimal import Decimal
from operator import attrgetter
from typing import Callable, Iterator

from linter.document.model import Cell, Paragraph, Text
from linter.tables import layout
from linter.tables.cells import OffsetLookup, offset_lookup
from linter.tables.layout import squash
from linter.tables.model import TableModel

RUN_TOGETHER = "run-together"   # TableModel.layout mark of a recovered table
# A digit run, and what stands right after it, looked at in the same match (lookaheads whose groups are empty
# when absent): a unit says the number is prose, not a table's (81件, 2023年, 第3项); an ordinal's mark says its
# last digit opens the next label (…00000002.其他法律…).
_RUN_RE = re.compile(r"\d[\d \n]*(?:\.\d+)?"
                     r"(?=(\s*(?:件|条|个|项|次|人次|%|％|万|元|年|月|日|天|篇|期|家|名|余))?)(?=([.．、](?=\D))?)")
_LAST_DIGIT_RE = re.compile(r"\s*\d$")
_NUMBER_RE = re.compile(r"\d+(?:\.\d+)?")
_MAX_SPLITS = 200_000   # splits tried for one row before it is given up as unreadable


@dataclass(slots=True)  # slots: a section's text is read into rows one by one
class Row:
    """A label and the digit run after it, as offsets into the searched text."""

    label: str
    run_start: int
    run_end: int


@dataclass
class Recovery:
    """What recovering one table gave: the model (all rows recovered), or where it could not be split."""

    model: TableModel | None = None
    unreadable: tuple[int, int] | None = None   # source span of the first row that could not be split


def section_text(ctx, ordinal: str) -> Text | None:
    sec = ctx.outline.section(ordinal)
    if sec is None:
        return None
    parts = [sec.heading]  # (a heading's run-on body is the first of its blocks)
    parts += [b.text for b in sec.all_blocks() if isinstance(b, Paragraph) and b.role == "text"]
    return Text.join(parts, sep="\n")


# ── rows and their digit runs ─────────────────────────────────────────────────────────────────────

def rows_of(text: str, start: int = 0) -> list[Row]:
    """Every label followed by a digit run, from `start`.  A run's last digit that is the ordinal of the
    next label ("…00000002.其他法律…") is given back to that label; a number followed by a unit (81件) is prose
    and stays in the label."""
    return list(_rows(text, start))


def _rows(text: str, start: int) -> Iterator[Row]:
    """`rows_of`, made as they are read: a table's rows end before its section's text does."""
    label_start = start
    for m in _RUN_RE.finditer(text, start):
        run_start, end = m.span()
        unit, ordinal_mark = m.groups()
        if unit is not None or (run_start > 0 and text[run_start - 1] == "第"):
            continue
        run = text[run_start:end].rstrip()
        next_label = run_start + len(run)
        if ordinal_mark is not None:
            ordinal = _LAST_DIGIT_RE.search(run)
            if ordinal is not None:
                run = run[:ordinal.start()]
                next_label = run_start + ordinal.end() - 1   # the ordinal digit opens the next label
        if run.strip():
            yield Row(text[label_start:run_start], run_start, run_start + len(run))
            label_start = next_label


def _tokens(text: str, row: Row) -> list[tuple[int, int]]:
    """(start, end) of the space-separated numbers of a run."""
    if text[row.run_start:row.run_end].isdecimal():   # most runs: digits alone (isdecimal is what \d matches)
        return [(row.run_start, row.run_end)]
    return [t.span() for t in _NUMBER_RE.finditer(text, row.run_start, row.run_end)]


class _TooMany(Exception):
    pass


def splits(text: str, tokens: list[tuple[int, int]], n: int) -> list[list[tuple[int, int]]] | None:
    """Every split of the tokens into `n` numbers without leading zeros (a token's boundaries are kept; a
    decimal stays whole), as (start, end) offsets.  None when there are too many to try."""
    if not tokens or n < len(tokens):
        return None
    if sum(e - s for s, e in tokens) > _WITHIN_BUDGET_DIGITS:
        return _splits_within_budget(text, tokens, n)
    fewest, most = _numbers_made(text, tokens)
    if not fewest[tokens[0][0]] <= n <= most[tokens[0][0]]:
        return []
    return _walk_cuts(text, tokens, n, (fewest, most))


# A walk over the cuts of d digits makes at most 2 ** (d - 1) steps (one per set of the cut positions before the
# step's own): runs of up to this many digits are always walked within `_MAX_SPLITS`, and those are walked only
# where the digits left can still make the numbers left — the same splits in the same order, without the dead ends
# that are most of a walk over every cut (a 表四 row of 17 digits: 408 steps for its 3 splits).
_WITHIN_BUDGET_DIGITS = 18
assert 2 ** (_WITHIN_BUDGET_DIGITS - 1) <= _MAX_SPLITS


def _numbers_made(text: str, tokens: list[tuple[int, int]]) -> tuple[dict[int, int], dict[int, int]]:
    """By position, the fewest and the most numbers the digits from there to the run's end make: the fewest a
    number for each zero that starts one and one for the rest of each token (a decimal is one), the most one a
    digit; every count between is made too (a digit split off the end of a number leaves a number)."""
    fewest: dict[int, int] = {}
    most: dict[int, int] = {}
    after_fewest = after_most = 0
    for s, e in reversed(tokens):
        if "." in text[s:e]:
            fewest[s], most[s] = after_fewest + 1, after_most + 1
        else:
            zeros = 0   # the zeros that start the digits from position `at` on
            for at in range(e - 1, s - 1, -1):
                zeros = zeros + 1 if text[at] == "0" else 0
                fewest[at] = after_fewest + zeros + (1 if at + zeros < e else 0)
                most[at] = after_most + e - at
        after_fewest, after_most = fewest[s], most[s]
    return fewest, most


def _splits_within_budget(text: str, tokens: list[tuple[int, int]], n: int) -> list[list[tuple[int, int]]] | None:
    """`splits` by a walk over every cut, given up (None) past `_MAX_SPLITS` steps."""
    if not tokens or n < len(tokens):
        return None
    try:
        return _walk_cuts(text, tokens, n, budget=_MAX_SPLITS)
    except _TooMany:
        return None


def _walk_cuts(text: str, tokens: list[tuple[int, int]], n: int,
               bounds: tuple[dict[int, int], dict[int, int]] | None = None,
               budget: int | None = None) -> list[list[tuple[int, int]]]:
    """The splits found by a depth-first walk over the cuts, in the order walked.  With `bounds` (`_numbers_made`), a
    step is taken only where the digits from it can make the numbers left; with a `budget`, `_TooMany` is raised
    past that many steps."""
    found: list[list[tuple[int, int]]] = []
    path: list[tuple[int, int]] = []   # the numbers cut so far
    decimal = ["." in text[s:e] for s, e in tokens]   # a token with a point is one number, entered at its start
    steps_left = budget
    pruned = bounds is not None
    fewest, most = bounds if bounds is not None else ({}, {})

    def pieces(tok: int, at: int, left: int) -> None:
        nonlocal steps_left
        if steps_left is not None:
            steps_left -= 1
            if steps_left < 0:
                raise _TooMany
        end = tokens[tok][1]
        last_token = tok == len(tokens) - 1
        if decimal[tok] or text[at] == "0":
            cuts: range | list[int] = [end] if decimal[tok] else [at + 1]   # a zero is a number alone
        else:
            cuts = range(at + 1, end + 1)
        for cut in cuts:
            # (a step is taken where the digits from `cut` can make the numbers left: at least one, within bounds)
            if cut < end:
                if left >= 2 and (not pruned or fewest[cut] <= left - 1 <= most[cut]):
                    path.append((at, cut))
                    pieces(tok, cut, left - 1)
                    path.pop()
            elif last_token:
                if left == 1:
                    found.append([*path, (at, cut)])
            elif left >= 2 and (not pruned or fewest[tokens[tok + 1][0]] <= left - 1 <= most[tokens[tok + 1][0]]):
                path.append((at, cut))
                pieces(tok + 1, tokens[tok + 1][0], left - 1)
                path.pop()

    pieces(0, tokens[0][0], n)
    return found


def unique_split(text: str, row: Row, n: int, holds: Callable[[list[Decimal]], bool] | None,
                 model: TableModel, tokens: list[tuple[int, int]] | None = None) -> list[tuple[int, int]] | None:
    """The split of a row's run into `n` cells: written apart, forced by the count of its digits, or the only
    one that satisfies the row's identity `holds`.  None when there is none or more than one.  A split of
    digits run together marks the model "run-together".  `tokens`: the run's `_tokens`, when known."""
    tokens = _tokens(text, row) if tokens is None else tokens
    if len(tokens) == n:
        return tokens
    if RUN_TOGETHER not in model.layout:
        model.layout.append(RUN_TOGETHER)
    if len(tokens) == 1:   # most runs a crawl wrote together: one token, each digit a cell when as many
        s, e = tokens[0]
        if e - s == n and "." not in text[s:e]:
            return [(i, i + 1) for i in range(s, e)]
    elif sum(e - s for s, e in tokens) == n and not any("." in text[s:e] for s, e in tokens):
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


# ── the three tables ──────────────────────────────────────────────────────────────────────────────

def recover(name: str, text: Text, ordinal: str) -> Recovery:
    """Recover table `name` (t2, t3, t4) from the text of its section."""
    return {"t2": _recover_t2, "t3": _recover_t3, "t4": _recover_t4}[name](text, ordinal)


def _new_model(name: str, ordinal: str) -> TableModel:
    model = TableModel(name=name, raw=None, section=ordinal)
    model.layout.append("inline")
    return model


def _put_split(model: TableModel, text: Text, split: list[tuple[int, int]], row: str, cols: list[str],
               row_label: str, col_labels: list[str], written_apart: bool, offset_at: OffsetLookup | None = None) -> None:
    """The cells of a split row (spans of `text`), under the columns `cols` labelled `col_labels`; a number split
    out of a run of digits has the source "recovered".  A row of one digit a cell (0 0 1 0 0 0 1) is placed as such."""
    source = None if written_apart else "recovered"
    if split and all(b - a == 1 for a, b in split):
        model.put_digits(row, cols, text, [a for a, _ in split], row_label, col_labels, source,
                         offset_at or offset_lookup(text.offsets))
        return
    model.put_spans(row, cols, text, split, row_label, col_labels, source, offset_at)


_START, _END = attrgetter("start"), attrgetter("end")


def _finish(model: TableModel, text: Text) -> TableModel | None:
    if not model.cells:
        return None
    cells = model.cells.values()
    model.start, model.end = min(map(_START, cells)), max(map(_END, cells))
    return model


def _failed(text: Text, row: Row) -> Recovery:
    return Recovery(unreadable=text.source_span(row.run_start, row.run_end))


def _t3_columns(header: str) -> list[str]:
    with_subtotal = layout.aligned_t3_columns(8, header) if "小计" in squash(header) else None
    return with_subtotal or layout.aligned_t3_columns(7, header)  # type: ignore[return-value]


def _t3_identity(cols: list[str]) -> Callable[[list[Decimal]], bool]:
    """总计 = the applicant columns (and, with a 小计 column, 小计 = the legal-person columns)."""
    def holds(values: list[Decimal]) -> bool:
        v = dict(zip(cols, values))
        if "SUB" in v:
            return v["SUB"] == sum(v[c] for c in layout.LEGAL_PERSON_COLUMNS) and v["T"] == v["NP"] + v["SUB"]
        return v["T"] == sum(v[c] for c in layout.APPLICANT_COLUMNS)
    return holds


_T3_ROW_PATTERNS = tuple(layout.pattern(spec) for spec in layout.T3_ROWS)   # (compiled once per process)
# The rows whose pattern is plain words (新收, 上年结转|上年度结转): no anchor, and no character `squash` removes or
# folds (a space, a bracket, a comma, a point).  Such a word written in a label is in the label squashed too.
_PLAIN_WORDS_RE = re.compile(r"[^\s^$.|?*+()\[\]{}\\,，．（）]+(?:\|[^\s^$.|?*+()\[\]{}\\,，．（）]+)*")
_T3_PLAIN_ROWS = tuple(_PLAIN_WORDS_RE.fullmatch(spec.pattern) is not None for spec in layout.T3_ROWS)


def _names_row(idx: int, label: str) -> bool:
    """Does row `idx`'s pattern match the squashed label: tried on the label as written first when the pattern is
    plain words (most rows' labels name their row as written, and need not be squashed to be told)."""
    pattern = _T3_ROW_PATTERNS[idx]
    if _T3_PLAIN_ROWS[idx] and pattern.search(label) is not None:
        return True
    return pattern.search(squash(label)) is not None


def _recover_t3(text: Text, ordinal: str) -> Recovery:
    s = text.text
    first = layout.pattern(layout.T3_ROWS[0]).search(s)
    if first is None:
        return Recovery()
    cols = _t3_columns(s[:first.start()])
    model = _new_model("t3", ordinal)
    holds = _t3_identity(cols)
    col_labels = [layout.label_of(layout.T3_COLUMNS, c) for c in cols]
    offset_at = offset_lookup(text.offsets)
    last = -1
    n = len(cols)
    row_patterns = _T3_ROW_PATTERNS
    for row in _rows(s, s.rfind("\n", 0, first.start()) + 1):
        label = row.label
        if _INNER_ORDINAL_RE.search(label, 1) is not None:   # (most labels hold no other row's label)
            blanks, label = _rows_without_numbers(row, last)
            for blank_idx, blank_label, at in blanks:  # rows whose labels stand there with no number after them
                _put_blank(model, text, at, layout.T3_ROWS[blank_idx].key, cols, blank_label)
                last = max(last, blank_idx)
        # Most rows follow the last one found, and most runs hold one digit a cell: those are taken here at once
        # (as `assign_row` and `unique_split` take them), the others as those take them.
        if last + 1 < len(row_patterns) and _names_row(last + 1, label):
            idx = last + 1
        else:
            idx = layout.assign_row(layout.T3_ROWS, [label], last, model.rows)
            if idx is None:
                continue
        run = s[row.run_start:row.run_end]
        key = layout.T3_ROWS[idx].key
        if n > 1 and len(run) == n and run.isdecimal():   # a digit a cell, split out of the run
            if RUN_TOGETHER not in model.layout:
                model.layout.append(RUN_TOGETHER)
            model.put_digits(key, cols, text, range(row.run_start, row.run_end), label.strip(), col_labels, "recovered",
                             offset_at)
        else:
            tokens = _tokens(s, row)
            split = unique_split(s, row, n, holds, model, tokens)
            if split is None:
                return _failed(text, row)
            _put_split(model, text, split, key, cols, label.strip(), col_labels, split == tokens, offset_at)
        last = max(last, idx)
        if key == "R25":
            break
    if "SUB" in cols:
        model.layout.append("subtotal")
    if "OTHER" in model.rows:
        model.layout.append("single-other")
    model.format = "2019" if "OTHER" in model.rows else "2021"
    return Recovery(_finish(model, text))


# Where a row label begins inside a longer label: its ordinal (3.其他, （七）总计, 三、本年度办理结果)
_ORDINAL = r"\d[.．、]\D|[（(][一二三四五六七八九十][）)]|[一二三四五六七八九十][、．]"
_ROW_START_RE = re.compile(rf"(?<=\S)\s*(?={_ORDINAL})")
# An ordinal after a label's first character: where a row label can begin inside it (most labels hold none, and
# this search is cheaper than `_ROW_START_RE`'s, which tries its look-behind at every character).
_INNER_ORDINAL_RE = re.compile(_ORDINAL)


def _rows_without_numbers(row: Row, last: int) -> tuple[list[tuple[int, str, int]], str]:
    """A label holding several rows' labels, the numbers after the last only (…申请 3.其他 （七）总计 3000003: the
    two rows before 总计 have blank cells, or a crawl dropped them): the earlier rows that name official rows, each
    (row index, label, offset where it ends), and the label the numbers belong to."""
    cuts = [m.start() for m in _ROW_START_RE.finditer(row.label)]
    if not cuts:
        return [], row.label
    if all(row.label[c] == "1" for c in cuts):
        return [], row.label   # each cut opens a group's first row ((三）不予公开1.属于…): no row stands alone
    pieces = [(a, b) for a, b in zip([0, *cuts], [*cuts, len(row.label)])]
    last_label = row.label[pieces[-1][0]:]
    blanks, after = [], last
    names_a_row = layout.any_pattern(layout.T3_ROWS).search
    for (a, b), (c, _) in zip(pieces[:-1], pieces[1:]):
        piece = row.label[a:b]
        if row.label[c] == "1":
            continue  # a group's label (（六）其他处理) before its first row: no row of its own
        if names_a_row(squash(piece)) is None:
            continue  # (a table's header before its first row, most often: no row's pattern is tried in turn)
        idx = layout.assign_row(layout.T3_ROWS, [piece], after)   # (its pattern matched the piece squashed)
        if idx is not None:
            blanks.append((idx, piece.strip(), row.run_start - len(row.label) + b))
            after = idx
    # (the last piece is asked whether it names a row only now: most labels have no blank row before it)
    if not blanks or layout.assign_row(layout.T3_ROWS, [last_label], last) is None:
        return [], row.label
    # the label of the first blank row starts the whole label: what stands before it belongs to that row
    return blanks, last_label


def _put_blank(model: TableModel, text: Text, at: int, row: str, cols: list[str], row_label: str) -> None:
    for col in cols:
        model.put(row, col, Cell(text.slice(at, at), 0, 0), row_label, layout.label_of(layout.T3_COLUMNS, col))


def _t4_identity(values: list[Decimal]) -> bool:
    """总计 = 维持 + 纠正 + 其他 + 尚未审结, in each of the three blocks."""
    return all(sum(values[b:b + 4]) == values[b + 4] for b in (0, 5, 10))


_T4_FIELDS = [f.key for f in layout.T4_FIELDS]
# Each block's label and its cells' column labels (行政复议-结果维持 …), made once per process.
_T4_LABELS = {block: (layout.label_of(layout.T4_BLOCKS, block),
                      [f"{layout.label_of(layout.T4_BLOCKS, block)}-{layout.label_of(layout.T4_FIELDS, fld)}"
                       for fld in _T4_FIELDS])
              for block in layout.T4_ORDER}


def _recover_t4(text: Text, ordinal: str) -> Recovery:
    s = text.text
    head = re.search(r"复议", s)
    if head is None or not re.search(r"维持|审结", s):
        return Recovery()
    row = next((r for r in _rows(s, head.start()) if sum(e - b for b, e in _tokens(s, r)) >= 15), None)
    if row is None:
        return Recovery()
    model = _new_model("t4", ordinal)
    tokens = _tokens(s, row)
    split = unique_split(s, row, 15, _t4_identity, model, tokens)
    if split is None:
        return _failed(text, row)
    apart = split == tokens
    offset_at = offset_lookup(text.offsets)
    for k, block in enumerate(layout.T4_ORDER):   # five cells a block, in the official order
        block_label, col_labels = _T4_LABELS[block]
        _put_split(model, text, split[5 * k:5 * k + 5], block, _T4_FIELDS, block_label, col_labels, apart, offset_at)
    model.format = "2021"
    return Recovery(_finish(model, text))


# The words that end a 表二 row's label (its 信息内容), by row key.
_T2_ROW_ENDS = {"regulations": "规章", "normative": "规范性文件", "licensing": "行政许可",
                "other_services": "其他对外管理服务事项", "punishment": "行政处罚", "coercion": "行政强制",
                "fees": "事业性收费", "procurement": "集中采购"}


def _t2_row(squashed: str) -> str | None:
    """The row a label (squashed) ends with the name of."""
    return next((key for key, end in _T2_ROW_ENDS.items() if squashed.endswith(end)), None)


_T2_COLUMN_PATTERNS = tuple((spec.key, layout.pattern(spec)) for spec in layout.T2_COLUMNS)


def _t2_columns(squashed: str) -> list[str]:
    """The column keys a caption inside a label (squashed) names, in the order written (本年制发件数 本年废止件数 …)."""
    if layout.any_pattern(layout.T2_COLUMNS).search(squashed) is None:
        return []   # (most labels, a row's name alone: no column's pattern is tried in turn)
    found = []
    for key, pattern in _T2_COLUMN_PATTERNS:
        m = pattern.search(squashed)
        if m is not None and not any(m.start() < e and s < m.end() for s, e, _ in found):
            found.append((m.start(), m.end(), key))
    return [key for _, _, key in sorted(found)]


_T2_COLUMN_SPECS = {spec.key: spec for spec in layout.T2_COLUMNS}


def _recover_t2(text: Text, ordinal: str) -> Recovery:
    s = text.text
    first = re.search(r"信息内容|第二十条", s)
    if first is None:
        return Recovery()
    model = _new_model("t2", ordinal)
    offset_at = offset_lookup(text.offsets)
    columns: list[str] = []
    formats: set[str] = set()
    for row in _rows(s, first.start()):
        squashed = squash(row.label)   # (once for the columns it names and the row it ends with)
        columns = _t2_columns(squashed) or columns
        key = _t2_row(squashed)
        if key is None or not columns:
            continue
        tokens = _tokens(s, row)
        split = unique_split(s, row, len(columns), None, model, tokens)
        if split is None:
            return _failed(text, row)
        for col in columns:
            spec = _T2_COLUMN_SPECS[col]
            formats.update(spec.formats if len(spec.formats) == 1 else ())
        _put_split(model, text, split, key, columns, row.label.strip(),
                   [layout.label_of(layout.T2_COLUMNS, c) for c in columns], split == tokens, offset_at)
    model.format = "2019" if "2019" in formats else "2021"
    return Recovery(_finish(model, text))
