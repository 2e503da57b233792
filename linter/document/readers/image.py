"""A picture named on the command line (.png, .jpg): one table pasted as an image, read by OCR.

The document is the picture alone: its synthetic source is the one line `[image: name]`, where every
finding points.  Without the OCR extra, or with `--no-ocr`, the picture cannot be read at all.
"""
from __future__ import annotations

from pathlib import PurePath

from linter.document.model import Document, Image, Text
from linter.document.readers import ReadError


def read(data: bytes, path: str, fmt: str = "image", limits=None, pictures: bool = False) -> Document:
    from linter.document.ocr import INSTALL_HINT, available

    if not pictures:
        why = f"install the OCR extra ({INSTALL_HINT})" if not available() else "OCR is turned off (--no-ocr)"
        raise ReadError(f"a picture can only be read by OCR: {why}", "format")
    name = PurePath(path).name or "image"
    marker = f"[image: {name}]"
    image = Image(name=name, text=Text(marker, list(range(len(marker)))), data=data, embedded=True)
    return Document(path=path, format=fmt, source=marker + "\n", blocks=[image])


def require_table(document: Document) -> None:
    """A picture in which no table was found has nothing to check: say why, as an unreadable file."""
    from linter.document.model import Table

    if any(isinstance(b, Table) for b in document.blocks):
        return
    image = next(b for b in document.blocks if isinstance(b, Image))
    reason = "no ruled table was found in the picture" if image.ocr == "no-table" else image.ocr.removeprefix("failed: ")
    raise ReadError(reason, "format")
