"""Findings about the input itself rather than about a rule of the report format, made by the engine:
the file cannot be read, a page declares a charset its bytes are not in, an invisible character stands
inside a number.  They are rules like the others for selecting, ignoring, severities, suppressions and
outputs, but they live here: no rule file can turn the reading of a file on or off.
"""
from __future__ import annotations

import html
import re
from typing import Iterator

from linter.checks.hits import Hit
from linter.document.model import INVISIBLE_CHARS, Document
from linter.ruleset.rule import Rule

UNREADABLE = "INPUT-UNREADABLE"
CHARSET = "INPUT-CHARSET-MISMATCH"
INVISIBLE = "INPUT-INVISIBLE-CHAR"
_ACCURACY = "《中华人民共和国政府信息公开条例》第六条（行政机关应当及时、准确地公开政府信息）"


def _rule(rule_id: str, severity: str, title: tuple[str, str], message: tuple[str, str],
          description: tuple[str, str], basis: str = "") -> Rule:
    return Rule(id=rule_id, category="input", severity=severity, scope="document", check="input",
                message=message[0], message_en=message[1], basis=basis, examples={}, title=title[0],
                title_en=title[1], description=description[0], description_en=description[1], ruleset="report-lint")


INPUT_RULES: dict[str, Rule] = {r.id: r for r in (
    _rule(UNREADABLE, "error", ("无法读取文件", "The file cannot be read"),
          ("无法读取文件：{reason}", "cannot read the file: {reason}"),
          ("文件不存在可读取的报告文本：为空、已损坏、不是所声明的格式、超出大小或资源限制，或在时间限制内未能检查完毕。",
           "The file holds no readable report: empty, damaged, not the format its name says, over a size or "
           "resource limit, or not checked within the time budget.")),
    _rule(CHARSET, "warning", ("网页声明的字符集与实际编码不符", "Declared charset is not the page's encoding"),
          ("网页声明的字符集为 {declared}，但内容实际为 {actual} 编码，浏览器按声明显示会出现乱码；已按 {actual} 读取。",
           "The page declares charset {declared} but is encoded in {actual}; a browser following the "
           "declaration shows mojibake. Read as {actual}."),
          ("网页 <meta charset> 声明的编码与正文字节的实际编码不一致，公众用浏览器打开时看到的是乱码。",
           "The <meta charset> of the page names another encoding than its bytes are in: readers see mojibake."),
          _ACCURACY),
    _rule(INVISIBLE, "warning", ("数字中含有不可见字符", "Invisible character inside a number"),
          ("数字“{visible}”中含有不可见字符（{chars}），复制或机读时会得到不同的数值；已按可见的“{visible}”读取。",
           "The number \u201c{visible}\u201d contains an invisible character ({chars}); copied or read by a "
           "machine it is a different number. Read as {visible}."),
          ("零宽空格、软连字符、方向控制符等不可见字符夹在数字中间，肉眼看不出，但复制、检索和统计时数值会出错。",
           "Zero-width spaces, soft hyphens or direction marks inside a number are invisible, but copied, "
           "searched or counted the number is wrong."),
          _ACCURACY),
)}

_INV = f"[{INVISIBLE_CHARS}]"
_DIGIT = "[0-9\uff10-\uff19]"
_SEP = "[,.\uff0c\uff0e]"
_INVISIBLE_IN_NUMBER_RE = re.compile(f"{_DIGIT}{_SEP}?({_INV}+){_SEP}?(?={_DIGIT})")
# The same written as HTML character references (&#8203; &zwnj; &shy; …).
_REF = r"&(?:#[0-9]{1,7}|#[xX][0-9a-fA-F]{1,6}|[A-Za-z]{2,16});"
_REF_IN_NUMBER_RE = re.compile(f"{_DIGIT}{_SEP}?((?:{_REF})+){_SEP}?(?={_DIGIT})")


def input_hits(document: Document) -> Iterator[tuple[str, Hit]]:
    """(rule id, hit) for what the reader noticed (`Document.notices`) and every invisible character
    inside a number of the source."""
    for notice in document.notices:
        if notice.code == "charset-mismatch":
            yield CHARSET, Hit(notice.start, notice.end, dict(notice.data))
    for m in _INVISIBLE_IN_NUMBER_RE.finditer(document.source):
        yield INVISIBLE, _invisible_hit(document.source, m, m.group(1))
    if document.format == "html":
        for m in _REF_IN_NUMBER_RE.finditer(document.source):
            chars = html.unescape(m.group(1))
            if chars and all(ch in INVISIBLE_CHARS for ch in chars):
                yield INVISIBLE, _invisible_hit(document.source, m, chars)


_NUMBER_TAIL_RE = re.compile(f"(?:{_DIGIT}|{_SEP}|{_INV}|{_REF}){{0,30}}")


def _invisible_hit(source: str, m: re.Match, chars: str) -> Hit:
    """The invisible run inside a number, with the number as a reader sees it (for the message)."""
    start, end = m.start(1), m.end(1)
    left = start
    while left > max(0, start - 30) and (source[left - 1].isdigit() or source[left - 1] in ",.\uff0c\uff0e"):
        left -= 1
    right = _NUMBER_TAIL_RE.match(source, end).end()
    visible = "".join(ch for ch in html.unescape(source[left:right]) if ch not in INVISIBLE_CHARS)
    names = ", ".join(dict.fromkeys(f"U+{ord(ch):04X}" for ch in chars))
    return Hit(start, end, {"visible": visible, "chars": names})
