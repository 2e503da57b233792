"""Chinese numerals and dates written in Chinese (二〇二四年一月二十二日, 一百零五, 两件)."""
from __future__ import annotations


DIGITS = {"〇": 0, "零": 0, "○": 0, "Ｏ": 0, "O": 0, "一": 1, "二": 2, "两": 2, "三": 3, "四": 4,
          "五": 5, "六": 6, "七": 7, "八": 8, "九": 9}
UNITS = {"十": 10, "百": 100, "千": 1000, "万": 10_000, "亿": 100_000_000}
ORDINALS = "一二三四五六七八九十"


def cn_to_int(s: str) -> int | None:
    """一百零五 -> 105, 二十三 -> 23, 十 -> 10, 二〇二四 -> 2024 (digit by digit).  None if not a numeral."""
    if not s or any(ch not in DIGITS and ch not in UNITS for ch in s):
        return None
    if not any(ch in UNITS for ch in s):
        value = 0
        for ch in s:
            value = value * 10 + DIGITS[ch]
        return value
    total, section, digit = 0, 0, 0
    for ch in s:
        if ch in DIGITS:
            digit = DIGITS[ch]
        else:
            unit = UNITS[ch]
            if unit >= 10_000:
                section = (section + digit) * unit
                total += section
                section = 0
            else:
                section += (digit or 1) * unit
            digit = 0
    return total + section + digit

