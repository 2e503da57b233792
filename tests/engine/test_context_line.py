"""A finding's context line (`engine.run.context_line`): the source line, or on a long line (a crawled page on one
line) a window around the finding, copied out of the source without copying the whole line first.  Held to the
plain statement of it — the line cut out, its carriage returns stripped, then the window taken — on lines of any
length, with and without carriage returns, at every column."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.document.model import Document
from linter.engine.run import CONTEXT_WIDTH, context_line


def _plain(source: str, line: int, column: int) -> str:
    lines = source.split("\n")
    text = lines[line - 1].rstrip("\r") if 1 <= line <= len(lines) else ""
    if len(text) <= CONTEXT_WIDTH:
        return text.strip()
    start = max(0, column - 1 - CONTEXT_WIDTH // 3)
    window = text[start:start + CONTEXT_WIDTH].strip()
    return ("…" if start else "") + window + ("…" if start + CONTEXT_WIDTH < len(text) else "")


_LINE = st.tuples(st.integers(0, 3 * CONTEXT_WIDTH), st.sampled_from(["", "\r", "\r\r", " \r"]), st.sampled_from("某 a\t1"))


@settings(max_examples=scaled(300), deadline=None)
@given(st.lists(_LINE, min_size=1, max_size=5), st.data())
def test_the_context_is_the_window_of_the_line_around_the_finding(lines, data):
    source = "\n".join(ch * n + end for n, end, ch in lines)
    document = Document(path="x.txt", format="txt", source=source, blocks=[])
    offset = data.draw(st.integers(0, len(source)))
    pos = document.position(offset)
    assert context_line(document, pos) == _plain(source, pos.line, pos.column)
