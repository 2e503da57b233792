"""Looking into Word documents for the DOCX output tests: the text each comment is anchored on and the cell
it starts in, and the document part with the comments taken out again (so that a reviewed copy can be
compared with its original)."""
from __future__ import annotations

import io
import re
import zipfile
from dataclasses import dataclass, field

from lxml import etree

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"


@dataclass
class CommentRange:
    """One comment of a document: its text, the text of its range (paragraphs joined by newlines) and,
    when it starts in a table cell, that cell as (table, row, grid column), 1-based."""

    id: str
    author: str
    text: str
    anchored: str = ""
    cell: tuple[int, int, int] | None = None
    rules: list[str] = field(default_factory=list)


def parts(data: bytes) -> dict[str, bytes]:
    with zipfile.ZipFile(io.BytesIO(data)) as z:
        return {name: z.read(name) for name in z.namelist()}


def comments(data: bytes) -> dict[str, CommentRange]:
    """Every comment of a DOCX by id, with the text and cell its range covers in word/document.xml."""
    files = parts(data)
    out: dict[str, CommentRange] = {}
    if "word/comments.xml" not in files:
        return out
    for c in etree.fromstring(files["word/comments.xml"]).iter(W + "comment"):
        paragraphs = ["".join(t.text or "" for t in p.iter(W + "t")) for p in c.iter(W + "p")]
        text = "\n".join(paragraphs)
        out[c.get(W + "id")] = CommentRange(c.get(W + "id"), c.get(W + "author"), text,
                                            rules=re.findall(r"· ([A-Z0-9-]+)$", text, re.M))
    _ranges(etree.fromstring(files["word/document.xml"]), out)
    return out


def _ranges(root, found: dict[str, CommentRange]) -> None:
    cells = _cell_positions(root)
    open_ids: list[str] = []
    for event, el in etree.iterwalk(root, events=("start", "end")):
        if event == "start" and el.tag == W + "commentRangeStart":
            cid = el.get(W + "id")
            open_ids.append(cid)
            tc = next((a for a in el.iterancestors(W + "tc")), None)
            if cid in found and tc is not None:
                found[cid].cell = cells[tc]
        elif event == "start" and el.tag == W + "commentRangeEnd" and el.get(W + "id") in open_ids:
            open_ids.remove(el.get(W + "id"))
        elif event == "start" and el.tag in (W + "t", W + "tab") and el.getparent().tag == W + "r":
            for cid in open_ids:
                if cid in found:
                    found[cid].anchored += (el.text or "") if el.tag == W + "t" else " "
        elif event == "end" and el.tag == W + "p":
            for cid in open_ids:
                if cid in found:
                    found[cid].anchored += "\n"


def _cell_positions(root) -> dict:
    """(table, row, grid column) of every top-level table cell, counted as the DOCX reader does."""
    positions = {}
    body = root.find(W + "body")
    for t, tbl in enumerate((el for el in body.iter(W + "tbl") if not list(el.iterancestors(W + "tbl"))), 1):
        for r, tr in enumerate(tbl.iterchildren(W + "tr"), 1):
            col = 1
            for tc in tr.iterchildren(W + "tc"):
                positions[tc] = (t, r, col)
                span = tc.find(f"{W}tcPr/{W}gridSpan")
                col += int(span.get(W + "val")) if span is not None else 1
    return positions


def without_comments(document_xml: bytes, ids: set[str]) -> bytes:
    """word/document.xml with the comment ranges and references of `ids` removed and runs of the same
    formatting merged (so a run split for an anchor compares equal to the original run), canonical."""
    root = etree.fromstring(document_xml)
    for el in list(root.iter(W + "commentRangeStart", W + "commentRangeEnd")):
        if el.get(W + "id") in ids:
            el.getparent().remove(el)
    for ref in list(root.iter(W + "commentReference")):
        if ref.get(W + "id") in ids:
            run = ref.getparent()
            run.getparent().remove(run)
    for run in list(root.iter(W + "r")):
        if all(child.tag == W + "rPr" for child in run):
            run.getparent().remove(run)
    for parent in list(root.iter()):
        _merge_runs(parent)
    for t in root.iter(W + "t"):
        t.attrib.pop(XML_SPACE, None)
    return etree.tostring(root, method="c14n")


def _merge_runs(parent) -> None:
    previous = None
    for child in list(parent):
        if child.tag != W + "r":
            previous = None
            continue
        if previous is not None and _same_format(previous, child):
            for content in [c for c in child if c.tag != W + "rPr"]:
                last = previous[-1] if len(previous) else None
                if content.tag == W + "t" and last is not None and last.tag == W + "t":
                    last.text = (last.text or "") + (content.text or "")
                else:
                    previous.append(content)
            parent.remove(child)
        else:
            previous = child


def _same_format(a, b) -> bool:
    rpr_a, rpr_b = a.find(W + "rPr"), b.find(W + "rPr")
    canon = lambda el: b"" if el is None else etree.tostring(el, method="c14n")  # noqa: E731
    return dict(a.attrib) == dict(b.attrib) and canon(rpr_a) == canon(rpr_b)


def character_formats(document_xml: bytes) -> list[tuple[str, bytes]]:
    """Every character of the body text with the canonical run properties it is written in."""
    root = etree.fromstring(document_xml)
    out = []
    for t in root.iter(W + "t"):
        rpr = t.getparent().find(W + "rPr")
        canon = b"" if rpr is None else etree.tostring(rpr, method="c14n")
        out.extend((ch, canon) for ch in (t.text or ""))
    return out
