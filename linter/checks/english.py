"""Values of an English message that the checks give in Chinese or as internal keys: the official labels
of the tables and sections, section ordinals, counts with a Chinese measure word.  A value quoted from the
report itself stays as written (the message quotes it)."""
from __future__ import annotations

import re

ORDINALS = "一二三四五六七八九十"
SECTION_TITLES_EN = {
    "总体情况": "general situation",
    "主动公开政府信息情况": "proactive disclosure",
    "收到和处理政府信息公开申请情况": "requests received and handled",
    "政府信息公开行政复议、行政诉讼情况": "administrative review and litigation",
    "存在的主要问题及改进情况": "main problems and improvements",
    "其他需要报告的事项": "other matters to report",
}
_COUNT_RE = re.compile(r"^([0-9][0-9.,]*)\s*[\u4e00-\u9fff]{1,2}$")
ORDINAL_KEYS = ("ordinal", "section", "written", "previous_section")
LABEL_KEYS = ("table", "tables", "title", "standard", "row", "column", "row_label", "column_label", "group")


def english_value(key: str, value):
    """The English form of one message value (unchanged when it has none)."""
    if not isinstance(value, str):
        return value
    from linter.tables.describe import ENGLISH_BY_LABEL

    if key in ORDINAL_KEYS and len(value) == 1 and value in ORDINALS:
        return str(ORDINALS.index(value) + 1)
    if key in LABEL_KEYS and value in SECTION_TITLES_EN:
        return SECTION_TITLES_EN[value]
    if key in LABEL_KEYS and value in ENGLISH_BY_LABEL:
        return ENGLISH_BY_LABEL[value]
    count = _COUNT_RE.match(value)
    return count.group(1) if count else value
