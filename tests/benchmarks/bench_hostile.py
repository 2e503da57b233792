"""The resource budget on hostile inputs, through the real CLI: the worst input of each format that the
default limits accept (just under 20 MB, or a small file that inflates as far as it may), and the crafted
files of issue 19.  For each: the wall time and the CPU time of the whole run (the CLI and its worker), the
peak RSS of its largest process, and how it ended, against the budget of issue 30 (README, Performance):
2 s of CPU per MB (`hostile.budget_mb`: the file, or a DOCX's text when larger, at least 1 MB) and 300 MB,
on the machine the README's figures were measured on; on a slower one the time budget is stretched by how
much longer a fixed piece of interpreter work takes (`hostile.slowness`, printed first).
`tests/engine/test_resources.py` asserts it.

    python tests/benchmarks/bench_hostile.py

One run per case (each takes seconds to a minute); not part of the default test run.  The load average is
printed before and after: on a busy 2-core machine the wall time stretches with the load, the CPU time not.

    python tests/benchmarks/bench_hostile.py pdf

measures only ordinary PDFs of dense text: 100 000 characters of report text on 65 pages (reportlab, the
unembedded CID font STSong-Light, 250 KB), and 300 000 on 195 pages (770 KB; a PDF may draw 327 680 at
the default size limit), read as before — every page by pdfplumber — and as now, text-only pages by PDFium
(`linter/document/readers/pdf_text.py`), in interleaved rounds.
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

def _repeated(unit: str, times: int):
    """A builder of a text that is `unit` written `times` times."""
    def build(path: Path) -> Path:
        path.write_text(unit * times, encoding="utf-8")
        return path
    return build


CASES = (
    ("text, one line of 20 MB", "one-line.txt", hostile.one_line_text),
    ("text, 300 000 headings one per line", "headings.txt", _repeated("一、\n", 300_000)),
    ("text, 300 000 one-sentence paragraphs", "sentences.txt", _repeated("某县人民政府主动公开信息。\n", 300_000)),
    ("text, a one-line page of 666 666 headings", "headings-line.txt", _repeated("一、 ", 666_666)),
    ("text, one sentence of 4 MB of counts and \"all\" clauses", "clauses.txt", hostile.claim_clauses_text),
    ("text, 20 MB of blank lines", "blank-lines.txt", hostile.blank_lines_text),
    ("HTML, a table of 700 000 rows (20 MB)", "table.html", hostile.huge_html_table),
    ("DOCX whose XML inflates to 10 MB", "inflating.docx", hostile.inflating_docx),
    ("PDF whose content inflates to 79 MB", "inflating.pdf", hostile.inflating_pdf),
    ("PDF compressed twice, 200 MB inside", "double.pdf", hostile.doubly_compressed_pdf),
    ("DOCX bomb, 200 MB inside", "bomb.docx", hostile.docx_bomb),
    ("PDF whose object refers to itself", "self-reference.pdf", hostile.self_referencing_pdf),
    ("PDF of dense text, 300 000 characters on 195 pages", "dense.pdf", hostile.dense_text_pdf),
    ("PDF of ruled tables, 235 pages (every page pdfplumber's)", "tables.pdf", hostile.ruled_tables_pdf),
    ("PDF of LZW-coded comments (20 MB)", "lzw.pdf", hostile.lzw_comments_pdf),
)


def outcome(result: dict) -> str:
    try:
        entry = json.loads(result["stdout"])["files"][0]
    except (ValueError, KeyError, IndexError):
        return f"exit {result['code']}: {result['stderr'][-200:]}"
    return entry["error"] or f"linted, {len(entry['findings'])} findings"


_PDFPLUMBER_ONLY = "import linter.document.readers.pdf_text as t\nt.open_document = lambda data: None\n"


def text_dense_pdf(characters: int, rounds: int = 3) -> None:
    """The dense PDF checked by the CLI with every page read by pdfplumber (before) and with PDFium's text
    pages (after), one run of each per round; medians."""
    with tempfile.TemporaryDirectory() as tmp:
        path = hostile.dense_text_pdf(Path(tmp) / "dense.pdf", characters)
        forcing = Path(tmp) / "site"
        forcing.mkdir()
        (forcing / "sitecustomize.py").write_text(_PDFPLUMBER_ONLY)  # every process of the "before" runs
        args = ["check", "--format", "json", "--lang", "en", str(path)]
        runs: dict[str, list[dict]] = {"before (pdfplumber)": [], "after (PDFium text pages)": []}
        for _ in range(rounds):
            for label in runs:
                saved = os.environ.get("PYTHONPATH")
                if label.startswith("before"):
                    os.environ["PYTHONPATH"] = str(forcing) + (os.pathsep + saved if saved else "")
                try:
                    runs[label].append(hostile.measure(args))
                finally:
                    if saved is None:
                        os.environ.pop("PYTHONPATH", None)
                    else:
                        os.environ["PYTHONPATH"] = saved
        budget = hostile.SECONDS_PER_MB * hostile.budget_mb(path) * SLOWNESS
        outputs = set()
        for label, results in runs.items():
            def median(key: str) -> float:
                return sorted(r[key] for r in results)[len(results) // 2]

            size = path.stat().st_size
            figure(f"text-dense PDF [{characters} characters, {size / 1024:.0f} KB, budget {budget:.1f} s], {label}: wall",
                   median("seconds"))
            figure(f"  {label}: CPU (CLI and worker)", median("cpu"), ratio=median("cpu") / budget, against="budget")
            figure(f"  {label}: peak RSS", median("peak_mb"), unit="MB", ratio=median("peak_mb") / hostile.PEAK_MB,
                   against="300 MB")
            print(f"   → {outcome(results[0])}", flush=True)
            outputs.add(results[0]["stdout"])
        print("   same JSON report both ways" if len(outputs) == 1 else "   THE JSON REPORTS DIFFER", flush=True)


SLOWNESS = 1.0  # set by main(): this machine against the budget's


def main() -> None:
    global SLOWNESS
    print(f"load average before: {' '.join(f'{x:.2f}' for x in os.getloadavg())}, {os.cpu_count()} CPUs", flush=True)
    yardstick = [hostile.yardstick() for _ in range(3)]
    SLOWNESS = hostile.slowness(yardstick)
    figure("the yardstick's interpreter work (median CPU of 3)", sorted(cpu for cpu, _ in yardstick)[1], ratio=SLOWNESS,
           against=f"the budget's machine ({hostile.REFERENCE_CALIBRATION_S} s); every time budget below × this")
    if sys.argv[1:] == ["pdf"]:
        for characters in (100_000, 300_000):  # 300 000: near the most the limits accept (327 680 drawn)
            text_dense_pdf(characters)
        print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)
        return
    with tempfile.TemporaryDirectory() as tmp:
        for label, name, build in CASES:
            path = build(Path(tmp) / name)
            args = ["check", "--format", "json", "--lang", "en", str(path)]
            result = hostile.measure(args)
            size = path.stat().st_size
            budget = hostile.SECONDS_PER_MB * hostile.budget_mb(path) * SLOWNESS
            figure(f"{label} [{size / 1024 / 1024:.1f} MB file, budget {budget:.1f} s]: wall", result["seconds"])
            figure(f"{label}: CPU (CLI and worker)", result["cpu"], ratio=result["cpu"] / budget, against="budget")
            figure(f"{label}: peak RSS", result["peak_mb"], unit="MB", ratio=result["peak_mb"] / hostile.PEAK_MB, against="300 MB")
            print(f"   → {outcome(result)}", flush=True)
            path.unlink()
    print(f"load average after: {' '.join(f'{x:.2f}' for x in os.getloadavg())}", flush=True)


if __name__ == "__main__":
    sys.exit(main())
