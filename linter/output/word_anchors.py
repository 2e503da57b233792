"""Comments anchored on the runs of a Word document, at source spans: what the DOCX output does both to a
copy of a DOCX report and to a report it renders into Word.

A `RunMap` knows, in source order, the run content (`RunPiece`) every character of a document's source
sits in.  `add_comments` resolves each span to characters (a span that covers none, such as a blank table
cell, falls back to its whole line, or to an empty run in an empty paragraph), splits runs only where an
anchor starts or ends inside one, and marks each range with `w:commentRangeStart`/`End` and a reference
run.  Spans that resolve to the same characters share one comment.  Nothing else in the document changes.
"""
from __future__ import annotations

import bisect
import copy
from dataclasses import dataclass
from typing import Any, Sequence

from linter.document.readers.docx import LineAnchor, RunPiece

W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
_XML_SPACE = "{http://www.w3.org/XML/1998/namespace}space"
_STORIES = (W + "body", W + "txbxContent")


@dataclass(frozen=True)
class Anchor:
    """Where a comment goes: characters first..last of the map, or (when `paragraph` is set) an empty
    paragraph.  `order` sorts anchors in document order."""

    order: int
    first: int = -1
    last: int = -1
    paragraph: Any = None


class RunMap:
    def __init__(self, pieces: Sequence[RunPiece], lines: Sequence[LineAnchor]) -> None:
        self.pieces = [p for p in pieces if p.node is not None and p.node.getparent() is not None
                       and p.node.getparent().tag == W + "r"]
        self.flat = [offset for piece in self.pieces for offset in piece.offsets]
        self.starts: list[int] = []
        at = 0
        for piece in self.pieces:
            self.starts.append(at)
            at += len(piece.offsets)
        self.in_order = all(a <= b for a, b in zip(self.flat, self.flat[1:]))
        self.lines = sorted(lines, key=lambda line: line.start)
        self._line_starts = [line.start for line in self.lines]
        self._empty_runs: dict[int, Any] = {}

    # ── from source spans to characters ─────────────────────────────────────────────────────────
    def anchor(self, start: int, end: int) -> Anchor | None:
        """The anchor of the source span [start, end): its characters, else its line's."""
        chars = self._chars(start, end)
        if chars is None:
            return self._line_anchor(start)
        return self._one_story(*chars)

    def _chars(self, start: int, end: int) -> tuple[int, int] | None:
        if self.in_order:
            first = bisect.bisect_left(self.flat, start)
            last = bisect.bisect_left(self.flat, end) - 1
            return (first, last) if first <= last else None
        inside = [i for i, offset in enumerate(self.flat) if start <= offset < end]
        return (inside[0], inside[-1]) if inside else None

    def _line_anchor(self, offset: int) -> Anchor | None:
        """The whole line (paragraph, table cell) at `offset`; an empty one's paragraph; else the line of the
        nearest character (an offset outside every line: a suppression comment of a text report)."""
        line = self._line_at(offset)
        if line is not None:
            chars = self._chars(line.start, line.end)
            if chars is not None:
                return self._one_story(*chars)
            if line.paragraph is not None:
                order = bisect.bisect_left(self.flat, line.start) if self.in_order else 0
                return Anchor(order=order, paragraph=line.paragraph)
        if not self.flat:
            return None
        nearest = self._nearest(offset)
        line = self._line_at(self.flat[nearest])
        chars = self._chars(line.start, line.end) if line is not None else None
        return self._one_story(*chars) if chars is not None else Anchor(nearest, nearest, nearest)

    def _line_at(self, offset: int) -> LineAnchor | None:
        i = bisect.bisect_right(self._line_starts, offset) - 1
        while i >= 0 and self.lines[i].start <= offset:
            if offset <= self.lines[i].end:
                return self.lines[i]
            i -= 1
        return None

    def _nearest(self, offset: int) -> int:
        if self.in_order:
            return min(bisect.bisect_left(self.flat, offset), len(self.flat) - 1)
        return min(range(len(self.flat)), key=lambda i: abs(self.flat[i] - offset))

    def _one_story(self, first: int, last: int) -> Anchor:
        """A range may not leave the story it starts in (the body, or a text box inside it), nor end before
        it starts (a picture's marker or a text box follows its paragraph's text in the source, but sits
        inside it in the document): it is shortened until it does neither."""
        start = self._node_at(first)
        story, where = _story(start), _position(start)
        while last > first and (_story(self._node_at(last)) is not story or _position(self._node_at(last)) < where):
            last -= 1
        return Anchor(order=first, first=first, last=last)

    def _node_at(self, k: int):
        return self.pieces[bisect.bisect_right(self.starts, k) - 1].node

    # ── splitting runs ──────────────────────────────────────────────────────────────────────────
    def cut(self, k: int) -> None:
        """Make character k the first of its run (nothing to do at a run's start or the map's end)."""
        if k <= 0 or k >= len(self.flat):
            return
        pi = bisect.bisect_right(self.starts, k) - 1
        piece, i = self.pieces[pi], k - self.starts[pi]
        if i and piece.node.tag != W + "t":  # a tab or a picture is not split: cut after it
            return self.cut(self.starts[pi] + len(piece.offsets))
        node = piece.node
        run = node.getparent()
        if not i and all(child.tag == W + "rPr" for child in node.itersiblings(preceding=True)):
            return
        moving = list(node.itersiblings())
        if i:
            tail = _text_element(node.text[i:])
            _set_text(node, node.text[:i])
            self.pieces[pi] = RunPiece(piece.offsets[:i], node)
            self.pieces.insert(pi + 1, RunPiece(piece.offsets[i:], tail))
            self.starts.insert(pi + 1, k)
            moving.insert(0, tail)
        else:
            moving.insert(0, node)
        new_run = _bare_copy(run)
        run.addnext(new_run)
        for child in moving:
            new_run.append(child)

    def runs(self, anchor: Anchor) -> tuple[Any, Any]:
        """The first and last `w:r` of an anchor (after `cut`), or the empty run of an empty paragraph."""
        if anchor.paragraph is not None:
            return (self._empty_run(anchor.paragraph),) * 2
        return self._node_at(anchor.first).getparent(), self._node_at(anchor.last).getparent()

    def _empty_run(self, paragraph):
        key = id(paragraph)
        if key not in self._empty_runs:
            from docx.oxml.parser import OxmlElement

            run = OxmlElement("w:r")
            paragraph.append(run)
            self._empty_runs[key] = run
        return self._empty_runs[key]


def add_comments(word, run_map: RunMap, spans: list[tuple[int, int, Any]], text_of, author: str, initials: str) -> int:
    """One comment per distinct anchor of `spans` ((start, end, item) in source offsets); the comment's
    text is `text_of(items)` of the items that share the anchor.  Returns the number of comments."""
    groups: dict[Anchor, list] = {}
    for start, end, item in spans:
        anchor = run_map.anchor(start, end)
        if anchor is not None:
            groups.setdefault(anchor, []).append(item)
    for anchor in groups:
        if anchor.paragraph is None:
            run_map.cut(anchor.first)
            run_map.cut(anchor.last + 1)
    for anchor in sorted(groups, key=lambda a: a.order):
        first, last = run_map.runs(anchor)
        comment = word.comments.add_comment(text=text_of(groups[anchor]), author=author, initials=initials)
        first.insert_comment_range_start_above(comment.comment_id)
        last.insert_comment_range_end_and_reference_below(comment.comment_id)
    return len(groups)


def _story(node):
    for ancestor in node.iterancestors():
        if ancestor.tag in _STORIES:
            return ancestor
    return None


def _position(node) -> list[int]:
    """Where `node` is in document order: the indices of it and its ancestors among their siblings."""
    path = []
    while node.getparent() is not None:
        path.append(node.getparent().index(node))
        node = node.getparent()
    return path[::-1]


def _bare_copy(run):
    """A new `w:r` with the attributes and run properties of `run`, and no content."""
    from docx.oxml.parser import OxmlElement

    new = OxmlElement("w:r")
    for name, value in run.attrib.items():
        new.set(name, value)
    rpr = run.find(W + "rPr")
    if rpr is not None:
        new.append(copy.deepcopy(rpr))
    return new


def _text_element(text: str):
    from docx.oxml.parser import OxmlElement

    element = OxmlElement("w:t")
    _set_text(element, text)
    return element


def _set_text(element, text: str) -> None:
    """Set a `w:t`'s text; spaces at its ends survive only with xml:space="preserve"."""
    element.text = text
    if text != text.strip():
        element.set(_XML_SPACE, "preserve")
