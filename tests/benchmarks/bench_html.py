"""The HTML report of a finding-heavy file: a page repeating one wording mistake 120 000 times on one line
(3.6 MB; the capped-findings case of docs/fuzzing.md, `hostile.repeated_mistake_text`), through the whole
`report-lint check --format html -o FILE` process, against the target of 10 s on a 2-core machine.  The
JSON report of the same file is measured in the same interleaved rounds: the difference is what drawing
the page costs over linting the file.

    python tests/benchmarks/bench_html.py
"""
from __future__ import annotations

import sys
import tempfile
from pathlib import Path

from _util import PY, ROOT, figure, interleaved_medians, process_runner

sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

TARGET = 10.0


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        page = hostile.repeated_mistake_text(Path(tmp) / "repeated.txt")
        html, json = interleaved_medians([
            process_runner([PY, "-m", "linter", "check", "--format", "html", "-o", str(Path(tmp) / "r.html"), str(page)]),
            process_runner([PY, "-m", "linter", "check", "--format", "json", "-o", str(Path(tmp) / "r.json"), str(page)]),
        ], repeat=3)
    figure("HTML report, one mistake × 120 000 (3.6 MB)", html, ratio=html / TARGET, against="10 s (target ≤ 1)")
    figure("JSON report of the same file", json, ratio=html / json, against="HTML / JSON")


if __name__ == "__main__":
    main()
