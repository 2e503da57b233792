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
from dataclasses import dataclass, field
from functools import lru_cache

from linter.document.model import Block, Document, Image, Paragraph, Table, Text
from linter.language.numerals import ORDINALS, cn_to_int
from linter.document.catalogue import SectionSpec, all_titles, section_specs

# ── the outline ─────────────────────────────────────────────────────────────────────────────────


@dataclass
class SubItem:
    """A sub-item of a section: （一）主动公开情况 …"""

    ordinal: str
    title: str
    heading: Paragraph
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Section:
    """One of the six sections (一…六).  `spec` is None for a numbered heading we could not identify."""

    spec: SectionSpec | None
    heading: Text            # the heading text (ordinal and title)
    title: str               # the title as written, without the ordinal
    written_ordinal: str | None  # the ordinal as written (None when missing)
    blocks: list[Block] = field(default_factory=list)      # blocks before the first sub-item
    subitems: list[SubItem] = field(default_factory=list)
    deviations: list[str] = field(default_factory=list)   # missing_ordinal, ordinal_mismatch, nonstandard_title
    body: Text | None = None  # text that followed the heading in the same paragraph

    @property
    def ordinal(self) -> str:
        return self.spec.ordinal if self.spec else (self.written_ordinal or "?")

    @property
    def key(self) -> str:
        return self.spec.key if self.spec else "unknown"

    def all_blocks(self) -> list[Block]:
        out = list(self.blocks)
        for sub in self.subitems:
            out.append(sub.heading)
            out.extend(sub.blocks)
        return out

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.all_blocks() if isinstance(b, Paragraph) and b.role == "text"]

    def tables(self) -> list[Table]:
        return [b for b in self.all_blocks() if isinstance(b, Table)]

    def images(self) -> list[Image]:
        return [b for b in self.all_blocks() if isinstance(b, Image)]


@dataclass
class Title:
    """The report's title: agency (发布机关) and report year, as written."""

    text: Text
    agency: str | None
    agency_text: Text | None
    year: int | None
    year_text: Text | None


@dataclass
class Closing:
    """The closing block: the agency's name and the date under it."""

    agency: Text | None
    date: Text | None


@dataclass
class Outline:
    """A report's section tree (章节结构): the one name for it everywhere."""

    document: Document
    title: Title | None
    front: list[Block]
    preamble: list[Block]
    sections: list[Section]
    closing: Closing | None
    unplaced: list[Block] = field(default_factory=list)

    def section(self, ordinal_or_key: str) -> Section | None:
        for s in self.sections:
            if s.spec and (s.spec.ordinal == ordinal_or_key or s.spec.key == ordinal_or_key):
                return s
        return None

    @property
    def year(self) -> int | None:
        return self.title.year if self.title else None

    @property
    def agency(self) -> str | None:
        return self.title.agency if self.title else None

    def body_blocks(self) -> list[Block]:
        """Everything from the preamble to the closing block, in order."""
        out = list(self.preamble)
        for s in self.sections:
            out.extend(s.all_blocks())
        return out


# ── classification ───────────────────────────────────────────────────────────────────────────────

_SECTION_RE = re.compile(rf"^第?([{ORDINALS}]{{1,3}})\s*[、.．，,]\s*")
_SUBITEM_RE = re.compile(rf"^[（(]([{ORDINALS}]{{1,3}})[）)]\s*")
_TITLE_RE = re.compile(
    r"((?:19|20)\d{2}|[〇零○一二三四五六七八九]{4})\s*年度?\s*(?:度)?(?:.{0,30}?)(?:政府信息公开|政务公开|信息公开).{0,12}?报告"
)
_FRONT_KEY_RE = re.compile(r"^(标题|发布时间|文号|发布机构|栏目|原文链接|本地目录|页面链接|来源|索引号|信息来源|发文日期)[:：]")
_RULER_RE = re.compile(r"^[=\-_*~·]{3,}.*[=\-_*~·]{3,}$")
_DATE_ONLY_RE = re.compile(
    r"^((?:19|20)\d{2}\s*年\s*\d{1,2}\s*月\s*\d{1,2}\s*日|[〇零○一二三四五六七八九]{4}年[一二三四五六七八九十]{1,3}月[一二三四五六七八九十]{1,3}日|(?:19|20)\d{2}[-./]\d{1,2}[-./]\d{1,2})$"
)
_AGENCY_END_RE = re.compile(r"(政府|局|委员会|委|办公室|办|管委会|管理委员会|中心|院|厅|部|署|处|办事处|街道|镇|乡|公司|队|所|站|会)$")
_PUNCT_RE = re.compile(r"[\s、，,。.．：:；;（）()“”\"'《》〈〉]")
_MAX_HEADING = 40


def _squash(s: str) -> str:
    return _PUNCT_RE.sub("", s)


@lru_cache(maxsize=1)
def _squashed_titles() -> tuple[tuple[SectionSpec, str, frozenset[str]], ...]:
    """Each spec with its squashed standard title and squashed variants (computed once)."""
    return tuple((spec, _squash(spec.standard), frozenset(_squash(v) for v in spec.variants)) for spec in section_specs())


def _is_known_title(spec: SectionSpec, title: str) -> bool:
    squashed = _squash(title)
    return any(s is spec and (squashed == standard or squashed in variants) for s, standard, variants in _squashed_titles())


def _match_spec(title: str) -> tuple[SectionSpec | None, bool]:
    """The section a heading title names, and whether the title is the standard one."""
    squashed = _squash(title)
    table = _squashed_titles()
    for spec, standard, _ in table:
        if squashed == standard:
            return spec, True
    for spec, _, variants in table:
        if squashed in variants:
            return spec, False
    for spec in section_specs():
        if any(all(k in title for k in group) for group in spec.keywords):
            return spec, False
    return None, False


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
    for end_word in ("情况统计表", "情况", "事项", "措施", "概述"):
        idx = window.find(end_word)
        if idx >= 0:
            return idx + len(end_word)
    return None


@dataclass
class _Classified:
    kind: str
    block: Block
    section: Section | None = None
    subitem: SubItem | None = None


def _classify_section(p: Paragraph) -> Section | None:
    text = p.text
    s = text.text
    m = _SECTION_RE.match(s)
    if m:
        written = m.group(1)
        rest = s[m.end():]
        known = next((len(t) for t in all_titles() if rest.startswith(t)), None)
        if known is not None:
            end = known
        elif len(rest) <= _MAX_HEADING and not re.search(r"[。；]", rest):
            end = len(rest)
        else:
            end = _heading_end(rest)
            if end is None:
                return None
        title = rest[:end].strip()
        spec, standard = _match_spec(title)
        if spec is None or len(title) > _MAX_HEADING:
            return None
        deviations = []
        if not standard:
            deviations.append("nonstandard_title")
        if spec.ordinal != written:
            deviations.append("ordinal_mismatch")
        body_start = m.end() + end
        body = text.slice(body_start).strip() if body_start < len(s) else None
        return Section(spec, text.slice(0, body_start), title, written, deviations=deviations,
                       body=body if body and body.text else None)
    # A heading whose ordinal is missing: only an exact standard title or a known variant counts.
    if len(s) <= _MAX_HEADING and not re.search(r"[。；，]", s):
        spec, standard = _match_spec(s)
        if spec and (_is_known_title(spec, s) or (p.heading and spec)):
            deviations = ["missing_ordinal"] + ([] if standard else ["nonstandard_title"])
            return Section(spec, text, s, None, deviations=deviations)
    return None


def _classify_subitem(p: Paragraph) -> SubItem | None:
    m = _SUBITEM_RE.match(p.text.text)
    if not m:
        return None
    rest = p.text.text[m.end():]
    stop = re.search(r"[。：:；]", rest)
    title = rest[: stop.start()] if stop else rest
    return SubItem(m.group(1), title[:30], p)


def _find_title(blocks: list[Block]) -> tuple[int, int, Title | None]:
    """(first title block, one past the last title block, Title) among the opening blocks."""
    limit = min(len(blocks), 15)
    for i in range(limit):
        b = blocks[i]
        if not isinstance(b, Paragraph) or b.role != "text":
            continue
        s = b.text.text
        if _SECTION_RE.match(s):
            break
        m = _TITLE_RE.search(s)
        if not m or len(s) > 80 or "。" in s:
            continue
        start = 0
        fm = _FRONT_KEY_RE.match(s)
        if fm:
            start = fm.end()
        year_raw = m.group(1)
        year = int(year_raw) if year_raw.isdigit() else cn_to_int(year_raw)
        year_text = b.text.slice(m.start(1), m.end(1))
        agency_raw = s[start:m.start()].strip()
        first = i
        agency_text = b.text.slice(start, m.start()).strip() if agency_raw else None
        if not agency_raw and i > 0:
            prev = blocks[i - 1]
            if (isinstance(prev, Paragraph) and prev.role == "text" and len(prev.text) <= _MAX_HEADING
                    and not re.search(r"[。，：:]", prev.text.text)):
                agency_text = prev.text
                first = i - 1
        title = Title(b.text, agency_text.text if agency_text else None, agency_text, year, year_text)
        end = i + 1
        # Repeated title lines right after (Markdown files often repeat agency and title).
        while end < len(blocks) and isinstance(blocks[end], Paragraph):
            nxt = blocks[end].text.text
            if len(nxt) <= _MAX_HEADING and not re.search(r"[。，]", nxt) and (
                _TITLE_RE.search(nxt) or (_AGENCY_END_RE.search(nxt) and nxt in s)
            ):
                end += 1
                continue
            break
        return first, end, title
    return 0, 0, None


def _find_closing(blocks: list[Block], kinds: list[str]) -> tuple[int | None, int | None]:
    """Indices of the closing signature and date, searching back from the end."""
    idx = [i for i, b in enumerate(blocks) if isinstance(b, Paragraph) and b.role == "text"]
    if not idx:
        return None, None
    last = idx[-1]
    if kinds[last] != "PARA":
        return None, None
    s = blocks[last].text.text
    if _DATE_ONLY_RE.match(s):
        sig = None
        if len(idx) >= 2:
            prev = idx[-2]
            ps = blocks[prev].text.text
            if kinds[prev] == "PARA" and len(ps) <= _MAX_HEADING and not re.search(r"[。，；：:]", ps):
                sig = prev
        return sig, last
    return None, None


def classify(doc: Document) -> tuple[list[_Classified], Title | None]:
    blocks = doc.blocks
    first, end, title = _find_title(blocks)
    out: list[_Classified] = []
    kinds: list[str] = []
    for i, b in enumerate(blocks):
        if title is not None and i < first:
            kind = "FRONT"
        elif title is not None and first <= i < end:
            kind = "TITLE"
        elif isinstance(b, Table):
            kind = "TABLE"
        elif isinstance(b, Image):
            kind = "IMAGE"
        elif b.role != "text":
            kind = "NOISE"
        elif i < 15 and (_FRONT_KEY_RE.match(b.text.text) or _RULER_RE.match(b.text.text)):
            # Page metadata of a crawled page (标题: … 原文链接: …): before the title it is front
            # matter, after it, noise.
            kind = "FRONT" if all(k == "FRONT" for k in kinds) else "NOISE"
            if kind == "NOISE" and _FRONT_KEY_RE.match(b.text.text):
                b.role = "metadata"  # a crawled page's 发布时间/原文链接: not the report's own text
        else:
            kind = "PARA"
        item = _Classified(kind, b)
        if kind == "PARA":
            section = _classify_section(b)
            if section is not None:
                item = _Classified("SECTION", b, section=section)
            else:
                sub = _classify_subitem(b)
                if sub is not None:
                    item = _Classified("SUBITEM", b, subitem=sub)
        out.append(item)
        kinds.append(item.kind)
    _mark_page_header(out, end if title is not None else 0)
    kinds = [c.kind for c in out]
    sig, date = _find_closing(blocks, kinds)
    if date is not None:
        out[date].kind = "DATE"
        if sig is not None:
            out[sig].kind = "SIGNATURE"
    return out, title


def _mark_page_header(out: list[_Classified], start: int) -> None:
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


@lru_cache(maxsize=1)
def _parser():
    """The LALR parser for `grammar/report.lark` over classified blocks (each one token); its tables are
    cached per user (see linter.cache)."""
    from linter.cache import lalr_parser, token_stream_lexer

    return lalr_parser("report.lark", lexer=token_stream_lexer())


def parse_outline(doc: Document) -> Outline:
    """The outline of `doc`.  Never raises: on a parse failure every block is left unplaced."""
    from lark import Token, Tree
    from lark.exceptions import LarkError

    classified, title = classify(doc)
    tokens = [Token(c.kind, str(i)) for i, c in enumerate(classified)]
    outline = Outline(doc, title, [], [], [], None)
    try:
        tree = _parser().parse(tokens)
    except LarkError:
        outline.unplaced = list(doc.blocks)
        return outline

    def blocks_of(node: Tree) -> list[Block]:
        return [classified[int(t)].block for t in node.scan_values(lambda v: isinstance(v, Token))]

    for child in tree.children:
        if not isinstance(child, Tree):
            continue
        if child.data == "front":
            outline.front = blocks_of(child)
        elif child.data == "preamble":
            outline.preamble = blocks_of(child)
        elif child.data == "section":
            outline.sections.append(_build_section(child, classified))
        elif child.data == "closing":
            _build_closing(outline, child, classified)
    return outline


def _build_section(node, classified: list[_Classified]) -> Section:
    from lark import Token, Tree

    head = node.children[0]
    section = classified[int(head)].section
    assert section is not None
    if section.body is not None:
        section.blocks.append(Paragraph(section.body))
    for child in node.children[1:]:
        if isinstance(child, Tree) and child.data == "item":
            section.blocks.append(classified[int(child.children[0])].block)
        elif isinstance(child, Tree) and child.data == "subitem":
            sub_tok = child.children[0]
            sub = classified[int(sub_tok)].subitem
            assert sub is not None
            for item in child.children[1:]:
                tok = item.children[0] if isinstance(item, Tree) else item
                if isinstance(tok, Token):
                    sub.blocks.append(classified[int(tok)].block)
            section.subitems.append(sub)
    return section


def _build_closing(outline: Outline, node, classified: list[_Classified]) -> None:
    from lark import Token, Tree

    agency = date = None
    for child in node.children:
        if isinstance(child, Token):
            c = classified[int(child)]
            if c.kind == "SIGNATURE":
                agency = c.block.text  # type: ignore[union-attr]
            elif c.kind == "DATE":
                date = c.block.text  # type: ignore[union-attr]
        elif isinstance(child, Tree):
            outline.unplaced.append(classified[int(child.children[0])].block)
    outline.closing = Closing(agency, date)
