"""The structure parser on real reports: the golden outline of the example, and every corpus file."""
from __future__ import annotations

import pytest
import yaml

from conftest import CORPUS, EXAMPLE, FIXTURES
from linter.settings.config import Config
from linter.engine.run import analyse
from linter.document.model import Image
from linter.cli.outline_view import outline_json
from linter.document.readers import read_document
from linter.outline.parser import parse_outline

EXPECTED = yaml.safe_load((FIXTURES / "expected_outlines.yaml").read_text(encoding="utf-8"))


def _outline(path):
    return outline_json(analyse(path.read_bytes(), str(path), Config()))


def test_example_outline_golden():
    out = _outline(EXAMPLE)
    assert out["title"]["agency"] == "威海市文登区泽头镇人民政府"
    assert out["title"]["year"] == 2023
    assert (out["agency_kind"], out["agency_level"]) == ("government", "township")
    got = [(s["ordinal"], s["line"], s["written_ordinal"], s["deviations"]) for s in out["sections"]]
    assert got == [
        ("一", 6, "一", []),
        ("二", 17, "二", ["nonstandard_title"]),
        ("三", 18, "三", []),
        ("四", 46, "四", ["nonstandard_title"]),
        ("五", 47, None, ["missing_ordinal", "nonstandard_title"]),
        ("六", 52, "六", []),
    ]
    assert [s["ordinal"] for s in out["sections"][0]["subitems"]] == ["一", "二", "三", "四", "五"]
    # The statistics tables are an image in section 三, and the OCR residue is not a table.
    blocks3 = out["sections"][2]["blocks"]
    assert [b for b in blocks3 if b["kind"] == "image"] == [{"kind": "image", "line": 20, "name": "image2.jpg"}]
    assert not any(b["kind"] == "table" for s in out["sections"] for b in s["blocks"])
    assert out["closing"] == {"agency": "威海市文登区泽头镇人民政府", "date": "2024年1月22日", "line": 62}


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_corpus_outline(name):
    out = _outline(CORPUS / name)
    sections = [
        f"{s['ordinal']} L{s['line']} {s['written_ordinal'] or '-'} {s['title']}"
        + (f" ({','.join(s['deviations'])})" if s["deviations"] else "")
        for s in out["sections"]
    ]
    assert sections == EXPECTED[name]["sections"]
    title = [out["title"]["agency"], out["title"]["year"]] if out["title"] else None
    assert title == EXPECTED[name]["title"]


@pytest.mark.parametrize("text", [
    "",
    "一、",
    "（一）",
    "[image: ]",
    "| a |\n|---|\n",
    "2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n一、总体情况\n一、总体情况\n2024年1月1日",
    "六、其他需要报告的事项\n" * 50,
])
def test_parser_never_raises_on_odd_input(text):
    report = parse_outline(read_document(text.encode(), "x.txt"))
    placed = len(report.front) + len(report.preamble) + sum(len(s.all_blocks()) + 1 for s in report.sections)
    assert placed + len(report.unplaced) + (2 if report.closing else 0) >= 0  # parsed, nothing raised
    for section in report.sections:
        assert section.heading.text


def test_sections_out_of_order_are_kept_in_written_order():
    text = "某县人民政府\n2023年政府信息公开工作年度报告\n一、总体情况\n三、收到和处理政府信息公开申请情况\n二、主动公开政府信息情况\n"
    report = parse_outline(read_document(text.encode(), "x.txt"))
    assert [s.ordinal for s in report.sections] == ["一", "三", "二"]


def test_table_row_labels_are_not_section_headings():
    text = "三、收到和处理政府信息公开申请情况\n一、本年新收政府信息公开申请数量 21 0 0 0 0 0 21\n四、结转下年度继续办理 0 0 0 0 0 0 0\n"
    report = parse_outline(read_document(text.encode(), "x.txt"))
    assert [s.ordinal for s in report.sections] == ["三"]


def test_image_is_attached_to_its_section():
    report = parse_outline(read_document(EXAMPLE.read_bytes(), str(EXAMPLE)))
    images = report.section("三").images()
    assert [i.name for i in images] == ["image2.jpg"]
    assert isinstance(images[0], Image)
