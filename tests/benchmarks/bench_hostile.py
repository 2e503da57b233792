"""The resource budget on hostile inputs, through the real CLI: the worst input of each format that the
default limits accept (just under 20 MB, or a small file that inflates as far as it may), and the crafted
files of issue 19.  For each: the wall time and the CPU time of the whole run (the CLI and its worker), the
peak RSS of its largest process, and how it ended, against the budget of issue 30 (README, Performance):
2 s of CPU per MB (`hostile.budget_mb`: the file, or a DOCX's text when larger, at least 1 MB) and 300 MB.
`tests/engine/test_resources.py` asserts it.

    python tests/benchmarks/bench_hostile.py

One run per case (each takes seconds to a minute); not part of the default test run.  The load average is
printed before and after: on a busy 2-core machine the wall time stretches with the load, the CPU time not.
"""
from __future__ import annotations

import json
import os
import sys
import tempfile
from pathlib import Path

from _util import ROOT, figure

sys.path.insert(0, str(ROOT / "tests"))
import hostile  # noqa: E402

CASES = (
    ("text, one line of 20 MB", "one-line.txt", hostile.one_line_text),
    ("text, 20 MB of blank lines", "blank-lines.txt", hostile.blank_lines_text),
    ("HTML, a table of 700 000 rows (20 MB)", "table.html", hostile.huge_html_table),
    ("DOCX whose XML inflates to 10 MB", "inflating.docx", hostile.inflating_docx),
    ("PDF whose content inflates to 79 MB", "inflating.pdf", hostile.inflating_pdf),
    ("PDF compressed twice, 200 MB inside", "double.pdf", hostile.doubly_compressed_pdf),
    ("DOCX bomb, 200 MB inside", "bomb.docx", hostile.docx_bomb),
    ("PDF whose object refers to itself (--timeout 10)", "self-reference.pdf", hostile.self_referencing_pdf),
)


def outcome(result: dict) -> str:
    try:
        entry = json.loads(result["stdout"])["files"][0]
    except (ValueError, KeyError, IndexError):
        return f"exit {result['code']}: {result['stderr'][-200:]}"
    return entry["error"] or f"linted, {len(entry['findings'])} findings"


def main() -> None:
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs", flush=True)
    with tempfile.TemporaryDirectory() as tmp:
        for label, name, build in CASES:
            path = build(Path(tmp) / name)
            args = ["check", "--format", "json", "--lang", "en", str(path)]
            if name == "self-reference.pdf":
                args[1:1] = ["--timeout", "10"]
            result = hostile.measure(args)
            size = path.stat().st_size
            budget = hostile.SECONDS_PER_MB * hostile.budget_mb(path)
            figure(f"{label} [{size / 1024 / 1024:.1f} MB file, budget {budget:.1f} s]: wall", result["seconds"])
            figure(f"{label}: CPU (CLI and worker)", result["cpu"], ratio=result["cpu"] / budget, against="budget")
            figure(f"{label}: peak RSS", result["peak_mb"], unit="MB", ratio=result["peak_mb"] / hostile.PEAK_MB, against="300 MB")
            print(f"   → {outcome(result)}", flush=True)
            path.unlink()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
