"""The resource budget (README, Performance; issue 30): whatever the default limits accept, one file is
checked in at most 2 s per MB and at most 300 MB resident in the largest process.  Each input is the worst
of its format — just under the 20 MB size limit, or a small file that inflates as far as a reader may let
it — checked by the real CLI in a fresh process tree.

Time is asserted on the CPU time of the whole run (the CLI and its worker), which is what the input costs
whatever else the machine runs: on a 2-core machine shared with other test runs at load L, a CPU-bound
process gets about 2/L of a core and its wall time stretches by L/2, its CPU time not.  What stretches the
CPU time on a busy machine (caches and memory bandwidth shared with the other runs, frequency scaling) was
measured at 10–25 % here, so the CPU time may exceed the budget by 30 %.  The wall time must stay within the
CPU time allowed, stretched by the load measured over the run (and at least 1.5 ×), and within the time budget
(`--timeout`) that stops any file.  The load is read twice: as the load average, and as how much longer
than its CPU time a process that only computes took in the seconds around the run (the load average lags a
load that rises within the minute).

The budget is the issue's on the machine its figures were measured on.  A slower machine (a CI runner, or
the same one on a slower day: its speed drifts by a third from day to day) gets it stretched by how much
longer a fixed piece of interpreter work takes there, timed just before and just after the run
(`hostile.slowness`); a faster one keeps it as it is.

A run ends in findings or in one `input` finding that names the limit it ran into — never a crash or a hang.
"""
from __future__ import annotations

import json
import os

import pytest

import hostile

TIMEOUT_S = 60          # the default --timeout
CPU_TOLERANCE = 1.3     # a busy machine's shared caches and frequency scaling (see above)

def one_line_of_headings(path):
    """A one-line page of 666 666 headings ("一、 " repeated, 4.5 MB): cut into more pieces than the lines a
    text may have, it is refused — before all its pieces are made."""
    path.write_text("一、 " * 666_666, encoding="utf-8")
    return path


def repeated_lines(line):
    """A builder of a page of 300 000 copies of `line` (each a paragraph of its own): what costs a reader and
    the outline most per byte is a line per paragraph, and the shortest lines."""
    def build(path):
        path.write_text(line * 300_000, encoding="utf-8")
        return path
    return build


CASES = {  # name: (file, builder, what a refusal must say — None: the file must be linted whole)
    "text, one line": ("one-line.txt", hostile.one_line_text, None),
    "text, 300 000 headings one per line": ("headings.txt", repeated_lines("一、\n"), None),
    "text, 300 000 one-sentence paragraphs": ("sentences.txt", repeated_lines("某县人民政府主动公开信息。\n"), None),
    "text, blank lines": ("blank-lines.txt", hostile.blank_lines_text, None),
    "text, a one-line page of headings": ("headings.txt", one_line_of_headings, "lines"),
    "HTML, a huge table": ("table.html", hostile.huge_html_table, "elements and text runs"),
    "DOCX that inflates": ("inflating.docx", hostile.inflating_docx, None),
    "PDF that inflates": ("inflating.pdf", hostile.inflating_pdf, "characters and shapes"),
    "PDF of dense text": ("dense.pdf", hostile.dense_text_pdf, None),
    "PDF of LZW-coded comments": ("lzw.pdf", hostile.lzw_comments_pdf, "no text layer"),
}


@pytest.mark.slow
@pytest.mark.parametrize("case", sorted(CASES))
def test_an_input_just_under_the_limits_stays_within_the_budget(tmp_path, case):
    name, build, refusal = CASES[case]
    path = build(tmp_path / name)
    yardstick = [hostile.yardstick(), hostile.yardstick()]
    load_before = os.getloadavg()[0]
    result = hostile.measure(["check", "--format", "json", "--lang", "en", str(path)])
    load = max(load_before, os.getloadavg()[0])
    yardstick.append(hostile.yardstick())
    budget = hostile.SECONDS_PER_MB * hostile.budget_mb(path) * hostile.slowness(yardstick)
    stretch = max(1.5, load / (os.cpu_count() or 1), hostile.contention(yardstick))
    # exit code 1 for a refusal (an error) or findings at error level, 0 for a report with only warnings
    assert result["code"] in (0, 1) and "Traceback" not in result["stderr"], result["stderr"][-2000:]
    assert result["cpu"] <= budget * CPU_TOLERANCE, (result["cpu"], budget, yardstick)
    assert result["seconds"] <= min(budget * CPU_TOLERANCE * stretch, TIMEOUT_S), (result["seconds"], budget, stretch)
    assert result["peak_mb"] <= hostile.PEAK_MB, result["peak_mb"]
    entry = json.loads(result["stdout"])["files"][0]
    if refusal is not None:  # refused with one input finding that names the limit
        assert result["code"] == 1 and entry["error"] and refusal in entry["error"], entry["error"]
        assert [f["rule"] for f in entry["findings"]] == ["INPUT-UNREADABLE"]
    else:
        assert entry["error"] is None and entry["findings"], entry["error"]
