"""Readers turn a file's bytes into a `Document`.  One module per format; this module is the registry.

Readers for heavy formats are imported only when a file of that format is read, so start-up stays lean.
"""
from __future__ import annotations

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
}


class ReadError(Exception):
    """The file cannot be turned into a document; the message says why (shown to the user)."""

    def __init__(self, message: str, code: str = "unreadable") -> None:
        super().__init__(message)
        self.code = code


def supported_extensions() -> tuple[str, ...]:
    return tuple(ext for _, exts in READERS.values() for ext in exts)


def format_for(path: str) -> str | None:
    suffix = PurePath(path).suffix.lower()
    for name, (_, exts) in READERS.items():
        if suffix in exts:
            return name
    return None


def read_document(data: bytes, path: str, fmt: str | None = None, limits: ReadLimits | None = None) -> Document:
    """Read `data` (the bytes of `path`) as `fmt`, or as the format its extension names (default txt);
    what the reader may build from it is bounded by `limits` (by default those of the default size limit)."""
    fmt = fmt or format_for(path) or "txt"
    if fmt not in READERS:
        raise ReadError(f"unsupported format: {fmt}", "format")
    module = importlib.import_module(READERS[fmt][0])
    try:
        return module.read(data, path, fmt, limits or ReadLimits())
    except RecursionError as exc:  # pathological nesting in a markup file
        raise ReadError("the document is nested too deeply to read", "format") from exc
