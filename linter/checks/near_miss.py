"""Near-misses of the domain lexicon: text one typing slip away from a fixed phrase of the format or the regulation
(现形有效件数 for 现行有效件数, 构稽关系 for 勾稽关系) that is itself no phrase of the lexicon and no dictionary word.

The lexicon is data built from the rule set (`linter.checks.lexicon`).  Which slips count, precision first:

* in running text, a character replaced by one that shares its sound (the pinyin input method's slip:
  `language.pinyin`), or a character of the phrase typed twice;
* in running text, a stray character inside the phrase (信息处理开费 for 信息处理费) — only where the segmenter
  shows it (`checks.repairs`): the stray character takes a character of the phrase into a word and leaves another
  alone (信息/处理/开/费 … 处理/开费), and removing it mends that.  Characters that stand inside phrases as other
  wording — adverbs, prepositions, particles, suffixes: the rule's `inside` (信息已公开, 依法申请公开) — are never
  stray, and an orphan that is one of them proves nothing;
* in a table cell or a section heading, compared as a whole with the official labels and titles, also one
  character added or dropped inside the label — not at its ends (a label cut short or extended is other
  wording), and not a light character of the rule (的、和、及 …) or a numeral.

A substitution by a character of another sound is left alone: 予以公布 and 不予处罚 are other words, not slips.
Text holding a misspelling a substitution rule names (其它) is that rule's to report.  A fix is offered only when
the slip is one phrase's alone.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from itertools import compress
from typing import Iterable, Iterator

from linter.checks.context import Context
from linter.checks.hits import Fix, Hit, contiguous
from linter.checks.lexicon import NUMERALS, SOURCES, Lexicon, lexicon, strip_ordinal
from linter.checks.repeats import HAN, doubled, repeats
from linter.checks.soundview import WINDOW, Windows, kept, scope_sounds, scope_windows, sound_windows
from linter.document.model import Table, Text
from linter.language.edits import Edit, described, single_edit
from linter.ruleset.loading import Rule
from linter.ruleset.params import Choice, Field, Fields, Integer, ListOf, Str

PARAMS = Fields({
    "sources": Field(ListOf(Choice(SOURCES), doc="where the lexicon's phrases come from (default: all)")),
    "min_length": Field(Integer(minimum=3, doc="the shortest phrase, in characters (default 4)")),
    "light": Field(Str(doc="characters whose addition or omission is other wording, not a slip")),
    "inside": Field(Str(doc="characters that stand inside a phrase of running text as other wording (adverbs, "
                            "prepositions, particles, suffixes): never a stray character, never an orphan")),
}, doc="text one slip away from a fixed phrase of the format or the regulation")

_CJK_ONLY = re.compile(r"[\u4e00-\u9fff]+")
_HAS_CJK = re.compile(r"[\u4e00-\u9fff]")
_DOUBLED = re.compile(r"([\u4e00-\u9fff])\1")
# the levels of a label a Markdown export joins into one cell ("三、本年度办理结果 / （一）予以公开",
# "法人或其他组织-商业企业")
_LEVEL_DASH = re.compile(r"(?<=[\u4e00-\u9fff）)])[-－](?=[\u4e00-\u9fff（(])")


@dataclass
class Slip:
    """A window of a text that looks like a slip for the phrases `rights`, and the edit that makes it one."""

    start: int   # offsets in the text searched
    end: int
    found: str
    rights: set
    edit: Edit
    exact_text: bool = True  # the written text is the found text itself (a fix can replace it)


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    lex = lexicon(rule.ruleset_dir, tuple(p.get("sources", SOURCES)), p.get("min_length", 4))
    light = set(p.get("light", ""))
    named = lex.named
    wholes = _wholes(ctx, lex)
    near: dict[str, tuple[frozenset, Edit | None]] = {}  # (a table repeats its labels: each is looked up once)
    found = [(whole, slip) for whole in wholes for slip in _as_whole(whole, lex, light, named, near)]
    # one scan of everything for the running-text slips: the title, the text, headings and label cells
    head = [ctx.outline.title.text] if ctx.outline.title is not None else []
    joined = Text.join(head + [ctx.scope_text("document")] + wholes, sep="\n")
    found += [(joined, slip) for slip in prose_slips(joined, lex, named, *_joined_sounds(ctx, joined, head, wholes),
                                                       doubles=_joined_doubles(ctx, joined, head))]
    if "inside" in p:
        from linter.language.segmentation import local_tokens

        document = ctx.scope_text("document")
        local = local_tokens(ctx, "document")
        strays = stray_characters(document, local, _stray_windows(document.text, lex), p["inside"])
        found += [(document, slip) for slip in strays if _plausible(slip.found, lex, named)]
    for text, slip in unoverlapped(found):
        yield slip_hit(rule, text, slip)


def _joined_sounds(ctx: Context, joined: Text, head: list[Text], wholes: list[Text]) -> tuple[
        str, list[tuple[int, Windows]] | None]:
    """The sound key of the title, the text and the wholes joined as `check` joins them (a key has one character
    per character: the keys of the parts joined are the key of the parts joined), and the windows of each part
    with where the part starts — the document's shared with the other slip detector.  A long text shares nothing
    and has no windows made (a piece of them is megabytes): the joined text is translated at once and searched."""
    from linter.language.pinyin import sound_key

    document = ctx.scope_text("document").text
    if not kept(document):
        return sound_key(joined.text), None
    keys, windows, at = [], [], 0
    parts = [(t.text, None) for t in head] + [(document, "document")]
    parts += [("\n".join(w.text for w in wholes), None)] if wholes else []
    for text, scope in parts:
        key = scope_sounds(ctx, scope) if scope else sound_key(text)
        keys.append(key)
        windows.append((at, scope_windows(ctx, scope) if scope else sound_windows(text, key)))
        at += len(text) + 1
    return "\n".join(keys), windows


def _joined_doubles(ctx: Context, joined: Text, head: list[Text]) -> Iterator[int]:
    """Where the title, the text and the wholes joined as `check` joins them hold a character written twice (what
    `_DOUBLED` finds): the document's places from those found once for every rule (`checks.repeats`), the
    rest searched (a line break between the parts: no pair spans two)."""
    s, document = joined.text, ctx.scope_text("document").text
    at = len(head[0].text) + 1 if head else 0
    yield from (m.start() for m in _DOUBLED.finditer(s, 0, at))
    yield from (at + i for i, _ in doubled(repeats(ctx, "document"), document, 1, 1, HAN))
    yield from (m.start() for m in _DOUBLED.finditer(s, at + len(document)))


def _wholes(ctx: Context, lex: Lexicon) -> list[Text]:
    """What is compared as a whole with the official titles and labels: section headings' titles, and the label
    cells of the tables (each level of a joined label on its own) — those that are not official already."""
    out = []
    for sec in ctx.outline.sections:
        at = sec.heading.text.find(sec.title) if sec.title else -1
        out.append(sec.heading.slice(at, at + len(sec.title)) if at >= 0 else sec.heading)
    spans: dict[str, list[tuple[int, int]]] = {}  # a table repeats its labels (三、本年度办理结果 / …) row after row
    for table in _tables(ctx):
        for cell in _own_cells(table):
            s = cell.text.text
            if s not in spans:
                spans[s] = _label_parts(s, lex)
            out += [cell.text.slice(a, b) for a, b in spans[s]]
    return [w for w in out if not _is_label(w.text, lex)]


def _compiled(lex: Lexicon, name: str, build, depends_on=None):
    """`build()`, made once per process from the lexicon's phrases and kept in the lexicon under `name`: made
    anew only when `depends_on` (the table of readings it was made with) is another object.  Nothing derived
    from a report's text is kept here (a batch would then measure what it remembers, not the lint)."""
    stamp, made = lex.memo.get(name, (None, None))
    if made is None or stamp is not depends_on:
        made = build()
        lex.memo[name] = (depends_on, made)
    return made


def _label_parts(s: str, lex: Lexicon) -> tuple[tuple[int, int], ...]:
    """`_unofficial_parts` of a label cell (none without a Chinese character)."""
    return tuple(_unofficial_parts(s, lex)) if _HAS_CJK.search(s) else ()


def _unofficial_parts(s: str, lex: Lexicon) -> Iterator[tuple[int, int]]:
    """(start, end) of the levels of a label cell that are not official labels, each without its ordinal."""
    for m in re.finditer(r"[^/／]+", _LEVEL_DASH.sub("/", s)):
        part = m.group()
        bare = strip_ordinal(part.strip())
        if bare and not _is_label(bare, lex):
            end = m.start() + len(part.rstrip())
            yield end - len(bare), end


def _is_label(text: str, lex: Lexicon) -> bool:
    from linter.tables.layout import squash

    written = squash(text)
    return written in lex.labels.get(len(written), ())


def _tables(ctx: Context) -> list[Table]:
    blocks = ctx.outline.body_blocks() + list(ctx.outline.unplaced)
    # a table read from a picture carries the recogniser's misreadings, not the report's slips
    return [b for b in blocks if isinstance(b, Table) and b.source_kind != "image"]


def _own_cells(table: Table):
    for row in table.rows:
        for cell in row:
            if cell.origin is None or cell.origin == (cell.row, cell.col):
                yield cell


# ── a whole label or title ──────────────────────────────────────────────────────────────────────────────

def _as_whole(text: Text, lex: Lexicon, light: set, named, near: dict) -> list[Slip]:
    """The slip of a heading or label cell compared as a whole with the official labels; `near`: the labels one
    slip away from each text already compared in this document."""
    from linter.tables.layout import squash

    written = squash(text.text).rstrip("：:。.")
    if len(written) < 3 or written in lex.phrases or any(w in written for w in named):
        return []
    if written not in near:
        near[written] = _labels_one_slip_away(written, lex, light)
    rights, edit = near[written]
    if not rights or _is_word(written):
        return []
    return [Slip(0, len(text.text), text.text, set(rights), edit, exact_text=written == text.text)]


def _labels_one_slip_away(written: str, lex: Lexicon, light: set) -> tuple[frozenset, Edit | None]:
    """The official labels `written` is one slip away from, and the edit (that of the last of them, by length
    and then in sorted order).  The labels one character away are looked up by what is left when that character
    is taken out (`_dropped_index`), not compared one by one."""
    if not any(n in lex.labels for n in (len(written) - 1, len(written), len(written) + 1)):
        return frozenset(), None  # no label is as long as it, or a character longer or shorter (a paragraph)
    by_dropped = _dropped_index(lex)
    near = {label for k in range(len(written)) for label in by_dropped.get((k, written[:k] + written[k + 1:]), ())}
    near.update(by_dropped.get((None, written), ()))  # a character of the label dropped
    rights, edit = set(), None
    for label in sorted(near, key=lambda label: (len(label), label)):
        e = single_edit(written, label)
        if e is not None and _slip_in_label(e, written, label, light):
            rights.add(label)
            edit = e
    return frozenset(rights), edit


def _dropped_index(lex: Lexicon) -> dict[tuple[int | None, str], tuple[str, ...]]:
    """The official labels by what a written text one edit from them is with one character taken out, made once
    per process: a written text with its character k taken out is looked up under (k, what is left), which
    holds the labels of its length that differ from it at k alone (a substitution) and the labels one shorter
    (a character added at k); the written text itself is looked up under (None, text), which holds the labels
    one longer (a character dropped)."""
    def build():
        index: dict[tuple[int | None, str], set[str]] = {}
        for labels in lex.labels.values():
            for label in labels:
                for k in range(len(label)):
                    rest = label[:k] + label[k + 1:]
                    index.setdefault((k, rest), set()).add(label)      # the same length: a substitution at k
                    index.setdefault((None, rest), set()).add(label)   # one longer: a character dropped
        for labels in lex.labels.values():
            for label in labels:
                for k in range(len(label) + 1):                         # one shorter: a character added at k
                    index.setdefault((k, label), set()).add(label)
        return {key: tuple(sorted(v)) for key, v in index.items()}

    return _compiled(lex, "labels_by_dropped", build)


def _slip_in_label(edit: Edit, written: str, right: str, light: set) -> bool:
    if edit.kind == "sub":
        return _sound_slip(edit)
    char = edit.written or edit.right
    last = len(written) - 1 if edit.kind == "ins" else len(right) - 1
    inside = 0 < edit.at < last
    return inside and char not in light and char not in NUMERALS and (edit.kind == "ins" or len(right) >= 5)


def _sound_slip(edit: Edit) -> bool:
    from linter.language.pinyin import sound_slip

    return edit.written not in NUMERALS and edit.right not in NUMERALS and sound_slip(edit.written, edit.right)


# ── running text ────────────────────────────────────────────────────────────────────────────────────────

def prose_slips(text: Text, lex: Lexicon, named, sounds: str | None = None,
                windows: list[tuple[int, Windows]] | None = None, doubles: Iterable[int] | None = None) -> list[Slip]:
    """Windows of the text one sound slip or one doubled character away from a phrase.  `sounds` is the text's
    sound key, when made already, and `windows` its windows of four characters with where they start
    (`_joined_sounds`); without them the text is searched for each phrase's sound.  `doubles`: where the text
    holds a character written twice, when found already."""
    from linter.language.pinyin import sound_key

    s = text.text
    if sounds is None:
        sounds = sound_key(s)
    found: dict[tuple[int, int], Slip] = {}
    for start, end, phrase, edit in [*_sound_slips(s, sounds, lex, windows), *_doubled_characters(s, lex, doubles)]:
        slip = found.get((start, end))
        if slip is None:
            found[(start, end)] = Slip(start, end, s[start:end], {phrase}, edit)
        else:
            slip.rights.add(phrase)
    return [slip for slip in found.values() if _plausible(slip.found, lex, named)]


def _sound_slips(s: str, sounds: str, lex: Lexicon, windows: list[tuple[int, Windows]] | None) -> Iterator[
        tuple[int, int, str, Edit]]:
    """Places where a phrase is written with one character of the same sound: where the text written as its
    characters' main readings holds a phrase's so written, compared character by character, phrase by phrase.
    The places are found by the sound of the phrases' first four characters in the text's windows of four
    Chinese characters (`soundview`) — a phrase's key is a key of Chinese characters, and a character of another
    script in the window is no slip of the same sound; without windows (a long text), or with phrases shorter
    than a window, by a search of the text for each phrase's sound."""
    n, groups = _sound_index(lex)
    if windows is None or n != WINDOW:
        yield from _searched(s, sounds, groups)
        return
    places = []  # where the text sounds like a phrase and is not the phrase (most places are the phrase itself)
    for offset, pieces in windows:
        for starts, keys in pieces:
            for i in compress(starts, map(groups.__contains__, keys)):
                i += offset
                for rank, phrase, key in groups[sounds[i:i + n]]:
                    # (the whole sound first: most phrases of a group sound unlike the text past the window)
                    if sounds.startswith(key, i) and not s.startswith(phrase, i):
                        places.append((rank, i, phrase))
    places.sort()
    for _, i, phrase in places:
        yield from _sound_slip_at(s, i, phrase)


def _searched(s: str, sounds: str, groups: dict) -> Iterator[tuple[int, int, str, Edit]]:
    """`_sound_slips` by a search of the text for each phrase's sound, one phrase after another (nothing is kept
    of a long text's places)."""
    for _, phrase, key in sorted(entry for group in groups.values() for entry in group):
        i = sounds.find(key)
        while i >= 0:
            yield from _sound_slip_at(s, i, phrase)
            i = sounds.find(key, i + 1)


def _sound_slip_at(s: str, i: int, phrase: str) -> Iterator[tuple[int, int, str, Edit]]:
    """The slip of the same sound at i, where the text sounds like the phrase (none where it is the phrase)."""
    if not s.startswith(phrase, i):
        edit = single_edit(s[i:i + len(phrase)], phrase)
        if edit is not None and _sound_slip(edit):
            yield i, i + len(phrase), phrase, edit


def _sound_index(lex: Lexicon) -> tuple[int, dict[str, tuple[tuple[int, str, str], ...]]]:
    """The phrases' sound keys grouped by their first characters (a window's four, or fewer when a phrase is
    shorter): their number, and for each group ((rank of the phrase in sorted order, phrase, key) …)."""
    from linter.language.pinyin import sound_key, sound_table

    def build():
        keys = [(phrase, sound_key(phrase)) for phrase in sorted(lex.phrases)]
        n = min([WINDOW] + [len(key) for _, key in keys])
        groups: dict[str, list[tuple[int, str, str]]] = {}
        for rank, (phrase, key) in enumerate(keys):
            groups.setdefault(key[:n], []).append((rank, phrase, key))
        return n, {prefix: tuple(group) for prefix, group in groups.items()}

    return _compiled(lex, "sound_index", build, depends_on=sound_table())


def _doubled_characters(s: str, lex: Lexicon, doubles: Iterable[int] | None = None) -> Iterator[
        tuple[int, int, str, Edit]]:
    """Places where a character of a phrase is typed twice inside it (信息息公开); `doubles`: where `s` holds a
    character written twice (what `_DOUBLED` finds), when found already."""
    for i in (m.start() for m in _DOUBLED.finditer(s)) if doubles is None else doubles:
        ch = s[i]
        for phrase, k in lex.places.get(ch, ()):
            start, n = i - k, len(phrase)
            if k < n - 1 and start >= 0 and s.startswith(phrase[:k + 1], start) and s.startswith(phrase[k:], i + 1):
                yield start, start + n + 1, phrase, Edit("ins", k + 1, ch, "")


def _first_characters(lex: Lexicon) -> tuple[dict[str, tuple], dict[str, tuple[str, ...]], "re.Pattern | None"]:
    """The phrases by their first two characters, each with its length and last character; by their first and
    third to fourth characters (where a character added after the first one puts them); and a pattern that
    finds where a window may start: a phrase's first two characters with its last one a place further on than
    in the phrase, or its first character with its second and third a place on (the pattern starts with the
    phrases' first characters, which `re` finds by a scan of its own, and looks ahead from there)."""
    def build():
        starting: dict[str, list[tuple[str, int, str]]] = {}
        skipping: dict[str, list[str]] = {}
        ahead: dict[str, dict[str, None]] = {}
        for phrase in sorted(lex.phrases):
            starting.setdefault(phrase[:2], []).append((phrase, len(phrase), phrase[-1]))
            skipping.setdefault(phrase[0] + "\0" + phrase[1:3], []).append(phrase)
            after = ahead.setdefault(phrase[0], {})
            after[f"{re.escape(phrase[1])}.{{{len(phrase) - 2}}}{re.escape(phrase[-1])}"] = None
            after["." + re.escape(phrase[1:3])] = None
        pattern = "|".join(f"{re.escape(first)}(?={'|'.join(after)})" for first, after in ahead.items())
        return ({k: tuple(v) for k, v in starting.items()}, {k: tuple(v) for k, v in skipping.items()},
                re.compile(pattern, re.S) if pattern else None)

    return _compiled(lex, "first_characters", build)


def _stray_windows(s: str, lex: Lexicon) -> Iterator[tuple[int, str, int]]:
    """(start, phrase, k) where the text holds the phrase with a character added before its character k."""
    starting, skipping, may_start = _first_characters(lex)
    if may_start is None:
        return
    for m in may_start.finditer(s):
        i = m.start()
        for phrase, n, last in starting.get(s[i:i + 2], ()):
            # a character added inside puts the phrase's last character one place on
            if not s.startswith(last, i + n) or s.startswith(phrase, i):
                continue
            k = 2  # k: the longest prefix of the phrase written at i (by halves)
            while n - k > 1:
                mid = (k + n) // 2
                k, n = (mid, n) if s.startswith(phrase[:mid], i) else (k, mid)
            if k < len(phrase) and s.startswith(phrase[k:], i + k + 1):
                yield i, phrase, k
        for phrase in skipping.get(m.group() + "\0" + s[i + 2:i + 4], ()):
            if s.startswith(phrase[1:], i + 2):
                yield i, phrase, 1


def stray_characters(text: Text, local, windows, inside: str) -> list[Slip]:
    """The windows (start, phrase, k: the text holds the phrase with a character added before its character k)
    where the segmenter shows the added character as a slip (`_stray_shows`).  Not a slip: an added character
    of `inside` (adverbs, prepositions, suffixes), a numeral, or the character beside it typed twice (the doubled
    characters' to report)."""
    from linter.checks.repairs import Repair, read_repaired

    s = text.text
    out: dict[tuple[int, str], Slip] = {}
    for i, phrase, k in windows:
        n = len(phrase)
        extra = s[i + k]
        if ((i, phrase) in out or extra in inside or extra in NUMERALS or extra in (phrase[k - 1], phrase[k])
                or not _CJK_ONLY.fullmatch(s, i, i + n + 1) or not contiguous(text, i, i + n + 1)):
            continue
        if _stray_shows(read_repaired(local, Repair(i + k, "")), i, i + n + 1, inside):
            out[(i, phrase)] = Slip(i, i + n + 1, s[i:i + n + 1], {phrase}, Edit("ins", k, extra, ""))
    return list(out.values())


def _stray_shows(reading, lo: int, hi: int, inside: str) -> bool:
    """Whether the segmenter shows the character at `reading.repair.at` as stray in the window [lo, hi) — as the
    input method's extra syllable, which makes a word with the next or the previous character: it took a
    character of the phrase into that word and left another alone (信息/开发/布), or it stands alone beside the
    word it could make (信息/开/发布: 开发) — and removed, it leaves the phrase read as words of its own, with no
    character alone that was not before.  A character that makes no word with its neighbours (信息网公开) is
    other wording."""
    from linter.language.segmentation import is_word

    at, s = reading.repair.at, reading.text
    taken = reading.token(at)
    if taken is None or not _read_as_words(reading, lo, hi) or _extends_a_word(reading, lo, hi):
        return False
    if taken[1] - taken[0] > 1:
        return reading.mends(lo, hi, free=inside)
    return ((is_word(s[at - 1:at + 1]) or is_word(s[at:at + 2]))
            and reading.orphans(lo, hi, after=True) <= reading.orphans(lo, hi))


def _read_as_words(reading, lo: int, hi: int) -> bool:
    """Whether the phrase, the stray character removed, reads as words of its own: its ends are word boundaries,
    or one of them is and so is the place of the removed character (政务信息/公开 holds 信息公开: the first word
    of the phrase may end a longer one), or one word holds it all (食品药品监督管理局 holds 药品监督)."""
    at = reading.repair.at
    starts, ends = {a for a, _ in reading.after}, {b for _, b in reading.after}
    whole = reading.token(at + 1, after=True)
    return ((lo in starts and hi in ends) or (at in ends and at + 1 in starts and (lo in starts or hi in ends))
            or (whole is not None and whole[0] <= lo and whole[1] >= hi))


def _extends_a_word(reading, lo: int, hi: int) -> bool:
    """Whether the added character makes a word of the phrase into another word (上年 → 上年度 in 上年度结转):
    other wording, not a slip."""
    from linter.language.segmentation import is_word

    at, s = reading.repair.at, reading.text
    left, right = reading.token(at - 1, after=True), reading.token(at + 1, after=True)
    return ((left is not None and lo <= left[0] and left[1] == at and is_word(s[left[0]:at + 1]))
            or (right is not None and right[1] <= hi and right[0] == at + 1 and is_word(s[at:right[1]])))


def _plausible(found: str, lex: Lexicon, named) -> bool:
    return (_CJK_ONLY.fullmatch(found) is not None and found not in lex.phrases
            and not any(w in found for w in named) and not _is_word(found))


def _is_word(text: str) -> bool:
    from linter.language.segmentation import is_word

    return is_word(text)


def unoverlapped(found: list[tuple[Text, Slip]]) -> list[tuple[Text, Slip]]:
    """One finding per slip: the longest phrase that explains it (source spans compared)."""
    kept: list[tuple[tuple[int, int], Text, Slip]] = []
    for text, slip in sorted(found, key=lambda f: f[1].start - f[1].end):
        a, b = text.source_span(slip.start, slip.end)
        if all(b <= ka or a >= kb for (ka, kb), _, _ in kept):
            kept.append(((a, b), text, slip))
    return [(text, slip) for _, text, slip in sorted(kept, key=lambda k: k[0])]


# ── findings ────────────────────────────────────────────────────────────────────────────────────────────

def slip_hit(rule: Rule, text: Text, slip: Slip) -> Hit:
    start, end = text.source_span(slip.start, slip.end)
    rights = sorted(slip.rights)
    data = {"found": slip.found, "right": "”或“".join(rights), **described([slip.edit])}
    fix = None
    if rule.fix == "safe" and len(rights) == 1 and slip.exact_text and contiguous(text, slip.start, slip.end):
        fix = Fix(start, end, corrected(slip.found, slip.edit))
    return Hit(start, end, data, fix=fix)


def corrected(found: str, edit: Edit) -> str:
    if edit.kind == "sub":
        return found[:edit.at] + edit.right + found[edit.at + 1:]
    if edit.kind == "ins":
        return found[:edit.at] + found[edit.at + 1:]
    return found[:edit.at] + edit.right + found[edit.at:]
