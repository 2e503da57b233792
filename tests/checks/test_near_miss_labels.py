"""WORDING-NEAR-MISS compares a heading or a label cell with the official labels through an index made once per
process (each label by what is left when one of its characters is taken out), and keeps nothing of a report's
text from one document to the next: it finds what comparing the text with every label finds, on the reports of
the corpus and of the ecosystem, on their headings and cells with slips put in, and on random text."""
from __future__ import annotations

import random
from pathlib import Path

import pytest

from conftest import lint_text
from linter.checks import near_miss
from linter.checks.lexicon import SOURCES, lexicon
from linter.language.edits import single_edit
from linter.language.pinyin import readings
from linter.resources import builtin_ruleset

ROOT = Path(__file__).resolve().parents[2]
REPORTS = sorted([*(ROOT / "tests/fixtures/corpus").glob("*.md"), *(ROOT / "tests/fixtures/corpus").glob("*.txt"),
                  *(ROOT / "tests/ecosystem/corpus").rglob("*.txt")])
LIGHT = set("的地得之和与及或并、等度年")


def every_label_compared(written: str, lex, light: set):
    """The labels one slip away found by comparing `written` with every label of a length one apart, in
    order (what the rule did before the index)."""
    rights, edit = set(), None
    for n in (len(written) - 1, len(written), len(written) + 1):
        for label in sorted(lex.labels.get(n, ())):
            e = single_edit(written, label)
            if e is not None and near_miss._slip_in_label(e, written, label, light):
                rights.add(label)
                edit = e
    return frozenset(rights), edit


@pytest.fixture(scope="module")
def lex():
    return lexicon(str(builtin_ruleset()), SOURCES, 4)


def homophones_among(chars: str) -> dict[str, list[str]]:
    """For each of `chars`, the others that share a reading with it."""
    by_reading: dict[str, set[str]] = {}
    for ch in chars:
        for r in readings(ch):
            by_reading.setdefault(r, set()).add(ch)
    return {ch: sorted(set().union(*(by_reading[r] for r in readings(ch))) - {ch}) for ch in chars}


def one_slip(text: str, rng: random.Random, pool: str, sounds: dict[str, list[str]]) -> str:
    """`text` with one character replaced (by one of the same sound when there is one), added or dropped."""
    at = rng.randrange(len(text))
    kind = rng.randrange(3)
    if kind == 0:
        alike = sounds.get(text[at]) or list(pool)
        return text[:at] + rng.choice(alike) + text[at + 1:]
    if kind == 1:
        return text[:at] + rng.choice(pool) + text[at:]
    return text[:at] + text[at + 1:]


def test_the_index_finds_the_labels_a_comparison_with_every_label_finds(lex):
    labels = sorted(label for group in lex.labels.values() for label in group)
    pool = "".join(sorted(set("".join(labels))))
    sounds = homophones_among(pool + "形构现型勾行性刑")
    rng = random.Random(30)
    written = set(labels)
    for label in labels:
        for at in range(len(label)):  # every single edit of every label at every place
            written.add(label[:at] + label[at + 1:])
            written.add(label[:at] + rng.choice(pool) + label[at:])
            for alike in sounds.get(label[at], [])[:3]:
                written.add(label[:at] + alike + label[at + 1:])
        slipped = label
        for _ in range(3):  # and a few edits apart
            slipped = one_slip(slipped, rng, pool, sounds)
            written.add(slipped)
    written.update("".join(rng.choice(pool) for _ in range(rng.randint(3, 14))) for _ in range(2000))
    found = 0
    for w in sorted(written):
        expected = every_label_compared(w, lex, LIGHT)
        assert near_miss._labels_one_slip_away(w, lex, LIGHT) == expected, w
        found += bool(expected[0])
    assert found > len(labels)  # the edits of the labels are found, most of them


def test_nothing_of_a_report_s_text_is_kept_from_one_document_to_the_next(lex):
    """What the rule keeps in the lexicon is made from the lexicon alone: the same objects, of the same size,
    whatever documents were linted (a batch that repeats reports must measure the lint, not a memory of it)."""
    def kept() -> dict[str, tuple[int, int]]:
        return {name: (id(made), len(made)) for name, (_, made) in lex.memo.items()}

    report = (ROOT / "tests/fixtures/corpus/2023-huaian-hongzequ-qzf.md").read_text(encoding="utf-8")
    lint_text(report, "a.md", select=["WORDING-NEAR-MISS"])
    before = kept()
    assert set(before) == {"labels_by_dropped", "sound_index", "first_characters"}
    other = report.replace("现行有效件数", "现形有效件数").replace("本年新收政府信息公开申请数量", "本年新收政府信息公开申情数量")
    for text in (other, report.replace("政府信息", "政务信息"), other + "\n| 主动公开政府信息数量 | 依申请公开信息数量 |\n"):
        lint_text(text, "b.md", select=["WORDING-NEAR-MISS"])
        assert kept() == before


def slipped_headings_and_cells(text: str, rng: random.Random, pool: str, sounds: dict[str, list[str]]) -> str:
    """The report with a slip put into some of its headings and table rows (their Chinese characters)."""
    lines = text.split("\n")
    for n, line in enumerate(lines):
        if ("|" in line or line[:2].rstrip("、").isalpha()) and rng.random() < 0.6:
            cjk = [i for i, ch in enumerate(line) if "\u4e00" <= ch <= "\u9fff"]
            if cjk:
                at = rng.choice(cjk)
                lines[n] = line[:at] + one_slip(line[at:at + 1], rng, pool, sounds) + line[at + 1:]
    return "\n".join(lines)


def near_misses(text: str, path: str) -> list[tuple]:
    result = lint_text(text, path, select=["WORDING-NEAR-MISS"])
    return [(f.line, f.column, f.message, repr(f.fix)) for f in result.findings]


def test_the_rule_finds_on_every_report_what_comparing_every_label_finds(lex, monkeypatch):
    labels = sorted(label for group in lex.labels.values() for label in group)
    pool = "".join(sorted(set("".join(labels))))
    sounds = homophones_among(pool)
    rng = random.Random(7)
    texts = []
    for path in REPORTS:
        text = path.read_text(encoding="utf-8", errors="replace")
        texts += [(text, path.name), (slipped_headings_and_cells(text, rng, pool, sounds), path.name)]
    indexed = [near_misses(text, name) for text, name in texts]
    monkeypatch.setattr(near_miss, "_labels_one_slip_away", every_label_compared)
    compared = [near_misses(text, name) for text, name in texts]
    assert indexed == compared
    as_written, slipped = sum(map(len, indexed[::2])), sum(map(len, indexed[1::2]))
    assert slipped > as_written + len(REPORTS) // 2  # the slips put in are found, many of them
