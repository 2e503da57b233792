"""Resource limits of readers, in one place, so hostile or broken input cannot exhaust a run.

- input size: `Config.max_bytes` (default 20 MB, `check --max-bytes`); a file's kind and size are checked
  with `stat` before it is read, and no more than the limit plus one byte is ever read
  (`linter/document/source.py`);
- what a reader may build from an accepted file is bounded *relative to that limit* (`ReadLimits`): the
  bytes a DOCX's zip members unpack to (all of them, and the XML the parser holds in memory), the bytes a
  PDF's compressed streams inflate to (every layer of a stream compressed twice), and the number of lines
  of a text file and of elements and text runs (entities included) of an HTML page;
- table size: a reader keeps at most `MAX_TABLE_ROWS` rows and `MAX_TABLE_COLUMNS` columns of a grid
  (the statistics tables have about 30 rows and 8 columns) — HTML `colspan`s or a runaway pipe table
  must not expand into millions of cells.

Archives (zip bombs) are checked by `document/readers/containers.py`.  The time and memory budget of one
file are the batch's (`linter/batch/pool.py`): the process checking a file is killed when it runs over its
time, and cannot allocate beyond its memory budget.
A reader raising `LimitExceeded` gives the file one `input` finding (see `engine.read`).
"""
from __future__ import annotations

from dataclasses import dataclass

DEFAULT_MAX_BYTES = 20 * 1024 * 1024
LARGEST_MAX_BYTES = 1 << 40          # 1 TiB: a larger --max-bytes is a mistake, not a limit
MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 100
# Characters and shapes one PDF page may draw (a report's page draws a few thousand; each costs about 2 KB
# while its page is read): a few hundred KB of compressed content can draw millions.
MAX_PAGE_OBJECTS = 30_000
# A picture file an HTML page shows is read for OCR only up to this size (the page's own limit is max_bytes).
MAX_PICTURE_BYTES = 20 * 1024 * 1024


class LimitExceeded(Exception):
    """Input beyond a resource limit; the message says which (shown to the user as an `input` finding)."""


@dataclass(frozen=True)
class ReadLimits:
    """What a reader may build from a file accepted under `max_bytes`.

    The factors keep every accepted input within the memory budget documented in the README (a DOCX's
    XML costs about 20 bytes of memory per byte once parsed; an HTML element or a text line a few hundred).
    """

    max_bytes: int = DEFAULT_MAX_BYTES

    @property
    def unpacked(self) -> int:
        """Bytes all members of a zip container (DOCX) may unpack to."""
        return 2 * self.max_bytes

    @property
    def markup(self) -> int:
        """Bytes the XML members of a zip container may unpack to (they are parsed into trees)."""
        return self.max_bytes // 2

    @property
    def inflated(self) -> int:
        """Bytes the compressed streams of a PDF may inflate to, every layer counted."""
        return 4 * self.max_bytes

    @property
    def items(self) -> int:
        """Lines of a text file (runs of blank lines count once), elements and text runs of an HTML page."""
        return max(10_000, self.max_bytes // 64)


# An input at least this large has the C allocator return large freed blocks at once (`release_large_blocks`).
LARGE_INPUT = 1 << 20
_RELEASING = False


def release_large_blocks() -> None:
    """Have glibc's allocator give every large freed block (128 KB or more) back to the system at once.

    By default glibc raises its threshold for doing so each time a large block is freed, so the copies a
    large input goes through (decoded text, joined scopes, a translated copy of the text) end up kept in
    its heap after they are freed, and later ones are added on top: 20 MB more resident for a 20 MB page.
    Set once per process, when the first large input is read (importing ctypes costs a small report's
    start nothing then); elsewhere than glibc it does nothing."""
    global _RELEASING
    if _RELEASING:
        return
    _RELEASING = True
    import sys

    if not sys.platform.startswith("linux"):
        return
    try:
        import ctypes

        mallopt = getattr(ctypes.CDLL(None), "mallopt", None)  # the C library this process runs on
        if mallopt is not None:
            mallopt(-3, 128 * 1024)  # M_MMAP_THRESHOLD: fixed at its default, no longer raised
    except (ImportError, OSError):
        pass

