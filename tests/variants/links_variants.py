"""Links that lead elsewhere than the report says (issue 29, class 5), over every report of the project's corpus
and every report of the ecosystem corpus: sentences a report writes about where it is found, with an address or a
column, and hyperlinks in the HTML and Word forms of the report.

A *defect* is an address or a column another year's or another kind of page's, or a link that shows one address and
opens another: found at its line and column.  A *look-alike* is what a correct report writes in the same place (the
report year's own address, the publication date of its page, an address with no year, the column of annual
reports, a guide published years ago, last year's report named as such, a link whose text is no address or is
its own target written otherwise): silent.
"""
from __future__ import annotations

import io
import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Callable

from conftest import ROOT
from variant_tools import REPORTS as CORPUS_REPORTS, read
from linter.document.model import Paragraph
from linter.engine.run import analyse
from linter.settings.config import Config

ECOSYSTEM = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
REPORTS = list(CORPUS_REPORTS) + ECOSYSTEM


@dataclass(frozen=True)
class Sentence:
    name: str
    rule: str | None         # the rule that must fire on it; None: a look-alike, nothing may fire
    make: Callable[[int, str], str]   # (report year, host) -> the sentence
    after: str = ""          # a defect: the finding starts just after the first occurrence of this text


@lru_cache(maxsize=None)
def _context(path: Path):
    return analyse(read(path).encode("utf-8"), path.name, Config()).context


def report_year(path: Path) -> int | None:
    return _context(path).stated_year


def host(text: str) -> str:
    """The host of the report's own site when it prints one, else an example host."""
    m = re.search(r"(?i)www\.[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:cn|com)", text)
    return m.group(0).lower() if m else "www.example.gov.cn"


def insertion_point(path: Path) -> int | None:
    """The source offset just after the first sentence of the report's opening (its preamble, else section
    一): where a report says where it is found."""
    ctx = _context(path)
    first = ctx.outline.section("一")
    blocks = list(ctx.outline.preamble) + (first.all_blocks() if first is not None else [])
    for block in blocks:
        if isinstance(block, Paragraph) and block.role == "text" and "。" in block.text.text:
            at = block.text.text.index("。")
            return block.text.source_span(at, at + 1)[1]
    return None


def insert(path: Path, sentence: str) -> str | None:
    """The report with `sentence` after the first sentence of its opening (None where it has no opening)."""
    if report_year(path) is None:
        return None
    at = insertion_point(path)
    text = read(path)
    return None if at is None else text[:at] + sentence + text[at:]


# ── sentences saying where the report is found ─────────────────────────────────────────────────────
def _published(year: int, month: int) -> str:
    """An address of a page published in `year`-`month`, as content systems name them."""
    return f"zwgk/zfxxgk/zfxxgknb/{year}{month:02d}/t{year}{month:02d}20_80610.htm"


def _found_at(address: str, verb: str = "下载") -> str:
    """The sentence saying where the report is found, at an address."""
    return f"本报告电子版可在本机关门户网站（{address}）{verb}。"


SENTENCES = [
    # defects
    Sentence("another year's column of reports", "LINK-YEAR",
             lambda y, h: _found_at(f"http://{h}/zwgk/{y - 2}ndbg/"), "（"),
    Sentence("last year's report page (published in January of the report year)", "LINK-YEAR",
             lambda y, h: _found_at(f"https://{h}/{_published(y, 1)}", "查阅"), "（"),
    Sentence("an address of a column of reports named by an earlier year", "LINK-YEAR",
             lambda y, h: f"年度报告栏目（{h}/xxgk/nb{y - 1}/index.html）已同步更新。", "（"),
    Sentence("the guide's column, quoted", "LINK-COLUMN-KIND",
             lambda y, h: "本报告电子版可在本机关门户网站“政府信息公开指南”栏目查阅。", "“"),
    Sentence("the application column, unquoted", "LINK-COLUMN-KIND",
             lambda y, h: "报告电子版已在本机关门户网站的依申请公开专栏发布。", "的"),
    # look-alikes
    Sentence("the report year's own column", None,
             lambda y, h: _found_at(f"http://{h}/zwgk/{y}ndbg/")),
    Sentence("the page's publication date in the year after", None,
             lambda y, h: _found_at(f"https://{h}/{_published(y + 1, 1)}", "查阅")),
    Sentence("the page published in December of the report year", None,
             lambda y, h: _found_at(f"https://{h}/{_published(y, 12)}", "查阅")),
    Sentence("an address with no year", None,
             lambda y, h: _found_at(f"http://{h}/zwgk/zfxxgk/zfxxgknb/")),
    Sentence("a column id that is not a year", None,
             lambda y, h: _found_at(f"http://{h}/col/col{y - 3}/index.html")),
    Sentence("a guide page published years ago", None,
             lambda y, h: f"公开申请的方式见政府信息公开指南（http://{h}/zwgk/zfxxgkzn/{y - 3}05/t{y - 3}0513_1.htm）。"),
    Sentence("last year's report named as such", None,
             lambda y, h: f"上一年度报告（http://{h}/zwgk/{y - 1}ndbg/）所列问题已整改。"),
    Sentence("the column of annual reports", None,
             lambda y, h: "本报告电子版可在本机关门户网站“政府信息公开年报”栏目查阅。"),
    Sentence("the whole disclosure column", None,
             lambda y, h: "本报告电子版可在本机关门户网站的政府信息公开专栏中下载。"),
    Sentence("the guide's column after the report's", None,
             lambda y, h: "本报告电子版可在本机关门户网站下载，公开申请的方式见“政府信息公开指南”栏目。"),
]


def sentence_variant(sentence: Sentence, path: Path) -> tuple[str, str] | None:
    """(the report with the sentence inserted, the sentence as written), or None."""
    year = report_year(path)
    if year is None:
        return None
    written = sentence.make(year, host(read(path)))
    variant = insert(path, written)
    return None if variant is None else (variant, written)


# ── the report's own sentence, rewritten ───────────────────────────────────────────────────────────
_OWN_SENTENCE = re.compile(r"(?:本报告|本年报|报告)的?电子版[^。\n<]{0,60}?(?P<address>(?:https?://)?www\.[a-z0-9.-]+[a-z]/?)"
                           r"[^。\n<]{0,20}?(?P<verb>查询|下载|查阅|公布)")


def own_sentence_rewrites(path: Path) -> list[tuple[str, str, str, str]]:
    """(name, rule, the report with its own sentence saying where it is found rewritten, the text the finding
    starts at) — another year's column appended to its address, another kind of column before its verb."""
    text, year = read(path), report_year(path)
    m = _OWN_SENTENCE.search(text)
    if m is None or year is None:
        return []
    address = m.group("address").rstrip("/")
    out = [("its own address, with another year's column", "LINK-YEAR",
            text[:m.start("address")] + f"{address}/zwgk/{year - 1}ndbg/" + text[m.end("address"):], address)]
    column = "“政府信息公开指南”栏目"
    out.append(("its own sentence, with the guide's column", "LINK-COLUMN-KIND",
                text[:m.start("verb")] + column + text[m.start("verb"):], "政府信息公开指南"))
    return out


# ── hyperlinks: in the HTML and Word forms of the report ───────────────────────────────────────────
@dataclass(frozen=True)
class Link:
    name: str
    defect: bool
    shown: Callable[[int, str], str]
    target: Callable[[int, str], str]


LINKS = [
    Link("a link that shows this year's address and opens last year's", True,
         lambda y, h: f"http://{h}/zwgk/{y}ndbg/", lambda y, h: f"http://{h}/zwgk/{y - 1}ndbg/"),
    Link("a link to its own address written otherwise", False,
         lambda y, h: f"{h}/zwgk/{y}ndbg", lambda y, h: f"https://{h.removeprefix('www.')}/zwgk/{y}ndbg/index.html"),
    Link("a link whose text is no address", False,
         lambda y, h: "本机关门户网站", lambda y, h: f"http://{h}/zwgk/{y - 1}ndbg/"),
]


def link_sentence(shown: str) -> tuple[str, str]:
    """The text around a link: before it, after it."""
    return "本报告电子版可在本机关门户网站（", f"{shown}）下载。"[len(shown):]


def html_with_links(path: Path) -> tuple[bytes, list[tuple[Link, str]]] | None:
    """The report as a web page (itself when it is one) with a paragraph per link of `LINKS` after its opening
    sentence; (the page, [(link, shown text)])."""
    import html as escape
    from docgen import to_html

    year = report_year(path)
    if year is None:
        return None
    h = host(read(path))
    paragraphs = []
    for link in LINKS:
        before, after = link_sentence(link.shown(year, h))
        paragraphs.append(f'<p>{before}<a href="{escape.escape(link.target(year, h))}">{link.shown(year, h)}</a>{after}</p>')
    if path.suffix == ".html":
        at = insertion_point(path)
        text = read(path)
        page = text[:at] + "\n".join(["</p>", *paragraphs, "<p>"]) + text[at:]
    else:
        lines = to_html(_context(path).document).decode("utf-8").split("\n")
        first = next(i for i, line in enumerate(lines) if line.startswith("<p>") and "。" in line)
        page = "\n".join(lines[:first + 1] + paragraphs + lines[first + 1:])
    return page.encode("utf-8"), [(link, link.shown(year, h)) for link in LINKS]


def docx_with_links(path: Path) -> tuple[bytes, list[tuple[Link, str]]] | None:
    """The report as a Word document (docgen) with a paragraph per link of `LINKS`, each a Word hyperlink, after
    its first paragraph that holds a sentence; (the document, [(link, shown text)])."""
    import docx
    from docx.opc.constants import RELATIONSHIP_TYPE
    from docx.oxml import OxmlElement
    from docx.oxml.ns import qn

    from docgen import to_docx

    year = report_year(path)
    if year is None:
        return None
    h = host(read(path))
    word = docx.Document(io.BytesIO(to_docx(_context(path).document)))
    anchor = next(p for p in word.paragraphs if "。" in p.text)
    for link in reversed(LINKS):
        shown = link.shown(year, h)
        before, after = link_sentence(shown)
        paragraph = OxmlElement("w:p")
        anchor._p.addnext(paragraph)
        for piece, target in ((before, None), (shown, link.target(year, h)), (after, None)):
            run = OxmlElement("w:r")
            text = OxmlElement("w:t")
            text.text = piece
            run.append(text)
            if target is None:
                paragraph.append(run)
                continue
            hyperlink = OxmlElement("w:hyperlink")
            hyperlink.set(qn("r:id"), word.part.relate_to(target, RELATIONSHIP_TYPE.HYPERLINK, is_external=True))
            hyperlink.append(run)
            paragraph.append(hyperlink)
    out = io.BytesIO()
    word.save(out)
    return out.getvalue(), [(link, link.shown(year, h)) for link in LINKS]
