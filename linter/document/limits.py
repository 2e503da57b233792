"""Resource limits of readers, in one place, so hostile or broken input cannot exhaust a run.

- input size: `Config.max_bytes` (default 20 MB, `check --max-bytes`), enforced by `engine.lint` (and
  by the CLI from the file's size) before anything is read;
- table size: a reader keeps at most `MAX_TABLE_ROWS` rows and `MAX_TABLE_COLUMNS` columns of a grid
  (the statistics tables have about 30 rows and 8 columns) — HTML `colspan`s or a runaway pipe table
  must not expand into millions of cells.

Archives (zip bombs) are checked by `document/readers/containers.py`; the time budget per file is the batch's.
A reader raising `LimitExceeded` gives the file one `input` finding (see `engine.read`).
"""
from __future__ import annotations

MAX_TABLE_ROWS = 2000
MAX_TABLE_COLUMNS = 100
# A picture file an HTML page shows is read for OCR only up to this size (the page's own limit is max_bytes).
MAX_PICTURE_BYTES = 20 * 1024 * 1024


class LimitExceeded(Exception):
    """Input beyond a resource limit; the message says which (shown to the user as an `input` finding)."""
