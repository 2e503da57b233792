"""How other agencies write the statements a report must make, and the pages crawlers make of them (issue 28):
each class of variation as a rewrite of every real report it applies to — the project's corpus and the raw
crawled reports of the ecosystem corpus.  A rewrite that keeps the facts must add no warning or error
(`tests/variants/test_reading.py`, stricter than the neutral suite); one that breaks them is found at its line.

The classes: the statistics period in other framings; the fee statement of section 六 in other words; contact
details given elsewhere and without labels; a signature followed by notes, a colophon and page furniture; a
crawled page's furniture around its text; a title line lost while the opening names the report; a table a page
ran into one line with its cells and labels split by spaces.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path
from typing import Callable

from conftest import ROOT
from variant_tools import REPORTS as CORPUS_REPORTS

ECOSYSTEM = sorted((ROOT / "tests" / "ecosystem" / "corpus").rglob("*.txt"))
# the ecosystem's reports of the national format (2019 and later): the ones the rewrites speak of
MODERN_ECOSYSTEM = [p for p in ECOSYSTEM if int(p.name[:4]) >= 2019]
REPORTS = list(CORPUS_REPORTS) + MODERN_ECOSYSTEM


@dataclass(frozen=True)
class Rewrite:
    name: str
    variation: str
    apply: Callable[[str, Path], "str | None"]


@dataclass(frozen=True)
class Defect:
    name: str
    rule: str
    apply: Callable[[str, Path], "tuple[str, str] | None"]   # (variant, text on the line the finding is at)


NEUTRAL: list[Rewrite] = []
DEFECTS: list[Defect] = []


def neutral(name: str, variation: str):
    def register(fn):
        NEUTRAL.append(Rewrite(name, variation, fn))
        return fn
    return register


def defect(name: str, rule: str):
    def register(fn):
        DEFECTS.append(Defect(name, rule, fn))
        return fn
    return register


def crawled(text: str, path: Path) -> bool:
    return path.suffix == ".txt" and any(len(line) > 2000 for line in text.splitlines())


# ── the statistics period ──────────────────────────────────────────────────────────────────────────────
_PERIOD_RE = re.compile(r"(?<=[。\n>：:，])[^。\n<>]{0,40}?(?P<y>20\d\d)\s*年\s*1\s*月\s*1\s*日[^。\n<>]{0,12}?12\s*月\s*31\s*日[^。\n<>]{0,6}。")
_CN_DIGITS = "〇一二三四五六七八九"


def _period(text: str):
    m = _PERIOD_RE.search(text)
    return m if m and m.start() < len(text) // 3 else None


def period_rewrite(name: str, variation: str, make: Callable[[int], str]):
    @neutral(name, variation)
    def rewrite(text: str, path: Path) -> str | None:
        m = _period(text)
        return text[:m.start()] + make(int(m["y"])) + text[m.end():] if m else None
    return rewrite


period_rewrite("period-time-span", "the period called 统计数据时间段, both years written",
               lambda y: f"本报告的统计数据时间段为{y}年1月1日至{y}年12月31日。")
period_rewrite("period-months", "the period as a range of months: 2023年1-12月",
               lambda y: f"本报告所列数据为{y}年1-12月的数据。")
period_rewrite("period-shixian-qi-zhi", "the period called 统计时限, 从…起至…止",
               lambda y: f"数据统计时限从{y}年1月1日起至{y}年12月31日止。")
period_rewrite("period-chinese-numerals", "the period in Chinese numerals: 二〇二三年一月一日至十二月三十一日",
               lambda y: f"本报告统计期限为{''.join(_CN_DIGITS[int(d)] for d in str(y))}年一月一日至十二月三十一日。")
period_rewrite("period-dotted-dates", "the period as dotted dates with a dash: 2023.1.1—2023.12.31",
               lambda y: f"本年度报告中所列数据统计区间：{y}.1.1—{y}.12.31。")


def _period_defect(make: Callable[[int], str]):
    def apply(text: str, path: Path):
        m = _period(text)
        if m is None:
            return None
        sentence = make(int(m["y"]))
        return text[:m.start()] + sentence + text[m.end():], sentence
    return apply


defect("period of another year", "DATE-PERIOD-YEAR")(_period_defect(lambda y: f"本报告统计期限自{y - 1}年1月1日至{y - 1}年12月31日。"))
defect("period of half a year", "DISC-PERIOD-PARTIAL")(_period_defect(lambda y: f"本报告统计期限自{y}年1月1日至{y}年6月30日。"))
defect("period with its dates blank", "DISC-PERIOD")(_period_defect(lambda y: "本报告所列数据的统计期限自至。"))


# ── the fee statement of section 六 ─────────────────────────────────────────────────────────────────────
_SIX_RE = re.compile(r"六\s*[、．.]\s*(?:其他需要报告的?事项|需要说明的其他事项(?:与附表)?)(?:</p>)?\s*")
_SENTENCE_RE = re.compile(r"[^。]*。")  # a PDF extraction wraps a sentence over lines
_HTML_SENTENCE_RE = re.compile(r"(?:<[^<>]*>)*[^。<]*。")  # in a web page a tag ends it


def report_year(text: str) -> int | None:
    m = re.search(r"(20\d\d)\s*年度?\s*政府信息公开", text[:600])
    return int(m.group(1)) if m else None


def _fee_sentences(text: str) -> list[re.Match]:
    """The sentences of section 六 that speak of the fee or a charge (whole sentences)."""
    six = _SIX_RE.search(text)
    if six is None:
        return []
    out = []
    sentences = _HTML_SENTENCE_RE if "</p>" in text else _SENTENCE_RE
    for m in sentences.finditer(text, six.end()):
        if m.start() - six.end() > 600 or re.match(r"\s*[一二三四五六七八九十]\s*、", text[m.start():]):
            break
        if re.search(r"处理费|收费|费用", m.group()):
            out.append(m)
    return out


def _fee_sentence(text: str):
    found = _fee_sentences(text)
    return found[0] if found else None


def fee_rewrite(name: str, variation: str, sentence: str):
    @neutral(name, variation)
    def rewrite(text: str, path: Path) -> str | None:
        m = _fee_sentence(text)
        return text[:m.start()] + sentence + text[m.end():] if m else None
    return rewrite


fee_rewrite("fee-no-charge-to-applicants", "no charge said of the applicants and the disclosure (无向申请人收取政府信息公开费用的情况)",
            "本年度我局无向申请人收取政府信息公开费用的情况。")
fee_rewrite("fee-none-arose", "the fee said not to have arisen (全年未产生信息处理费)", "本机关全年未产生信息处理费。")
fee_rewrite("fee-label-none", "the fee as a label with 无 (信息处理费：无)", "信息处理费：无。")
fee_rewrite("fee-regulation-then-none", "the regulation cited, then no fee (按照《…》规定的收费标准，本年度没有产生…)",
            "按照《政府信息公开信息处理费管理办法》规定的按件、按量收费标准，本年度没有产生信息公开处理费。")
fee_rewrite("fee-amount", "an amount collected (本年度共收取信息处理费300元)", "本年度共收取信息处理费300元。")


@defect("the regulation cited, nothing stated", "DISC-FEE-MENTION")
def fee_mention(text: str, path: Path):
    found = _fee_sentences(text)
    if not found or (report_year(text) or 0) < 2021:  # the 2021 format asks for the fee in 六
        return None
    sentence = "严格执行《政府信息公开信息处理费管理办法》。"
    out = text[:found[0].start()] + sentence
    for m, after in zip(found, found[1:] + [None]):
        out += text[m.end():after.start() if after else len(text)]
    return out, sentence


# ── contact details ────────────────────────────────────────────────────────────────────────────────────
_PHONE_RE = re.compile(r"(?:联系)?电话[：:，, ]?\s*(?P<phone>0\d{2,3}\s*[-—－–]\s*\d{7,8})")


@neutral("contact-phone-without-label", "the phone number given without a label (如有疑问请拨打0591-1234567)")
def phone_without_label(text: str, path: Path) -> str | None:
    m = _PHONE_RE.search(text)
    return text[:m.start()] + "如有疑问请拨打" + m["phone"] + text[m.end():] if m else None


# ── a signature followed by what may follow it ────────────────────────────────────────────────────────
_CLOSING_RE = re.compile(r"(?P<agency>[\u4e00-\u9fff]{4,30})(?P<sep>[^\S\n]*\n?[^\S\n]*)"
                         r"(?P<date>20\d\d年\d{1,2}月\d{1,2}日)(?P<tail>[^\S\n]*(?:附件下载)?[^\S\n]*)$")


@neutral("signature-then-notes", "a signature followed by a note in brackets, the 抄送/印发 colophon and 附件下载")
def signature_then_notes(text: str, path: Path) -> str | None:
    if path.suffix == ".html":
        return None
    m = _CLOSING_RE.search(text.rstrip())
    if m is None:
        return None
    sep = " " if crawled(text, path) else "\n\n"
    after = sep.join(["（此件主动公开）", "抄送：区纪检监察组。", "某某办公室 " + m["date"] + "印发", "附件下载"])
    end = m.start("tail")
    return text[:end] + sep + after + text[end:]


# ── a crawled page's furniture ─────────────────────────────────────────────────────────────────────────
_BODY_RE = re.compile(r"^=+ 正文 =+\n", re.M)


@neutral("crawled-furniture-around-text", "a crawled page whose breadcrumb, 来源/时间 and share buttons run into its "
                                          "first paragraph, and whose 附件下载 ends it")
def crawled_furniture(text: str, path: Path) -> str | None:
    m = _BODY_RE.search(text)
    if m is None or not crawled(text, path):
        return None
    title = re.search(r"^标题:\s*(.+)$", text, re.M)
    name = title.group(1).strip() if title else ""
    furniture = (f"当前位置： 首页政务公开政府信息公开政府信息公开年报 {name} 来源： 时间：2024-01-20 10:00 --> "
                 "微信 微博 QQ空间 全真版 文字版 文件下载 相关链接： ")
    body = text[m.end():].rstrip("\n")
    if body.startswith("当前位置"):
        return None
    return text[:m.end()] + furniture + body + " 附件下载"


@neutral("crawled-header-without-title", "a crawled page whose header lost its 标题 line: its 发布时间, 栏目 and "
                                         "原文链接 lines are still the page's, never the report's text")
def crawled_header_without_title(text: str, path: Path) -> str | None:
    if not crawled(text, path) or _BODY_RE.search(text) is None:
        return None
    out = re.sub(r"^标题:[^\n]*\n", "", text, count=1, flags=re.M)
    return out if out != text else None


# ── a title lost, the report named in its opening ──────────────────────────────────────────────────────
_TITLE_LINE_RE = re.compile(r"^(?:#\s*|标题:\s*)?(?P<agency>[\u4e00-\u9fff]{2,30}?)[^\S\n]*(?P<year>20\d\d)[^\S\n]*年度?"
                            r"政府信息公开(?:工作)?年度报告[^\S\n]*$", re.M)


@neutral("title-lost-named-in-opening", "a web copy that lost its title line, the opening naming the report "
                                        "(现公布某局2023年政府信息公开工作年度报告)")
def title_named_in_opening(text: str, path: Path) -> str | None:
    if path.suffix != ".md" and path.suffix != ".txt" or crawled(text, path):
        return None
    titles = list(_TITLE_LINE_RE.finditer(text))
    if not titles:
        return None
    agency, year = titles[0]["agency"], titles[0]["year"]
    head_end = titles[-1].end() + 200  # the title lines are at the top: the signature below keeps its agency
    head = _TITLE_LINE_RE.sub("", text[:head_end])
    head = re.sub(r"^[^\S\n]*" + re.escape(agency) + r"[^\S\n]*$", "", head, count=1, flags=re.M)  # the agency line
    head = re.sub(r"^[^\S\n]*20\d\d[^\S\n]*年度?政府信息公开(?:工作)?年度报告[^\S\n]*$", "", head, flags=re.M)
    out = head + text[head_end:]
    ruler = _BODY_RE.search(out)
    first = re.compile(r"^(?!\s*$)(?!#)", re.M).search(out, ruler.end() if ruler else 0)
    naming = f"现公布{agency}{year}年政府信息公开工作年度报告。"
    return out[:first.start()] + naming + out[first.start():] if first else None


# ── a table a page ran into one line ───────────────────────────────────────────────────────────────────
_T3_BLOCK_RE = re.compile(r"(?:^\|[^\n]*\|[^\S\n]*\n)+", re.M)
_GROUP_RE = re.compile(r"^(?:三、本年度办理结果\s*/\s*)?(?P<group>（[三四五六]）)(?P<name>[\u4e00-\u9fff]{4})\s*/\s*(?P<item>.+)$")


@neutral("table-spaced-on-one-line", "表三 run into one line by a crawl, its cells separated by single spaces and its "
                                     "group labels split (（三） 不予 公开 1.属于国家秘密 0 0 …)")
def table_spaced_on_one_line(text: str, path: Path) -> str | None:
    if path.suffix != ".md":
        return None
    for m in _T3_BLOCK_RE.finditer(text):
        if "本年新收" in m.group() and "结转下年度" in m.group():
            line = _one_line(m.group())
            return text[:m.start()] + line + "\n" + text[m.end():] if line else None
    return None


@defect("rows of a table run into one line with their numbers lost", "T3-EMPTY")
def table_rows_without_numbers(text: str, path: Path):
    """The same one-line table with the numbers of （六）'s second and third rows gone (blank, or dropped by a
    crawl): the rows are there without numbers — blank cells, never rows missing."""
    if path.suffix != ".md":
        return None
    for m in _T3_BLOCK_RE.finditer(text):
        if "本年新收" in m.group() and "结转下年度" in m.group():
            line = _one_line(m.group(), without=r"收费通知|3[.、．]\s*其他")
            if line and line != _one_line(m.group()):
                return text[:m.start()] + line + "\n" + text[m.end():], line
    return None


def _one_line(table: str, without: str | None = None) -> str | None:
    """The table as a crawl writes it on one line; None for a table with a blank cell among its numbers (run into
    one line, a blank leaves no trace and the row cannot be read back)."""
    pieces, seen = [], set()
    for row in table.strip("\n").split("\n"):
        cells = [c.strip() for c in row.strip().strip("|").split("|")]
        if not cells or set(cells[0]) <= set("-: "):
            continue
        if any(re.fullmatch(r"\d+", c) for c in cells[1:]) and not all(cells[1:]):
            return None
        label = cells[0]
        g = _GROUP_RE.match(label)
        if g:
            group = f"{g['group']} {g['name'][:2]} {g['name'][2:]} " if g["group"] not in seen else ""
            seen.add(g["group"])
            label = group + g["item"]
        numbers = [] if without and re.search(without, cells[0]) else [c for c in cells[1:] if c]
        pieces.append(" ".join([label.replace(" / ", " "), *numbers]))
    return " ".join(pieces)


# ── a section under a title of the agency's own ────────────────────────────────────────────────────────
def _heading_title(text: str, ordinal: str) -> re.Match | None:
    from linter.document.catalogue import section_specs

    spec = next(s for s in section_specs() if s.ordinal == ordinal)
    titles = "|".join(re.escape(t) for t in sorted(spec.titles(), key=len, reverse=True))
    return re.search(rf"(?<![（(\d]){ordinal}\s*[、.．]\s*(?P<title>{titles})", text)


def retitle(name: str, variation: str, ordinal: str, title: str):
    @neutral(name, variation)
    def rewrite(text: str, path: Path) -> str | None:
        m = _heading_title(text, ordinal)
        return text[:m.start("title")] + title + text[m.end("title"):] if m else None
    return rewrite


retitle("overview-own-title", "section 一 under a title of the agency's own, its sub-items showing what it is "
        "(一、年度工作核心成效 （一）主动公开…)", "一", "年度工作核心成效")
retitle("problems-own-title", "section 五 titled by its problems alone (五、当前存在的突出问题)", "五", "当前存在的突出问题")
retitle("other-matters-own-title", "section 六 titled 其他需说明事项", "六", "其他需说明事项")


# ── an enumeration whose punctuation a typist or a crawl lost ──────────────────────────────────────────
_ITEM_AFTER_STOP_RE = re.compile(r"[。；](?=(?:[2-9][.．]|[二三四五六七八九]是)[\u4e00-\u9fff])")


@neutral("enumeration-item-glued", "an item of a list glued to the sentence before it, its full stop lost "
                                   "(…参加上级培训3.建章立制)")
def enumeration_item_glued(text: str, path: Path) -> str | None:
    m = _ITEM_AFTER_STOP_RE.search(text)
    return text[:m.start()] + text[m.end():] if m else None
