"""The domain lexicon: the fixed phrases of the national format and of the regulation, built from what the rule set
already holds — never a second hand-written list:

* `sections`: the section titles and their accepted variants (`grammar/sections.yaml`, `document.catalogue`);
* `tables`: every label and header of 表二/表三/表四 and the tables' titles (`tables.layout`, the labels OCR snaps to);
* `dictionary`: the domain dictionary the segmenter uses (`rules/dict/*.txt`: 勾稽关系, 信息处理费, 行政规范性文件 …);
* `rules`: the words the rule set's own rules look for (`any`, `all`, `groups`, a regulation's `full` and `short`
  names) and the documents their `basis` cites by title (《中华人民共和国政府信息公开条例》 …).

A phrase is a run of at least `min_length` Chinese characters with no numeral in it: ordinals and article numbers
(第二十条第（五）项, 三安全一稳定) vary legitimately from table to table.  Whole labels (ordinals stripped) are kept
apart for comparing a table cell or a heading as a whole.

Apart from the domain lexicon, `general_dictionary` reads what the segmenter's general dictionary (jieba's
`dict.txt`, read as data) knows of words a slip can be one character away from: its fixed expressions (idioms and
set phrases such as 参差不齐, by part of speech and frequency) and its rare words that sound like a common word one
character away (布署 beside 部署: a dictionary built from text keeps the misspellings it met, at a few uses each).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Iterable, Iterator

SOURCES = ("sections", "tables", "dictionary", "rules")
NUMERALS = frozenset("〇零一二两三四五六七八九十百千万")

_RUN = re.compile(r"[\u4e00-\u9fff]+")
_TITLE = re.compile(r"《([^《》]{2,60})》")
_TERM_KEYS = ("any", "all", "groups", "full", "short")
_ORDINAL = re.compile(r"^(?:[一二三四五六七八九十]+[、.．]|[（(][一二三四五六七八九十]+[）)]|\d+[.、．])\s*")


@dataclass(frozen=True)
class Lexicon:
    phrases: frozenset[str]
    # each character → the phrases it stands in and where: (phrase, index)
    places: dict[str, tuple[tuple[str, int], ...]]
    # whole labels and titles (ordinals stripped, squashed), by length, for cells and headings
    labels: dict[int, tuple[str, ...]]
    # the misspellings the rule set's substitution rules name (其它, 再接再励 …): a text holding one is theirs
    named: tuple[str, ...] = ()
    # what the checks make once per process from the lexicon alone (phrases grouped by sound, the index of
    # labels one slip apart, the stray-character pattern) — never results for a document's own text
    memo: dict = field(default_factory=dict, compare=False, repr=False)


def strip_ordinal(label: str) -> str:
    """The label without its leading ordinals (三、（二）1.)."""
    while True:
        stripped = _ORDINAL.sub("", label, count=1)
        if stripped == label:
            return label
        label = stripped


def phrases_of(text: str, min_length: int) -> Iterator[str]:
    """The runs of Chinese characters of `text` long enough to be phrases, numerals excluded."""
    for run in _RUN.findall(text):
        if len(run) >= min_length and not NUMERALS.intersection(run):
            yield run


def _section_titles() -> list[str]:
    from linter.document.catalogue import section_specs

    return [title for spec in section_specs() for title in spec.titles()]


def _table_labels() -> list[str]:
    from linter.tables import layout
    from linter.tables.pictures import official_labels

    return [printed for _, printed in official_labels()] + list(layout.TABLE_TITLES.values())


def _dictionary_words() -> list[str]:
    from linter.language.segmentation import user_dictionaries

    words = []
    for path in user_dictionaries():
        for line in path.read_text(encoding="utf-8").splitlines():
            if line.strip() and not line.startswith("#"):
                words.append(line.split()[0])
    return words


def _strings(value) -> Iterator[str]:
    if isinstance(value, str):
        yield value
    elif isinstance(value, (list, tuple)):
        for item in value:
            yield from _strings(item)
    elif isinstance(value, dict):
        for item in value.values():
            yield from _strings(item)


def _rule_terms(ruleset_dir: str) -> list[str]:
    """What the rule set's rules look for, and the titles of the documents they cite."""
    from linter.checks import registry
    from linter.ruleset.loading import load_ruleset

    if not ruleset_dir or not Path(ruleset_dir).is_dir():
        return []
    terms = []
    for rule in load_ruleset(Path(ruleset_dir), registry()):
        for key in _TERM_KEYS:
            terms += _strings(rule.params.get(key))
        terms += _TITLE.findall(rule.basis)
    return terms


def _named_misspellings(ruleset_dir: str) -> tuple[str, ...]:
    from linter.checks import registry
    from linter.ruleset.loading import load_ruleset

    if not ruleset_dir or not Path(ruleset_dir).is_dir():
        return ()
    return tuple(sorted({r.params["wrong"] for r in load_ruleset(Path(ruleset_dir), registry())
                         if r.check == "substitution.substitute" and isinstance(r.params.get("wrong"), str)}))


def _texts(sources: Iterable[str], ruleset_dir: str) -> list[str]:
    build = {"sections": _section_titles, "tables": _table_labels, "dictionary": _dictionary_words,
             "rules": lambda: _rule_terms(ruleset_dir)}
    return [text for source in sources for text in build[source]()]


@lru_cache(maxsize=8)
def lexicon(ruleset_dir: str, sources: tuple[str, ...], min_length: int) -> Lexicon:
    """The lexicon of a rule set: built once per process, and kept in the per-user cache until a file it is
    built from (or the linter's code) changes."""
    from linter.cache import cached, digest
    from linter.language.segmentation import user_dictionaries
    from linter.resources import grammar_path

    inputs = sorted(Path(ruleset_dir).glob("*.yaml")) if ruleset_dir else []
    inputs += user_dictionaries() + [grammar_path("sections.yaml")]
    key = f"{ruleset_dir}\0{','.join(sources)}\0{min_length}"
    return cached(f"lexicon-{digest(key)[:12]}", inputs, lambda: _build(ruleset_dir, sources, min_length), extra=key)


def _build(ruleset_dir: str, sources: tuple[str, ...], min_length: int) -> Lexicon:
    from linter.tables.layout import squash

    phrases = frozenset(p for text in _texts(sources, ruleset_dir) for p in phrases_of(text, min_length))
    places: dict[str, list[tuple[str, int]]] = {}
    for phrase in sorted(phrases):
        for k, ch in enumerate(phrase):
            places.setdefault(ch, []).append((phrase, k))
    wholes = {squash(strip_ordinal(t)) for t in _texts([s for s in sources if s in ("sections", "tables")], ruleset_dir)}
    labels: dict[int, list[str]] = {}
    for label in wholes:
        if len(label) >= min_length and not NUMERALS.intersection(label):
            labels.setdefault(len(label), []).append(label)
    return Lexicon(phrases, {ch: tuple(v) for ch, v in places.items()}, {n: tuple(v) for n, v in labels.items()},
                   _named_misspellings(ruleset_dir))


# ── the general dictionary ───────────────────────────────────────────────────────────────────────────────

@dataclass(frozen=True)
class GeneralDictionary:
    # fixed expressions by the sound key (`language.pinyin.sound_key`) of their first four characters
    expressions: dict[str, tuple[str, ...]]
    # a rare word -> the common words of the same sound one character away from it (布署 -> 部署)
    variants: dict[str, tuple[str, ...]]


def general_dictionary_path() -> Path | None:
    """jieba's dictionary file (read as data: importing jieba is heavy); None without jieba."""
    from linter.language.pinyin import package_file

    return package_file("jieba", "dict.txt")


@lru_cache(maxsize=4)
def general_dictionary(tags: tuple[str, ...], min_length: int, min_frequency: int, rare: int,
                       common: int) -> GeneralDictionary:
    """What the general dictionary knows that a slip can be compared with: expressions of at least `min_length`
    characters, of a part of speech in `tags` and used at least `min_frequency` times; and the words used at
    most `rare` times that differ by one same-sounding character from a word used at least `common` times.
    Built once and kept in the per-user cache; empty without jieba or without the readings of characters."""
    from linter.cache import cached, digest
    from linter.language.pinyin import table_path

    path, readings = general_dictionary_path(), table_path()
    if path is None or readings is None:
        return GeneralDictionary({}, {})
    key = f"{','.join(tags)}\0{min_length}\0{min_frequency}\0{rare}\0{common}"
    return cached(f"general-{digest(key)[:12]}", [path, readings],
                  lambda: _build_general(path, tags, min_length, min_frequency, rare, common), extra=key)


def _lines(path: Path) -> Iterator[str]:
    """The file's lines as `str.splitlines` cuts them, read a piece at a time: jieba's dictionary (350 000 lines)
    read whole and cut costs some 50 MB at once, on the first run, in the worker that lints a report."""
    with path.open(encoding="utf-8", newline="") as pieces:
        for piece in pieces:
            yield from piece.splitlines()


def _build_general(path: Path, tags, min_length: int, min_frequency: int, rare: int, common: int) -> GeneralDictionary:
    from linter.language.pinyin import sound_key, sound_slip

    expressions: dict[str, list[str]] = {}
    short: dict[str, list[tuple[str, int]]] = {}  # the words of two or three characters, by sound key
    for line in _lines(path):
        parts = line.split()
        if len(parts) < 2 or not parts[1].isdigit() or not _RUN.fullmatch(parts[0]):
            continue
        word, freq, tag = parts[0], int(parts[1]), parts[2] if len(parts) > 2 else ""
        if (len(word) >= min_length and freq >= min_frequency and tag in tags
                and not NUMERALS.intersection(word)):
            expressions.setdefault(sound_key(word[:4]), []).append(word)
        elif len(word) in (2, 3) and (freq <= rare or freq >= common):
            short.setdefault(sound_key(word), []).append((word, freq))
    variants: dict[str, tuple[str, ...]] = {}
    for words in short.values():
        for word, freq in words:
            if freq > rare:
                continue
            siblings = tuple(other for other, f in words if f >= common and _one_sound_apart(word, other, sound_slip))
            if siblings:
                variants[word] = siblings
    return GeneralDictionary({k: tuple(sorted(v)) for k, v in expressions.items()}, variants)


def _one_sound_apart(word: str, other: str, sound_slip) -> bool:
    differ = [(a, b) for a, b in zip(word, other) if a != b]
    return len(differ) == 1 and sound_slip(*differ[0])
