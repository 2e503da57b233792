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
_WIDGET_RE = re.compile(r"^\s*(?:正\s*文|打印本页|关闭窗口|【?\s*字[体号]\s*[:：].{0,12}|分享到[:：]?.{0,20})\s*$")


def is_page_number(text: str) -> bool:
    return bool(PAGE_NUMBER_RE.match(text))


def is_furniture(text: str) -> bool:
    """A page number, footer, breadcrumb or page widget on a line of its own."""
    return bool(PAGE_NUMBER_RE.match(text) or _BREADCRUMB_RE.match(text) or _WIDGET_RE.match(text))
