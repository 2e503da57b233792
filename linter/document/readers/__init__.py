"""Readers turn a file's bytes into a `Document`.  One module per format; this module is the registry.

Readers for heavy formats are imported only when a file of that format is read, so start-up stays lean.
"""
from __future__ import annotations

import re

import importlib
from pathlib import PurePath

from linter.document.limits import DEFAULT_MAX_BYTES, ReadLimits  # noqa: F401 - DEFAULT_MAX_BYTES re-exported
from linter.document.model import Document

# format name -> (module, extensions)
READERS: dict[str, tuple[str, tuple[str, ...]]] = {
    "txt": ("linter.document.readers.text", (".txt", ".text")),
    "md": ("linter.document.readers.text", (".md", ".markdown")),
    "html": ("linter.document.readers.html", (".html", ".htm")),
    "docx": ("linter.document.readers.docx", (".docx",)),
    "pdf": ("linter.document.readers.pdf", (".pdf",)),
    "doc": ("linter.document.readers.office", (".doc",)),
    "wps": ("linter.document.readers.office", (".wps",)),
    "odt": ("linter.document.readers.office", (".odt",)),
    "image": ("linter.document.readers.image", (".png", ".jpg", ".jpeg")),
}



class ReadError(Exception):
    """The file cannot be turned into a document; the message says why (shown to the user)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


# Formats whose files hold (or show) pictures that OCR can read.
PICTURE_FORMATS = ("docx", "doc", "wps", "odt", "pdf", "html", "image")
# Formats read only when a file is named on its own: a folder of reports holds the pictures its pages show.
NAMED_ONLY = ("image",)


def supported_extensions(named: bool = True) -> tuple[str, ...]:
    """Extensions of the formats read; `named=False`: those searched for in a folder."""
    return tuple(ext for name, (_, exts) in READERS.items() for ext in exts if named or name not in NAMED_ONLY)


def format_for(path: str) -> str | None:
    suffix = PurePath(path).suffix.lower()
    for name, (_, exts) in READERS.items():
        if suffix in exts:
            return name
    return None


_HTML_START = re.compile(rb"<(?:!doctype\s+html|html|head|body|meta|title|h[1-6]|p|div|table|article|section|span)[\s>/]")


def sniff_format(data: bytes) -> str | None:
    """The format of bytes that come without a name (standard input without --stdin-filename): "html" when
    they begin as a web page or a fragment of one does (a tag of HTML, after comments), else None."""
    head = data[:4096].lstrip(b"\xef\xbb\xbf \t\r\n").lower()
    while head.startswith(b"<!--") and b"-->" in head:
        head = head[head.index(b"-->") + 3:].lstrip()
    return "html" if _HTML_START.match(head) and b"</" in data[:1 << 16] else None


def read_document(data: bytes, path: str, fmt: str | None = None, limits: ReadLimits | None = None,
                  ocr: bool = False) -> Document:
    """Read `data` (the bytes of `path`) as `fmt`, or as the format its extension names (default txt);
    what the reader may build from it is bounded by `limits` (by default those of the default size limit).

    With `ocr`, and the OCR extra installed, pictures that may hold tables are read (`linter.document.ocr`);
    otherwise each picture records why it was not (`Image.ocr`)."""
    from linter.document import ocr as reading

    fmt = fmt or format_for(path) or "txt"
    if fmt not in READERS:
        raise ReadError(f"unsupported format: {fmt}", "format")
    state = ("" if reading.available() else "unavailable") if ocr and fmt in PICTURE_FORMATS else "off"
    module = importlib.import_module(READERS[fmt][0])
    try:
        document = module.read(data, path, fmt, limits or ReadLimits(), pictures=not state)
    except RecursionError as exc:  # pathological nesting in a markup file
        raise ReadError("the document is nested too deeply to read", "format") from exc
    reading.read_pictures(document, state)
    if fmt == "image":
        module.require_table(document)
    return document
