"""DOCX reader (python-docx, which also brings lxml): what a drafting office writes in Word.

The body is walked in order: paragraphs, tables (merged cells — `gridSpan`, `vMerge` — expanded) and
content controls.  Heading styles ("Heading 2", "标题 2", or an outline level) become the paragraph's
heading hint.  An inline or floating picture becomes an `Image` block, so "表三 is a picture" can be
reported.  Nothing is lost silently: text boxes are read as paragraphs where they are anchored,
footnotes and endnotes are appended at the end (role ``footnote``), and `Document.notes` says so.

Positions: `Document.source` is synthetic — one line per paragraph, one line per table row written
as `| cell | cell |` — and `Document.regions` names, for every range of it, the body paragraph number
(`{"paragraph": n}`, counting every body paragraph, empty ones too, as Word does) or the table cell
(`{"table": t, "row": r, "cell": c}`, 1-based, `c` counted in grid columns).

`read_anchored` also says where every character of that source sits in the Word XML (`RunPiece`,
`LineAnchor`), so that the DOCX output can anchor a comment on the exact runs of a finding.
"""
from __future__ import annotations

import io
from dataclasses import dataclass, field
from typing import Any, Sequence

from linter.document.model import Block, Document, Image, Link, Paragraph, Text, normalize
from linter.document.limits import MAX_TABLE_COLUMNS, MAX_TABLE_ROWS, ReadLimits
from linter.document.readers import ReadError
from linter.document.readers.containers import check_zip
from linter.document.readers.synthetic import SourceBuilder, expand_grid

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_MC_FALLBACK = "{http://schemas.openxmlformats.org/markup-compatibility/2006}Fallback"
_BLIP = "{http://schemas.openxmlformats.org/drawingml/2006/main}blip"
_DOCPR = "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
_VML_IMAGE = "{urn:schemas-microsoft-com:vml}imagedata"
_REL_ID = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"


@dataclass
class RunPiece:
    """Characters of the synthetic source and the run content they come from: a `w:t` (text that can be
    split), or one whole element (`w:tab`, a picture, a footnote mark).  `node` is a child of a `w:r`."""

    offsets: Sequence[int]  # the source offset of each character
    node: Any


@dataclass
class LineAnchor:
    """A line of the synthetic source (a paragraph or a table cell) and the `w:p` it comes from
    (None for a footnote, whose paragraphs live outside the document part)."""

    start: int
    end: int
    paragraph: Any


@dataclass
class Anchors:
    """Where the synthetic source sits in the Word XML, in source order."""

    pieces: list[RunPiece] = field(default_factory=list)
    lines: list[LineAnchor] = field(default_factory=list)

    def add_text(self, start: int, parts: list[tuple[str, Any]]) -> int:
        """Record the pieces of one paragraph's text starting at `start`; the offset after them."""
        at = start
        for text, node in parts:
            if text and node is not None:
                self.pieces.append(RunPiece(range(at, at + len(text)), node))
            at += len(text)
        return at


def read(data: bytes, path: str, fmt: str = "docx", limits: ReadLimits | None = None,
         pictures: bool = False) -> Document:
    """The document; with `pictures`, each embedded picture's bytes are kept on its `Image` (for OCR)."""
    import gc

    document = _Reader(open_word(data, limits), path, fmt, pictures=pictures).run()
    # python-docx's package and its parts refer to each other: the XML tree (tens of MB for a long
    # document) would stay until the collector next looks at old objects, through the whole lint
    gc.collect()
    return document


def read_anchored(data: bytes, path: str, fmt: str = "docx"):
    """(python-docx document, `Document`, `Anchors`): the document as `read` makes it, plus where each
    character of its source sits in the python-docx tree (which the caller may then edit and save)."""
    word = open_word(data)
    reader = _Reader(word, path, fmt, Anchors())
    return word, reader.run(), reader.anchors


def open_word(data: bytes, limits: ReadLimits | None = None):
    """A python-docx document of `data`, after the archive checks; `ReadError` when it is not one."""
    check_zip(data, "DOCX", limits)
    import docx  # python-docx: imported only when a DOCX is read
    from docx.opc.exceptions import PackageNotFoundError

    try:
        return docx.Document(io.BytesIO(data))
    except (PackageNotFoundError, KeyError, ValueError) as exc:
        raise ReadError(f"not a Word document (DOCX): {exc}", "format") from exc
    except Exception as exc:  # lxml and zipfile errors on damaged parts
        raise ReadError(f"damaged DOCX file: {exc}", "format") from exc


class _Reader:
    def __init__(self, word, path: str, fmt: str, anchors: Anchors | None = None, pictures: bool = False) -> None:
        self.word = word
        self.pictures = pictures  # keep each picture's bytes (for OCR)
        self.path, self.fmt = path, fmt
        self.out = SourceBuilder()
        self.blocks: list[Block] = []
        self.regions: list[tuple[int, int, dict]] = []
        self.links: list[Link] = []
        self.notes: list[str] = []
        self.paragraph_no = 0
        self.table_no = 0
        self.textboxes = 0
        self._styles = {s.style_id: s for s in word.styles}
        self.anchors = anchors

    def run(self) -> Document:
        self.body(self.word.element.body)
        self.footnotes()
        if self.textboxes:
            self.notes.append(f"{self.textboxes} text box paragraph(s) read where they are anchored")
        doc = Document(path=self.path, format=self.fmt, source=self.out.text, blocks=self.blocks,
                       regions=self.regions, notes=self.notes, links=self.links)
        return doc

    # ── body ────────────────────────────────────────────────────────────────────────────────────
    def body(self, element) -> None:
        for child in element.iterchildren():
            tag = child.tag
            if tag == W + "p":
                self.paragraph(child)
            elif tag == W + "tbl":
                self.table(child)
            elif tag == W + "sdt":
                content = child.find(W + "sdtContent")
                if content is not None:
                    self.body(content)
            elif tag == W + "customXml":
                self.body(child)

    def write(self, parts: list[tuple[str, Any]], location: dict, p=None) -> tuple[str, int]:
        """Write one paragraph (`parts`: its text pieces and the elements they come from) as a line of
        the source; its text and start offset."""
        text = "".join(t for t, _ in parts)
        start = self.out.add(text)
        self.regions.append((start, start + len(text), location))
        self.hyperlinks(parts, start)
        if self.anchors is not None:
            self.anchors.add_text(start, parts)
            self.anchors.lines.append(LineAnchor(start, start + len(text), p))
        return text, start

    def line(self, parts: list[tuple[str, Any]], location: dict, p=None, heading: int = 0, role: str = "text") -> None:
        text, start = self.write(parts, location, p)
        t = normalize(text, start)
        if t.text:
            self.blocks.append(Paragraph(t, heading=heading, role=role))

    def paragraph(self, p) -> None:
        self.paragraph_no += 1
        location = {"paragraph": self.paragraph_no}
        parts, images, boxes = _paragraph_content(p)
        self.line(parts, location, p, heading=self.heading_level(p))
        for name, node, rid in images:
            marker, start = self.write([(f"[image: {name}]", node)], location, p)
            blob = self.picture_bytes(rid)
            self.blocks.append(Image(name=name or "image", text=Text(marker, list(range(start, start + len(marker)))),
                                     data=blob if self.pictures else None, embedded=blob is not None))
        for box in boxes:
            self.textboxes += 1
            self.line(_paragraph_content(box)[0], location, box)

    def hyperlinks(self, parts: list[tuple[str, Any]], start: int) -> None:
        """Record the hyperlinks among a line's text pieces (written at source offset `start`): each run of
        pieces inside one `w:hyperlink`, with the address its relationship names (or `#bookmark`)."""
        at, current, begin, shown = start, None, start, []
        for text, node in [*parts, ("", None)]:
            link = _hyperlink_of(node)
            if link is not current:
                target = self.link_target(current) if current is not None else ""
                if target:
                    self.links.append(Link(normalize("".join(shown), begin), target))
                current, begin, shown = link, at, []
            shown.append(text)
            at += len(text)

    def link_target(self, hyperlink) -> str:
        rid = hyperlink.get(_REL_ID + "id")
        rel = self.word.part.rels.get(rid) if rid else None
        if rel is not None and rel.is_external:
            return (rel.target_ref or "").strip()
        anchor = hyperlink.get(W + "anchor")
        return f"#{anchor}" if anchor else ""

    def picture_bytes(self, rid: str) -> bytes | None:
        """The bytes of a picture embedded in the document (None for a linked one)."""
        if not rid:
            return None
        part = self.word.part.related_parts.get(rid)
        return getattr(part, "blob", None)

    def heading_level(self, p) -> int:
        ppr = p.find(W + "pPr")
        style_id = None
        if ppr is not None:
            lvl = ppr.find(W + "outlineLvl")
            if lvl is not None and (lvl.get(W + "val") or "").isdigit() and int(lvl.get(W + "val")) < 9:
                return int(lvl.get(W + "val")) + 1
            ps = ppr.find(W + "pStyle")
            style_id = ps.get(W + "val") if ps is not None else None
        style = self._styles.get(style_id) if style_id else None
        seen = 0
        while style is not None and seen < 10:
            name = (style.name or "").lower()
            if name == "title":
                return 1
            for prefix in ("heading ", "标题 ", "标题"):
                if name.startswith(prefix) and name[len(prefix):].strip().isdigit():
                    return int(name[len(prefix):].strip())
            spr = style.element.find(W + "pPr")
            lvl = spr.find(W + "outlineLvl") if spr is not None else None
            if lvl is not None and (lvl.get(W + "val") or "").isdigit() and int(lvl.get(W + "val")) < 9:
                return int(lvl.get(W + "val")) + 1
            style, seen = style.base_style, seen + 1
        return 0

    def table(self, tbl) -> None:
        self.table_no += 1
        trs = [tr for tr in tbl.iterchildren(W + "tr")][:MAX_TABLE_ROWS]  # linter/document/limits.py
        # parsed[r] = list of (grid column, span, vmerge, text pieces, tc)
        parsed: list[list[tuple[int, int, str | None, list, Any]]] = []
        for tr in trs:
            col = 0
            trpr = tr.find(W + "trPr")
            before = trpr.find(W + "gridBefore") if trpr is not None else None
            if before is not None and (before.get(W + "val") or "").isdigit():
                col = int(before.get(W + "val"))
            cells = []
            for tc in tr.iterchildren(W + "tc"):
                if col >= MAX_TABLE_COLUMNS:
                    break
                tcpr = tc.find(W + "tcPr")
                span, vmerge = 1, None
                if tcpr is not None:
                    gs = tcpr.find(W + "gridSpan")
                    if gs is not None and (gs.get(W + "val") or "").isdigit():
                        span = max(1, int(gs.get(W + "val")))
                    vm = tcpr.find(W + "vMerge")
                    if vm is not None:
                        vmerge = vm.get(W + "val") or "continue"
                cells.append((col, span, vmerge, _cell_parts(tc), tc))
                col += span
            parsed.append(cells)
        rows = []
        for r, cells in enumerate(parsed):
            pieces = []
            line_parts: list[tuple[str, int]] = []
            for col, span, vmerge, parts, tc in cells:
                if vmerge == "continue":
                    continue
                rowspan = 1
                if vmerge == "restart":
                    for below in parsed[r + 1:]:
                        if any(c == col and v == "continue" for c, _, v, _, _ in below):
                            rowspan += 1
                        else:
                            break
                text = "".join(t for t, _ in parts)
                line_parts.append((text, col))
                pieces.append([text, rowspan, span, col, parts, tc])
            # write the row: "| a | b |"
            line = "|"
            starts = []
            for text, _ in line_parts:
                line += " "
                starts.append(len(line))
                line += text + " |"
            base = self.out.add(line)
            row_cells = []
            for (text, rowspan, span, col, parts, tc), at in zip(pieces, starts):
                self.hyperlinks(parts, base + at)
                if self.anchors is not None:
                    self.anchors.add_text(base + at, parts)
                    self.anchors.lines.append(LineAnchor(base + at, base + at + len(text), tc.find(W + "p")))
                t = normalize(text, base + at)
                if not t.offsets:
                    t._anchor = base + at  # type: ignore[attr-defined]
                self.regions.append((base + at, base + at + len(text),
                                     {"table": self.table_no, "row": r + 1, "cell": col + 1}))
                row_cells.append((t, rowspan, span))
            rows.append(row_cells)
        self.blocks.append(expand_grid(rows, anchor=self.out_len_hint(rows)))

    @staticmethod
    def out_len_hint(rows) -> int:
        for row in rows:
            for text, _, _ in row:
                return text.anchor()
        return 0

    # ── notes ───────────────────────────────────────────────────────────────────────────────────
    def footnotes(self) -> None:
        from lxml import etree

        for rel in self.word.part.rels.values():
            kind = rel.reltype.rsplit("/", 1)[-1]
            if kind not in ("footnotes", "endnotes") or rel.is_external:
                continue
            root = etree.fromstring(rel.target_part.blob)
            count = 0
            for note in root.iterchildren(W + kind[:-1]):
                if note.get(W + "type") in ("separator", "continuationSeparator", "continuationNotice"):
                    continue
                text = " ".join(_plain_text(p) for p in _paragraphs(note)).strip()
                if text:
                    count += 1
                    mark = self.note_mark(kind[:-1], note.get(W + "id"))
                    self.line([(text, mark)], {kind[:-1]: int(note.get(W + "id") or 0)}, role="footnote")
            if count:
                self.notes.append(f"{count} {kind[:-1]}(s) appended at the end of the document")

    def note_mark(self, kind: str, note_id: str | None):
        """The body's `w:footnoteReference` (or endnote) of a note: a note's text lives in another part, so
        a comment on it goes on its mark.  None when the body holds no mark for it (or without anchors)."""
        if self.anchors is None:
            return None
        for ref in self.word.element.body.iter(W + kind + "Reference"):
            if ref.get(W + "id") == note_id:
                return ref
        return None


def _paragraph_content(p) -> tuple[list[tuple[str, Any]], list[tuple[str, Any, str]], list]:
    """(text pieces, pictures, text-box paragraphs) of a body paragraph.  Each text piece and picture
    comes with the child of a `w:r` it was read from (for `Anchors`): (text, element), (name, element,
    relationship id of the picture's part)."""
    parts: list[tuple[str, Any]] = []
    images: list[tuple[str, Any, str]] = []
    boxes: list = []

    def walk(el) -> None:
        for child in el.iterchildren():
            tag = child.tag
            if not isinstance(tag, str) or tag == _MC_FALLBACK:
                continue  # comments; VML duplicates of DrawingML content
            if tag == W + "t":
                parts.append((child.text or "", child))
            elif tag in (W + "tab", W + "br", W + "cr"):
                parts.append((" ", child))
            elif tag == W + "noBreakHyphen":
                parts.append(("-", child))
            elif tag in (W + "delText", W + "instrText", W + "del", W + "moveFrom"):
                continue
            elif tag == W + "txbxContent":
                boxes.extend(child.iter(W + "p"))
            elif tag == _BLIP or tag == _VML_IMAGE:
                rid = child.get(_REL_ID + "embed") or child.get(_REL_ID + "id") or ""
                images.append((_image_name(child, p), _run_child(child), rid))
            else:
                walk(child)

    walk(p)
    return parts, images, boxes


def _hyperlink_of(node):
    """The `w:hyperlink` a piece of run content lies in, or None."""
    if node is None:
        return None
    return next(node.iterancestors(W + "hyperlink"), None)


def _run_child(node):
    """The ancestor of `node` that is a direct child of a `w:r` (a picture's `w:drawing` or `w:pict`), or None."""
    while node.getparent() is not None:
        if node.getparent().tag == W + "r":
            return node
        node = node.getparent()
    return None


def _cell_parts(tc) -> list[tuple[str, Any]]:
    """A table cell's text pieces: its paragraphs joined by a space (which comes from no element)."""
    parts: list[tuple[str, Any]] = []
    for i, p in enumerate(_paragraphs(tc)):
        if i:
            parts.append((" ", None))
        parts.extend(_paragraph_content(p)[0])
    return parts


def _image_name(blip, p) -> str:
    """A picture's name: its docPr name/description, else the media file name."""
    node = blip
    while node is not None and node.tag not in (W + "drawing", W + "pict"):
        node = node.getparent()
    if node is not None:
        for pr in node.iter(_DOCPR):
            name = pr.get("descr") or pr.get("name")
            if name:
                return name
    rid = blip.get(_REL_ID + "embed") or blip.get(_REL_ID + "id") or ""
    return rid or "image"


def _paragraphs(element) -> list:
    """All paragraphs under `element` (text boxes and nested tables included), without the VML
    fallback copies Word writes next to DrawingML content."""
    return [p for p in element.iter(W + "p") if not any(a.tag == _MC_FALLBACK for a in p.iterancestors())]


def _plain_text(p) -> str:
    return "".join(text for text, _ in _paragraph_content(p)[0])
