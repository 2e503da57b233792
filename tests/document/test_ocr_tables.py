"""Tables pasted as pictures (issue 22): every table of every corpus report rendered as a degraded picture
(two resolutions, JPEG 55, rotated, blurred), pasted into a DOCX and a PDF, read back by OCR and checked.

The pictures are drawn here with Pillow and the CJK font the test extra installs (tests/tableimages.py); each is
read once per test session (the OCR reader keeps what it read per picture digest, and the PDF reader takes a
JPEG picture's own bytes, so the DOCX and the PDF of a report share the readings).
"""
from __future__ import annotations

import json
import subprocess
import sys
from dataclasses import dataclass, field
from decimal import Decimal

import pytest

from conftest import CORPUS, ROOT
from tableimages import change_cell, cjk_font, degrade, picture_report_docx, picture_report_pdf, render

from linter.document.model import Cell, Image, Table, Text
from linter.settings.config import Config

REPORTS = sorted(CORPUS.glob("*.md"))
# (scale, rotation in degrees): a screenshot and a larger, oppositely turned scan
RENDERINGS = ((1.0, 0.6), (1.5, -0.8))
MISSING = ("TABLE-T2-MISSING", "TABLE-T3-MISSING", "TABLE-T4-MISSING")


@dataclass
class Case:
    report: str
    scale: float
    doc: object
    text: object                                   # the analysis of the Markdown report
    text_findings: list
    pictures: dict[int, bytes] = field(default_factory=dict)
    read: dict[str, tuple] = field(default_factory=dict)   # fmt -> (analysis, result)


def _is_t2(table: Table) -> bool:
    return table.rows[0][0].text.text.startswith("第二十条")


def _picture(table: Table, scale: float, angle: float) -> bytes:
    return degrade(render(table, scale, merge_blank_right=_is_t2(table)), angle=angle)


def _lint(data: bytes, name: str):
    from linter.engine.run import lint

    seen = []
    result = lint(data, name, Config(), on_analysis=seen.append)
    return (seen[0] if seen else None), result


@pytest.fixture(scope="session")
def cases() -> list[Case]:
    from linter.document.readers import read_document

    cjk_font()  # a missing font fails here, with the command that installs it
    out = []
    for path in REPORTS:
        data = path.read_bytes()
        doc = read_document(data, path.name)
        text, text_result = _lint(data, path.name)
        tables = [b for b in doc.blocks if isinstance(b, Table) and len(b.rows) >= 2]
        for scale, angle in RENDERINGS:
            case = Case(path.stem, scale, doc, text, text_result.findings)
            case.pictures = {id(t): _picture(t, scale, angle) for t in tables}
            out.append(case)
    return out


@pytest.fixture(scope="session")
def read_back(cases) -> list[Case]:
    for case in cases:
        for fmt, build in (("docx", picture_report_docx), ("pdf", picture_report_pdf)):
            case.read[fmt] = _lint(build(case.doc, case.pictures), f"{case.report}.{fmt}")
    return cases


def _models(analysis):
    from linter.tables import statistics_tables

    return statistics_tables(analysis.context)


def _compare(text_tables, picture_tables) -> tuple[int, int, list[str]]:
    """(cells right, non-blank cells, cells wrong and not marked unread) over the text report's tables."""
    right = total = 0
    wrong = []
    for model in text_tables:
        read = picture_tables.get(model.name)
        for key, cell in model.cells.items():
            got = read.cell(*key) if read is not None else None
            if cell.status == "number":
                total += 1
                if got is not None and got.status == "number" and got.value == cell.value:
                    right += 1
                elif got is not None and got.status not in ("unread",):
                    wrong.append(f"{model.name}{key}: {cell.raw!r} read as {got.raw!r} ({got.status}, {got.source})")
            elif got is not None and got.status == "number":
                wrong.append(f"{model.name}{key}: blank read as {got.raw!r}")
    return right, total, wrong


@pytest.mark.slow
def test_pictures_of_every_corpus_table_read_back(read_back):
    """≥ 98 % of the non-blank cells right, and no cell wrong that is not marked unread."""
    right = total = 0
    wrong = []
    for case in read_back:
        for fmt, (analysis, result) in case.read.items():
            assert result.error is None, (case.report, fmt, result.error)
            r, t, w = _compare(_models(case.text), _models(analysis))
            right, total = right + r, total + t
            wrong += [f"{case.report} ×{case.scale} {fmt}: {x}" for x in w]
    assert total > 1500
    assert not wrong, wrong[:20]
    assert right / total >= 0.98, f"{right}/{total} cells read right"


@pytest.mark.slow
def test_pictures_raise_no_finding_the_text_report_does_not(read_back):
    """A table that balances gets no error or warning from its picture; every finding on numbers read from a
    picture is at most a warning, names the picture and says the numbers were read from it."""
    for case in read_back:
        expected = {(f.rule, (f.cell or {}).get("row_key"), (f.cell or {}).get("column_key")) for f in case.text_findings}
        for fmt, (_, result) in case.read.items():
            for f in result.findings:
                if f.image is None:
                    continue
                assert f.severity in ("warning", "info"), f
                assert f.image["name"] and ("page" in f.image or "paragraph" in f.image), f.image
                assert "读自图片" in f.message, f.message
                key = (f.rule, (f.cell or {}).get("row_key"), (f.cell or {}).get("column_key"))
                assert key in expected, f"{case.report} ×{case.scale} {fmt}: {f.rule} {f.message}"


@pytest.mark.slow
def test_the_not_a_text_table_finding_stays_and_says_the_numbers_were_read(read_back):
    case = next(c for c in read_back if c.report == "2024-huaian-szf" and c.scale == 1.0)
    for fmt, (_, result) in case.read.items():
        missing = [f for f in result.findings if f.rule in MISSING]
        assert sorted(f.rule for f in missing) == sorted(MISSING), fmt
        assert all(f.severity == "error" and "文字识别读出并核对" in f.message for f in missing)


def _szf_t3():
    from linter.document.readers import read_document

    doc = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md")
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    t3 = next(t for t in tables if "新收" in "".join(t.texts()[1]))
    return doc, t3


def _row_of(table: Table, word: str) -> int:
    return next(i for i, row in enumerate(table.rows) if word in row[0].text.text)


@pytest.mark.slow
@pytest.mark.parametrize("word,col,value,expect", [
    ("总计", 7, "3060", ("R24", "T")),        # a total: 3050 printed as 3060
    ("国家秘密", 1, "7", ("R5", "NP")),        # a part: 2 printed as 7
])
def test_a_changed_number_is_found_at_its_cell(word, col, value, expect):
    doc, t3 = _szf_t3()
    changed = change_cell(t3, _row_of(t3, word), col, value)
    picture = _picture(changed, 1.0, 0.6)
    data = picture_report_docx(doc, {id(t3): picture})
    _, result = _lint(data, "changed.docx")
    on_cell = [f for f in result.findings if f.cell and (f.cell["row_key"], f.cell["column_key"]) == expect]
    assert on_cell, [(f.rule, f.cell) for f in result.findings]
    for f in on_cell:
        assert f.category == "arithmetic" and f.severity == "warning"
        assert f.image["name"] and f.image["paragraph"] >= 1
        assert "读自图片" in f.message and value in f.message


def test_a_picture_larger_than_the_working_size_is_reduced_and_read():
    """A 600 dpi scan: the grid is found on the picture reduced by a whole factor (decoded small, for a JPEG),
    so that its masks stay within the OCR's memory, and every number is still read."""
    import io

    from PIL import Image as PILImage

    from linter.document.ocr.picture import WORK_PIXELS, decode

    doc, t3 = _szf_t3()
    big = _picture(t3, 3.6, 0.6)
    with PILImage.open(io.BytesIO(big)) as im:
        width, height = im.size
    assert width * height > WORK_PIXELS
    gray = decode(big)
    assert gray.size <= WORK_PIXELS and gray.shape[1] >= width // 2 - 8
    text, _ = _lint((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md")
    analysis, result = _lint(picture_report_docx(doc, {id(t3): big}), "scan.docx")
    right, total, wrong = _compare([m for m in _models(text) if m.name == "t3"], _models(analysis))
    assert result.error is None and not wrong and right == total > 150


def test_only_the_recogniser_is_loaded():
    """The cells come from the ruled grid: RapidOCR's text detector and angle classifier are never loaded."""
    import numpy as np

    from linter.document.ocr import engine

    assert len(engine.recognise([np.full((30, 40), 255, np.uint8)])) == 1
    ocr = engine._engine()
    assert ocr.text_rec is not None and ocr.text_det is None and ocr.text_cls is None
    options = ocr.cfg.EngineConfig.onnxruntime
    assert options.intra_op_num_threads == 1 and options.enable_cpu_mem_arena is False


def test_a_line_wider_than_a_batch_is_read_in_pieces():
    """The model's memory grows with the width of a line: a line wider than one batch is cut at its emptiest
    columns, and the pieces read back as the whole line."""
    import numpy as np
    from PIL import Image as PILImage
    from PIL import ImageDraw, ImageFont

    from linter.document.ocr import engine

    text = "本机关不掌握相关政府信息没有现成信息需要另行制作补正后申请内容仍不明确" * 2 + "3050"
    font = ImageFont.truetype(str(cjk_font()), 20)
    img = PILImage.new("L", (int(font.getlength(text)) + 20, 34), 255)
    ImageDraw.Draw(img).text((10, 5), text, fill=0, font=font)
    crop = np.asarray(img)
    pieces = engine._pieces(crop)
    assert engine.columns(crop) > engine.BATCH_COLUMNS and len(pieces) > 1
    assert all(engine.columns(p) <= engine.BATCH_COLUMNS for p in pieces)
    assert sum(p.shape[1] for p in pieces) == crop.shape[1]
    [(read, confidence)] = engine.recognise([crop])
    assert read == text and confidence > 0.9


def _t4_picture(total: str | None = None) -> bytes:
    from linter.document.readers import read_document

    doc = read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "x.md")
    t4 = next(b for b in doc.blocks if isinstance(b, Table) and "复议" in b.rows[0][0].text.text)
    if total is not None:
        t4 = change_cell(t4, 1, 4, total)   # 行政复议 总计 (351)
    return _picture(t4, 1.0, 0.6)


def test_a_picture_named_on_the_command_line_is_one_table(run_cli, tmp_path):
    good, bad = tmp_path / "t4.jpg", tmp_path / "t4-wrong.jpg"
    good.write_bytes(_t4_picture())
    bad.write_bytes(_t4_picture(total="315"))
    code, out, _ = run_cli("check", "--format", "json", good, bad)
    files = {Path_name(f["path"]): f for f in json.loads(out)["files"]}
    assert files["t4.jpg"]["findings"] == []
    [finding] = files["t4-wrong.jpg"]["findings"]
    assert finding["rule"] == "T4-SUM" and finding["severity"] == "warning" and code == 0
    assert finding["cell"]["row_key"] == "RV" and finding["cell"]["column_key"] == "T"
    assert finding["image"]["name"] == "t4-wrong.jpg" and "读自图片" in finding["message"]
    code, out, _ = run_cli("check", "--format", "json", "--no-ocr", good)
    [finding] = json.loads(out)["files"][0]["findings"]
    assert code == 1 and finding["rule"] == "INPUT-UNREADABLE" and "--no-ocr" in finding["message"]


def Path_name(path: str) -> str:
    from pathlib import Path

    return Path(path).name


def test_a_folder_is_not_searched_for_pictures(run_cli, tmp_path):
    (tmp_path / "t4.jpg").write_bytes(b"not looked at")
    (tmp_path / "r.txt").write_text((CORPUS / "2024-huaian-szf.md").read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", tmp_path)
    assert [Path_name(f["path"]) for f in json.loads(out)["files"]] == ["r.txt"]


def test_extract_marks_numbers_read_from_a_picture(run_cli, tmp_path):
    picture = tmp_path / "t4.jpg"
    picture.write_bytes(_t4_picture())
    code, out, _ = run_cli("extract", picture)
    [table] = json.loads(out)["reports"][0]["tables"]
    assert code == 0 and table["table"] == "t4" and table["image"] == "t4.jpg"
    assert {c["source"] for c in table["cells"]} <= {"image", "derived"}
    values = {(c["row"], c["column"]): c["value"] for c in table["cells"]}
    assert values[("RV", "T")] == 351 and values[("LR", "M")] == 12


def test_an_html_page_shows_a_local_picture(tmp_path):
    (tmp_path / "pic").mkdir()
    (tmp_path / "pic" / "t4.jpg").write_bytes(_t4_picture(total="315"))
    page = ("<html><body><h1>某县人民政府2024年政府信息公开工作年度报告</h1><p>四、政府信息公开行政复议、行政诉讼情况</p>"
            '<p><img src="pic/t4.jpg" width="600"></p><p><img src="../t4.jpg"><img src="http://x.test/t4.jpg"></p>'
            "</body></html>")
    (tmp_path / "r.html").write_text(page, encoding="utf-8")
    _, result = _lint(page.encode("utf-8"), str(tmp_path / "r.html"))
    [finding] = [f for f in result.findings if f.rule == "T4-SUM"]
    assert finding.image["name"] == "t4.jpg" and finding.severity == "warning"


# ── without OCR ─────────────────────────────────────────────────────────────────────────────────
_BLOCKED = ("rapidocr", "onnxruntime", "cv2")
_WITHOUT_EXTRA = f"""
import importlib.abc, json, sys
class Blocker(importlib.abc.MetaPathFinder):
    def find_spec(self, name, path=None, target=None):
        if name.split('.')[0] in {_BLOCKED!r}:
            raise ModuleNotFoundError(name)
sys.meta_path.insert(0, Blocker())
from click.testing import CliRunner
from linter.cli import main
result = CliRunner().invoke(main, sys.argv[1:])
loaded = sorted({{m.split('.')[0] for m in sys.modules}} & set({_BLOCKED!r}))
print(json.dumps({{"code": result.exit_code, "out": result.output, "loaded": loaded}}))
"""


def _without_extra(*args) -> dict:
    done = subprocess.run([sys.executable, "-c", _WITHOUT_EXTRA, *map(str, args)], cwd=ROOT, capture_output=True,
                          text=True, env={"PYTHONPATH": str(ROOT)})
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_the_extra_nothing_loads_ocr_and_the_finding_says_how_to_enable_it(tmp_path):
    doc, t3 = _szf_t3()
    path = tmp_path / "r.docx"
    path.write_bytes(picture_report_docx(doc, {id(t3): _t4_picture()}))
    run = _without_extra("check", "--format", "json", path)
    assert run["loaded"] == []
    [missing] = [f for f in json.loads(run["out"])["files"][0]["findings"] if f["rule"] == "TABLE-T3-MISSING"]
    assert "pip install 'report-lint[ocr]'" in missing["message"]


def test_no_ocr_reads_no_picture(run_cli, tmp_path):
    doc, t3 = _szf_t3()
    path = tmp_path / "r.docx"
    path.write_bytes(picture_report_docx(doc, {id(t3): _t4_picture()}))
    _, out, _ = run_cli("check", "--format", "json", "--no-ocr", path)
    [missing] = [f for f in json.loads(out)["files"][0]["findings"] if f["rule"] == "TABLE-T3-MISSING"]
    assert "--no-ocr" in missing["message"]


# ── cells, labels and repair, on grids as the OCR reader builds them (no picture needed) ───────────
def _grid(rows: list[list[tuple[str, float]]]) -> Table:
    marker = Text("[image: t.png]", list(range(14)))
    image = Image("t.png", marker)
    cells = [[Cell(Text(t, [0] * len(t)), r, c, None, confidence=conf) for c, (t, conf) in enumerate(row)]
             for r, row in enumerate(rows)]
    return Table(rows=cells, source_kind="image", image=image)


T4_HEAD = ["行政复议-结果维持", "行政复议-结果纠正", "行政复议-其他结果", "行政复议-尚未审结", "行政复议-总计"] + [
    f"行政诉讼-{b}-{f}" for b in ("未经复议直接起诉", "复议后起诉") for f in ("结果维持", "结果纠正", "其他结果", "尚未审结", "总计")]


def _t4(values: list[tuple[str, float]]):
    from linter.tables.mapping import map_table
    from linter.tables.pictures import fill_forced, snap_labels

    model = map_table("t4", snap_labels(_grid([[(h, 0.99) for h in T4_HEAD], values])), "四")
    fill_forced(model)
    return model


def test_an_unread_cell_the_block_total_fixes_is_derived_and_marked():
    values = [("2", .99), ("", 0.0), ("0", .9), ("1", .95), ("4", .99)] + [("0", .9)] * 10
    cell = _t4(values).cell("RV", "C")
    assert (cell.value, cell.status, cell.source) == (Decimal(1), "number", "derived")


def test_two_unread_cells_of_one_block_stay_unread_unless_the_total_is_zero():
    model = _t4([("2", .99), ("", 0.0), ("", 0.0), ("1", .95), ("4", .99)]
                + [("", 0.0), ("0", .3), ("0", .9), ("0", .9), ("0", .9)] + [("0", .9)] * 5)
    assert [model.cell("RV", c).status for c in ("C", "O")] == ["unread", "unread"]
    assert [(model.cell("LD", c).value, model.cell("LD", c).source) for c in ("M", "C")] == [(0, "derived")] * 2


def test_digit_lookalikes_are_folded_in_numeric_cells_only_and_low_confidence_is_unread():
    from linter.tables.cells import MIN_CONFIDENCE

    model = _t4([("o", .9), ("l", .9), ("O", .9), ("1O", .9), ("1", MIN_CONFIDENCE / 2)] + [("0", .9)] * 10)
    assert [model.cell("RV", c).value for c in ("M", "C", "O", "U")] == [0, 1, 0, 10]
    total = model.cell("RV", "T")  # read "1" with too little confidence: unread, then fixed by its row
    assert (total.raw, total.value, total.source) == ("1", 11, "derived")
    assert model.column_labels["M"] == "行政复议-结果维持"


def test_a_misread_label_is_matched_to_the_official_one_by_edit_distance():
    from linter.tables.pictures import nearest_label

    assert nearest_label("1.本机关不掌搔相关政府信息") == "1.本机关不掌握相关政府信息"
    assert nearest_label("四、结转下年度继续办埋") == "四、结转下年度继续办理"
    assert nearest_label("3005") is None and nearest_label("本年度工作成效显著") is None


def test_a_picture_that_is_no_table_leaves_the_report_readable(tmp_path):
    """A photo or a damaged picture in a report: nothing is read from it, and the report is linted as before."""
    import io

    from PIL import Image as PILImage

    doc, t3 = _szf_t3()
    photo = io.BytesIO()
    PILImage.new("RGB", (400, 300), "gray").save(photo, "JPEG")
    _, result = _lint(picture_report_docx(doc, {id(t3): photo.getvalue()}), "r.docx")
    assert result.error is None
    [missing] = [f for f in result.findings if f.rule == "TABLE-T3-MISSING"]
    assert "无法核对" in missing.message and not any(f.image for f in result.findings)
