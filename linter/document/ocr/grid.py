"""The ruled grid of a table picture: deskew, find the drawn lines, and cut the picture into cells.

A cell is found from the lines, never from the order of the text: every grid slot between two
neighbouring horizontal and vertical rules is a slot, and slots with no rule between them are one merged
cell.  Works on a grey-scale numpy array (OpenCV); imported only when a picture is read.
"""
from __future__ import annotations

from dataclasses import dataclass

import cv2
import numpy as np

MAX_SKEW_DEGREES = 5.0


@dataclass
class GridCell:
    """A cell of the picture's grid: grid rows r0..r1 and columns c0..c1 (inclusive), its pixel box."""

    r0: int
    c0: int
    r1: int
    c1: int
    box: tuple[int, int, int, int]   # x0, y0, x1, y1 in the deskewed picture


@dataclass
class Grid:
    image: np.ndarray                # the deskewed grey picture
    ink: np.ndarray                  # its ink (binary, 255 = ink) without the rules
    ruled: np.ndarray                # the rules (binary, 255 = rule, slightly widened)
    rows: int
    cols: int
    cells: list[GridCell]
    glyph: int                       # about the height of a character, in pixels


def binarize(gray: np.ndarray) -> np.ndarray:
    """Ink as 255 on 0: a local threshold, so shading and JPEG noise do not become ink."""
    return cv2.adaptiveThreshold(gray, 255, cv2.ADAPTIVE_THRESH_MEAN_C, cv2.THRESH_BINARY_INV, 31, 15)


def skew_angle(binary: np.ndarray) -> float:
    """The rotation of the picture in degrees, from its long near-horizontal rules (0 when none).

    Short horizontal runs survive an opening even when the picture is turned a few degrees; the runs of
    one rule touch diagonally, so each long rule is one component, and a straight-line fit gives its slope."""
    h, w = binary.shape
    runs = cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (15, 1)))
    n, labels, stats, _ = cv2.connectedComponentsWithStats(runs, connectivity=8)
    angles, weights = [], []
    for i in range(1, n):
        x, y, cw, ch = stats[i, :4]
        if cw < w // 3 or ch > cw * np.tan(np.radians(MAX_SKEW_DEGREES)) + 6:
            continue
        ys, xs = np.nonzero(labels[y:y + ch, x:x + cw] == i)
        slope = np.polyfit(xs, ys, 1)[0]
        angles.append(np.degrees(np.arctan(slope)))
        weights.append(cw)
    if not angles:
        return 0.0
    return float(np.average(angles, weights=weights))


def deskew(gray: np.ndarray, angle: float) -> np.ndarray:
    if abs(angle) < 0.05:
        return gray
    h, w = gray.shape
    matrix = cv2.getRotationMatrix2D((w / 2, h / 2), angle, 1.0)
    return cv2.warpAffine(gray, matrix, (w, h), flags=cv2.INTER_CUBIC, borderValue=255)


def glyph_height(binary: np.ndarray) -> int:
    """The median height of the ink's small connected parts: about the height of a character."""
    n, _, stats, _ = cv2.connectedComponentsWithStats(binary, connectivity=8)
    heights = [stats[i, cv2.CC_STAT_HEIGHT] for i in range(1, n)
               if 4 <= stats[i, cv2.CC_STAT_HEIGHT] <= 80 and stats[i, cv2.CC_STAT_WIDTH] <= 80]
    return int(np.median(heights)) if heights else 12


def horizontal_rules(binary: np.ndarray, glyph: int) -> np.ndarray:
    """The mask of the drawn horizontal rules: ink runs much longer than a character."""
    w = binary.shape[1]
    return cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (max(3 * glyph, w // 40), 1)))


def vertical_rules(binary: np.ndarray, glyph: int, lowest_row: int) -> np.ndarray:
    """The mask of the drawn vertical rules: ink runs longer than a character and than most of the lowest
    row.  A rule crosses at least one row from rule to rule; the long vertical stroke of a character (中, 掌,
    不 in a full-height face) is shorter than the row it is written in, and must not split its cell."""
    length = max(int(1.5 * glyph), 12, int(0.75 * lowest_row))
    return cv2.morphologyEx(binary, cv2.MORPH_OPEN, cv2.getStructuringElement(cv2.MORPH_RECT, (1, length)))


def _positions(mask: np.ndarray, axis: int, min_length: int, tolerance: int) -> list[int]:
    """Centres of the rules in a mask (axis 0: horizontal rules, their y; axis 1: vertical, their x)."""
    profile = (mask > 0).sum(axis=1 - axis) if axis == 0 else (mask > 0).sum(axis=0)
    idx = [i for i, v in enumerate(profile) if v >= min_length]
    out: list[list[int]] = []
    for i in idx:
        if out and i - out[-1][-1] <= tolerance:
            out[-1].append(i)
        else:
            out.append([i])
    return [int(round(sum(g) / len(g))) for g in out]


def _separated(mask: np.ndarray, line: int, lo: int, hi: int, vertical: bool, band: int) -> bool:
    """Is there a rule at `line` between lo and hi (a vertical rule at x=line for y in lo..hi, or a
    horizontal one at y=line for x in lo..hi)?  Judged on the middle of the span, half must be ruled."""
    cut = max(1, (hi - lo) // 5)
    lo, hi = lo + cut, hi - cut
    if hi <= lo:
        return True
    if vertical:
        strip = mask[lo:hi, max(0, line - band):line + band + 1]
        covered = (strip > 0).any(axis=1)
    else:
        strip = mask[max(0, line - band):line + band + 1, lo:hi]
        covered = (strip > 0).any(axis=0)
    return covered.mean() >= 0.5


def find_grid(gray: np.ndarray) -> Grid | None:
    """The grid of a table picture, or None when it has no ruled grid (at least 2 × 2 cells)."""
    binary = binarize(gray)
    angle = skew_angle(binary)
    if angle:
        gray = deskew(gray, angle)
        binary = binarize(gray)
    glyph = glyph_height(binary)
    band = max(2, glyph // 5)
    # one rule can show as two close ridges (blur, rotation): no row or column is thinner than half a glyph
    horizontal = horizontal_rules(binary, glyph)
    ys = _positions(horizontal, 0, 3 * glyph, max(band, glyph // 2))
    if len(ys) < 3:
        return None
    vertical = vertical_rules(binary, glyph, min(b - a for a, b in zip(ys, ys[1:])))
    xs = _positions(vertical, 1, glyph, max(band, glyph // 2))
    if len(xs) < 3:
        return None
    rows, cols = len(ys) - 1, len(xs) - 1
    parent = list(range(rows * cols))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    for r in range(rows):
        for c in range(cols):
            if c + 1 < cols and not _separated(vertical, xs[c + 1], ys[r], ys[r + 1], True, band):
                parent[find(r * cols + c + 1)] = find(r * cols + c)
            if r + 1 < rows and not _separated(horizontal, ys[r + 1], xs[c], xs[c + 1], False, band):
                parent[find((r + 1) * cols + c)] = find(r * cols + c)
    groups: dict[int, list[tuple[int, int]]] = {}
    for r in range(rows):
        for c in range(cols):
            groups.setdefault(find(r * cols + c), []).append((r, c))
    cells = []
    for slots in groups.values():
        r0, r1 = min(s[0] for s in slots), max(s[0] for s in slots)
        c0, c1 = min(s[1] for s in slots), max(s[1] for s in slots)
        cells.append(GridCell(r0, c0, r1, c1, (xs[c0], ys[r0], xs[c1 + 1], ys[r1 + 1])))
    cells.sort(key=lambda g: (g.r0, g.c0))
    ruled = cv2.dilate(cv2.bitwise_or(horizontal, vertical), np.ones((3, 3), np.uint8))
    return Grid(gray, cv2.subtract(binary, ruled), ruled, rows, cols, cells, glyph)


def text_lines(grid: Grid, cell: GridCell) -> list[np.ndarray]:
    """The text lines of a cell as grey crops (top to bottom); none when the cell holds no ink."""
    x0, y0, x1, y1 = cell.box
    glyph = grid.glyph
    inset = 2
    ink = grid.ink[y0 + inset:y1 - inset, x0 + inset:x1 - inset]
    if ink.size == 0:
        return []
    rows = np.nonzero((ink > 0).sum(axis=1) > 0)[0]
    if rows.size == 0 or (ink > 0).sum() < max(6, glyph // 2):
        return []
    bands: list[list[int]] = []
    for r in rows:
        if bands and r - bands[-1][1] <= max(2, glyph // 4):
            bands[-1][1] = r
        else:
            bands.append([r, r])
    out = []
    for top, bottom in bands:
        if bottom - top + 1 < max(3, glyph // 4):
            continue  # a speck, not a line of text
        band = ink[top:bottom + 1]
        cols = np.nonzero((band > 0).sum(axis=0) > 0)[0]
        pad = max(3, glyph // 3)
        ya, yb = max(0, y0 + inset + top - pad), min(grid.image.shape[0], y0 + inset + bottom + 1 + pad)
        xa, xb = max(0, x0 + inset + cols[0] - pad), min(grid.image.shape[1], x0 + inset + cols[-1] + 1 + pad)
        crop = grid.image[ya:yb, xa:xb].copy()
        # rules that fall inside the padding would read as strokes ("1", "|"): paint them white
        crop[grid.ruled[ya:yb, xa:xb] > 0] = 255
        out.append(crop)
    return out
