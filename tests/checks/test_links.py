"""Links: the readers keep each hyperlink's shown text (at its source positions) and target; the year of a
printed address is read from its path segments, and only where the address is the report's own; the column the
report is said to be in is read by the noun its name ends with; a link's shown address is compared with its target
as a reader would (the rules' own examples are run by test_rule_examples.py)."""
from __future__ import annotations

import io

import pytest

from conftest import lint_text
from linter.checks.links import _same_address, addresses
from linter.document.readers import docx as docx_reader
from linter.document.readers import html as html_reader
from linter.engine.run import analyse, lint, load_rules
from linter.settings.config import Config

HEAD = "某县人民政府\n2023年政府信息公开工作年度报告\n"
INDEX = ("index.html", "index.htm")
# the rule file's address patterns, read from the rule so that the test follows them
ADDRESS = next(rule.params["address"] for rule in load_rules(Config()) if rule.id == "LINK-TEXT-TARGET")


def found(text: str, *rules: str, path: str = "report.txt") -> list[tuple[str, int, int]]:
    return [(f.rule, f.line, f.column) for f in lint_text(text, path, select=list(rules or ["LINK"])).findings]


# ── the readers keep links ──────────────────────────────────────────────────────────────────────────────
def test_the_html_reader_keeps_each_link_with_its_text_at_its_source_positions():
    page = ('<html><body><h1>某县人民政府2023年政府信息公开工作年度报告</h1>\n'
            '<p>本报告依据条例编制，统计期限为本年度。本报告电子版见<a href="http://x.gov.cn/a?b=1&amp;c=2">'
            'www.x.gov.cn/<b>2023</b>ndbg/</a>。如对本报告有疑问，请与本机关办公室联系。</p>\n'
            '<p><a href="#top">返回顶部</a><a href="">空</a></p></body></html>')
    document = html_reader.read(page.encode("utf-8"), "r.html")
    assert [(link.text.text, link.target) for link in document.links] == [
        ("www.x.gov.cn/2023ndbg/", "http://x.gov.cn/a?b=1&c=2"), ("返回顶部", "#top")]
    text = document.links[0].text
    assert page[text.offsets[0]:text.offsets[-1] + 1] == "www.x.gov.cn/<b>2023</b>ndbg/"
    assert document.position(text.offsets[0]).line == 2


def _word_with_links(*items) -> bytes:
    """A Word document: a paragraph per item (text before, (shown, target) or None, text after), then a table
    whose one cell holds a link."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    def add_link(paragraph, shown, target):
        hyperlink = OxmlElement("w:hyperlink")
        if target.startswith("#"):
            hyperlink.set(qn("w:anchor"), target[1:])
        else:
            hyperlink.set(qn("r:id"), paragraph.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
        for piece in (shown[:4], shown[4:]):   # the shown text in two runs, as Word often splits it
            run, text = OxmlElement("w:r"), OxmlElement("w:t")
            text.text = piece
            run.append(text)
            hyperlink.append(run)
        paragraph._p.append(hyperlink)

    word = docx.Document()
    word.add_paragraph("某县人民政府2023年政府信息公开工作年度报告")
    for before, link, after in items:
        paragraph = word.add_paragraph(before)
        if link:
            add_link(paragraph, *link)
        paragraph.add_run(after)
    table = word.add_table(rows=1, cols=2)
    table.cell(0, 0).text = "网址"
    add_link(table.cell(0, 1).paragraphs[0], "www.y.gov.cn/2023ndbg/", "http://www.y.gov.cn/2022ndbg/")
    out = io.BytesIO()
    word.save(out)
    return out.getvalue()


def test_the_docx_reader_keeps_hyperlinks_of_paragraphs_and_cells_at_their_places():
    data = _word_with_links(("本报告电子版见", ("www.x.gov.cn/2023ndbg/", "http://x.gov.cn/2021ndbg/"), "。"),
                            ("", ("回到目录", "#toc"), ""))
    document = docx_reader.read(data, "r.docx")
    assert [(link.text.text, link.target) for link in document.links] == [
        ("www.x.gov.cn/2023ndbg/", "http://x.gov.cn/2021ndbg/"), ("回到目录", "#toc"),
        ("www.y.gov.cn/2023ndbg/", "http://www.y.gov.cn/2022ndbg/")]
    first, _, cell = document.links
    assert document.position(first.text.offsets[0]).location == {"paragraph": 2}
    assert document.position(cell.text.offsets[0]).location == {"table": 1, "row": 1, "cell": 2}
    for link in document.links:
        assert document.source[link.text.offsets[0]:link.text.offsets[-1] + 1] == link.text.text


def test_a_word_link_that_shows_another_address_is_reported_at_its_text():
    data = _word_with_links(("本报告电子版见", ("www.x.gov.cn/2023ndbg/", "http://x.gov.cn/2021ndbg/"), "。"),
                            ("本报告电子版见", ("www.x.gov.cn/2023ndbg/", "https://x.gov.cn/2023ndbg/index.html"), "。"))
    findings = [f for f in lint(data, "r.docx", Config(select=["LINK"])).findings]
    assert [(f.rule, f.location, f.column) for f in findings] == [
        ("LINK-TEXT-TARGET", {"paragraph": 2}, len("本报告电子版见") + 1),
        ("LINK-TEXT-TARGET", {"table": 1, "row": 1, "cell": 2}, len("| 网址 | ") + 1)]


# ── a link's shown address against its target ────────────────────────────────────────────────────────────
@pytest.mark.parametrize("shown,target", [
    ("http://www.x.gov.cn/zwgk/", "https://x.gov.cn/zwgk"),                       # scheme, www., trailing slash
    ("www.x.gov.cn/zwgk/2023ndbg/", "http://www.x.gov.cn/zwgk/2023ndbg/index.html"),  # the folder's index page
    ("www.X.gov.cn/ZWGK/", "http://www.x.gov.cn/zwgk/"),                          # letter case
    ("www.x.gov.cn/年报/", "http://www.x.gov.cn/%E5%B9%B4%E6%8A%A5/"),             # percent escapes
    ("www.x.gov.cn:80/zwgk/", "http://www.x.gov.cn/zwgk/"),                       # the default port
    ("www.x.gov.cn/zwgk/zfxxgk/…", "http://www.x.gov.cn/zwgk/zfxxgk/nb/t1.htm"),  # cut short with an ellipsis
    ("http://www.x.gov.cn", "http://www.x.gov.cn/col/col123/index.html"),        # the site by its host alone
    ("www.x.gov.cn/zwgk/2023ndbg/", "/zwgk/2023ndbg/"),                           # a path from the site's root
    ("www.x.gov.cn/zwgk/2023ndbg/", "t20240120_1.htm"),                           # relative to the page: unknown
    ("gk@x.gov.cn", "mailto:gk@x.gov.cn"),                                         # a mailbox
    ("www.x.gov.cn", "javascript:void(0)"),
])
def test_the_same_address_written_otherwise_is_the_same(shown, target):
    assert _same_address(shown, target, INDEX)


@pytest.mark.parametrize("shown,target", [
    ("www.x.gov.cn/zwgk/2023ndbg/", "http://www.x.gov.cn/zwgk/2022ndbg/"),        # another year
    ("www.x.gov.cn", "http://www.y.gov.cn/"),                                      # another site
    ("www.x.gov.cn", "http://www.x.gov.cn.evil.com/"),                             # a host that only starts alike
    ("www.x.gov.cn/zwgk/2023ndbg/", "/zwgk/2022ndbg/"),                           # another path on the site
    ("www.x.gov.cn/zwgk/nb/…", "http://www.x.gov.cn/zwgk/zn/t1.htm"),             # cut short, then another path
])
def test_another_address_is_another(shown, target):
    assert not _same_address(shown, target, INDEX)


def test_printed_addresses_end_before_the_sentence_does_and_keep_their_path():
    text = "见www.x.gov.cn/zwgk.另见（http://y.gov.cn/a/2021ndbg/）和gk@z.gov.cn。"
    assert [(text[s:e], path) for s, e, path in addresses(text, ADDRESS)] == [
        ("www.x.gov.cn/zwgk", "/zwgk"), ("http://y.gov.cn/a/2021ndbg/", "/a/2021ndbg/"), ("z.gov.cn", "")]


# ── the year of a printed address ─────────────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("address", [
    "http://www.x.gov.cn/zwgk/2021ndbg/",                     # a column of reports named by its year
    "http://www.x.gov.cn/zwgk/ndbg2022/",
    "http://www.x.gov.cn/zwgk/2022/",                          # a folder by year
    "http://www.x.gov.cn/zwgk/zfxxgknb/202201/",               # a publication month
    "http://www.x.gov.cn/zwgk/zfxxgknb/t20230115_80610.htm",   # published in January of the report year
    "http://www.x.gov.cn/zwgk/zfxxgknb/P020220120123456.pdf",  # an attachment published two years before
    "http://www.x.gov.cn/zwgk/zfxxgknb/202601/",               # a year after the year of publication
    "http://www.x.gov.cn/zwgk/list.htm?year=2021",            # a year in the query
])
def test_the_reports_address_naming_another_year_is_reported(address):
    assert found(HEAD + f"本报告电子版可在本机关门户网站（{address}）下载。\n") == [("LINK-YEAR", 3, len("本报告电子版可在本机关门户网站（") + 1)]


@pytest.mark.parametrize("address", [
    "http://www.x.gov.cn/zwgk/2023ndbg/",
    "http://www.x.gov.cn/zwgk/zfxxgknb/202401/t20240120_80610.htm",
    "http://www.x.gov.cn/zwgk/zfxxgknb/202312/t20231229_80610.htm",   # published at the end of the report year
    "http://www.x.gov.cn/zwgk/zfxxgknb/",
    "http://www.x.gov.cn/col/col2019/art_2021_80610.html",             # numbers that are no years
    "http://www.x.gov.cn/zwgk/80610/12021/",
])
def test_the_reports_own_address_and_numbers_that_are_no_years_are_not(address):
    assert found(HEAD + f"本报告电子版可在本机关门户网站（{address}）下载。\n") == []


def test_only_the_reports_own_addresses_are_read_for_their_year():
    other_pages = ("公开申请的方式见政府信息公开指南（http://www.x.gov.cn/zwgk/zn/202005/t20200513_1.htm）。"
                   "2021年开设的专题（http://www.x.gov.cn/2021zt/）本年继续更新。")
    assert found(HEAD + other_pages + "\n") == []
    # an address of a column of reports is the report's, whatever the sentence says
    assert found(HEAD + "年报栏目（http://www.x.gov.cn/zwgk/nb2021/）已更新。\n") == [("LINK-YEAR", 3, 6)]
    # unless the sentence says which year it means
    assert found(HEAD + "上一年度报告（http://www.x.gov.cn/zwgk/2022ndbg/）所列问题已整改。\n") == []


def test_without_a_stated_year_no_year_is_compared():
    crawled = ("发布时间: 2024-01-20 10:00\n====正文====\n某县人民政府政府信息公开工作年度报告\n"
               "本报告电子版可在本机关门户网站（http://www.x.gov.cn/zwgk/2019ndbg/）下载。\n一、总体情况\n本年度工作。\n")
    context = analyse(crawled.encode("utf-8"), "report.txt", Config()).context
    assert (context.year, context.stated_year) == (2023, None)   # inferred from the publication date only
    assert found(crawled) == []
    assert found(crawled.replace("某县人民政府政府", "某县人民政府2023年政府")) == [("LINK-YEAR", 4, 17)]


def test_a_crawled_pages_header_is_not_the_reports_text():
    """The crawler's 原文链接 line names the page's address (republished in 2026 here); before the report's title,
    or where the page lost its title, it is front matter, not an address the report prints."""
    page = ("发布时间: 2023-01-21 10:07\n原文链接: https://www.x.gov.cn/zwgk/zfxxgknb/202605/t20260508_106556.htm\n"
            "==================== 正文 ====================\n"
            "现公布某局2022年政府信息公开工作年度报告。本报告电子版可在本机关门户网站（www.x.gov.cn）下载。\n"
            "一、总体情况\n本年度工作。\n")
    context = analyse(page.encode("utf-8"), "report.txt", Config()).context
    assert context.stated_year == 2022
    assert found(page) == []
    assert found(page.replace("（www.x.gov.cn）", "（www.x.gov.cn/zwgk/zfxxgknb/202605/t20260508_106556.htm）")) == [
        ("LINK-YEAR", 4, len("现公布某局2022年政府信息公开工作年度报告。本报告电子版可在本机关门户网站（") + 1)]


# ── the column the report is said to be in ────────────────────────────────────────────────────────────────
@pytest.mark.parametrize("sentence,column", [
    ("本报告电子版可在县政府网站“政府信息公开指南”栏目查阅。", "政府信息公开指南"),
    ("本报告电子版可在县政府网站的政府信息公开指南专栏中下载。", "政府信息公开指南"),
    ("本报告全文可在县政府网站“政府信息公开指南专栏”中查阅。", "政府信息公开指南"),
    ("年度报告已在县政府网站“依申请公开”栏目同步发布。", "依申请公开"),
    ("本报告在县政府网站《政策解读》栏目公布。", "政策解读"),
])
def test_a_column_of_another_kind_of_page_is_reported_at_its_name(sentence, column):
    assert found(HEAD + sentence + "\n") == [("LINK-COLUMN-KIND", 3, sentence.index(column) + 1)]


@pytest.mark.parametrize("sentence", [
    "本报告电子版可在县政府网站“政府信息公开年报”栏目查阅。",          # the annual reports' own column
    "本报告电子版可在县政府网站“年度报告指南”栏目查阅。",              # a name holding 年度报告
    "本报告电子版可在县政府网站的政府信息公开专栏中下载。",            # a name of no kind
    "本报告电子版可在县政府网站“法定主动公开内容”栏目查阅。",
    "本报告电子版可在县政府网站政府信息公开目录中查阅。",              # the catalogue indexes everything
    "本报告电子版可在县政府网站下载，申请方式见“政府信息公开指南”栏目。",  # after the verb: another matter
    "更新“政府信息公开指南”栏目，方便公众查阅。",                      # no mention of the report
    "指南电子版可在“政府信息公开指南”栏目下载。",                      # another document's electronic version
    "本报告期内，在“政策解读”栏目发布解读材料30篇。",                   # 报告期: the reporting period
])
def test_the_reports_column_and_other_sentences_are_not(sentence):
    assert found(HEAD + sentence + "\n") == []
