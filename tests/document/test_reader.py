"""The text/Markdown reader: encodings, line endings, positions, tables and images."""
from __future__ import annotations

import codecs

import pytest

from conftest import CORPUS, EXAMPLE
from linter.document.model import Image, Paragraph, Table
from linter.document.readers import ReadError, read_document

TEXT = EXAMPLE.read_text(encoding="utf-8")


def _find(doc, needle: str) -> Paragraph:
    return next(b for b in doc.blocks if isinstance(b, Paragraph) and needle in b.text.text)


@pytest.mark.parametrize("encoding,data", [
    ("utf-8", TEXT.encode("utf-8")),
    ("utf-8-sig", codecs.BOM_UTF8 + TEXT.encode("utf-8")),
    ("gb18030", TEXT.encode("gb18030")),
    ("gbk", TEXT.encode("gbk")),
    ("utf-16", TEXT.encode("utf-16")),  # with BOM
])
def test_same_report_in_every_encoding_reads_the_same(encoding, data):
    doc = read_document(data, "x.txt")
    assert doc.source == TEXT
    para = _find(doc, "扩宽政务公开内容")
    start = para.text.text.index("扩宽")
    pos = doc.position(para.text.source_span(start, start + 2)[0])
    assert (pos.line, pos.column) == (51, 37)


def test_crlf_and_fullwidth_spaces_keep_positions():
    source = "某县人民政府\r\n2023年政府信息公开工作年度报告\r\n一、总体情况\r\n\u3000\u3000本年度共收到申请２３件。\r\n"
    doc = read_document(source.encode("utf-8"), "x.txt")
    para = _find(doc, "收到申请")
    assert para.text.text == "本年度共收到申请23件。"  # ideographic spaces dropped, full-width digits folded
    i = para.text.text.index("23")
    pos = doc.position(para.text.source_span(i, i + 2)[0])
    assert (pos.line, pos.column) == (4, 11)
    assert doc.line_text(4) == "\u3000\u3000本年度共收到申请２３件。"


def test_pdf_spacing_between_chinese_and_digits_is_removed():
    doc = read_document("统计期限自 2023 年 1 月 1 日起，电话：0517-87222589 ，邮 编 ： 223100".encode(), "x.txt")
    assert doc.blocks[0].text.text == "统计期限自2023年1月1日起，电话：0517-87222589，邮编：223100"


def test_wrapped_pdf_lines_are_joined_into_paragraphs():
    doc = read_document((CORPUS / "2023-huaian-hongzequ-qzf.txt").read_bytes(), "x.txt")
    para = _find(doc, "统计期限")
    assert "统计期限自2023年1月1日起至2023年12月31日止" in para.text.text
    # the page number between two halves of a paragraph is kept apart, not glued into the text
    assert any(isinstance(b, Paragraph) and b.role == "furniture" and b.text.text == "-1-" for b in doc.blocks)


def test_crawled_one_line_page_is_split_at_headings():
    doc = read_document((CORPUS / "2019-pingtan-gwh.txt").read_bytes(), "x.txt")
    starts = [b.text.text[:8] for b in doc.blocks if isinstance(b, Paragraph)]
    for heading in ("一、总体情况", "二、主动公开政", "三、收到和处理", "六、其他需要报"):
        assert any(s.startswith(heading[:6]) for s in starts), heading


def test_a_bare_section_title_on_a_crawled_page_is_a_heading_only_where_its_section_has_none():
    """A title whose ordinal was lost becomes a line of its own; the same section's title in other words in the
    prose of a page that heads that section with its ordinal does not."""
    text = (CORPUS / "2022-pingtan-gwh.txt").read_text(encoding="utf-8")
    mention = "。存在的主要问题和改进措施如下："
    at = text.index("五、存在的主要问题及改进情况") + len("五、存在的主要问题及改进情况") + 40
    with_mention = text[:at] + mention + text[at:]
    lost = text.replace("五、存在的主要问题及改进情况", "存在的主要问题及改进情况", 1)

    def lines(source: str) -> list[str]:
        return [b.text.text for b in read_document(source.encode("utf-8"), "x.txt").blocks if isinstance(b, Paragraph)]

    assert "存在的主要问题及改进情况" in lines(lost)
    assert not any(line.startswith("存在的主要问题和改进措施") for line in lines(with_mention))


def test_markdown_pipe_table_and_image():
    md = "# 标题\n\n| a | b |\n|---|---|\n| 规章 | 0 |\n\n[image: t3.png]\n"
    doc = read_document(md.encode(), "x.md")
    kinds = [b.kind for b in doc.blocks]
    assert kinds == ["paragraph", "table", "image"]
    table = doc.blocks[1]
    assert isinstance(table, Table) and table.texts() == [["a", "b"], ["规章", "0"]]
    cell = table.rows[1][0]
    assert doc.position(cell.text.source_span()[0]).line == 5
    assert isinstance(doc.blocks[2], Image) and doc.blocks[2].name == "t3.png"


def test_ocr_residue_after_an_image_is_not_text():
    doc = read_document(EXAMPLE.read_bytes(), str(EXAMPLE))
    image_at = next(i for i, b in enumerate(doc.blocks) if isinstance(b, Image))
    assert doc.blocks[image_at].name == "image2.jpg"
    residue = [b for b in doc.blocks[image_at + 1:] if isinstance(b, Paragraph) and b.role == "image-text"]
    assert len(residue) >= 10
    assert not any(isinstance(b, Table) for b in doc.blocks)
    heading_after = next(b for b in doc.blocks[image_at + 1:] if isinstance(b, Paragraph) and b.role == "text")
    assert heading_after.text.text.startswith("四、")


@pytest.mark.parametrize("data,needle", [
    (b"\x00\x01\x02binary\x00" * 50, "binary"),
    (codecs.BOM_UTF8 + "政府信息公开".encode("gbk"), "byte-order mark"),
])
def test_undecodable_input_is_refused_with_a_reason(data, needle):
    with pytest.raises(ReadError) as err:
        read_document(data, "x.txt")
    assert needle in str(err.value)
