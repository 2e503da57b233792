"""Slips injected into real reports, and neutral rewrites the slip detectors must leave alone.

An injection returns (the report with one slip, the 1-based line of the slip), or None where the report has
nothing to inject into.  Every choice is made by a fixed rule — the first official label in a table, the second
character of it, the first character of the corpus that sounds the same — never by trying until a detector fires.

The slips outside the fixed lexicon (issue 29) are injected into the ecosystem's reports as well (`ALL_REPORTS`):
a same-sounding character in an idiom of the general dictionary or in a phrase the report writes three times or
more, and a stray character inside a phrase of the domain or of the report.  The slip each of them makes is the
input method's: a same-sounding character that makes no word with its neighbour, an extra syllable that makes a
word with the next character (信息开发布: 开发).
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from conftest import ROOT
from variant_tools import REPORTS, changed, neutral, read
from linter.checks.lexicon import NUMERALS, SOURCES, general_dictionary, lexicon, strip_ordinal
from linter.document.model import Paragraph, Table
from linter.engine.run import analyse, load_rules
from linter.language.pinyin import sound_key, sound_slip
from linter.language.segmentation import is_word, tokenize
from linter.resources import builtin_ruleset
from linter.settings.config import Config
from linter.tables.pictures import official_labels

LIGHT = set("的地得之和与及或并、等度年")
# the project's corpus and the raw crawled reports of the ecosystem corpus
ALL_REPORTS = list(REPORTS) + sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))


@lru_cache(maxsize=8)
def analysed(text: str, path: Path):
    """The report read (remembered: the injections and rewrites of one report read it several times)."""
    return analyse(text.encode("utf-8"), path.name, Config()).context


def line_at(text: str, offset: int) -> int:
    return text.count("\n", 0, offset) + 1


@lru_cache(maxsize=1)
def corpus_characters() -> tuple[str, ...]:
    """The Chinese characters real reports use, in code point order: a slip types one of these."""
    chars = set()
    for path in REPORTS:
        chars.update(re.findall(r"[\u4e00-\u9fff]", read(path)))
    return tuple(sorted(chars))


def same_sound(ch: str) -> str | None:
    """The first character of the corpus, other than `ch`, with the same main reading: the input method's slip."""
    key = sound_key(ch)
    return next((c for c in corpus_characters() if c != ch and sound_key(c) == key), None)


def replace_at(text: str, offset: int, new: str, length: int = 1) -> str:
    return text[:offset] + new + text[offset + length:]


def sound_slip_at(text: str, offsets: list[int], first: int = 1):
    """The text with the character at offsets[k] (k = first, first + 1, … the first one that has a same-sounding
    character and is not light) replaced; and the line.  None when no character qualifies."""
    for k in range(first, len(offsets) - 1):
        ch = text[offsets[k]]
        other = same_sound(ch) if ch not in LIGHT else None
        if other:
            return replace_at(text, offsets[k], other), line_at(text, offsets[k])
    return None


@lru_cache(maxsize=1)
def table_labels() -> tuple[str, ...]:
    labels = {strip_ordinal(printed) for _, printed in official_labels()}
    return tuple(sorted((l for l in labels if len(re.sub(r"[^\u4e00-\u9fff]", "", l)) >= 4), key=len, reverse=True))


@lru_cache(maxsize=1)
def phrases() -> tuple[str, ...]:
    return tuple(sorted(lexicon(str(builtin_ruleset()), SOURCES, 4).phrases, key=len, reverse=True))


# ── injected slips ──────────────────────────────────────────────────────────────────────────────────────────

def slip_in_table_header(text: str, path: Path):
    """A same-sounding character in the first official label of a table (现形有效件数 for 现行有效件数)."""
    ctx = analysed(text, path)
    for block in ctx.outline.body_blocks() + list(ctx.outline.unplaced):
        if not isinstance(block, Table) or block.source_kind == "image":
            continue
        for row in block.rows:
            for cell in row:
                for label in table_labels():
                    at = cell.text.text.find(label)
                    if at >= 0 and label.isalnum():
                        return sound_slip_at(text, cell.text.offsets[at:at + len(label)])
    return None


def prose_paragraphs(ctx):
    return [p for p in ctx.scope_paragraphs("body") if isinstance(p, Paragraph)]


def first_phrase_in_prose(text: str, path: Path, length: int | None = None):
    """(paragraph text, index, phrase) of the first phrase of the lexicon in the running text."""
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        s = para.text.text
        best = None
        for phrase in phrases():
            if length is not None and len(phrase) != length:
                continue
            at = s.find(phrase)
            if at >= 0 and (best is None or at < best[1]):
                best = (para.text, at, phrase)
        if best is not None:
            return best
    return None


def slip_in_fixed_term(text: str, path: Path):
    """A same-sounding character in the first fixed term of the running text (构稽关系 for 勾稽关系)."""
    found = first_phrase_in_prose(text, path)
    if found is None:
        return None
    para, at, phrase = found
    return sound_slip_at(text, para.offsets[at:at + len(phrase)])


def slip_in_closing_agency(text: str, path: Path):
    """A character dropped from the middle of the agency's name in the closing block (市场监管理局)."""
    ctx = analysed(text, path)
    closing, name = ctx.outline.closing, ctx.outline.agency
    if closing is None or closing.agency is None or not name or name not in closing.agency.text:
        return None
    return _drop_inside(text, closing.agency, closing.agency.text.index(name), name)


def slip_in_opening_agency(text: str, path: Path):
    """A character dropped from the middle of the agency's name where the opening names it."""
    ctx = analysed(text, path)
    name = ctx.outline.agency
    if not name or len(name) < 5:
        return None
    where = opening_mention(ctx, name)
    return _drop_inside(text, where, where.text.index(name), name) if where is not None else None


def opening_mention(ctx, name: str):
    """The first paragraph of the opening that names the agency, or None."""
    return next((b.text for b in ctx.outline.preamble
                 if isinstance(b, Paragraph) and b.role == "text" and name in b.text.text), None)


def _drop_inside(text: str, where, at: int, name: str):
    k = len(name) // 2
    while k < len(name) - 1 and name[k] in LIGHT:
        k += 1
    offset = where.offsets[at + k]
    return replace_at(text, offset, ""), line_at(text, offset)


def skipped_ordinal(text: str, path: Path):
    """二是 written 三是: the list skips an ordinal."""
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        m = re.search(r"(?:^|[，。；：、\s])(二是)", para.text.text)
        if m and "一是" in ctx.scope_text("body").text:
            offset = para.text.offsets[m.start(1)]
            return replace_at(text, offset, "三"), line_at(text, offset)
    return None


def _circled_list(text: str, path: Path):
    """The first paragraph whose list runs 一是, 二是 (三是 …) rewritten with circled ordinals ①②③, as many agencies
    number a list: (the text, the offsets in it of its ordinals), or None."""
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        found = list(re.finditer(r"(?:^|(?<=[，。；：、\s]))([一二三四五六七八九])是", para.text.text))
        if len(found) >= 2 and [m.group(1) for m in found[:2]] == ["一", "二"]:
            out = text
            for m in reversed(found):  # from the end: the offsets before stay valid
                start = para.text.offsets[m.start()]
                out = replace_at(out, start, "①②③④⑤⑥⑦⑧⑨"["一二三四五六七八九".index(m.group(1))], length=2)
            starts = [para.text.offsets[m.start()] for m in found]
            return out, [start - sum(1 for s in starts if s < start) for start in starts]
    return None


def skipped_circled_ordinal(text: str, path: Path):
    """A list numbered ①②③ whose ② is written ③."""
    circled = _circled_list(text, path)
    if circled is None:
        return None
    out, starts = circled
    return replace_at(out, starts[1], "③"), line_at(out, starts[1])


def doubled_in_compound(text: str, path: Path):
    """The second half of the first four-character term of the running text typed twice (政府信息信息)."""
    found = first_phrase_in_prose(text, path, length=4)
    if found is None:
        return None
    para, at, phrase = found
    offset = para.offsets[at + 3] + 1
    return text[:offset] + phrase[2:] + text[offset:], line_at(text, offset)


def url_without_colon(text: str, path: Path):
    """http:// written http// in the report's text (not in a crawled page's header lines)."""
    for para in analysed(text, path).scope_paragraphs("document"):
        m = re.search(r"https?(:)//", para.text.text)
        if m is not None:
            offset = para.text.offsets[m.start(1)]
            return replace_at(text, offset, ""), line_at(text, offset)
    return None


# ── slips outside the fixed lexicon (issue 29) ─────────────────────────────────────────────────────────────

@lru_cache(maxsize=1)
def phrase_slip_params() -> dict:
    return next(r.params for r in load_rules(Config()) if r.id == "WORDING-PHRASE-SLIP")


def inside() -> str:
    """The characters the rules let stand inside a phrase (adverbs, prepositions, suffixes)."""
    return phrase_slip_params()["inside"]


def _typed_at(para, at: int, n: int) -> bool:
    """Whether characters at..at+n of a paragraph are typed in one go (adjacent in the source)."""
    offs = para.offsets[at:at + n]
    return len(offs) == n and all(b == a + 1 for a, b in zip(offs, offs[1:]))


def _near_the_domain(s: str, at: int, n: int, agency: str | None = None) -> bool:
    """Whether a phrase of the domain lexicon or the agency's name overlaps characters at..at+n (the ground of
    WORDING-NEAR-MISS and WORDING-AGENCY-NAME)."""
    lo = max(0, at - 30)
    window = s[lo:at + n + 30]
    names = phrases() + ((agency,) if agency else ())
    return any(lo + i < at + n and lo + i + len(p) > at for p in names for i in _places(window, p))


def _places(s: str, phrase: str) -> list[int]:
    return [m.start() for m in re.finditer(f"(?={re.escape(phrase)})", s)]


def own_phrase(text: str, path: Path, uses: int = 3):
    """(paragraph text, index) of the first phrase of the running text that reads there as two words of two
    characters (信息/发布), holds no numeral, is written at least `uses` times in the report, away from the phrases
    of the domain lexicon and the agency's name."""
    ctx = analysed(text, path)
    document = ctx.scope_text("document").text
    for para in prose_paragraphs(ctx):
        s = para.text.text
        starts = {t.start for t in tokenize(s)}
        for m in re.finditer(r"(?=([\u4e00-\u9fff]{4}))", s):
            phrase, at = m.group(1), m.start()
            if ({at, at + 2, at + 4} <= starts | {len(s)} and at + 1 not in starts and at + 3 not in starts
                    and document.count(phrase) >= uses and not NUMERALS.intersection(phrase)
                    and _typed_at(para.text, m.start(), 4)
                    and not _near_the_domain(s, m.start(), 4, ctx.outline.agency)):
                return para.text, m.start()
    return None


def _broken_by(phrase: str, k: int, ch: str) -> bool:
    """Whether `ch` for phrase[k] makes no word with the characters beside it: the slip leaves the word broken."""
    return not is_word(phrase[k - 1] + ch) and (k + 1 >= len(phrase) or not is_word(ch + phrase[k + 1]))


def same_sound_breaking(phrase: str, k: int) -> str | None:
    """The first character of the corpus with the main reading of phrase[k] that the input method offers (GB 2312)
    and that breaks the word it stands in."""
    key = sound_key(phrase[k])
    return next((c for c in corpus_characters() if c != phrase[k] and sound_key(c) == key
                 and sound_slip(c, phrase[k]) and _broken_by(phrase, k, c)), None)


def extra_syllable(phrase: str, k: int) -> str | None:
    """The first character of the corpus, not one the rules let stand inside a phrase, that makes a word with
    phrase[k] but none with phrase[k - 1] nor with the words either side: the input method's extra syllable
    before phrase[k] (开 before 发布)."""
    return next((c for c in corpus_characters()
                 if c not in inside() and c not in NUMERALS and c not in phrase and is_word(c + phrase[k])
                 and not is_word(phrase[k - 1] + c) and not is_word(phrase[:k] + c) and not is_word(c + phrase[k:])),
                None)


def sound_slip_in_own_phrase(text: str, path: Path):
    """The first character of the second word of a phrase the report writes three times or more, at its first
    place, replaced by a same-sounding one that breaks the word (受理群众 → 授理群众)."""
    found = own_phrase(text, path)
    if found is None:
        return None
    para, at = found
    phrase = para.text[at:at + 4]
    other = same_sound_breaking(phrase, 2)
    if other is None:
        return None
    offset = para.offsets[at + 2]
    return replace_at(text, offset, other), line_at(text, offset)


def stray_in_own_phrase(text: str, path: Path):
    """An extra syllable between the two words of a phrase the report writes three times or more, at its first
    place (信息发布 → 信息开发布)."""
    found = own_phrase(text, path)
    if found is None:
        return None
    para, at = found
    extra = extra_syllable(para.text[at:at + 4], 2)
    if extra is None:
        return None
    offset = para.offsets[at + 2]
    return text[:offset] + extra + text[offset:], line_at(text, offset)


def _word_boundary(phrase: str) -> int | None:
    """The first place inside a phrase between two words of two characters (政府|信息公开, 依申请|公开)."""
    return next((k for k in range(2, len(phrase) - 1) if is_word(phrase[k - 2:k]) and is_word(phrase[k:k + 2])),
                None)


def stray_in_fixed_term(text: str, path: Path):
    """An extra syllable at the first word boundary inside the first fixed term of the running text."""
    found = first_phrase_in_prose(text, path)
    if found is None:
        return None
    para, at, phrase = found
    k = _word_boundary(phrase)
    extra = extra_syllable(phrase, k) if k is not None and _typed_at(para, at, len(phrase)) else None
    if extra is None:
        return None
    offset = para.offsets[at + k]
    return text[:offset] + extra + text[offset:], line_at(text, offset)


@lru_cache(maxsize=1)
def expressions() -> frozenset[str]:
    p = phrase_slip_params()
    general = general_dictionary(tuple(p["tags"]), p["min_length"], p["min_frequency"], p["rare"], p["common"])
    return frozenset(e for group in general.expressions.values() for e in group)


def sound_slip_in_expression(text: str, path: Path):
    """The first idiom or set phrase of the general dictionary in the running text, with its first character that
    has a same-sounding one breaking the word replaced (参差不齐 → 残差不齐)."""
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        s = para.text.text
        for m in re.finditer(r"(?=([\u4e00-\u9fff]{4}))", s):
            for phrase in sorted(e for e in expressions() if s.startswith(e, m.start())):
                if (not _typed_at(para.text, m.start(), len(phrase))
                        or _near_the_domain(s, m.start(), len(phrase), ctx.outline.agency)):
                    continue
                for k in range(len(phrase)):
                    other = same_sound_breaking(phrase, k) if k else None
                    if other is not None and not is_word(phrase[:k] + other + phrase[k + 1:]):
                        offset = para.text.offsets[m.start() + k]
                        return replace_at(text, offset, other), line_at(text, offset)
    return None


INJECTIONS = {
    "table-header": ("WORDING-NEAR-MISS", slip_in_table_header),
    "fixed-term": ("WORDING-NEAR-MISS", slip_in_fixed_term),
    "closing-agency": ("WORDING-AGENCY-NAME", slip_in_closing_agency),
    "opening-agency": ("WORDING-AGENCY-NAME", slip_in_opening_agency),
    "skipped-ordinal": ("WORDING-ENUM-ORDER", skipped_ordinal),
    "skipped-circled-ordinal": ("WORDING-ENUM-ORDER", skipped_circled_ordinal),
    "doubled-in-compound": ("WORDING-DOUBLED-SEQ", doubled_in_compound),
    "url-colon": ("WORDING-URL-MALFORMED", url_without_colon),
}

# over both corpora
OUTSIDE_THE_LEXICON = {
    "sound-slip-in-own-phrase": ("WORDING-PHRASE-SLIP", sound_slip_in_own_phrase),
    "stray-in-own-phrase": ("WORDING-PHRASE-SLIP", stray_in_own_phrase),
    "sound-slip-in-expression": ("WORDING-PHRASE-SLIP", sound_slip_in_expression),
    "stray-in-fixed-term": ("WORDING-NEAR-MISS", stray_in_fixed_term),
}


# ── neutral rewrites the slip detectors must leave alone ──────────────────────────────────────────────────────

@neutral("https-scheme", "a web address given with https:// instead of http://")
def https_scheme(text: str, path: Path) -> str | None:
    return changed(text, text.replace("http://", "https://"))


@neutral("synonym-of-another-sound", "a fixed term's verb replaced by a synonym of another sound (主动公开 → 主动公布), "
                                     "as drafters vary their wording")
def synonym_of_another_sound(text: str, path: Path) -> str | None:
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        at = para.text.text.find("主动公开")
        if at >= 0 and para.text.offsets[at + 3] == para.text.offsets[at + 2] + 1:
            return replace_at(text, para.text.offsets[at + 2], "公布", 2)
    return None


@neutral("agency-name-shortened", "the agency named in the opening without its higher levels or in its official short "
                                  "form (县发展和改革局, 市场监管局), as reports name themselves")
def agency_name_shortened(text: str, path: Path) -> str | None:
    ctx = analysed(text, path)
    name = ctx.outline.agency
    m = re.match(r"^(.+?[省市州盟县区旗镇乡])(.{3,})$", name or "")
    if m is None:
        return None
    where = opening_mention(ctx, name)
    if where is None:
        return None
    at = where.text.index(name)
    start, end = where.offsets[at], where.offsets[at + len(m.group(1))]
    return text[:start] + m.group(1)[-1] + text[end:] if end - start == len(m.group(1)) else None


@neutral("list-circled", "a list numbered with circled ordinals ①②③ instead of 一是、二是")
def list_circled(text: str, path: Path) -> str | None:
    circled = _circled_list(text, path)
    return circled[0] if circled else None


@neutral("list-restarted", "a second list in the same section numbered from 一是 again")
def list_restarted(text: str, path: Path) -> str | None:
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        s = para.text.text
        if "二是" in s and s.rstrip().endswith("。"):
            end = para.text.offsets[len(s.rstrip()) - 1] + 1
            return text[:end] + "下一步，一是加强培训，二是完善制度。" + text[end:]
    return None


@neutral("particle-dropped-in-title", "a section title without 的 (存在主要问题及改进情况), a light variation of the "
                                      "official title")
def particle_dropped_in_title(text: str, path: Path) -> str | None:
    return changed(text, text.replace("存在的主要问题", "存在主要问题", 1))


# ── neutral look-alikes of the slips outside the fixed lexicon ────────────────────────────────────────────────

@neutral("adverb-inside-phrase", "an adverb between the two words of a phrase the report writes elsewhere and of a "
                                 "fixed term (信息已发布, 政府信息已公开), as drafters write a state")
def adverb_inside_phrase(text: str, path: Path) -> str | None:
    out = text
    found = first_phrase_in_prose(text, path)
    if found is not None:
        para, at, phrase = found
        k = _word_boundary(phrase)
        if k is not None and _typed_at(para, at, len(phrase)):
            offset = para.offsets[at + k]
            out = out[:offset] + "已" + out[offset:]
    own = own_phrase(out, path)
    if own is not None:
        para, at = own
        offset = para.offsets[at + 2]
        out = out[:offset] + "已" + out[offset:]
    return changed(text, out)


@neutral("homophone-variant", "制订 for the first 制定: a word of the same sound that is standard in the phrase too "
                              "(《现代汉语词典》 lists both), beside the report's other uses of 制定")
def homophone_variant(text: str, path: Path) -> str | None:
    return changed(text, text.replace("制定", "制订", 1))


@neutral("own-spelling-three-times", "a spelling the report uses three times the same way (a name, a term of its own) "
                                     "beside another of the same sound")
def own_spelling_three_times(text: str, path: Path) -> str | None:
    found = own_phrase(text, path, uses=5)
    if found is None:
        return None
    para, at = found
    phrase = para.text[at:at + 4]
    other = same_sound_breaking(phrase, 2)
    ctx = analysed(text, path)
    places = [p.text.offsets[i] for p in prose_paragraphs(ctx) for i in _places(p.text.text, phrase)
              if _typed_at(p.text, i, 4) and not _near_the_domain(p.text.text, i, 4, ctx.outline.agency)]
    if other is None or len(places) < 3:
        return None
    out = text
    for offset in places[:3]:
        out = replace_at(out, offset + 2, other)
    return changed(text, out)


@neutral("names-and-terms", "place names and terms of the trade that sound like common words (五埕村, 东庠岛, 三格化粪池) "
                            "in a sentence of the report")
def names_and_terms(text: str, path: Path) -> str | None:
    ctx = analysed(text, path)
    for para in prose_paragraphs(ctx):
        s = para.text.text
        end = s.find("。")
        if end >= 0:
            offset = para.text.offsets[end] + 1
            return text[:offset] + "完成五埕村、东庠岛三格化粪池改造，参差不齐的问题得到解决。" + text[offset:]
    return None
