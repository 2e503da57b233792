"""The resource budget (README, Performance): whatever the default limits accept, one file costs at most
its time budget and its memory budget.  Each input is the worst of its format — just under the 20 MB size
limit, or a small file that inflates as far as a reader may let it — checked by the real CLI in a fresh
process tree; the peak is that of the largest process (the CLI or its worker).

The run must end within the time budget (`--timeout`, 60 s by default, plus the start and the output),
stay under the memory budget (512 MB of growth per worker, above a start of about 40 MB), and end in
findings or in one `input` finding that names the limit — never a crash or a hang.
"""
from __future__ import annotations

import json

import pytest

import hostile

TIMEOUT_S = 60          # the default --timeout
SLACK_S = 40            # start-up, reading the result, writing the output — on a busy machine
PEAK_MB = 512 + 90      # the worker's budget above its start, and the start itself

CASES = {  # name: (file, builder, what a refusal must say — None: the file may also be linted whole)
    "text, one line": ("one-line.txt", hostile.one_line_text, None),
    "text, blank lines": ("blank-lines.txt", hostile.blank_lines_text, None),
    "HTML, a huge table": ("table.html", hostile.huge_html_table, "elements and text runs"),
    "DOCX that inflates": ("inflating.docx", hostile.inflating_docx, None),
    "PDF that inflates": ("inflating.pdf", hostile.inflating_pdf, "budget"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_an_input_just_under_the_limits_stays_within_the_budget(tmp_path, case):
    name, build, refusal = CASES[case]
    path = build(tmp_path / name)
    result = hostile.measure(["check", "--format", "json", "--lang", "en", str(path)])
    assert result["seconds"] < TIMEOUT_S + SLACK_S, result["seconds"]
    assert result["peak_mb"] < PEAK_MB, result["peak_mb"]
    assert result["code"] == 1 and "Traceback" not in result["stderr"], result["stderr"][-2000:]
    entry = json.loads(result["stdout"])["files"][0]
    if refusal is not None or entry["error"] is not None:  # stopped by a limit or a budget, which it names
        assert entry["error"] and any(word in entry["error"] for word in ("limit", "budget", "refused"))
        assert refusal is None or refusal in entry["error"], entry["error"]
    else:
        assert entry["findings"]
