"""A table picture → a `Table` of cells read by OCR, each with its confidence.

Cells come from the picture's ruled grid (`grid.find_grid`); each cell's lines of text are recognised on
their own (`engine.recognise`).  A cell with no ink is blank (confidence 1); a cell with ink that gave no
text is *unread* (text "", confidence 0) — never 0.  Which cells are numbers is decided later, by the table
model (`linter.tables`), which also folds digit look-alikes in numeric cells only.
"""
from __future__ import annotations

from dataclasses import dataclass

from linter.document.model import Cell, Image, Table, Text

MAX_PIXELS = 40_000_000          # a bigger picture is not decoded (a decompression bomb, or not a table)
# The grid is found on at most this many pixels (about 11 bytes of masks each: ≈ 130 MB); a larger
# picture (a 600 dpi scan) is first reduced by a whole factor.  A 300 dpi A4 page is 8.7 million.
WORK_PIXELS = 12_000_000
MAX_LINES = 1500                 # lines of text recognised in one picture (表三 has about 230)
MIN_SIDE = 40


class PictureError(Exception):
    """The picture cannot be read as a table; the message says why."""


@dataclass
class PictureCell:
    r0: int
    c0: int
    r1: int
    c1: int
    text: str
    confidence: float


def decode(data: bytes):
    """The picture as a grey numpy array (any format Pillow reads), refusing huge or tiny ones."""
    import io

    import numpy as np
    from PIL import Image as PILImage

    try:
        with PILImage.open(io.BytesIO(data)) as im:
            if im.width * im.height > MAX_PIXELS:
                raise PictureError(f"the picture is too large ({im.width}×{im.height} pixels, more than "
                                   f"{MAX_PIXELS // 1_000_000} million)")
            if min(im.width, im.height) < MIN_SIDE:
                raise PictureError("the picture is too small to hold a table")
            factor = reduction(im.width, im.height)
            if factor > 1 and im.format == "JPEG":
                im.draft("L", (im.width // factor, im.height // factor))  # decoded at the smaller size
            gray = im.convert("L")
            factor = reduction(gray.width, gray.height)
            if factor > 1:
                gray = gray.reduce(factor)
            return np.asarray(gray)
    except PictureError:
        raise
    except Exception as exc:  # noqa: BLE001 - Pillow raises many kinds on damaged or unknown data
        raise PictureError(f"the picture cannot be decoded ({type(exc).__name__})") from exc


def reduction(width: int, height: int) -> int:
    """The whole factor a picture is reduced by so that the grid is found on at most WORK_PIXELS."""
    factor = 1
    while (width // factor) * (height // factor) > WORK_PIXELS:
        factor += 1
    return factor


def read_cells(data: bytes) -> tuple[list[PictureCell], int, int] | None:
    """The cells of a table picture and the grid's rows and columns; None when it has no ruled grid."""
    from linter.document.ocr import engine, grid as gridding

    grid = gridding.find_grid(decode(data))
    if grid is None:
        return None
    crops, owners = [], []
    for i, cell in enumerate(grid.cells):
        for crop in gridding.text_lines(grid, cell):
            crops.append(crop)
            owners.append(i)
        if len(crops) > MAX_LINES:
            raise PictureError(f"the picture holds more than {MAX_LINES} lines of text in its "
                               f"{len(grid.cells)} cells: too many to read as a statistics table")
    cells, rows, cols = grid.cells, grid.rows, grid.cols
    del grid  # the picture and its masks: only the crops are needed now
    results = engine.recognise(crops)
    del crops
    lines: dict[int, list[tuple[str, float]]] = {}
    for owner, result in zip(owners, results):
        lines.setdefault(owner, []).append(result)
    out = []
    for i, cell in enumerate(cells):
        read = lines.get(i)
        if read is None:
            out.append(PictureCell(cell.r0, cell.c0, cell.r1, cell.c1, "", 1.0))
            continue
        text = "".join(t for t, _ in read).strip()
        confidence = min(s for _, s in read) if text else 0.0
        out.append(PictureCell(cell.r0, cell.c0, cell.r1, cell.c1, text, confidence))
    return out, rows, cols


def to_table(cells: list[PictureCell], rows: int, cols: int, image: Image) -> Table:
    """The cells as a `Table` (merged cells expanded, as the other readers do), every character placed at
    the picture's marker in the source, so findings point at the picture."""
    at = image.text.source_span()[0]
    grid: list[list[Cell | None]] = [[None] * cols for _ in range(rows)]
    for pc in cells:
        text = Text(pc.text, [at] * len(pc.text))
        text._anchor = at  # type: ignore[attr-defined]
        for r in range(pc.r0, pc.r1 + 1):
            for c in range(pc.c0, pc.c1 + 1):
                origin = None if (r, c) == (pc.r0, pc.c0) else (pc.r0, pc.c0)
                grid[r][c] = Cell(text, r, c, origin, confidence=pc.confidence)
    table_rows = []
    for r in range(rows):
        row = []
        for c in range(cols):
            cell = grid[r][c]
            if cell is None:
                empty = Text("", [])
                empty._anchor = at  # type: ignore[attr-defined]
                cell = Cell(empty, r, c, confidence=1.0)
            row.append(cell)
        table_rows.append(row)
    table = Table(rows=table_rows, source_kind="image", image=image)
    table._anchor = at
    return table
