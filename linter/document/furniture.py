"""Page furniture: the lines a printed page or a web page adds around a report's text — page numbers and
footers (`— 3 —`, `第 3 页 共 9 页`), breadcrumbs (`首页 > 政务公开 > 年报`, `当前位置：…`) and page widgets
(`正文`, `打印本页`).  They are kept as blocks (their positions stay true) but are never the report's text,
its title or its signature."""
from __future__ import annotations

import re

PAGE_NUMBER_RE = re.compile(
    r"^\s*(?:[-－—–·•]\s*\d{1,3}\s*[-－—–·•]"
    r"|第\s*\d{1,3}\s*页\s*(?:[/，,]?\s*共\s*\d{1,3}\s*页)?"
    r"|共\s*\d{1,3}\s*页\s*[/，,]?\s*第\s*\d{1,3}\s*页"
    r"|\d{1,3}\s*/\s*\d{1,3})\s*$"
)
_BREADCRUMB_RE = re.compile(
    r"^\s*(?:(?:当前位置|您(?:当前|现在)?所?在?的?位置|所在位置)\s*[:：]"
    r"|[^。，；>＞›»]{1,20}(?:\s*[>＞›»]\s*[^。，；>＞›»]{1,30}){2,}\s*$)"
)
_WIDGET_RE = re.compile(r"^\s*(?:正\s*文|打印本页|关闭窗口|【?\s*字[体号]\s*[:：].{0,12}|分享到[:：]?.{0,20}"
                        r"|(?:附件|文件)下载|相关(?:链接|附件)[:：]?)\s*$")
_BREADCRUMB_START_RE = re.compile(r"^\s*(?:当前位置|您(?:当前|现在)?所?在?的?位置|所在位置)\s*[:：]")
_CHUNK_RE = re.compile(r"\S+")
_SENTENCE_MARK_RE = re.compile(r"[。，；！？,;]")
# A page widget's chunk is short and says nothing: a piece of a breadcrumb, 来源：, 时间：2022-01-15, 13:56, -->,
# 微信 … — the report's own text starts at its first chunk that holds sentence punctuation or runs long.
_FURNITURE_CHUNK = 60
_REPORT_NAME_RE = re.compile(r"(?:19|20)\d{2}\s*年.{0,40}报告$")


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text))


# A page number, a breadcrumb or a page widget: the three as one expression (asked of every paragraph)
_FURNITURE_RE = re.compile("|".join(f"(?:{r.pattern})" for r in (PAGE_NUMBER_RE, _BREADCRUMB_RE, _WIDGET_RE)))


# What a line must show for `_FURNITURE_RE` to match it: the first character (after spaces) of a page number, of a
# breadcrumb's opening words or of a widget — or, for a breadcrumb of bare links, one of its separators
# (> ＞ › », each looked for by `in`, several times faster than a pattern that walks the line: every paragraph is
# asked twice, by the reader and by the outline).  Most lines show neither, and are told in one short look
# instead of trying every alternative.
_FURNITURE_START_RE = re.compile(r"\s*[-－—–·•第共\d当您所正打关【字分附文相]")


def is_furniture(text: str) -> bool:
    """A page number, footer, breadcrumb or page widget on a line of its own."""
    return ((_FURNITURE_START_RE.match(text) is not None
             or ">" in text or "＞" in text or "›" in text or "»" in text)
            and _FURNITURE_RE.match(text) is not None)


def furniture_run(text: str) -> tuple[int, list[tuple[int, int]]]:
    """On a crawled page whose text runs on one line and opens with a breadcrumb (`当前位置： 首页 … 年报 某局
    2021年度…报告 来源： 时间：2022-01-15 13:56 --> 微信 微博 … 根据《条例》…`): where the report's own text
    starts (0 when the line opens with no breadcrumb), and the spans of the report names among the furniture
    (a title the page repeats, which may be the only title the page has)."""
    if not _BREADCRUMB_START_RE.match(text):
        return 0, []
    names: list[tuple[int, int]] = []
    for m in _CHUNK_RE.finditer(text):
        chunk = m.group()
        if _SENTENCE_MARK_RE.search(chunk) or len(chunk) > _FURNITURE_CHUNK:
            return m.start(), names
        if _REPORT_NAME_RE.search(chunk):
            names.append(m.span())
    return len(text), names
