"""Build the `Outline` of a report — its section tree: title, preamble, sections 一…六 with sub-items, closing
block — from a `Document`.

Each block is first classified (is this paragraph a section heading? the title? the closing date?),
then the token stream is parsed by the lark grammar `grammar/report.lark`, which says how the pieces
nest.  Deviations from the national format (missing ordinal, non-standard title, wrong ordinal) are
recorded on the section for the structure checks; nothing here raises on real input, and what cannot be
placed stays in `Outline.unplaced`.
"""
from __future__ import annotations

import re
from functools import lru_cache

from linter.document.catalogue import SectionSpec, all_titles, named_section, section_specs, title_ends
from linter.document.furniture import is_furniture
from linter.document.model import Block, Document, Image, Paragraph, Table, Text
from linter.language.numerals import ORDINALS, cn_to_int
from linter.outline.model import Classified, Closing, Outline, Section, SubItem, Title
from linter.outline.origin import AGENCY_END_RE, report_origin

__all__ = ["Classified", "Closing", "Outline", "Section", "SubItem", "Title", "classify", "parse_outline"]

# ── classification ───────────────────────────────────────────────────────────────────────────────

_SECTION_RE = re.compile(rf"^第?([{ORDINALS}]{{1,3}})\s*[、.．，,]\s*")
_SUBITEM_RE = re.compile(rf"^[（(]([{ORDINALS}]{{1,3}})[）)]\s*")
_SUBITEM_OPENERS = ("（", "(")
# The characters a section heading (`_SECTION_RE`) or a sub-item (`_SUBITEM_RE`) opens with
_HEADING_OPENERS = frozenset(f"第{ORDINALS}（(")
_SENTENCE_STOP_RE = re.compile(r"[。；]")
_HEADING_STOP_RE = re.compile(r"[。；，]")
_YEAR = r"(?:19|20)\d{2}|[〇零○一二三四五六七八九]{4}"
_TITLE_RE = re.compile(
    rf"({_YEAR})\s*年度?\s*(?:度)?(.{{0,30}}?)(?:政府信息公开|政务公开|信息公开|公开).{{0,12}}?报告"
)
# The first line of a title written over two lines ("某县人民政府2024年度政府信息公开" / "工作年度报告").
_TITLE_HEAD_RE = re.compile(rf"({_YEAR})\s*年度?.{{0,30}}(?:政府信息公开|政务公开|信息公开|公开)")
_TITLE_TAIL_RE = re.compile(r"^.{0,12}?报告$")
_FRONT_KEY_RE = re.compile(r"^(标题|发布时间|发布日期|文号|发布机构|栏目|原文链接|本地目录|页面链接|来源|索引号|信息来源|发文日期)[:：]")
_RULER_RE = re.compile(r"^[=\-_*~·]{3,}.*[=\-_*~·]{3,}$")
_DATE = (r"(?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日"
         r"|[〇零○0一二三四五六七八九]{4}\s*年\s*[一二三四五六七八九十]{1,3}\s*月\s*[一二三四五六七八九十]{1,3}\s*日"
         r"|(?:19|20)\d{2}\s*[-./]\s*\d{1,2}\s*[-./]\s*\d{1,2}")
_DATE_ONLY_RE = re.compile(rf"^({_DATE})$")
# A closing block on one line: the agency and the date beside it ("某某局2023年1月6日").
_AGENCY_DATE_RE = re.compile(rf"^([^\d。，,；;：:！？]{{2,40}}?)\s*({_DATE})$")
_COPY_TO_RE = re.compile(r"^抄\s*送\s*[:：]")
_NOTE_RE = re.compile(r"^[（(][^（）()]*[）)]$")
_NOTE_AFTER_RE = re.compile(r"\s*[（(][^（）()]{1,30}[）)]$")  # 某某局2025年1月26日（此件主动公开）
_PRINTED_RE = re.compile(rf"(?:{_DATE})\s*印发$")
_PUNCT_RE = re.compile(r"[\s、，,。.．：:；;（）()“”\"'《》〈〉]")
_MAX_HEADING = 40
_TITLE_STOP_RE = re.compile(r"[，。；：:,;！？]")
_JOINED_RE = re.compile(r"[及和与、]")
_JOINED_REACH = 8
_GLUED_SUBITEM_RE = re.compile(r"[（(][一二三四五六七八九十][）)]|[一二三四五六七八九十]是")


def _squash(s: str) -> str:
    return _PUNCT_RE.sub("", s)


@lru_cache(maxsize=1)
def _squashed_titles() -> tuple[tuple[SectionSpec, str, frozenset[str]], ...]:
    """Each spec with its squashed standard title and squashed variants (computed once)."""
    return tuple((spec, _squash(spec.standard), frozenset(_squash(v) for v in spec.variants)) for spec in section_specs())


@lru_cache(maxsize=1)
def _spec_by_squashed_title() -> dict[str, tuple[SectionSpec, str]]:
    """Each squashed standard title and variant: the first spec (in the catalogue's order) it is the standard
    title of, else the first it is a variant of, with how ("standard", "variant")."""
    found: dict[str, tuple[SectionSpec, str]] = {}
    for spec, standard, _ in _squashed_titles():
        found.setdefault(standard, (spec, "standard"))
    for spec, _, variants in _squashed_titles():
        for variant in variants:
            found.setdefault(variant, (spec, "variant"))
    return found


def _match_spec(title: str) -> tuple[SectionSpec | None, str]:
    """The section a heading title names, and how: "standard", "variant" or "keyword" (None, "")."""
    found = _spec_by_squashed_title().get(_squash(title))
    if found is not None:
        return found
    spec = named_section(title)
    return (spec, "keyword") if spec else (None, "")


def _heading_end(rest: str) -> int | None:
    """Where a heading title ends inside a paragraph that runs on into body text (crawled pages)."""
    squashed_rest = rest
    best = None
    for spec in section_specs():
        for title in spec.titles():
            if squashed_rest.startswith(title) and (best is None or len(title) > best):
                best = len(title)
    if best is not None:
        return best
    window = rest[:_MAX_HEADING]
    stop = _TITLE_STOP_RE.search(window)
    if stop is not None:
        window = window[:stop.start()]  # a title never runs past a comma or a full stop
    ends = sorted((i, -len(w)) for w in title_ends() for i in _positions(window, w))
    for i, neg in ends:
        end = i - neg
        joined = _JOINED_RE.match(window, end)
        # 存在问题及改进措施: a conjunction and another end word close after it carry the title on
        if joined is None or not any(end < j <= end + _JOINED_REACH for j, _ in ends):
            break
    else:
        end = None
    sub = _GLUED_SUBITEM_RE.search(window, 2)
    if sub is not None and (end is None or sub.start() < end):
        end = sub.start()  # 年度工作核心成效（一）主动公开…: the first sub-item follows the title
    return end


def _positions(text: str, word: str) -> list[int]:
    out, i = [], text.find(word)
    while i >= 0:
        out.append(i)
        i = text.find(word, i + 1)
    return out


@lru_cache(maxsize=1)
def _known_title_re() -> re.Pattern:
    """The accepted section titles, longest first: what a heading's text starts with, if any (the first
    alternative that matches is the longest title, as a search of the titles in that order would find)."""
    return re.compile("|".join(re.escape(t) for t in all_titles()))


def _numbered_heading(p: Paragraph, m: re.Match | None = None) -> tuple[str, str, Text, int] | None:
    """(written ordinal, title, heading text, where the title ends) of a paragraph that opens with a
    top-level ordinal and a heading title (一、总体情况 …), or None.  `m`: `_SECTION_RE`'s match of its text,
    when the caller has it."""
    s = p.text.text
    if m is None:
        m = _SECTION_RE.match(s)
        if not m:
            return None
    rest = s[m.end():]
    if not rest:
        return None  # (an ordinal alone: no title)
    known = _known_title_re().match(rest)
    if known is not None:
        end = known.end()
    elif len(rest) <= _MAX_HEADING and not _SENTENCE_STOP_RE.search(rest):
        end = len(rest)
    else:
        end = _heading_end(rest)
        if end is None:
            return None
    title = rest[:end].strip()
    if not title or len(title) > _MAX_HEADING:
        return None
    return m.group(1), title, p.text.slice(0, m.end() + end), m.end() + end


def _classify_section(p: Paragraph, numbered: tuple[str, str, Text, int] | None,
                      ordinal: re.Match | None) -> Section | None:
    """The section a paragraph heads, given its `_numbered_heading` and `_SECTION_RE`'s match of its text
    (None: no match), or None."""
    text = p.text
    s = text.text
    if numbered is not None:
        written, title, heading, body_start = numbered
        spec, match = _match_spec(title)
        if spec is None:
            return None
        deviations = []
        if match != "standard":
            deviations.append("nonstandard_title")
        if spec.ordinal != written:
            deviations.append("ordinal_mismatch")
        return Section(spec, heading, title, written, deviations=deviations, body=_body_after(text, body_start),
                       match=match)
    if ordinal is not None:
        return None
    # A heading whose ordinal is missing: only an exact standard title or a known variant counts.
    if len(s) <= _MAX_HEADING and not _HEADING_STOP_RE.search(s):
        spec, match = _match_spec(s)
        if spec and (match in ("standard", "variant") or p.heading):
            deviations = ["missing_ordinal"] + ([] if match == "standard" else ["nonstandard_title"])
            return Section(spec, text, s, None, deviations=deviations, match=match)
    return None


def _body_after(text: Text, start: int) -> Text | None:
    """The text after a heading that runs on into its paragraph, stripped (one slice of a long text, not two);
    None when there is none."""
    rest = text.text[start:]
    end = len(rest.rstrip())
    lead = len(rest) - len(rest.lstrip())
    return text.slice(start + lead, start + end) if lead < end else None


def _classify_subitem(p: Paragraph) -> SubItem | None:
    if p.text.text[:1] not in _SUBITEM_OPENERS:  # (what `_SUBITEM_RE` opens with)
        return None
    m = _SUBITEM_RE.match(p.text.text)
    if not m:
        return None
    rest = p.text.text[m.end():]
    stop = re.search(r"[。：:；]", rest)
    title = rest[: stop.start()] if stop else rest
    return SubItem(m.group(1), title[:30], p)


def _is_text(block: Block) -> bool:
    return isinstance(block, Paragraph) and block.role == "text" and not is_furniture(block.text.text)


def _looks_like_agency(text: str) -> bool:
    """A short line that can name the publishing agency above a title: no sentence, no breadcrumb."""
    return (len(text) <= _MAX_HEADING and not re.search(r"[。，,：:；;>＞›»]", text)
            and bool(AGENCY_END_RE.search(text)))


def _title_match(blocks: list[Block], i: int) -> tuple[Text, re.Match, int] | None:
    """The title text starting at block i, the match of `_TITLE_RE` in it and how many blocks it spans
    (a title split over two lines is joined)."""
    text = blocks[i].text  # type: ignore[union-attr]
    m = _TITLE_RE.search(text.text)
    if m:
        return text, m, 1
    if i + 1 < len(blocks) and _is_text(blocks[i + 1]) and _TITLE_HEAD_RE.search(text.text):
        tail = blocks[i + 1].text  # type: ignore[union-attr]
        if _TITLE_TAIL_RE.match(tail.text):
            joined = Text.join([text, tail])
            m = _TITLE_RE.search(joined.text)
            if m:
                return joined, m, 2
    return None


def _title_agency(text: Text, m: re.Match, start: int) -> Text | None:
    """The agency a title line names: before the year ("某县人民政府2024年度…"), or between the year and
    "政府信息公开" ("2024年某市人民政府办公厅政府信息公开…")."""
    before = text.slice(start, m.start()).strip()
    if before.text:
        return before
    between = text.slice(m.start(2), m.end(2)).strip()
    return between if between.text and _looks_like_agency(between.text) else None


def _find_title(blocks: list[Block]) -> tuple[int, int, Title | None]:
    """(first title block, one past the last title block, Title) among the opening blocks."""
    limit = min(len(blocks), 15)
    for i in range(limit):
        b = blocks[i]
        if not _is_text(b):
            continue
        s = b.text.text  # type: ignore[union-attr]
        if _SECTION_RE.match(s):
            break
        found = _title_match(blocks, i)
        if found is None:
            continue
        text, m, span = found
        if len(text.text) > 80 or "。" in text.text:
            continue
        fm = _FRONT_KEY_RE.match(text.text)
        agency_text = _title_agency(text, m, fm.end() if fm else 0)
        year_raw = m.group(1)
        year = int(year_raw) if year_raw.isdigit() else cn_to_int(year_raw)
        first = i
        if agency_text is None and i > 0 and _is_text(blocks[i - 1]) and _looks_like_agency(blocks[i - 1].text.text):
            agency_text = blocks[i - 1].text  # type: ignore[union-attr]
            first = i - 1
        title = Title(text, agency_text.text if agency_text else None, agency_text, year, text.slice(m.start(1), m.end(1)))
        return first, _repeated_title_end(blocks, i + span, text.text), title
    return 0, 0, None


def _repeated_title_end(blocks: list[Block], end: int, title: str) -> int:
    """Past the title lines repeated right after the title (Markdown files often repeat agency and title)."""
    while end < len(blocks) and isinstance(blocks[end], Paragraph) and isinstance(blocks[end - 1], Paragraph):
        if not _repeats_title(blocks[end].text.text, blocks[end - 1].text.text, title):  # type: ignore[union-attr]
            break
        end += 1
    return end


def _repeats_title(line: str, previous: str, title: str) -> bool:
    """Does a line repeat (part of) the title: a title line, the first or second half of one, the agency?"""
    if len(line) > _MAX_HEADING or re.search(r"[。，]", line):
        return False
    return bool(_TITLE_RE.search(line) or _TITLE_HEAD_RE.search(line) or (AGENCY_END_RE.search(line) and line in title)
                or (_TITLE_TAIL_RE.match(line) and _TITLE_HEAD_RE.search(previous)))


def _find_closing(items: list[Classified]) -> None:
    """Mark the closing block, searching back from the end past what may follow a signature (a note in
    brackets, a copy-to and printing colophon): a date alone on the last line with the agency on the line
    above, or the agency and the date on one line."""
    idx = _last_text_paragraphs(items, _CLOSING_REACH)
    idx = idx[:len(idx) - _after_signature([items[i].block.text.text for i in idx[-6:]])]  # type: ignore[union-attr]
    if not idx or items[idx[-1]].kind != "PARA":
        return
    last = items[idx[-1]]
    s = last.block.text.text  # type: ignore[union-attr]
    if _ends_with(s, "）") or _ends_with(s, ")"):  # (else no note to drop: no search through a long last paragraph)
        s = _NOTE_AFTER_RE.sub("", s)
    if _DATE_ONLY_RE.match(s):
        last.kind = "DATE"
        if len(idx) >= 2:
            prev = items[idx[-2]]
            ps = prev.block.text.text  # type: ignore[union-attr]
            if prev.kind == "PARA" and len(ps) <= _MAX_HEADING and not re.search(r"[。，；：:]", ps):
                prev.kind = "SIGNATURE"
        return
    m = _AGENCY_DATE_RE.match(s)
    if m and AGENCY_END_RE.search(m.group(1).strip()):
        text = last.block.text  # type: ignore[union-attr]
        last.kind = "DATE"
        last.closing = (text.slice(m.start(1), m.end(1)).strip(), text.slice(m.start(2), m.end(2)))


def _ends_with(text: str, end: str) -> bool:
    """Can a pattern ending with `end` and `$` match `text` (`$` stands at the end, or before a last line break)?"""
    return text.endswith(end) or text.endswith(end + "\n")


_CLOSING_REACH = 8  # the text paragraphs `_find_closing` looks at, from the end: six for the tail, two for the closing


def _last_text_paragraphs(items: list[Classified], n: int) -> list[int]:
    """The indices of the last `n` text paragraphs among `items` (all of them when fewer), in order: read from
    the end, not through the whole report."""
    found: list[int] = []
    for i in range(len(items) - 1, -1, -1):
        block = items[i].block
        if isinstance(block, Paragraph) and block.role == "text":
            found.append(i)
            if len(found) == n:
                break
    return found[::-1]


def _after_signature(tail: list[str]) -> int:
    """How many of the last paragraphs follow the signature rather than being it: notes in brackets
    (（此件主动公开）, （联系人：…）) and the colophon of GB/T 9704 (抄送：…, then the printing office and date,
    …印发)."""
    n = len(tail)
    copy_to = next((i for i in range(n - 1, -1, -1) if _COPY_TO_RE.match(tail[i])), None)
    count = n - copy_to if copy_to is not None else 0
    while count < n and _NOTE_RE.match(tail[n - 1 - count]):
        count += 1
    printed = tail[n - 1 - count] if copy_to is None and count < n else ""
    if _ends_with(printed, "印发") and _PRINTED_RE.search(printed):  # (the test first: no search through a long one)
        count += 1
        if count < n and _looks_like_agency(tail[n - 1 - count]):
            count += 1
        while count < n and _NOTE_RE.match(tail[n - 1 - count]):
            count += 1
    return count


def _block_kind(b: Block, kinds: list[str], index: int) -> str:
    """The token kind of a block that is neither title nor front matter."""
    if isinstance(b, Table):
        return "TABLE"
    if isinstance(b, Image):
        return "IMAGE"
    if b.role != "text":
        return "NOISE"
    if is_furniture(b.text.text):
        b.role = "furniture"  # a page number, footer or breadcrumb, whichever reader kept it
        return "NOISE"
    if index < 15 and (_FRONT_KEY_RE.match(b.text.text) or _RULER_RE.match(b.text.text)):
        # Page metadata of a crawled page (标题: … 原文链接: …): before the title it is front
        # matter, after it, noise.
        if _FRONT_KEY_RE.match(b.text.text):
            b.role = "metadata"  # a crawled page's 发布时间/原文链接: not the report's own text
        if all(k == "FRONT" for k in kinds):
            return "FRONT"
        return "NOISE"
    return "PARA"


def _classify_paragraph(b: Paragraph) -> Classified:
    s = b.text.text
    if s[:1] not in _HEADING_OPENERS and (len(s) > _MAX_HEADING or _HEADING_STOP_RE.search(s)):
        return Classified("PARA", b)  # no ordinal, no sub-item's bracket, and too long or a sentence: no heading
    ordinal = _SECTION_RE.match(s)
    if ordinal is not None and ordinal.end() == len(s):
        return Classified("PARA", b)  # an ordinal alone: no title, no sub-item
    numbered = _numbered_heading(b, ordinal) if ordinal is not None else None
    section = _classify_section(b, numbered, ordinal)
    if section is not None:
        return Classified("SECTION", b, section=section)
    sub = _classify_subitem(b)
    if sub is not None:
        return Classified("SUBITEM", b, subitem=sub)
    item = Classified("PARA", b)
    if numbered is not None:
        item.numbered = numbered[:3]
    return item


def classify(doc: Document) -> tuple[list[Classified], Title | None]:
    from linter.outline.evidence import resolve_sections

    blocks = doc.blocks
    first, end, title = _find_title(blocks)
    out: list[Classified] = []
    kinds: list[str] = []
    opening = max(end, 15) if title is not None else 15  # past it, a block is neither front matter nor the title
    for i, b in enumerate(blocks):
        if i >= opening and type(b) is Paragraph and b.role == "text":  # (most blocks: `_block_kind` in short)
            if is_furniture(b.text.text):
                b.role = "furniture"
                out.append(Classified("NOISE", b))
            else:
                out.append(_classify_paragraph(b))
            continue
        if title is not None and i < first:
            kind = "FRONT"
            if isinstance(b, Paragraph) and b.role == "text" and i < 15 and _FRONT_KEY_RE.match(b.text.text):
                b.role = "metadata"  # a crawled page's 发布时间/原文链接 above the title
        elif title is not None and first <= i < end:
            kind = "TITLE"
        else:
            kind = _block_kind(b, kinds, i)
        item = _classify_paragraph(b) if kind == "PARA" else Classified(kind, b)
        out.append(item)
        if i < 15:
            kinds.append(item.kind)  # (read by `_block_kind` for the first 15 blocks only)
    _mark_page_header(out, end if title is not None else 0)
    _find_closing(out)
    return resolve_sections(out), title


def _mark_page_header(out: list[Classified], start: int) -> None:
    """A crawled page's header ends with a ruler ("==== 正文 ===="): what lies between the title and the
    ruler is page furniture (links, 发布时间), not the report's text."""
    for r in range(start, min(len(out), 15)):
        block = out[r].block
        if isinstance(block, Paragraph) and _RULER_RE.match(block.text.text) and "正文" in block.text.text:
            break
    else:
        return
    for item in out[start:r + 1]:
        if item.kind in ("PARA", "NOISE") and isinstance(item.block, Paragraph):
            item.kind = "NOISE"
            item.block.role = "metadata"


# ── parsing ──────────────────────────────────────────────────────────────────────────────────────

# A node of the parse: (rule name, children), a child a node or a token's index in the token stream.
Node = tuple[str, list]


def _parse(kinds: list[str]) -> list | None:
    """The children of `start` for a stream of token kinds: `grammar/report.lark`'s LALR table run by
    `linter.lalr.parse`.  None when lark would reject the stream."""
    from linter import lalr

    return lalr.parse(lalr.table("report.lark"), kinds)


def parse_outline(doc: Document) -> Outline:
    """The outline of `doc`.  Never raises: on a parse failure every block is left unplaced."""
    classified, title = classify(doc)
    runs = _token_runs(classified)
    outline = Outline(doc, title, [], [], [], None)
    children = _parse([classified[start].kind for start, _ in runs])
    if children is None:
        outline.unplaced = list(doc.blocks)
        outline.origin = report_origin(title, [], [], None, [])
        return outline

    def blocks_of(node: Node) -> list[Block]:
        return [c.block for token in _tokens(node) for c in _items_of(token, runs, classified)]

    for child in children:
        if type(child) is int:
            continue
        name = child[0]
        if name == "front":
            outline.front = blocks_of(child)
        elif name == "preamble":
            outline.preamble = blocks_of(child)
        elif name == "section":
            outline.sections.append(_build_section(child, runs, classified))
        elif name == "closing":
            _build_closing(outline, child, runs, classified)
    furniture = [b for b in doc.blocks if isinstance(b, Paragraph) and b.role in ("furniture", "metadata")]
    outline.origin = report_origin(title, outline.front, outline.preamble, outline.closing, furniture)
    return outline


def _tokens(node: Node) -> list[int]:
    """The tokens under a node, in order."""
    out: list[int] = []
    for child in node[1]:
        if type(child) is int:
            out.append(child)
        else:
            out += _tokens(child)
    return out


# The kinds of token the grammar reads only as `item`s: wherever one may stand, any number may (`item*`).
_ITEM_KINDS = frozenset(("PARA", "TABLE", "IMAGE", "NOISE"))


def _token_runs(classified: list[Classified]) -> list[tuple[int, int]]:
    """The classified blocks as the parser reads them: (first, one past the last) of each token — a run of
    items (paragraphs, tables, pictures, noise) one token, since the grammar places a run of them as it places
    one; every other block a token of its own.  A page of 300 000 paragraphs is then one token, not 300 000
    tokens and as many nodes of a parse tree."""
    runs: list[tuple[int, int]] = []
    other = [c.kind not in _ITEM_KINDS for c in classified]  # (the end of a run is then found at C speed)
    i, n = 0, len(classified)
    while i < n:
        if other[i]:
            runs.append((i, i + 1))
            i += 1
            continue
        try:
            end = other.index(True, i)
        except ValueError:
            end = n
        runs.append((i, end))
        i = end
    return runs


def _items_of(token: int, runs: list[tuple[int, int]], classified: list[Classified]) -> list[Classified]:
    """The classified blocks a token stands for (`_token_runs`)."""
    start, end = runs[token]
    return classified[start:end]


def _build_section(node: Node, runs: list[tuple[int, int]], classified: list[Classified]) -> Section:
    head, *rest = node[1]
    section = _items_of(head, runs, classified)[0].section
    assert section is not None
    if section.body is not None:
        section.blocks.append(Paragraph(section.body))
    for name, children in rest:  # (`item`s, then `subitem`s)
        if name == "item":
            section.blocks.extend(c.block for c in _items_of(children[0], runs, classified))
        elif name == "subitem":
            sub = _items_of(children[0], runs, classified)[0].subitem
            assert sub is not None
            for _, (token,) in children[1:]:
                sub.blocks.extend(c.block for c in _items_of(token, runs, classified))
            section.subitems.append(sub)
    return section


def _build_closing(outline: Outline, node: Node, runs: list[tuple[int, int]], classified: list[Classified]) -> None:
    agency = date = None
    for child in node[1]:
        if type(child) is int:
            c = _items_of(child, runs, classified)[0]
            if c.kind == "SIGNATURE":
                agency = c.block.text  # type: ignore[union-attr]
            elif c.kind == "DATE" and c.closing is not None:
                agency, date = c.closing
            elif c.kind == "DATE":
                date = c.block.text  # type: ignore[union-attr]
        else:  # an `item` after the signature
            outline.unplaced.extend(c.block for c in _items_of(child[1][0], runs, classified))
    outline.closing = Closing(agency, date)
