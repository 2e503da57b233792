"""pdfplumber's ruled tables (`page.find_tables()`, default settings: the "lines" strategy) found from edges.

pdfplumber's `TableFinder` on the edges of a page's paths, step for step, in the same order and with the
same arithmetic: edges of 1 pt or more; snapped (`snap_tolerance` 3: each run of edges whose positions
follow each other by at most 3 pt moved to their average); joined (`join_tolerance` 3: edges along one
line whose ends are at most 3 pt apart become one); kept when 3 pt or longer (`edge_min_length`);
crossed (`intersection_tolerance` 3); cells (the smallest rectangle of four connected crossings from
each crossing); tables (cells sharing a corner).  pdfplumber compares every point with every other,
which costs milliseconds a page; here crossings and cells are looked up by position.

The edges given here come from PDFium's single-precision points and may differ from pdfminer's by a
hundred-thousandth of a point: wherever such a difference could change an outcome (a length or a gap
within `MARGIN` of a tolerance, a snapped position that pdfminer's double arithmetic could split),
`Unsuitable` is raised and the page is read by pdfplumber.
"""
from __future__ import annotations

from bisect import bisect_left, bisect_right
import math
import operator
from itertools import compress, groupby, islice, repeat
from operator import itemgetter

from linter.document.readers.pdf_paths import Unsuitable
from linter.document.readers.pdf_text import Characters, TextLine, group_lines, lines_of

SNAP = JOIN = INTERSECTION = 3.0   # pdfplumber's default tolerances
MIN_PREFILTER, MIN_LENGTH = 1.0, 3.0
MARGIN = 0.01                      # a length or gap this close to a threshold is not decided here

Cell = tuple[float, float, float, float]   # x0, top, x1, bottom


def _near(value: float, threshold: float) -> bool:
    return abs(value - threshold) < MARGIN


def find_tables(edges: list[dict]) -> list[list[Cell]]:
    """The cells of each table pdfplumber's `find_tables()` finds among `edges` (`page.edges`), in its
    order, each table's cells in its order."""
    return _tables(_cells(_crossings(_merged(edges))))


# ── edges ──────────────────────────────────────────────────────────────────────────────────────────
def _long(edge: dict, minimum: float) -> bool:
    length = edge["height"] if edge["orientation"] == "v" else edge["width"]
    if _near(length, minimum):
        raise Unsuitable("an edge as long as the shortest kept")
    return length >= minimum


def _merged(edges: list[dict]) -> list[dict]:
    """pdfplumber's `get_edges`: filtered, snapped, joined and filtered again."""
    vertical = [e for e in edges if e["orientation"] == "v" and _long(e, MIN_PREFILTER)]
    horizontal = [e for e in edges if e["orientation"] == "h" and _long(e, MIN_PREFILTER)]
    snapped = _snap(vertical, "x0", ("x0", "x1")) + _snap(horizontal, "top", ("top", "bottom"))
    snapped.sort(key=_group)
    joined = []
    for (orientation, _), group in groupby(snapped, key=_group):
        joined += _join(list(group), orientation)
    return [e for e in joined if _long(e, MIN_LENGTH)]


def _group(edge: dict) -> tuple[str, float]:
    return (edge["orientation"], edge["x0"] if edge["orientation"] == "v" else edge["top"])


def _snap(edges: list[dict], key: str, moved: tuple[str, str]) -> list[dict]:
    """`snap_objects`: runs of positions at most `SNAP` apart, each edge moved by (average − position);
    clusters in order of position, each keeping the edges' order."""
    values = sorted({e[key] for e in edges})
    cluster: dict[float, int] = {}
    for i, v in enumerate(values):
        if i and _near(v - values[i - 1], SNAP):
            raise Unsuitable("edges as far apart as the snapping tolerance")
        cluster[v] = cluster[values[i - 1]] + (v > values[i - 1] + SNAP) if i else 0
    out = []
    for _, members in groupby(sorted(edges, key=lambda e: cluster[e[key]]), key=lambda e: cluster[e[key]]):
        members = list(members)
        average = sum(e[key] for e in members) / len(members)
        moved_edges = []
        for e in members:
            shift = average - e[key]
            moved_edges.append({**e, moved[0]: e[moved[0]] + shift, moved[1]: e[moved[1]] + shift})
        if len({e[key] for e in moved_edges}) > 1:
            raise Unsuitable("snapped edges whose positions differ in the last bit")
        out += moved_edges
    return out


def _join(edges: list[dict], orientation: str) -> list[dict]:
    """`join_edge_group`: along one line, edges whose ends are at most `JOIN` apart become one."""
    low, high, length = ("x0", "x1", "width") if orientation == "h" else ("top", "bottom", "height")
    ordered = sorted(edges, key=itemgetter(low))
    joined = [ordered[0]]
    for e in ordered[1:]:
        last = joined[-1]
        if _near(e[low], last[high] + JOIN):
            raise Unsuitable("edges as far apart as the joining tolerance")
        if e[low] <= last[high] + JOIN:
            if e[high] > last[high]:  # `resize_object`'s arithmetic
                grown = e[high] - last[low] if high == "x1" else last[length] + (e[high] - last[high])
                joined[-1] = {**last, high: e[high], length: grown}
        else:
            joined.append(e)
    return joined


# ── crossings, cells, tables ───────────────────────────────────────────────────────────────────────
def _crossings(edges: list[dict]) -> dict[tuple[float, float], tuple[set, set]]:
    """`edges_to_intersections`: each point where a vertical edge meets a horizontal one (within
    `INTERSECTION`), with the edges that meet there.  An edge is named by a number, one per box (pdfplumber
    compares edges by their boxes): sets of small numbers are compared faster than sets of boxes."""
    vertical = sorted((e for e in edges if e["orientation"] == "v"), key=itemgetter("x0", "top"))
    horizontal = sorted((e for e in edges if e["orientation"] == "h"), key=itemgetter("top", "x0"))
    tops = [h["top"] for h in horizontal]
    # The terms of the nearest miss that are a horizontal edge's own, so that a vertical edge's misses
    # with the horizontal ones across its length are computed by `map` (in C), in pdfplumber's arithmetic.
    downs, ups = [t + INTERSECTION for t in tops], [t - INTERSECTION for t in tops]
    lefts, rights = [h["x0"] - INTERSECTION for h in horizontal], [h["x1"] + INTERSECTION for h in horizontal]
    names: dict[Cell, int] = {}
    boxes = [names.setdefault(_box(h), len(names)) for h in horizontal]
    crossings: dict[tuple[float, float], tuple[set, set]] = {}
    for v in vertical:
        x, top, bottom = v["x0"], v["top"], v["bottom"]
        first = bisect_left(tops, top - INTERSECTION - 2 * MARGIN)
        last = bisect_right(tops, bottom + INTERSECTION + 2 * MARGIN)
        nearest = list(map(min, map(operator.sub, downs[first:last], repeat(top)),
                           map(operator.sub, repeat(bottom), ups[first:last]),
                           map(operator.sub, repeat(x), lefts[first:last]),
                           map(operator.sub, rights[first:last], repeat(x))))
        if any(map(operator.lt, map(abs, nearest), repeat(MARGIN))):
            raise Unsuitable("edges that meet within the intersection tolerance's margin")
        box = names.setdefault(_box(v), len(names))
        for k in compress(range(first, last), map(operator.ge, nearest, repeat(0))):
            point = (x, tops[k])
            meeting = crossings.get(point)
            if meeting is None:
                meeting = crossings[point] = (set(), set())
            meeting[0].add(box)
            meeting[1].add(boxes[k])
    return crossings


def _box(edge: dict) -> Cell:
    return (edge["x0"], edge["top"], edge["x1"], edge["bottom"])


def _cells(crossings: dict[tuple[float, float], tuple[set, set]]) -> list[Cell]:
    """`intersections_to_cells`: from each crossing (in order of x, then y), the first crossing below it
    and the first to its right, joined to it by an edge, that close a rectangle with a fourth crossing
    joined to both."""
    points = sorted(crossings)
    below: dict[float, list[float]] = {}
    right: dict[float, list[float]] = {}
    for x, y in points:
        below.setdefault(x, []).append(y)
        right.setdefault(y, []).append(x)

    # Two crossings in a column are joined when a vertical edge meets both, two in a row when a horizontal
    # one does (pdfplumber's `edge_connects`, written out here: it is asked a few times per crossing).
    cells = []
    for point in points:
        x, y = point
        vertical, horizontal = crossings[point]
        ys, xs = below[x], right[y]
        across = xs[bisect_right(xs, x):]
        if not across:  # (a table's right side: every crossing below it would be tried for nothing)
            continue
        found = None
        for below_y in ys[bisect_right(ys, y):]:
            under = crossings[(x, below_y)]
            if vertical.isdisjoint(under[0]):
                continue
            for right_x in across:
                beside = crossings[(right_x, y)]
                if horizontal.isdisjoint(beside[1]):
                    continue
                corner = crossings.get((right_x, below_y))
                if corner is not None and not corner[0].isdisjoint(beside[0]) and not corner[1].isdisjoint(under[1]):
                    found = (x, y, right_x, below_y)
                    break
            if found:
                break
        if found:
            cells.append(found)
    return cells


def _tables(cells: list[Cell]) -> list[list[Cell]]:
    """`cells_to_tables`: cells grouped by shared corners, pass after pass over the cells left in their
    order; groups of two cells or more, by their top-left cell."""
    remaining = list(cells)
    tables = []
    corners: set[tuple[float, float]] = set()
    current: list[Cell] = []
    while remaining:
        before = len(current)
        left = []
        for cell in remaining:
            x0, top, x1, bottom = cell
            own = ((x0, top), (x0, bottom), (x1, top), (x1, bottom))
            if not current or not corners.isdisjoint(own):
                corners.update(own)
                current.append(cell)
            else:
                left.append(cell)
        remaining = left
        if len(current) == before:
            tables.append(current)
            corners, current = set(), []
    if current:
        tables.append(current)
    tables.sort(key=lambda t: min((c[1], c[0]) for c in t))
    return [t for t in tables if len(t) > 1]


# ── a page: its tables, and the lines outside them ─────────────────────────────────────────────────
def kept(cells: list[Cell]) -> bool:
    """Is a table found worth reading: cells in two columns or more (a lone box or a rule is no table)?"""
    return bool(cells) and len({round(c[0]) for c in cells}) >= 2


def _surely_kept(cells: list[Cell]) -> bool:
    """`kept`, or Unsuitable when the rounding of a left side halfway between two points could change it
    (lefts 1.5 pt or more apart round apart anyway)."""
    lefts = [c[0] for c in cells]
    if lefts and max(lefts) - min(lefts) < 1.5 and any(_near(abs(x - int(x)), 0.5) for x in lefts):
        raise Unsuitable("a table's left sides halfway between two points")
    return kept(cells)


def lay_out(chars: Characters, edges: list[dict]) -> tuple[list[TextLine], list[tuple[list[Cell], list[str]]]]:
    """The page's text lines outside its tables, as `page.filter(outside).extract_text_lines()` gives
    them, and its tables: their cells and the text of each (`cell_text` of the characters whose centre is
    in it, in PDFium's order, as `pdf._grid` finds them).  A character is in a table when its centre is in
    the table's box.

    A page of tables holds hundreds of runs (a text object's characters on one baseline, most of them one
    cell's text): they are sorted once by the middle of their height, and a table looks only at the runs
    level with it."""
    grids = [_Grid(t) for t in find_tables(edges) if _surely_kept(t)]
    runs, ys = chars.runs, chars.ys
    tops = [high - ys[start] for start, _, high, _ in runs]
    bottoms = [low - ys[start] for start, _, _, low in runs]
    cys = [(top + bottom) / 2 for top, bottom in zip(tops, bottoms)]
    if not all(map(operator.eq, cys, cys)):  # NaN is not equal to itself
        raise Unsuitable("a character without a place")
    centres = list(map(operator.truediv, map(operator.add, chars.xs, chars.rights), repeat(2)))   # (x0 + x1) / 2
    # NaN is not equal to itself: when no centre is, the runs' centres need not be looked at one run at a time.
    finite = all(map(operator.eq, centres, centres))
    order = sorted(range(len(runs)), key=cys.__getitem__)
    levels = [cys[r] for r in order]
    where: dict[int, set[str]] = {}   # what the tables level with a run say of it: "out", "in" or "some"
    for grid in grids:
        level = order[bisect_left(levels, grid.box[1] - MARGIN): bisect_right(levels, grid.box[3] + MARGIN)]
        for r in sorted(level):
            start, end, _, _ = runs[r]
            cxs = centres[start:end] if finite else _centres(centres, runs[r])
            said = grid.place(cxs, cys[r], r)
            if r in where:
                where[r].add(said)
            else:
                where[r] = {said}
    inside = {r for r, said in where.items() if "in" in said or "some" in said}
    if any("some" in said for said in where.values()):
        flags: list[bool] = []   # is the character in a table
        for r, run in enumerate(runs):
            if "some" in where.get(r, ()):
                cy = cys[r]
                flags += [any(g.box[0] <= cx <= g.box[2] and g.box[1] <= cy <= g.box[3] for g in grids)
                          for cx in _centres(centres, run)]
            else:
                flags += [r in inside] * (run[1] - run[0])
        lines = group_lines([t for t, in_table in zip(chars.tuples(), flags) if not in_table])
    else:
        lines = _outside_lines(chars, [run for r, run in enumerate(runs) if r not in inside])
    if any(_near(line.top, grid.box[1]) for line in lines for grid in grids):
        raise Unsuitable("a line level with a table's top")
    return lines, [(grid.cells, grid.texts(chars, tops, bottoms)) for grid in grids]


def _centres(centres: list[float], run: tuple) -> list[float]:
    """The x of the centres of the run's characters (of the page's `centres`)."""
    cxs = centres[run[0]:run[1]]
    if not all(map(operator.eq, cxs, cxs)):
        raise Unsuitable("a character without a place")
    return cxs


class _Grid:
    """A table's cells, looked up by position: the cells' tops and bottoms (`ys`), and for each band
    between two of them the sides of the cells across it and, between each two sides, the cells that
    cover that stretch; `members` collects each cell's characters.  Unsuitable when sides are about 2 pt
    from where `pdf._cluster` starts a group (`pdf._rows` tells grid lines apart so)."""

    def __init__(self, cells: list[Cell]) -> None:
        self.cells = cells
        self.members: list[list[tuple]] = [[] for _ in cells]
        self.split: set[int] = set()   # the cells holding some characters of a run, not all of it
        self.bands: dict[float, int] = {}   # the band between two of `ys` each level of runs is in
        self.box = (min(c[0] for c in cells), min(c[1] for c in cells), max(c[2] for c in cells), max(c[3] for c in cells))
        self.ys = ys = sorted({c[1] for c in cells} | {c[3] for c in cells})
        for values in (sorted({c[0] for c in cells} | {c[2] for c in cells}), ys):
            start = values[0]
            for v in values:
                if _near(v - start, 2.0):
                    raise Unsuitable("cell sides about 2 pt apart")
                if v - start > 2.0:
                    start = v
        spans = [range(bisect_left(ys, top), bisect_left(ys, bottom)) for _, top, _, bottom in cells]
        sides: list[set[float]] = [set() for _ in ys[1:]]
        for (x0, _, x1, _), span in zip(cells, spans):
            for j in span:
                sides[j].update((x0, x1))
        self.sides = [sorted(band) for band in sides]
        self.cover: list[list[list[int]]] = [[[] for _ in band[1:]] for band in self.sides]
        for i, ((x0, _, x1, _), span) in enumerate(zip(cells, spans)):
            for j in span:
                band = self.sides[j]
                for k in range(bisect_left(band, x0), bisect_left(band, x1)):
                    self.cover[j][k].append(i)

    def place(self, cxs: list[float], cy: float, run: int) -> str:
        """Put the characters of run `run` (on one baseline: their centres `cxs`, `cy`) into the cells
        holding them, as (run, None) for all of them or (run, k) for its k-th: "out" when none is in the
        table's box, "in" when all are, else "some"; Unsuitable when one is within `MARGIN` of the box, of a
        top or bottom of the cells or of a side of a cell across its line."""
        x0, _, x1, _ = self.box
        lo, hi = min(cxs), max(cxs)
        if hi < x0 - MARGIN or lo > x1 + MARGIN:
            return "out"
        j = self.bands.get(cy)
        if j is None:  # (the runs of a row of cells share their level: it is looked up once)
            ys = self.ys
            if bisect_left(ys, cy - MARGIN) < bisect_right(ys, cy + MARGIN):
                raise Unsuitable("a character on a cell's top or bottom")
            j = self.bands[cy] = bisect_right(ys, cy) - 1
        band, cover = self.sides[j], self.cover[j]
        a, b = bisect_left(band, lo - MARGIN), bisect_right(band, hi + MARGIN)
        if a < b:  # sides near the run
            if any(abs(cx - side) < MARGIN for side in band[a:b] for cx in cxs):
                raise Unsuitable("a character on a cell's side")
            first, last = bisect_right(band, lo) - 1, bisect_right(band, hi) - 1
        else:  # no side from `lo - MARGIN` to `hi + MARGIN`: the run lies after the first `a` sides
            first = last = a - 1
        if first == last:  # the whole run between two sides
            if 0 <= first < len(cover):
                for i in cover[first]:
                    self.members[i].append((run, None))
        else:
            for at, cx in enumerate(cxs):
                k = bisect_right(band, cx) - 1
                if 0 <= k < len(cover):
                    for i in cover[k]:
                        self.members[i].append((run, at))
                        self.split.add(i)
        if lo > x0 and hi < x1:
            return "in"
        return "some" if any(x0 <= cx <= x1 for cx in cxs) else "out"

    def texts(self, chars: Characters, tops: list[float], bottoms: list[float]) -> list[str]:
        """Each cell's text (`cell_text`); most cells hold whole runs, one a line, whose text is read off
        them as it is (`_lines_text`, from the page's text made once), and most of those one run of one
        character (a figure of one digit), which is its text as it is wherever it stands."""
        out, text, runs, split = [], chars.text(), chars.runs, self.split
        for i, members in enumerate(self.members):
            if len(members) == 1 and i not in split:
                run = members[0][0]
                start = runs[run][0]
                if runs[run][1] - start == 1:
                    out.append(text[start])
                    continue
            found = None
            if members and i not in split:
                found = _lines_text(chars, [run for run, _ in members], tops, bottoms, text)
            out.append(cell_text(_places(chars, members, tops, bottoms)) if found is None else found)
        return out


def _places(chars: Characters, members: list[tuple[int, int | None]], tops: list[float],
            bottoms: list[float]) -> list[tuple]:
    """The characters (text, x0, x1, top, bottom, size) of a cell's members (`_Grid.place`), in their order."""
    out = []
    for run, at in members:
        start, end, _, _ = chars.runs[run]
        if at is not None:
            start, end = start + at, start + at + 1
        top, bottom = tops[run], bottoms[run]
        out += [(chr(code), x, right, top, bottom, bottom - top)
                for code, x, right in zip(chars.codes[start:end], chars.xs[start:end], chars.rights[start:end])]
    return out


def _lines_text(chars: Characters, runs: list[int], tops: list[float], bottoms: list[float],
                text: str | None = None) -> str | None:
    """`cell_text` of the characters of whole runs when each run is a line of its own as it is: the runs'
    tops finite and each more than 2 pt below the last (`cell_text`'s lines), and in each run the characters
    going left to right with no gap over a quarter of their size (where it would put a space); else None.
    (`text`: all the characters' text, `chars.text()`, when the caller has it.)"""
    if text is None:
        text = chars.text()
    joined, last = "", None
    for run in runs:
        start, end, _, _ = chars.runs[run]
        top = tops[run]
        if not math.isfinite(top) or (last is not None and not top - last > 2):
            return None
        if end - start > 1:
            xs = chars.xs[start:end]
            if not all(map(operator.le, xs, islice(xs, 1, None))):
                return None
            gap = 0.25 * max(bottoms[run] - top, 1)
            if any(map(operator.gt, map(operator.sub, islice(xs, 1, None), chars.rights[start:end]), repeat(gap))):
                return None
        joined = _joined(joined, text[start:end]) if joined else text[start:end]
        last = top
    return joined


def _joined(joined: str, text: str) -> str:
    """The lines of a cell so far and the next line: no space, except between two Latin words or numbers."""
    if joined and joined[-1].isascii() and joined[-1].isalnum() and text[:1].isascii() and text[:1].isalnum():
        joined += " "
    return joined + text


def cell_text(chars: list[tuple]) -> str:
    """A cell's characters (text, x0, x1, top, bottom, size) in reading order; the lines of a wrapped cell
    are joined."""
    if len(chars) < 2:  # most cells of a statistics table: a figure of one digit, or nothing
        return chars[0][0] if chars else ""
    lines: list[list[tuple]] = []
    first_top = 0.0
    for ch in sorted(chars, key=_TOP_LEFT):
        if lines and abs(ch[3] - first_top) <= 2:
            lines[-1].append(ch)
        else:
            lines.append([ch])
            first_top = ch[3]
    joined = ""
    for line in lines:
        line.sort(key=_LEFT)
        pieces = [line[0][0]]
        for prev, ch in zip(line, line[1:]):
            if ch[1] - prev[2] > 0.25 * max(ch[5], 1):
                pieces.append(" ")
            pieces.append(ch[0])
        joined = _joined(joined, "".join(pieces))
    return joined


_TOP_LEFT, _LEFT = itemgetter(3, 1), itemgetter(1)


def _outside_lines(chars: Characters, runs: list[tuple[int, int, float, float]]) -> list[TextLine]:
    """The lines of the characters of whole runs (`pdf_text.lines_of` on them)."""
    codes, xs, rights, ys, kept_runs = [], [], [], [], []
    for start, end, high, low in runs:
        kept_runs.append((len(codes), len(codes) + end - start, high, low))
        codes += chars.codes[start:end]
        xs += chars.xs[start:end]
        rights += chars.rights[start:end]
        ys += chars.ys[start:end]
    return lines_of(Characters(codes, xs, rights, ys, kept_runs))
