"""OCR time per table picture, next to the lint time of the same report without OCR (its text tables).

Each table of one corpus report is rendered as a degraded picture (tests/tableimages.py: JPEG 55, turned
0.6°, blurred) and read the way `check` reads a picture: ruled grid, then recognition of every cell.  The
first reading in a process also loads the model; it is printed apart.  Needs the OCR extra and the CJK font
(`pip install '.[ocr]'`, `apt-get install fonts-wqy-zenhei`).  Not part of the test suite:

    python tests/benchmarks/bench_ocr.py [REPORT.md]
"""
from __future__ import annotations

import statistics
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent)]

from _util import CORPUS, median_seconds  # noqa: E402
from tableimages import degrade, render  # noqa: E402

from linter.document.model import Table  # noqa: E402
from linter.document.readers import read_document  # noqa: E402
from linter.engine.run import lint  # noqa: E402
from linter.settings.config import Config  # noqa: E402


def _read_picture(data: bytes) -> None:
    from linter.document.ocr.picture import read_cells

    assert read_cells(data) is not None


def main() -> None:
    report = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS / "2024-huaian-szf.md"
    data = report.read_bytes()
    doc = read_document(data, report.name)
    tables = [b for b in doc.blocks if isinstance(b, Table) and len(b.rows) >= 2]
    pictures = [(t, degrade(render(t, 1.0, merge_blank_right=t.rows[0][0].text.text.startswith("第二十条"))))
                for t in tables]
    lint_ms = median_seconds(lambda: lint(data, report.name, Config(ocr=False)), repeat=5) * 1000
    start = time.perf_counter()
    _read_picture(pictures[0][1])
    first = time.perf_counter() - start
    print(f"lint of {report.name} without OCR (text tables): {lint_ms:.0f} ms")
    print(f"first picture read in a process (loads the model): {first * 1000:.0f} ms")
    per_table = []
    for table, picture in pictures:
        seconds = median_seconds(lambda p=picture: _read_picture(p), repeat=3, warmup=0)
        cells = sum(len(r) for r in table.rows)
        per_table.append(seconds)
        print(f"OCR of one table picture, {len(table.rows)} rows × {len(table.rows[0])} columns ({cells} cells, "
              f"{len(picture) // 1024} KB JPEG): {seconds * 1000:.0f} ms = {seconds * 1000 / lint_ms:.0f} × the lint")
    print(f"OCR per table picture, median over {len(per_table)}: {statistics.median(per_table) * 1000:.0f} ms")


if __name__ == "__main__":
    main()
