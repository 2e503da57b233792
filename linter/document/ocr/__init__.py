"""Reading tables pasted as pictures (the optional extra `pip install 'report-lint[ocr]'`).

Readers put the bytes of every picture that may hold a table on its `Image` block (DOCX pictures, PDF
images and pages without text, HTML `<img>` files next to the page, a picture named on the command line).
`read_pictures` then reads each one: a picture with a ruled grid becomes a `Table` block (source kind
`image`) right after the picture, every cell with its OCR confidence; `Image.ocr` records what happened.

Nothing here imports OpenCV, ONNX Runtime or RapidOCR until a picture is actually read, and `available()`
only looks for them: a run without the extra, or with `--no-ocr`, never loads them.
"""
from __future__ import annotations

import hashlib
import importlib.util

from linter.document.model import Document, Image, Table

INSTALL_HINT = "pip install 'report-lint[ocr]'"
_MODULES = ("rapidocr", "onnxruntime", "cv2", "numpy", "PIL")
# picture digest -> (cells, rows, cols) or None: a picture read once per process (a report in two formats,
# the same scan in many reports, an editor re-linting) is not read again
_MEMO: dict[str, tuple | None] = {}
_MEMO_LIMIT = 256


def available() -> bool:
    """Is the OCR extra installed?  Looks for the packages without importing them."""
    try:
        return all(importlib.util.find_spec(name) is not None for name in _MODULES)
    except (ImportError, ValueError):
        return False


def read_pictures(document: Document, state: str = "") -> None:
    """Read every picture of `document` that carries its bytes and insert the tables found after them;
    with a `state` ("off", "unavailable") only record on every picture why it was not read."""
    if state:
        for block in document.blocks:
            if isinstance(block, Image) and block.embedded:
                block.ocr, block.data = state, None
        return
    out = []
    for block in document.blocks:
        out.append(block)
        if isinstance(block, Image) and block.data is not None:
            table = _read(block)
            if table is not None:
                out.append(table)
            block.data = None
            _release()
    document.blocks = out


def _release() -> None:
    """The picture is read and its bytes dropped: give the memory its reading took back to the system."""
    from linter.document.ocr import memory

    memory.release()


def _read(image: Image) -> Table | None:
    from linter.document.ocr.picture import PictureError, read_cells, to_table

    key = hashlib.sha256(image.data or b"").hexdigest()
    try:
        if key not in _MEMO:
            if len(_MEMO) >= _MEMO_LIMIT:
                _MEMO.pop(next(iter(_MEMO)))
            _MEMO[key] = read_cells(image.data or b"")
        found = _MEMO[key]
    except PictureError as exc:
        image.ocr = f"failed: {exc}"
        return None
    except MemoryError:
        image.ocr = "failed: reading the picture needs more memory than this process may use"
        return None
    except Exception as exc:  # noqa: BLE001 - one picture OCR cannot read must not make the report unreadable
        image.ocr = f"failed: OCR could not read the picture ({type(exc).__name__}: {str(exc)[:120]})"
        return None
    if found is None:
        image.ocr = "no-table"
        return None
    image.ocr = "table"
    cells, rows, cols = found
    return to_table(cells, rows, cols, image)
