"""Tables pasted as pictures, read where users read them: the real CLI in its own process, every file checked
in a worker of the pool (`--jobs 2`) under its time and memory budget.

The report is 2024-huaian-szf with its 表三 pasted as one picture the way agencies paste it: a two-row header
with 法人或其他组织 merged over its five columns, stacked row labels, JPEG, turned 0.6° and blurred
(tests/tableimages.py).  The workers' peak resident size is read from /proc while the CLI runs.
"""
from __future__ import annotations

import json
from decimal import Decimal
from pathlib import Path

import pytest

from conftest import CORPUS
from processes import run_cli
from tableimages import change_cell, degrade, picture_report_docx, render, visual_grid

from linter.document.model import Table

PICTURE_BUDGET = 300 * 1024 * 1024   # peak resident size of a worker reading a report with one table picture
MISSING_T3 = "TABLE-T3-MISSING"


def _szf():
    from linter.document.readers import read_document

    doc = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md")
    t3 = next(b for b in doc.blocks if isinstance(b, Table) and "新收" in "".join(b.texts()[1]))
    return doc, t3


def _total_row(table: Table) -> int:
    return next(i for i, row in enumerate(table.rows) if "总计" in row[0].text.text)


@pytest.fixture(scope="module")
def reports(tmp_path_factory) -> dict[str, Path]:
    """The report with 表三 as a picture, the same with the grand total 3050 printed as 3060, and the text."""
    doc, t3 = _szf()
    boxes, _, _, _ = visual_grid(t3)
    [merged] = [b for b in boxes if b.text == "法人或其他组织"]
    assert (merged.r0, merged.r1, merged.c1 - merged.c0 + 1) == (0, 0, 5)   # over the five columns of row 2
    folder = tmp_path_factory.mktemp("pictures")
    out = {"text": folder / "text.md"}
    out["text"].write_bytes((CORPUS / "2024-huaian-szf.md").read_bytes())
    for name, table in (("good", t3), ("changed", change_cell(t3, _total_row(t3), 7, "3060"))):
        picture = degrade(render(table, 1.0), angle=0.6)
        assert picture[:3] == b"\xff\xd8\xff"   # a JPEG
        out[name] = folder / f"{name}.docx"
        out[name].write_bytes(picture_report_docx(doc, {id(t3): picture}))
    return out


def _files(run) -> dict[str, dict]:
    assert run.code in (0, 1), run.stderr
    return {Path(f["path"]).name: f for f in json.loads(run.stdout)["files"]}


def test_check_in_two_workers_reads_the_picture_within_budget_and_finds_a_changed_total(reports):
    run = run_cli("check", "--jobs", "2", "--format", "json", reports["good"], reports["changed"])
    files = _files(run)
    good, changed = files["good.docx"]["findings"], files["changed.docx"]["findings"]
    for findings in (good, changed):
        assert not [f for f in findings if f["category"] == "input"], findings
        [missing] = [f for f in findings if f["rule"] == MISSING_T3]
        assert "文字识别读出并核对" in missing["message"] and missing["context"].startswith("[image:")
    # the picture balances: nothing on its numbers
    assert not [f for f in good if f["category"] == "arithmetic"], [f["message"] for f in good]
    on_total = [f for f in changed if f.get("cell") and (f["cell"]["row_key"], f["cell"]["column_key"]) == ("R24", "T")]
    assert on_total, [(f["rule"], f.get("cell")) for f in changed]
    for f in on_total:
        assert f["category"] == "arithmetic" and f["severity"] == "warning"
        assert "3060" in f["message"] and "读自图片" in f["message"] and f["image"]["paragraph"] >= 1
    assert 0 < run.worker_peak <= PICTURE_BUDGET, f"a worker peaked at {run.worker_peak / 2**20:.0f} MB"


def test_extract_in_two_workers_gives_the_numbers_of_the_picture(reports):
    run = run_cli("extract", "--jobs", "2", "--format", "json", reports["text"], reports["good"])
    assert run.code == 0, run.stderr
    by_file = {Path(r["path"]).name: r for r in json.loads(run.stdout)["reports"]}
    [text] = [t for t in by_file["text.md"]["tables"] if t["table"] == "t3"]
    [picture] = [t for t in by_file["good.docx"]["tables"] if t["table"] == "t3"]
    assert picture["image"] and not text.get("image")
    assert {c["source"] for c in picture["cells"]} <= {"image", "derived"}
    expected = {(c["row"], c["column"]): c["value"] for c in text["cells"] if c["status"] == "number"}
    read = {(c["row"], c["column"]): c["value"] for c in picture["cells"] if c["status"] == "number"}
    assert len(expected) > 150 and read == expected
    assert Decimal(read[("R24", "T")]) == 3050


def _dense_grid() -> bytes:
    """A ruled grid of 40 × 40 cells, a digit in each: 1,600 lines of text, no statistics table."""
    import io

    from PIL import Image, ImageDraw, ImageFont

    from tableimages import cjk_font

    step, n = 36, 40
    img = Image.new("L", (n * step + 40, n * step + 40), 255)
    draw = ImageDraw.Draw(img)
    font = ImageFont.truetype(str(cjk_font()), 16)
    for k in range(n + 1):
        draw.line((20, 20 + k * step, 20 + n * step, 20 + k * step), fill=0, width=2)
        draw.line((20 + k * step, 20, 20 + k * step, 20 + n * step), fill=0, width=2)
    for r in range(n):
        for c in range(n):
            draw.text((32 + c * step, 27 + r * step), str((r * n + c) % 10), fill=0, font=font)
    out = io.BytesIO()
    img.save(out, "PNG")
    return out.getvalue()


def _huge() -> bytes:
    """A blank picture of 42 million pixels (a PNG of a few KB)."""
    import io

    from PIL import Image

    out = io.BytesIO()
    Image.new("1", (7000, 6000), 1).save(out, "PNG")
    return out.getvalue()


def test_a_picture_that_cannot_be_read_within_budget_is_not_checked_with_the_reason(tmp_path):
    doc, t3 = _szf()
    paths = {}
    for name, picture in (("dense", _dense_grid()), ("huge", _huge())):
        paths[name] = tmp_path / f"{name}.docx"
        paths[name].write_bytes(picture_report_docx(doc, {id(t3): picture}))
    run = run_cli("check", "--jobs", "2", "--format", "json", *paths.values())
    files = _files(run)
    reasons = {"dense.docx": "more than 1500 lines of text", "huge.docx": "too large (7000×6000 pixels"}
    for name, reason in reasons.items():
        findings = files[name]["findings"]
        assert not [f for f in findings if f["category"] == "input"], findings
        [missing] = [f for f in findings if f["rule"] == MISSING_T3]
        assert "无法核对" in missing["message"] and reason in missing["message"], missing["message"]
        assert missing["context"].startswith("[image:")   # on the picture
        # the rest of the report is linted: its prose and structure are checked as without the picture
        assert {"DISC-ART50-4", "STRUCT-CLOSING"} <= {f["rule"] for f in findings}
