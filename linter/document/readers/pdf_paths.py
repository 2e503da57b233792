"""pdfplumber's edges of a page's drawn paths, made from PDFium's path objects (`pdf_text` reads the page).

pdfplumber's table finder works on `page.edges`: the lines, rectangles and curves pdfminer makes of every
painted path (`PDFLayoutAnalyzer.paint_path`), each cut into its horizontal and vertical edges.  PDFium
keeps a painted path as one object, its points in path space and the matrix that places them; here each
path is split into pdfminer's subpaths (one per `m`), each subpath is named as pdfminer names it (`ml`
a line, `mlllh` with square corners a rectangle, anything else a curve whose edges join its points), and
the edges are made with pdfplumber's own formulas.  PDFium differs from pdfminer in ways that leave the
edges the same: it writes `re` and a closing `h` that does not return to the start as one more line
back to the start (pdfminer's "redundant l" rule drops it again), merges two moves in a row, and drops a
path of one point; a Bézier segment is three points of which pdfminer keeps the last.

A path whose first point is no move, or whose segments PDFium cannot give, is `Unsuitable`.
"""
from __future__ import annotations

import ctypes

MOVE, _LINE, _BEZIER = 2, 0, 1   # FPDF_SEGMENT_MOVETO, _LINETO, _BEZIERTO


class Unsuitable(Exception):
    """The page is read by pdfplumber: its paths, or its tables, are not certainly pdfminer's here."""


class PathCalls:
    """PDFium's per-segment functions, untyped (see `pdf_text._Calls`: the declared conversions cost more
    than the calls)."""

    def __init__(self, raw, untyped) -> None:
        self.count = untyped(raw.FPDFPath_CountSegments, ctypes.c_int)
        self.segment = untyped(raw.FPDFPath_GetPathSegment, ctypes.c_void_p)
        self.point = untyped(raw.FPDFPathSegment_GetPoint, ctypes.c_int)
        self.kind = untyped(raw.FPDFPathSegment_GetType, ctypes.c_int)
        self.close = untyped(raw.FPDFPathSegment_GetClose, ctypes.c_int)
        self.matrix = untyped(raw.FPDFPageObj_GetMatrix, ctypes.c_int)


def read_path(calls: PathCalls, obj: ctypes.c_void_p, matrix, x: ctypes.c_float,
              y: ctypes.c_float) -> list[tuple[int, float, float, int]]:
    """The path's segments: (kind, x, y, closes) with the point on the page (PDF space, y up)."""
    if not calls.matrix(obj, ctypes.byref(matrix)):
        raise Unsuitable("a path without a matrix")
    a, b, c, d, e, f = matrix.a, matrix.b, matrix.c, matrix.d, matrix.e, matrix.f
    out = []
    for i in range(calls.count(obj)):
        segment = ctypes.c_void_p(calls.segment(obj, i))
        if not segment or not calls.point(segment, ctypes.byref(x), ctypes.byref(y)):
            raise Unsuitable("a path segment PDFium cannot give")
        px, py = x.value, y.value
        out.append((calls.kind(segment), a * px + c * py + e, b * px + d * py + f, calls.close(segment)))
    return out


def extent(segments: list[tuple[int, float, float, int]]) -> tuple[float, float]:
    """Width and height of the path's points (pdfminer's, without the stroke width)."""
    if not segments:
        return 0.0, 0.0
    xs = [s[1] for s in segments]
    ys = [s[2] for s in segments]
    return max(xs) - min(xs), max(ys) - min(ys)


def subpaths(segments: list[tuple[int, float, float, int]]) -> list[tuple[str, list[tuple[float, float]]]]:
    """pdfminer's subpaths of one painted path: (operators, points), one per move followed by more (a
    closing `h` has the subpath's first point, a Bézier segment its end point)."""
    if segments and segments[0][0] != MOVE:
        raise Unsuitable("a path that does not start with a move")
    out: list[tuple[str, list[tuple[float, float]]]] = []
    ops: list[str] = []
    pts: list[tuple[float, float]] = []
    beziers = 0
    for kind, x, y, closes in segments:
        if kind == MOVE:
            if beziers:
                raise Unsuitable("a Bézier segment of fewer than three points")
            if len(ops) > 1:
                out.append(("".join(ops), pts))
            ops, pts = ["m"], [(x, y)]
        elif kind == _LINE:
            if beziers:
                raise Unsuitable("a Bézier segment of fewer than three points")
            ops.append("l")
            pts.append((x, y))
        elif kind == _BEZIER:
            beziers += 1
            if beziers < 3:
                if closes:
                    raise Unsuitable("a path closed inside a Bézier segment")
                continue
            beziers = 0
            ops.append("c")
            pts.append((x, y))
        else:
            raise Unsuitable("a path segment of an unknown kind")
        if closes:
            ops.append("h")
            pts.append(pts[0])
    if beziers:
        raise Unsuitable("a Bézier segment of fewer than three points")
    if len(ops) > 1:
        out.append(("".join(ops), pts))
    return out


def shape(ops: str, pts: list[tuple[float, float]]) -> tuple[str, list[tuple[float, float]]]:
    """What pdfminer's `paint_path` makes of one subpath: ("line", its two points), ("rect", two opposite
    corners) or ("curve", its points)."""
    if len(ops) > 3 and ops[-2:] == "lh" and pts[-2] == pts[0]:  # pdfminer drops a redundant "l"
        ops = ops[:-2] + "h"
        pts = pts[:-1]
    if ops in ("mlh", "ml"):
        return "line", pts[:2]
    if ops in ("mlllh", "mllll"):
        (x0, y0), (x1, y1), (x2, y2), (x3, y3), _ = pts
        square = (x0 == x1 and y1 == y2 and x2 == x3 and y3 == y0) or (y0 == y1 and x1 == x2 and y2 == y3 and x3 == x0)
        if pts[0] == pts[4] and square:
            return "rect", [pts[0], pts[2]]
    return "curve", pts


def edges(shapes: list[tuple[str, list[tuple[float, float]]]], height: float) -> list[dict]:
    """pdfplumber's `page.edges` (lines, then rectangles, then curves) of the shapes, each edge with the
    keys its table finder reads; `height` is the page's (top-down y, as pdfplumber's `top`)."""
    lines, rects, curves = [], [], []
    for kind, pts in shapes:
        if kind == "curve":
            curves += _curve_edges(pts, height)
            continue
        xs, ys = [p[0] for p in pts], [p[1] for p in pts]
        x0, x1, y0, y1 = min(xs), max(xs), min(ys), max(ys)
        box = {"x0": x0, "x1": x1, "top": height - y1, "bottom": height - y0, "width": x1 - x0, "height": y1 - y0}
        if kind == "line":
            lines.append({**box, "orientation": "h" if box["top"] == box["bottom"] else "v"})
        else:
            rects += _rect_edges(box)
    return lines + rects + curves


def _rect_edges(rect: dict) -> list[dict]:
    """pdfplumber's `rect_to_edges`: top, bottom, left, right."""
    return [{**rect, "bottom": rect["top"], "height": 0, "orientation": "h"},
            {**rect, "top": rect["top"] + rect["height"], "height": 0, "orientation": "h"},
            {**rect, "x1": rect["x0"], "width": 0, "orientation": "v"},
            {**rect, "x0": rect["x1"], "width": 0, "orientation": "v"}]


def _curve_edges(pts: list[tuple[float, float]], height: float) -> list[dict]:
    """pdfplumber's `curve_to_edges`: one edge between each two points in turn."""
    out = []
    points = [(x, height - y) for x, y in pts]
    for (ax, ay), (bx, by) in zip(points, points[1:]):
        out.append({"x0": min(ax, bx), "x1": max(ax, bx), "top": min(ay, by), "bottom": max(ay, by),
                    "width": abs(ax - bx), "height": abs(ay - by),
                    "orientation": "v" if ax == bx else ("h" if ay == by else None)})
    return out
