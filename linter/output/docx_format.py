"""DOCX: the report handed back in Word, one comment per finding, for the people who write it and review it
there (`check report.docx --format docx --output reviewed.docx`).

A Word report (`.docx`, and `.doc`/`.wps`/`.odt` as the DOCX LibreOffice makes of them) comes back as a copy
with each finding as a comment by `report-lint` on the exact runs of its span — a table-cell finding on the
cell's text, a missing-content finding on its section's heading or the title — holding the severity, the
rule id, the message and the basis; findings on the same span share one comment (`word_anchors.py`).  Runs
are split only where an anchor starts or ends inside one.  The document part, its relationships, the
comments part and the content types are what python-docx writes (content types merged into the original
ones); every other part of the package is copied byte for byte.

A text, Markdown, HTML or PDF report is rendered into a new Word document (`word_render.py`) with the same
comments, as is a report read from standard input.  A file that could not be read becomes a one-line
document whose comment is its `input` finding.  A Word document holds one report: `ONE_FILE`.
"""
from __future__ import annotations

import io
import zipfile
from pathlib import Path

from linter.document.model import Document, Paragraph, normalize
from linter.engine.findings import FileResult, Finding
from linter.messages import msg
from linter.output.word_anchors import RunMap, add_comments

BINARY = True
ONE_FILE = True
AUTHOR, INITIALS = "report-lint", "RL"
WORD_FORMATS = ("docx", "doc", "wps", "odt")
TEXT_FORMATS = ("txt", "md", "html")
_CONTENT_TYPES = "[Content_Types].xml"


class Writer:
    def __init__(self, out, rules, options) -> None:
        self.out, self.lang = out, options.lang

    def add(self, result: FileResult) -> None:
        self.out.write(reviewed_docx(result, self.lang))

    def close(self) -> None:
        pass


def reviewed_docx(result: FileResult, lang: str = "zh") -> bytes:
    """The bytes of the Word document that carries `result`'s findings as comments."""
    if result.format in WORD_FORMATS and result.error is None and Path(result.path).is_file():
        copy = _reviewed_copy(result, lang)
        if copy is not None:
            return copy
    return _reviewed_rendering(result, lang)


def comment_text(findings: list[Finding], lang: str) -> str:
    """Severity, rule id, message and basis of each finding, one paragraph each."""
    lines: list[str] = []
    for finding in findings:
        lines.append(f"{msg('severity_' + finding.severity, lang)} · {finding.rule}")
        lines.append(finding.message)
        if finding.basis:
            lines.append(f"{msg('basis', lang)}{'：' if lang != 'en' else ': '}{finding.basis}")
    return "\n".join(lines)


# ── a copy of a Word report ─────────────────────────────────────────────────────────────────────
def _reviewed_copy(result: FileResult, lang: str) -> bytes | None:
    """The Word file itself with comments, or None when it no longer reads as it was linted."""
    from linter.document.readers import ReadError
    from linter.document.readers.docx import read_anchored

    try:
        original = _word_bytes(result)
        word, document, anchors = read_anchored(original, result.path, result.format)
    except (OSError, ReadError):
        return None
    if result.source is not None and document.source != result.source:
        return None  # the file changed since it was linted: its positions are not the findings'
    _comment(word, RunMap(anchors.pieces, anchors.lines), result.findings, lang)
    return _with_other_parts_kept(original, _saved(word), _changed_parts(word))


def _word_bytes(result: FileResult) -> bytes:
    data = Path(result.path).read_bytes()
    if result.format == "docx":
        return data
    from linter.document.readers.office import convert_to_docx

    return convert_to_docx(data, result.format)


def _changed_parts(word) -> set[str]:
    """The package parts python-docx rewrites when comments are added."""
    from docx.opc.constants import RELATIONSHIP_TYPE as RT

    part = word.part
    names = {_CONTENT_TYPES, part.partname.lstrip("/"), part.partname.rels_uri.lstrip("/")}
    names |= {rel.target_part.partname.lstrip("/") for rel in part.rels.values()
              if rel.reltype == RT.COMMENTS and not rel.is_external}
    return names


def _with_other_parts_kept(original: bytes, saved: bytes, changed: set[str]) -> bytes:
    """`saved`'s version of the `changed` parts, the original bytes of every other part, in the original order."""
    buffer = io.BytesIO()
    with zipfile.ZipFile(io.BytesIO(original)) as old, zipfile.ZipFile(io.BytesIO(saved)) as new, \
            zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as out:
        new_names, old_names = set(new.namelist()), set(old.namelist())
        for info in old.infolist():
            name = info.filename
            data = old.read(name)
            if name == _CONTENT_TYPES and name in new_names:
                data = _merged_content_types(data, new.read(name))
            elif name in changed and name in new_names:
                data = new.read(name)
            out.writestr(info, data)
        for name in sorted((changed & new_names) - old_names):
            out.writestr(name, new.read(name))
    return buffer.getvalue()


def _merged_content_types(old: bytes, new: bytes) -> bytes:
    """The original content types plus those python-docx added (the comments part): a part python-docx
    did not load keeps its type."""
    from lxml import etree

    old_root, new_root = etree.fromstring(old), etree.fromstring(new)
    known = {(child.tag, child.get("Extension"), child.get("PartName")) for child in old_root}
    added = [child for child in new_root if (child.tag, child.get("Extension"), child.get("PartName")) not in known]
    if not added:
        return old
    old_root.extend(added)
    return etree.tostring(old_root, xml_declaration=True, encoding="UTF-8", standalone=True)


# ── a report rendered into Word ─────────────────────────────────────────────────────────────────
def _reviewed_rendering(result: FileResult, lang: str) -> bytes:
    from linter.outline.parser import parse_outline
    from linter.output.word_render import render

    document = _document_of(result)
    word, pieces, lines = render(document, parse_outline(document))
    _comment(word, RunMap(pieces, lines), result.findings, lang)
    return _saved(word)


def _document_of(result: FileResult) -> Document:
    """The document the findings' offsets refer to: the file read again when it still reads as it was
    linted, else the linted source itself (standard input, a Word file that changed), read as text."""
    from linter.document.readers import ReadError, read_document

    if result.error is not None or result.source is None:
        line = f"{result.path}: {result.error or ''}".strip()
        return Document(path=result.path, format="txt", source=line, blocks=[Paragraph(normalize(line))])
    if result.format not in WORD_FORMATS and Path(result.path).is_file():
        try:
            document = read_document(Path(result.path).read_bytes(), result.path, result.format)
            if document.source == result.source:
                return document
        except (OSError, ReadError):
            pass
    fmt = result.format if result.format in TEXT_FORMATS else "txt"
    return read_document(result.source.encode("utf-8"), result.path, fmt)


# ── shared ──────────────────────────────────────────────────────────────────────────────────────
def _comment(word, run_map: RunMap, findings: list[Finding], lang: str) -> int:
    spans = [(f.start, f.end, f) for f in findings]
    return add_comments(word, run_map, spans, lambda group: comment_text(group, lang), AUTHOR, INITIALS)


def _saved(word) -> bytes:
    buffer = io.BytesIO()
    word.save(buffer)
    return buffer.getvalue()
