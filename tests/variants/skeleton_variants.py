"""Neutral variations of a report's skeleton as agencies really write it (issue classes: titles, closing blocks,
outlines, required statements in their real wordings, raw crawled and extracted text, table cells with notes).

Each transformation rewrites a real report into an ordinary variant of itself; none adds a defect.  They work on
the raw text of every corpus form (.txt crawled or extracted, .md, .html) and return None where the report has
nothing to rewrite.  `tests/variants/test_skeleton.py` runs them (no error-level finding may be added) and the
injected defects that must still be found at their place.
"""
from __future__ import annotations

import re
from pathlib import Path
from typing import Callable

from variant_tools import changed, neutral

SECTION_WORDS = r"(?:总体情况|概述|主动公开|收到和处理|政府信息依申请|政府信息公开行政|因政府信息公开|存在的主要问题|政府信息公开工作存在|其他需要报告)"
# A title: the agency, then the year, then 政府信息公开(工作)年度报告 — on one line, or over the agency line and the
# year line (PDF extractions); `head` is what stands before it on its line (标题:, a Markdown #, <h1>).
TITLE_RE = re.compile(
    r"(?P<head>^[^\S\n]*(?:#+[^\S\n]*|标题:[^\S\n]*|<h1>)?)(?P<agency>[\u4e00-\u9fff]{2,30}?)(?P<sep>[^\S\n]*\n?[^\S\n]*)"
    r"(?P<year>20\d\d)[^\S\n]*年(?P<du>度?)(?P<rest>政府信息公开(?:工作)?年度报告)", re.M)
CLOSING_RE = re.compile(r"(?P<agency>[\u4e00-\u9fff]{4,30})(?P<sep>(?:\s|</p>|<p>|<br\s*/?>)*)"
                        r"(?P<date>(?P<y>20\d\d)年(?P<m>\d{1,2})月(?P<d>\d{1,2})日)(?P<tail>(?:\s|<br\s*/?>|</p>|<p>)*)$")


def is_html(path: Path) -> bool:
    return path.suffix == ".html"


def crawled(text: str, path: Path) -> bool:
    """A crawled page saved as text: the whole report on one long line."""
    return path.suffix == ".txt" and any(len(line) > 2000 for line in text.splitlines())


def title_match(text: str) -> re.Match | None:
    return TITLE_RE.search(text)


def substitution(name: str, variation: str, pattern: re.Pattern, replacement: str):
    """Register a neutral transformation that rewrites every match of `pattern` (None where nothing matches)."""
    @neutral(name, variation)
    def rewrite(text: str, path: Path) -> str | None:
        return changed(text, pattern.sub(replacement, text))
    return rewrite


# ── 1. titles ─────────────────────────────────────────────────────────────────────────────────────

def _retitle(text: str, m: re.Match, title: str) -> str:
    """The text with the title `m` found rewritten as `title` (what stood before it on its line kept)."""
    return text[:m.start()] + m["head"] + title + text[m.end():]


def _one_line_title(text: str, path: Path) -> re.Match | None:
    """A title on one line of a text or Markdown file (with at most a Markdown # before it)."""
    m = title_match(text)
    return m if m and not is_html(path) and m["head"].strip() in ("", "#") and "\n" not in m["sep"] else None


def part_rewrite(find: Callable[..., re.Match | None], put: Callable[[str, Path, re.Match, str], str]):
    """A decorator factory for neutral transformations that rewrite one part of a report (its title, its closing
    block): `find(text, path, **options)` finds the part, the decorated function turns its match into the new
    part (None where it does not apply), and `put` writes it back."""
    def factory(name: str, variation: str, **options):
        def register(fn: Callable[[re.Match], str | None]):
            @neutral(name, variation)
            def rewrite(text: str, path: Path) -> str | None:
                m = find(text, path, **options)
                new = fn(m) if m else None
                return put(text, path, m, new) if new is not None else None
            return rewrite
        return register
    return factory


title_rewrite = part_rewrite(
    lambda text, path, one_line=False: _one_line_title(text, path) if one_line else title_match(text),
    lambda text, path, m, title: _retitle(text, m, title))


@title_rewrite("title-year-first", "a title written year first: 2024年某市人民政府办公厅政府信息公开工作年度报告")
def title_year_first(m: re.Match) -> str:
    return f"{m['year']}年{m['du']}{m['agency']}{m['rest']}"


@title_rewrite("title-year-spaced", "spaces between the digits and 年, and 年度 for 年: 某县人民政府 2024 年度政府信息公开…")
def title_year_spaced(m: re.Match) -> str | None:
    return f"{m['agency']} {m['year']} 年度{m['rest']}" if "\n" not in m["sep"] else None


@title_rewrite("title-two-lines", "a title split over two lines: 某县人民政府2024年政府信息公开 / 工作年度报告", one_line=True)
def title_two_lines(m: re.Match) -> str:
    return f"{m['agency']}{m['year']}年{m['du']}" + m["rest"].replace("政府信息公开", "政府信息公开\n", 1)


@title_rewrite("title-agency-line", "the agency on a line of its own above 2024年政府信息公开工作年度报告", one_line=True)
def title_agency_line(m: re.Match) -> str:
    return f"{m['agency']}\n{m['year']}年{m['du']}{m['rest']}"


@neutral("title-breadcrumb", "a page breadcrumb and 正文 above the title: 首页 > 政务公开 > 政府信息公开年报")
def title_breadcrumb(text: str, path: Path) -> str | None:
    m = title_match(text)
    if m is None or is_html(path):
        return None
    start = text.rfind("\n", 0, m.start()) + 1
    return text[:start] + "首页 > 政务公开 > 政府信息公开年报\n正文\n" + text[start:]


@neutral("title-markdown-marker", "a Markdown # marker kept on the title line of a text export")
def title_markdown_marker(text: str, path: Path) -> str | None:
    m = title_match(text)
    if m is None or path.suffix != ".txt" or m["head"].strip():
        return None
    start = text.rfind("\n", 0, m.start("agency")) + 1
    return text[:start] + "# " + text[start:].lstrip(" ")


# ── 2. closing blocks ─────────────────────────────────────────────────────────────────────────────

def _closing(text: str) -> re.Match | None:
    return CLOSING_RE.search(text.rstrip() + "\n")


def _with_closing_match(text: str, path: Path, m: re.Match, agency_date: str) -> str:
    """The text with its closing block `m` replaced by one line (agency and date)."""
    body = text.rstrip() + "\n"
    start = body.rfind("\n", 0, m.start()) + 1   # the agency's line
    return body[:start] + (f"<p>{agency_date}</p>\n" if is_html(path) else agency_date + "\n")


closing_rewrite = part_rewrite(lambda text, path: _closing(text), _with_closing_match)


@closing_rewrite("closing-one-line", "agency and date of the closing block on one line: 某某局2023年1月6日")
def closing_one_line(m: re.Match) -> str:
    return f"{m['agency']}{m['date']}"


@closing_rewrite("closing-one-line-spaced", "agency and date of the closing block on one line with a space: 某某局 2023年1月6日")
def closing_one_line_spaced(m: re.Match) -> str:
    return f"{m['agency']} {m['date']}"


@neutral("closing-iso-date", "the closing date written 2023-01-06")
def closing_iso_date(text: str, path: Path) -> str | None:
    m = _closing(text)
    if m is None:
        return None
    return changed(text, text[:m.start("date")] + f"{m['y']}-{int(m['m']):02d}-{int(m['d']):02d}" + text[m.end("date"):])


_CN_DIGITS = "〇一二三四五六七八九"


def _cn_number(n: int) -> str:
    """1..31 in Chinese numerals as dates write them: 六, 十二, 二十二, 三十一."""
    tens, units = divmod(n, 10)
    return ("" if tens == 0 else ("十" if tens == 1 else _CN_DIGITS[tens] + "十")) + ("" if units == 0 else _CN_DIGITS[units])


@neutral("closing-chinese-date", "the closing date in Chinese numerals: 二〇二三年一月六日")
def closing_chinese_date(text: str, path: Path) -> str | None:
    m = _closing(text)
    if m is None:
        return None
    year = "".join(_CN_DIGITS[int(d)] for d in m["y"])
    date = f"{year}年{_cn_number(int(m['m']))}月{_cn_number(int(m['d']))}日"
    return text[:m.start("date")] + date + text[m.end("date"):]


@neutral("closing-tesci-baogao", "特此报告。 as the last paragraph before the closing block")
def closing_tesci_baogao(text: str, path: Path) -> str | None:
    m = _closing(text)
    if m is None:
        return None
    paragraph = "<p>特此报告。</p>\n" if is_html(path) else "特此报告。\n\n"
    start = text.rfind("\n", 0, m.start("agency")) + 1
    return text[:start] + paragraph + text[start:]


@neutral("closing-added", "a closing block on two lines (agency, date) at the end of a report that had none")
def closing_added(text: str, path: Path) -> str | None:
    m = title_match(text)
    if m is None or _closing(text) is not None or is_html(path):
        return None
    return text.rstrip() + f"\n\n{m['agency']}\n{int(m['year']) + 1}年1月20日\n"


# ── 3. outlines ───────────────────────────────────────────────────────────────────────────────────

def _overview_span(text: str) -> tuple[int, int] | None:
    """Where section 一 runs in the raw text: from its heading to the heading of 二."""
    one = re.search(r"一\s*[、．.]\s*(?:总体情况|概述)", text)
    two = re.search(r"二\s*[、．.]\s*主动公开", text)
    if one is None or two is None or two.start() < one.end():
        return None
    return one.end(), two.start()


@neutral("outline-subtopics-numbered", "the subtopics of 总体情况 numbered 一、二、三… like sections")
def outline_subtopics_numbered(text: str, path: Path) -> str | None:
    span = _overview_span(text)
    if span is None:
        return None
    a, b = span
    inner = re.sub(r"[（(]([一二三四五六七])[）)]", r"\1、", text[a:b])
    return changed(text, text[:a] + inner + text[b:])


_FIVE_RE = re.compile(r"五\s*[、．.]\s*(?:存在的主要问题|政府信息公开工作存在)")
_SIX_RE = re.compile(r"六\s*[、．.]\s*其他需要报告的?事项(?:</p>)?\s*")


@neutral("outline-own-section", "a section of the agency's own after 四 (五、政府信息公开收费情况), the sections after it "
                                "numbered one higher")
def outline_own_section(text: str, path: Path) -> str | None:
    five, six = _FIVE_RE.search(text), _SIX_RE.search(text)
    if five is None or six is None or six.start() < five.start():
        return None
    inserted = ("五、政府信息公开收费情况 本年度依申请公开未收取信息处理费。 " if crawled(text, path) else
                "<p>五、政府信息公开收费情况</p>\n<p>本年度依申请公开未收取信息处理费。</p>\n" if is_html(path) else
                "五、政府信息公开收费情况\n\n本年度依申请公开未收取信息处理费。\n\n")
    out = text[:six.start()] + "七" + text[six.start() + 1:]
    return out[:five.start()] + inserted + "六" + out[five.start() + 1:]


@neutral("outline-own-section-table", "a section of the agency's own holding a small table of its own")
def outline_own_section_table(text: str, path: Path) -> str | None:
    if path.suffix != ".md":
        return None
    out = outline_own_section(text, path)
    if out is None:
        return None
    return out.replace("本年度依申请公开未收取信息处理费。\n\n",
                       "本年度依申请公开未收取信息处理费。\n\n| 项目 | 件数 | 金额（元） |\n|---|---|---|\n| 信息处理费 | 0 | 0 |\n\n", 1)


@neutral("outline-lost-heading", "the heading line of 五 lost while its content is there, after 表四")
def outline_lost_heading(text: str, path: Path) -> str | None:
    line = re.search(r"^[^\S\n]*(?:<p>)?五、存在的主要问题及(?:改进情况|整改措施)(?:</p>)?[^\S\n]*\n", text, re.M)
    return text[:line.start()] + text[line.end():] if line else None


def _crawled_heading_ordinal(text: str, path: Path, ordinal: str) -> re.Match | None:
    """The ordinal (五、) of a section heading inside the long line of a crawled page."""
    if not crawled(text, path):
        return None
    return re.search(rf"(?<![一二三四五六七八九十第（(]){ordinal}、\s*(?={SECTION_WORDS})", text)


def _drop_ordinals(text: str, path: Path, ordinals: str) -> str | None:
    out = text
    for ordinal in ordinals:
        m = _crawled_heading_ordinal(out, path, ordinal)
        if m:
            out = out[:m.start()] + out[m.end():]
    return changed(text, out)


@neutral("crawled-lost-ordinal", "a crawled one-line page whose section headings lost their ordinals "
                                 "(… 0 0 存在的主要问题及改进情况 2022年，…): each is read as a heading without its ordinal")
def crawled_lost_ordinal(text: str, path: Path) -> str | None:
    return _drop_ordinals(text, path, "二三五六")


@neutral("crawled-lost-ordinal-one", "a crawled one-line page whose 五 heading alone lost its ordinal")
def crawled_lost_ordinal_one(text: str, path: Path) -> str | None:
    return _drop_ordinals(text, path, "五")


# ── 4. required statements in their real wordings ────────────────────────────────────────────────

_FEE_NONE_RE = re.compile(r"[^。>]*(?:未收取|没有收取|无收取|未发生收费|信息处理费\s*0\s*元)[^。<\n]*。")


def _fee_wording(text: str, sentence: str) -> str | None:
    m = _FEE_NONE_RE.search(text, _SIX_RE.search(text).end()) if _SIX_RE.search(text) else None
    return text[:m.start()] + sentence + text[m.end():] if m else None


@neutral("fee-xinxi-gongkai-chulifei", "the fee named 信息公开处理费, stated as 没有收取")
def fee_wording_a(text: str, path: Path) -> str | None:
    return _fee_wording(text, "本年度没有收取信息公开处理费。")


@neutral("fee-wu-shouqu-qingkuang", "no fee stated as 无收取政府信息公开信息处理费情况")
def fee_wording_b(text: str, path: Path) -> str | None:
    return _fee_wording(text, "本年度无收取政府信息公开信息处理费情况。")


@neutral("fee-zero-yuan", "no fee stated as an amount: 全年收取信息处理费0元")
def fee_wording_c(text: str, path: Path) -> str | None:
    return _fee_wording(text, "全年收取信息处理费0元。")


def _label_punctuation(text: str, label: str, mark: str) -> str | None:
    return changed(text, re.sub(rf"{label}[：:]\s*", f"{label}{mark}", text))


@neutral("contact-comma", "contact labels followed by a comma: 电话，0591-1234567")
def contact_comma(text: str, path: Path) -> str | None:
    out = _label_punctuation(text, "电话", "，")
    return _label_punctuation(out, "地址", "，") if out else None


@neutral("contact-space", "contact labels followed by a space: 电话 0591-1234567")
def contact_space(text: str, path: Path) -> str | None:
    out = _label_punctuation(text, "电话", " ")
    return _label_punctuation(out, "地址", " ") if out else None


@neutral("contact-nothing", "contact labels followed directly by the value: 电话0591-1234567")
def contact_nothing(text: str, path: Path) -> str | None:
    out = _label_punctuation(text, "电话", "")
    return _label_punctuation(out, "地址", "") if out else None


_PHONE_RE = re.compile(r"(0\d{2,3})\s*[-—－–]\s*(\d{7,8})")


substitution("phone-area-brackets", "a phone number with its area code in brackets: （0591）1234567", _PHONE_RE, r"（\1）\2")
substitution("phone-extension", "a phone number with an extension: 0591-1234567转8001", _PHONE_RE, r"\1-\2转8001")


_EMAIL_RE = re.compile(r"([A-Za-z0-9._%+-]+)@([A-Za-z0-9-]+)\.([A-Za-z0-9.-]+)")


substitution("email-fullwidth", "an e-mail address with a full-width ＠ and ．", _EMAIL_RE, r"\1＠\2．\3")


# ── 6. raw crawled and extracted text ─────────────────────────────────────────────────────────────

_PDF_PAGE_RE = re.compile(r"^(\s*)-(\d{1,2})-\s*$", re.M)


substitution("footer-dash", "page numbers of a PDF extraction written — 3 —", _PDF_PAGE_RE, r"\1— \2 —")
substitution("footer-page-of", "page footers of a PDF extraction written 第 3 页 共 9 页", _PDF_PAGE_RE, r"\1第 \2 页 共 9 页")


@neutral("breadcrumb-and-footer-lines", "a breadcrumb line at the top and page footer lines between the paragraphs "
                                        "of a text export")
def breadcrumb_and_footer(text: str, path: Path) -> str | None:
    if path.suffix == ".html" or crawled(text, path):
        return None
    paragraphs = text.split("\n\n")
    if len(paragraphs) < 6:
        return None
    paragraphs.insert(len(paragraphs) // 2, "第 2 页 共 5 页")
    paragraphs.insert(3, "— 1 —")
    return "当前位置：首页 > 政务公开 > 年度报告\n\n" + "\n\n".join(paragraphs)


@neutral("glued-headings", "section headings glued to the digits or the sentence before them on a crawled page: "
                           "0000000四、政府信息公开行政复议…")
def glued_headings(text: str, path: Path) -> str | None:
    if not crawled(text, path):
        return None
    return changed(text, re.sub(rf"[^\S\n]+([二三四五六]\s*、\s*{SECTION_WORDS})", r"\1", text))


@neutral("heading-markers-in-text", "## heading markers kept on the section headings of a text export")
def heading_markers(text: str, path: Path) -> str | None:
    if path.suffix != ".txt":
        return None
    if crawled(text, path):
        return changed(text, re.sub(rf"([^\S\n]+)([一二三四五六]\s*、\s*{SECTION_WORDS})", r"\1## \2", text))
    return changed(text, re.sub(rf"^([^\S\n]*)([一二三四五六]\s*、\s*{SECTION_WORDS})", r"\1## \2", text, flags=re.M))


# ── 7. table cells with notes, label variants ─────────────────────────────────────────────────────

_SEP = r"(?:[^\S\n]*\|[^\S\n]*|[^\S\n]+)"
_NORMATIVE_ROW_RE = re.compile(rf"^(\|?[^\S\n]*行政规范性文件{_SEP})(\d+)({_SEP})(\d+)({_SEP})(\d+)(?=[^\S\n]*\|?[^\S\n]*$)", re.M)


substitution("cell-notes", "table 2 cells with a note after the number: 13（其中修订5件）, 40（含自然失效12件）",
             _NORMATIVE_ROW_RE, r"\1\2（其中修订1件）\3\4\5\6（含自然失效2件）")


@neutral("label-guifanxing-wenjian", "table 2's row label written 规范性文件 for 行政规范性文件")
def label_variant(text: str, path: Path) -> str | None:
    if not _NORMATIVE_ROW_RE.search(text):
        return None
    return _NORMATIVE_ROW_RE.sub(lambda m: m.group(0).replace("行政规范性文件", "规范性文件", 1), text)
