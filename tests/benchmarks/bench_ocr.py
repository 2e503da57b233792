"""OCR of table pictures: time per picture, and the peak memory of the `check` worker that reads them.

Each table of one corpus report is rendered as a degraded picture (tests/tableimages.py: JPEG 55, turned
0.6°, blurred).  Two measures:

* in this process, each picture read the way `check` reads one (ruled grid, then recognition of every
  cell), wall and CPU time, next to the lint time of the same report without OCR; the first reading in a
  process also loads the model and is printed apart;
* the real CLI: `report-lint check --jobs 1` on a DOCX with 表三 as one picture, and on one with all three
  tables as pictures, while the resident size and CPU time of its worker are read every 20 ms (their peak,
  VmHWM); the time OCR adds per picture is the run's wall (and the worker's CPU) time less that of the same
  file with `--no-ocr`.  OCR runs on one thread, so on a busy machine wall time grows and CPU time does not.

Needs the OCR extra and the test font (`pip install '.[test]'`).  Not part of the test suite:

    python tests/benchmarks/bench_ocr.py [REPORT.md]
"""
from __future__ import annotations

import os
import statistics
import sys
import tempfile
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path[:0] = [str(HERE.parents[1]), str(HERE.parent)]

from _util import CORPUS, median_seconds  # noqa: E402
from processes import run_cli as watched  # noqa: E402
from tableimages import degrade, picture_report_docx, render  # noqa: E402

from linter.document.model import Table  # noqa: E402
from linter.document.readers import read_document  # noqa: E402
from linter.engine.run import lint  # noqa: E402
from linter.settings.config import Config  # noqa: E402

RUNS = 3


def _read_picture(data: bytes) -> float:
    """Read one picture as `check` does; the CPU seconds it took."""
    from linter.document.ocr.picture import read_cells

    start = time.process_time()
    assert read_cells(data) is not None
    return time.process_time() - start


def cli_run(path: Path, *options: str) -> tuple[float, int, int, float]:
    """(wall seconds, peak resident MB of the worker, of the CLI process, worker CPU seconds) of one
    `check --jobs 1`."""
    run = watched("check", "--jobs", "1", "--format", "json", *options, path)
    assert run.code in (0, 1), run.stderr
    return run.seconds, run.worker_peak // (1 << 20), run.cli_peak // (1 << 20), run.worker_cpu


def main() -> None:
    report = Path(sys.argv[1]) if len(sys.argv) > 1 else CORPUS / "2024-huaian-szf.md"
    data = report.read_bytes()
    doc = read_document(data, report.name)
    tables = [b for b in doc.blocks if isinstance(b, Table) and len(b.rows) >= 2]
    pictures = [(t, degrade(render(t, 1.0, merge_blank_right=t.rows[0][0].text.text.startswith("第二十条"))))
                for t in tables]
    with open("/proc/loadavg", encoding="ascii") as fh:
        print(f"load average: {' '.join(fh.read().split()[:3])}, {os.cpu_count()} cores")
    lint_ms = median_seconds(lambda: lint(data, report.name, Config(ocr=False)), repeat=5) * 1000
    start = time.perf_counter()
    cpu = _read_picture(pictures[0][1])
    first = time.perf_counter() - start
    print(f"lint of {report.name} without OCR (text tables): {lint_ms:.0f} ms")
    print(f"first picture read in a process (loads the model): {first * 1000:.0f} ms (CPU {cpu * 1000:.0f} ms)")
    per_table = []
    for table, picture in pictures:
        cpus: list[float] = []
        seconds = median_seconds(lambda p=picture: cpus.append(_read_picture(p)), repeat=RUNS, warmup=0)
        cells = sum(len(r) for r in table.rows)
        per_table.append(seconds)
        print(f"OCR of one table picture, {len(table.rows)} rows × {len(table.rows[0])} columns ({cells} cells, "
              f"{len(picture) // 1024} KB JPEG): {seconds * 1000:.0f} ms (CPU {statistics.median(cpus) * 1000:.0f} ms) "
              f"= {seconds * 1000 / lint_ms:.0f} × the lint")
    print(f"OCR per table picture, median over {len(per_table)}: {statistics.median(per_table) * 1000:.0f} ms")

    t3 = next(t for t, _ in pictures if "新收" in "".join(t.texts()[1]))
    with tempfile.TemporaryDirectory() as tmp:
        one, three = Path(tmp) / "t3-picture.docx", Path(tmp) / "three-pictures.docx"
        one.write_bytes(picture_report_docx(doc, {id(t3): dict((id(t), p) for t, p in pictures)[id(t3)]}))
        three.write_bytes(picture_report_docx(doc, {id(t): p for t, p in pictures}))
        for path, count in ((one, 1), (three, len(pictures))):
            runs, bare = [], []
            for _ in range(RUNS):  # interleaved, so that a change of the machine's load hits both alike
                runs.append(cli_run(path))
                bare.append(cli_run(path, "--no-ocr"))
            wall, without = statistics.median(r[0] for r in runs), statistics.median(r[0] for r in bare)
            cpu, cpu_without = statistics.median(r[3] for r in runs), statistics.median(r[3] for r in bare)
            print(f"report-lint check --jobs 1, {count} table picture(s): worker peak RSS {max(r[1] for r in runs)} MB "
                  f"(--no-ocr: {max(r[1] for r in bare)} MB; CLI process {max(r[2] for r in runs)} MB); wall "
                  f"{wall:.2f} s against {without:.2f} s with --no-ocr: {(wall - without) / count:.2f} s per picture "
                  f"(worker CPU {(cpu - cpu_without) / count:.2f} s), loading OCR included")


if __name__ == "__main__":
    main()
