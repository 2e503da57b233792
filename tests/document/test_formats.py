"""DOCX, HTML and PDF readers: format parity with the Markdown corpus, positions a user can find, real-world
page shapes, and refusals (scans, truncated downloads, zip bombs, oversize files).

DOCX, PDF and HTML versions are generated from the corpus reports by `docgen` (python-docx; reportlab with
its STSong-Light CID font), so no binary fixture is committed.
"""
from __future__ import annotations

import html
import io
import json
import subprocess
import sys
import zipfile
from functools import lru_cache

import pytest
from click.testing import CliRunner

import docgen
from conftest import CORPUS
from linter.cli.main import main
from linter.settings.config import Config
from linter.engine.run import lint
from linter.document.model import Image, Paragraph, Table
from linter.document.readers import ReadError, read_document

# Reports with all three statistics tables (and, for shuyang, a real published HTML page).
PARITY = ["2023-huaian-hongzequ-qzf.md", "2024-huaian-szf.md", "2022-pingtan-gwh.md", "2023-shuyang-fgj.md"]
FORMATS = ["html", "docx", "pdf"]


@lru_cache(maxsize=None)
def corpus_doc(name: str):
    return read_document((CORPUS / name).read_bytes(), name)


@lru_cache(maxsize=None)
def generated(name: str, fmt: str) -> bytes:
    doc = corpus_doc(name)
    return {"html": lambda: docgen.to_html(doc, gbk=True), "docx": lambda: docgen.to_docx(doc),
            "pdf": lambda: docgen.to_pdf(doc)}[fmt]()


@lru_cache(maxsize=None)
def generated_doc(name: str, fmt: str):
    return read_document(generated(name, fmt), f"{name}.{fmt}")


def _prose(doc) -> list[str]:
    return [b.text.text for b in doc.blocks if isinstance(b, Paragraph) and b.role == "text"]


def _grids(doc) -> list[list[list[str]]]:
    return [b.texts() for b in doc.blocks if isinstance(b, Table)]


def _finding_keys(result) -> list[tuple]:
    return sorted((f.rule, f.severity, f.section, f.table, json.dumps(f.cell, sort_keys=True)) for f in result.findings)


# ── parity ──────────────────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PARITY)
def test_same_paragraphs_and_table_grids_in_every_format(name, fmt):
    md, other = corpus_doc(name), generated_doc(name, fmt)
    assert _prose(other) == _prose(md)
    assert _grids(other) == _grids(md)
    assert len(_grids(md)) == 3


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PARITY)
def test_same_findings_in_every_format(name, fmt):
    config = Config()
    base = lint((CORPUS / name).read_bytes(), name, config)
    other = lint(generated(name, fmt), f"x.{fmt}", config)
    assert other.error is None
    assert base.findings, "the corpus report has real findings to compare"
    assert _finding_keys(other) == _finding_keys(base)


def test_published_html_page_and_its_markdown_twin_give_the_same_findings():
    config = Config()
    html = lint((CORPUS / "2023-shuyang-fgj.html").read_bytes(), "x.html", config)
    md = lint((CORPUS / "2023-shuyang-fgj.md").read_bytes(), "x.md", config)
    assert _finding_keys(html) == _finding_keys(md)
    assert _prose(read_document((CORPUS / "2023-shuyang-fgj.html").read_bytes(), "x.html")) == _prose(
        corpus_doc("2023-shuyang-fgj.md"))


# ── positions a user can find ───────────────────────────────────────────────────────────────────
def _squash(s: str) -> str:
    return "".join(s.split()).replace("\u00a0", "").replace("&nbsp;", "")


@pytest.mark.parametrize("fmt", FORMATS)
@pytest.mark.parametrize("name", PARITY[:3])
def test_every_finding_points_at_the_text_it_is_about(name, fmt):
    config = Config()
    md_data = (CORPUS / name).read_bytes()
    md_result, md_doc = lint(md_data, name, config), corpus_doc(name)
    result, doc = lint(generated(name, fmt), f"x.{fmt}", config), generated_doc(name, fmt)
    pairs = list(zip(sorted(md_result.findings, key=lambda f: (f.rule, f.start)),
                     sorted(result.findings, key=lambda f: (f.rule, f.start))))
    assert pairs
    for want, got in pairs:
        assert got.rule == want.rule
        expected = _squash(md_doc.source[want.start:want.end])
        at = doc.source[got.start:got.end]
        at = _squash(html.unescape(at) if fmt == "html" else at)  # the HTML source spells < as &lt;
        assert at == expected, (got.rule, at, expected)
        # line/column name that same place: the reported line, from the column on, starts with it
        line = doc.line_text(got.line)
        line = html.unescape(line) if fmt == "html" else line
        assert _squash(line[got.column - 1:]).startswith(at[:20])
        if fmt == "docx":
            assert got.location and ("paragraph" in got.location or "table" in got.location)
            _assert_docx_location(generated(name, fmt), got.location, at[:10])
        if fmt == "pdf":
            assert got.page == got.location["page"] and got.location["line"] >= 1
            _assert_pdf_page_has(generated(name, fmt), got.page, at[:10])


def _assert_docx_location(data: bytes, location: dict, text: str) -> None:
    import docx

    word = docx.Document(io.BytesIO(data))
    if "paragraph" in location:
        found = word.paragraphs[location["paragraph"] - 1].text
    else:
        found = word.tables[location["table"] - 1].cell(location["row"] - 1, location["cell"] - 1).text
    assert _squash(found).startswith(text) or text in _squash(found)


def _assert_pdf_page_has(data: bytes, page: int, text: str) -> None:
    import pdfplumber

    with pdfplumber.open(io.BytesIO(data)) as pdf:
        assert text in _squash(pdf.pages[page - 1].extract_text())


def test_html_positions_are_line_and_column_of_the_html_source():
    data = (CORPUS / "2023-shuyang-fgj.html").read_bytes()
    doc = read_document(data, "x.html")
    source = data.decode("utf-8")
    para = next(p for p in doc.paragraphs() if "全年受理网络问政" in p.text.text)
    i = para.text.text.index("182件")
    pos = doc.position(para.text.source_span(i, i + 4)[0])
    assert source.splitlines()[pos.line - 1][pos.column - 1:].startswith("182件")
    table3 = [b for b in doc.blocks if isinstance(b, Table)][1]
    cell = table3.rows[3][3]  # 一、本年新收 / 自然人
    pos = doc.position(cell.text.source_span()[0])
    assert cell.text.text == "26"
    assert source.splitlines()[pos.line - 1][pos.column - 1:].startswith("26</td>")


# ── a real-world-shaped HTML page ───────────────────────────────────────────────────────────────
GOV_PAGE = """<!DOCTYPE html PUBLIC "-//W3C//DTD XHTML 1.0 Transitional//EN">
<html><head><meta http-equiv="Content-Type" content="text/html; charset=gb2312">
<title>某县人民政府</title><script>var nav = "一、总体情况";</script>
<style>.x{color:red}</style></head>
<body>
<div class="top-nav"><a href="/">首页</a><a href="/zwgk">政务公开</a><a href="/xxgk">信息公开年度报告栏目</a></div>
<table width="1000" align="center"><tr><td>
  <table width="100%"><tr><td class="position">当前位置：<a href="/">首页</a> &gt; 政府信息公开年报</td></tr>
  <tr><td class="title"><h2>某县人民政府2023年政府信息公开工作年度报告</h2></td></tr>
  <tr><td>发布日期：2024-01-20 浏览次数：<span>123</span></td></tr>
  <tr><td id="zoom">
    <p>&nbsp;&nbsp;&nbsp;&nbsp;本报告根据《中华人民共和国政府信息公开条例》编制。</p>
    一、总体情况<br>
    &nbsp;&nbsp;2023年，本县共主动公开政府信息1200条。<br>
    二、主动公开政府信息情况<br>
    <table border="1"><caption>表二 主动公开政府信息情况</caption><tr><td colspan="4">第二十条第（一）项</td></tr>
      <tr><td>信息内容</td><td>本年制发件数</td><td>本年废止件数</td><td>现行有效件数</td></tr>
      <tr><td>规章</td><td>0</td><td>0</td><td>0</td></tr>
      <tr><td>行政规范性文件</td><td rowspan="2">3</td><td>1</td><td>12</td></tr>
      <tr><td>其他</td><td>2</td><td>9</td></tr></table>
    三、收到和处理政府信息公开申请情况<br>
    <p align="center"><img src="/uploads/2024/01/biao3.jpg" width="640" height="900"></p>
    <p><img src="/images/icon_print.gif">打印</p>
    四、政府信息公开行政复议、行政诉讼情况<br>
    本年度未发生行政复议、行政诉讼。<br>
    五、存在的主要问题及改进情况<br>本年度存在的问题是……。<br>
    六、其他需要报告的事项<br>本年度未收取信息处理费。<br>
    <p align="right">某县人民政府</p><p align="right">2024年1月20日</p>
  </td></tr></table>
</td></tr></table>
<div class="footer">主办单位：某县人民政府办公室 电话：0000-1234567 版权所有 备案号：苏ICP备00000000号
本站共有政府信息公开年度报告栏目四个……（页脚文字，页脚文字，页脚文字）</div>
</body></html>
"""


def _gov_page_doc():
    return read_document(GOV_PAGE.encode("gbk"), "page.htm")


def test_gbk_page_is_decoded_by_its_declaration():
    doc = _gov_page_doc()
    assert doc.encoding == "gb18030"
    assert doc.format == "html"
    assert any("本县共主动公开政府信息1200条" in p.text.text for p in doc.paragraphs())


def test_charset_only_in_content_and_undeclared_gbk_are_detected():
    undeclared = GOV_PAGE.replace('<meta http-equiv="Content-Type" content="text/html; charset=gb2312">', "")
    doc = read_document(undeclared.encode("gbk"), "page.html")
    assert doc.encoding == "gb18030"
    assert _prose(doc) == _prose(_gov_page_doc())
    # a stale GB2312 declaration on a page that is really UTF-8
    assert read_document(GOV_PAGE.encode("utf-8"), "page.html").encoding == "utf-8"


def test_only_the_article_body_is_kept():
    doc = _gov_page_doc()
    text = "\n".join(p.text.text for p in doc.paragraphs())
    for noise in ("首页", "当前位置", "主办单位", "备案号", "var nav", "color:red"):
        assert noise not in text
    paras = _prose(doc)
    assert paras[0] == "某县人民政府2023年政府信息公开工作年度报告"  # title bar outside the body
    assert paras[1] == "本报告根据《中华人民共和国政府信息公开条例》编制。"  # &nbsp; indentation dropped
    assert "一、总体情况" in paras and "2023年，本县共主动公开政府信息1200条。" in paras  # <br> breaks
    assert paras[paras.index("二、主动公开政府信息情况") + 1] == "表二主动公开政府信息情况"  # the table's caption
    assert paras[-2:] == ["某县人民政府", "2024年1月20日"]


def test_layout_tables_are_unwrapped_and_data_tables_expanded():
    doc = _gov_page_doc()
    tables = [b for b in doc.blocks if isinstance(b, Table)]
    assert len(tables) == 1
    grid = tables[0].texts()
    assert grid[0] == ["第二十条第（一）项"] * 4
    assert grid[3] == ["行政规范性文件", "3", "1", "12"]
    assert grid[4] == ["其他", "3", "2", "9"]  # rowspan copy
    assert tables[0].rows[4][1].origin == (3, 1)


def test_img_standing_for_table_three_is_an_image_block_and_icons_are_not():
    doc = _gov_page_doc()
    images = [b for b in doc.blocks if isinstance(b, Image)]
    assert [i.name for i in images] == ["biao3.jpg"]
    pos = doc.position(images[0].span[0])
    line = GOV_PAGE.splitlines()[pos.line - 1]
    assert line[pos.column - 1:].startswith('<img src="/uploads/2024/01/biao3.jpg"')
    from linter.outline.parser import parse_outline

    report = parse_outline(doc)
    section3 = next(s for s in report.sections if s.written_ordinal and "三" in s.written_ordinal)
    assert section3.images() and not section3.tables()


# ── DOCX ───────────────────────────────────────────────────────────────────────────────────────
@lru_cache(maxsize=None)
def shuyang_html_doc():
    return read_document((CORPUS / "2023-shuyang-fgj.html").read_bytes(), "x.html")


@lru_cache(maxsize=None)
def shuyang_docx() -> bytes:
    return docgen.to_docx(shuyang_html_doc())


def test_docx_merged_cell_table_three_is_expanded_like_the_html_original():
    import docx

    word = docx.Document(io.BytesIO(shuyang_docx()))
    xml = word.tables[1]._tbl.xml
    assert "w:vMerge" in xml and "w:gridSpan" in xml  # really merged in Word's terms
    doc = read_document(shuyang_docx(), "x.docx")
    assert _grids(doc) == _grids(shuyang_html_doc())
    t3 = [b for b in doc.blocks if isinstance(b, Table)][1]
    assert t3.rows[10][0].text.text == "三、本年度办理结果" and t3.rows[10][0].origin == (5, 0)
    cell = t3.rows[3][3]
    pos = doc.position(cell.text.source_span()[0])
    assert cell.text.text == "26" and pos.location == {"table": 2, "row": 4, "cell": 4}
    assert word.tables[1].cell(3, 3).text == "26"


def test_docx_body_order_headings_pictures_text_boxes_and_footnotes():
    import docx
    from docx.shared import Inches

    word = docx.Document()
    word.add_heading("某县人民政府2023年政府信息公开工作年度报告", level=1)
    word.add_paragraph("一、总体情况")
    word.add_paragraph("本年度主动公开信息100条。")
    word.add_paragraph("三、收到和处理政府信息公开申请情况")
    png = io.BytesIO()
    from PIL import Image as PILImage

    PILImage.new("RGB", (200, 300), "white").save(png, format="PNG")
    png.seek(0)
    word.add_picture(png, width=Inches(2))
    word.add_paragraph("四、政府信息公开行政复议、行政诉讼情况")
    body = word.element.body
    # a text box anchored in a paragraph, and a footnote part
    host = word.add_paragraph("正文")
    _add_textbox(host, "文本框里的说明文字")
    data = io.BytesIO()
    word.save(data)
    data = _with_footnote(data.getvalue(), "脚注：数据来源于本机关统计。")
    doc = read_document(data, "x.docx")
    kinds = [type(b).__name__ for b in doc.blocks]
    assert kinds[:5] == ["Paragraph", "Paragraph", "Paragraph", "Paragraph", "Image"]
    assert doc.blocks[0].heading == 1 and doc.blocks[1].heading == 0
    texts = [p.text.text for p in doc.paragraphs()]
    assert "文本框里的说明文字" in texts
    footnote = [p for p in doc.paragraphs() if p.role == "footnote"]
    assert [p.text.text for p in footnote] == ["脚注：数据来源于本机关统计。"]
    assert any("footnote" in n for n in doc.notes) and any("text box" in n for n in doc.notes)
    assert body is not None


def _add_textbox(paragraph, text: str) -> None:
    from docx.oxml import parse_xml

    xml = (
        '<w:r xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main" '
        'xmlns:mc="http://schemas.openxmlformats.org/markup-compatibility/2006" '
        'xmlns:wps="http://schemas.microsoft.com/office/word/2010/wordprocessingShape" '
        'xmlns:v="urn:schemas-microsoft-com:vml">'
        '<mc:AlternateContent><mc:Choice Requires="wps"><w:drawing><wps:wsp><wps:txbx><w:txbxContent>'
        f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></wps:txbx></wps:wsp></w:drawing></mc:Choice>'
        '<mc:Fallback><w:pict><v:textbox><w:txbxContent>'
        f'<w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:txbxContent></v:textbox></w:pict></mc:Fallback>'
        '</mc:AlternateContent></w:r>')
    paragraph._p.append(parse_xml(xml))


def _with_footnote(data: bytes, text: str) -> bytes:
    """Add a footnotes part (python-docx cannot write one)."""
    src = zipfile.ZipFile(io.BytesIO(data))
    out = io.BytesIO()
    w = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
    notes = (f'<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:footnotes xmlns:w="{w}">'
             '<w:footnote w:type="separator" w:id="-1"><w:p><w:r><w:separator/></w:r></w:p></w:footnote>'
             f'<w:footnote w:id="1"><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:footnote></w:footnotes>')
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as dst:
        for item in src.infolist():
            blob = src.read(item.filename)
            if item.filename == "[Content_Types].xml":
                blob = blob.replace(b"</Types>", b'<Override PartName="/word/footnotes.xml" ContentType="application/'
                                    b'vnd.openxmlformats-officedocument.wordprocessingml.footnotes+xml"/></Types>')
            if item.filename == "word/_rels/document.xml.rels":
                blob = blob.replace(b"</Relationships>", b'<Relationship Id="rIdFn1" Type="http://schemas.openxml'
                                    b'formats.org/officeDocument/2006/relationships/footnotes" Target="footnotes.xml"/>'
                                    b"</Relationships>")
            dst.writestr(item, blob)
        dst.writestr("word/footnotes.xml", notes)
    return out.getvalue()


def test_truncated_docx_is_one_input_finding():
    data = shuyang_docx()
    result = lint(data[: len(data) // 2], "cut.docx", Config())
    assert [(f.rule, f.category) for f in result.findings] == [("INPUT-UNREADABLE", "input")]
    assert "truncated" in result.error


def test_docx_zip_bomb_is_refused_before_unpacking():
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", "<Types/>")
        z.writestr("word/document.xml", b"\0" * (30 * 1024 * 1024))
    with pytest.raises(ReadError) as err:
        read_document(out.getvalue(), "bomb.docx")
    assert err.value.code == "bomb"
    result = lint(out.getvalue(), "bomb.docx", Config())
    assert [f.category for f in result.findings] == ["input"] and "zip bomb" in result.error


def test_not_a_docx_and_oversize_files_are_input_findings():
    assert lint(b"%PDF-1.4 not a zip", "x.docx", Config()).findings[0].category == "input"
    old_word = lint(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\0" * 600, "x.docx", Config())
    assert [f.category for f in old_word.findings] == ["input"] and ".doc" in old_word.error
    result = lint(shuyang_docx(), "x.docx", Config(max_bytes=1000))
    assert [f.category for f in result.findings] == ["input"] and "1000" in result.error


# ── PDF ─────────────────────────────────────────────────────────────────────────────────────────
@lru_cache(maxsize=None)
def shuyang_pdf() -> bytes:
    return docgen.to_pdf(shuyang_html_doc())


def test_pdf_table_three_over_two_pages_is_one_table():
    import pdfplumber

    with pdfplumber.open(io.BytesIO(shuyang_pdf())) as pdf:
        pages_with_t3 = [i for i, page in enumerate(pdf.pages)
                         if any("结转下年度" in (page.crop(t.bbox).extract_text() or "") or
                                "本年新收" in (page.crop(t.bbox).extract_text() or "") for t in page.find_tables())]
        assert len(pages_with_t3) == 2  # the generated PDF really breaks 表三 over a page
    doc = read_document(shuyang_pdf(), "x.pdf")
    assert _grids(doc) == _grids(shuyang_html_doc())
    assert len(doc.page_starts) == 3
    t3 = [b for b in doc.blocks if isinstance(b, Table)][1]
    first, last = doc.position(t3.rows[3][3].text.source_span()[0]), doc.position(t3.rows[-1][3].text.source_span()[0])
    assert (first.page, last.page) == (pages_with_t3[0] + 1, pages_with_t3[1] + 1)


def test_pdf_cjk_text_lines_and_pages():
    doc = read_document(shuyang_pdf(), "x.pdf")
    assert _prose(doc) == _prose(shuyang_html_doc())
    para = next(p for p in doc.paragraphs() if p.text.text.startswith("2024年1月17日"))
    pos = doc.position(para.span[0])
    assert pos.page == 3 and pos.location == {"page": 3, "line": pos.line - doc.page_starts[2] + 1}


def _scanned_pdf() -> bytes:
    from PIL import Image as PILImage
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.utils import ImageReader
    from reportlab.pdfgen import canvas

    out = io.BytesIO()
    c = canvas.Canvas(out, pagesize=A4)
    for _ in range(2):
        c.drawImage(ImageReader(PILImage.new("L", (300, 400), 200)), 40, 40, 500, 700)
        c.showPage()
    c.save()
    return out.getvalue()


def test_scanned_pdf_gives_one_clear_input_finding():
    result = lint(_scanned_pdf(), "scan.pdf", Config())
    assert [(f.rule, f.category, f.severity) for f in result.findings] == [("INPUT-UNREADABLE", "input", "error")]
    assert "OCR" in result.findings[0].message


def test_truncated_and_bomb_pdfs_are_refused():
    data = shuyang_pdf()
    result = lint(data[: len(data) * 2 // 3], "cut.pdf", Config())
    assert [f.category for f in result.findings] == ["input"] and "truncated" in result.error
    import zlib

    from linter.document.limits import ReadLimits

    small = ReadLimits(max_bytes=256 * 1024)  # streams may inflate to 4 × the size limit: 1 MB
    stream = zlib.compress(b"\0" * (2 * 1024 * 1024))
    for eol in (b"\n", b"\r\n", b"\r"):  # the end of line after `stream`: each one a PDF reader accepts
        bomb = (b"%PDF-1.4\n1 0 obj\n<< /Length " + str(len(stream)).encode() + b" /Filter /FlateDecode >>\nstream" + eol
                + stream + b"\nendstream\nendobj\ntrailer\n<< >>\n%%EOF\n")
        with pytest.raises(ReadError) as err:
            read_document(bomb, "bomb.pdf", limits=small)
        assert err.value.code == "bomb", eol
    assert lint(data, "x.pdf", Config()).error is None  # the real report stays within the limit


# ── CLI and start-up ────────────────────────────────────────────────────────────────────────────
def test_check_directory_picks_up_every_supported_format(tmp_path):
    name = "2023-shuyang-fgj.md"
    (tmp_path / "a.txt").write_bytes((CORPUS / "2023-huaian-hongzequ-qzf.txt").read_bytes())
    (tmp_path / "b.md").write_bytes((CORPUS / name).read_bytes())
    (tmp_path / "c.html").write_bytes((CORPUS / "2023-shuyang-fgj.html").read_bytes())
    (tmp_path / "d.htm").write_bytes(GOV_PAGE.encode("gbk"))
    (tmp_path / "e.docx").write_bytes(generated(name, "docx"))
    (tmp_path / "f.pdf").write_bytes(generated(name, "pdf"))
    (tmp_path / "ignored.jpg").write_bytes(b"\xff\xd8")
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path)])
    out = json.loads(result.output)
    assert sorted((f["path"].rsplit("/", 1)[-1], f["format"]) for f in out["files"]) == [
        ("a.txt", "txt"), ("b.md", "md"), ("c.html", "html"), ("d.htm", "html"), ("e.docx", "docx"), ("f.pdf", "pdf")]
    assert all(f["error"] is None for f in out["files"])
    pdf = next(f for f in out["files"] if f["format"] == "pdf")
    assert all("page" in x and x["location"]["page"] == x["page"] for x in pdf["findings"])
    docx_file = next(f for f in out["files"] if f["format"] == "docx")
    assert docx_file["findings"] and all("location" in x for x in docx_file["findings"])


def test_format_libraries_are_not_imported_at_start_up():
    code = ("import sys, linter.cli, linter.engine.run, linter.document.readers; "
            "heavy = [m for m in ('docx', 'pdfplumber', 'pdfminer', 'lxml', 'html.parser', 'linter.document.readers.pdf') "
            "if m in sys.modules]; print(heavy)")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "[]"


def _pdf_with_running_header_and_picture_table() -> bytes:
    """A report PDF whose pages carry a running header and footer, with 表三 pasted as a picture."""
    from PIL import Image as PILImage
    from reportlab.lib.pagesizes import A4
    from reportlab.lib.styles import ParagraphStyle
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.platypus import Image as RLImage
    from reportlab.platypus import Paragraph as RLParagraph
    from reportlab.platypus import SimpleDocTemplate

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    style = ParagraphStyle("b", fontName="STSong-Light", fontSize=11, leading=16, wordWrap="CJK", firstLineIndent=22)

    def furniture(canvas, doc):
        canvas.setFont("STSong-Light", 9)
        canvas.drawString(40, A4[1] - 25, "某县人民政府办公室")
        canvas.drawString(A4[0] / 2, 20, f"第{doc.page}页")

    png = io.BytesIO()
    PILImage.new("RGB", (500, 400), "white").save(png, format="PNG")
    png.seek(0)
    story = [RLParagraph(t, style) for t in (
        "某县人民政府2023年政府信息公开工作年度报告", "一、总体情况", "本年度主动公开政府信息100条。" * 30,
        "二、主动公开政府信息情况", "本年度制发规范性文件3件。" * 40, "三、收到和处理政府信息公开申请情况")]
    story.append(RLImage(png, width=400, height=320))
    story += [RLParagraph(t, style) for t in ("四、政府信息公开行政复议、行政诉讼情况", "本年度未发生行政复议。")]
    out = io.BytesIO()
    SimpleDocTemplate(out, pagesize=A4).build(story, onFirstPage=furniture, onLaterPages=furniture)
    return out.getvalue()


def test_pdf_running_header_is_furniture_and_a_picture_table_is_an_image():
    doc = read_document(_pdf_with_running_header_and_picture_table(), "x.pdf")
    assert len(doc.page_starts) >= 2
    prose = _prose(doc)
    assert not any("某县人民政府办公室" in p or p.startswith("第") and p.endswith("页") for p in prose)
    assert prose[2] == "本年度主动公开政府信息100条。" * 30  # one paragraph over several lines
    images = [b for b in doc.blocks if isinstance(b, Image)]
    assert len(images) == 1
    from linter.outline.parser import parse_outline

    section3 = next(s for s in parse_outline(doc).sections if s.written_ordinal and "三" in s.written_ordinal)
    assert section3.images()


def test_size_limit_is_configurable_in_a_configuration_file(tmp_path):
    (tmp_path / ".report-lint.yaml").write_text("max-bytes: 2000\n", encoding="utf-8")
    (tmp_path / "big.md").write_bytes((CORPUS / "2023-shuyang-fgj.md").read_bytes())
    result = CliRunner().invoke(main, ["check", "--format", "json", str(tmp_path / "big.md")])
    out = json.loads(result.output)
    assert result.exit_code == 1
    assert [f["category"] for f in out["files"][0]["findings"]] == ["input"]
    assert "2000" in out["files"][0]["error"]
