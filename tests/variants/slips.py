"""Slips injected into real reports, and neutral rewrites the slip detectors must leave alone.

An injection returns (the report with one slip, the 1-based line of the slip), or None where the report has
nothing to inject into.  Every choice is made by a fixed rule — the first official label in a table, the second
character of it, the first character of the corpus that sounds the same — never by trying until a detector fires.
"""
from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path

from variant_tools import REPORTS, changed, neutral, read
from linter.checks.lexicon import SOURCES, lexicon, strip_ordinal
from linter.document.model import Paragraph, Table
from linter.engine.run import analyse
from linter.language.pinyin import sound_key
from linter.resources import builtin_ruleset
from linter.settings.config import Config
from linter.tables.pictures import official_labels

LIGHT = set("的地得之和与及或并、等度年")


def analysed(text: str, path: Path):
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
