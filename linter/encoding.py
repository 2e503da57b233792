"""The one place that decides how a file's bytes become text.

Order: a BOM (UTF-8, UTF-16 LE/BE) wins; then strict UTF-8; then GB18030 (a superset of GBK and
GB2312, which is what Chinese government sites and Windows editors write).  Anything else, or bytes that
look binary, is refused with `DecodeError` so the caller can turn it into an `input` finding.
"""
from __future__ import annotations

import codecs


class DecodeError(Exception):
    """The bytes are not text in an encoding we support."""


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control bytes mean this is not a text file."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = sum(1 for b in sample if b < 9 or 13 < b < 32)
    return controls / len(sample) > 0.05


def decode(data: bytes, declared: str | None = None) -> tuple[str, str]:
    """Return (text, encoding name).  `declared` (e.g. an HTML meta charset) is tried after a BOM."""
    if data.startswith(codecs.BOM_UTF8):
        return _strict(data[len(codecs.BOM_UTF8):], "utf-8", "utf-8-sig")
    if data.startswith(codecs.BOM_UTF16_LE) or data.startswith(codecs.BOM_UTF16_BE):
        return _strict(data, "utf-16", "utf-16")
    if looks_binary(data):
        raise DecodeError("binary")
    candidates = []
    if declared and not declared.strip().lower().startswith("utf") and _is_multibyte_utf8(data):
        # A page that declares GB2312/GBK but is valid UTF-8 with non-ASCII text was converted by its CMS
        # and the declaration left behind: GBK text almost never happens to be valid UTF-8.
        declared = None
    if declared:
        name = declared.strip().lower()
        if name in ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936"):
            name = "gb18030"  # a superset: pages declared GB2312 routinely contain GBK characters
        candidates.append(name)
    candidates += ["utf-8", "gb18030"]
    for name in dict.fromkeys(candidates):
        try:
            return data.decode(name), name
        except (UnicodeDecodeError, LookupError):
            continue
    raise DecodeError("undecodable")


def _is_multibyte_utf8(data: bytes) -> bool:
    if data.isascii():
        return False
    try:
        data.decode("utf-8")
    except UnicodeDecodeError:
        return False
    return True


def _strict(data: bytes, codec: str, label: str) -> tuple[str, str]:
    try:
        text = data.decode(codec)
    except UnicodeDecodeError as exc:
        raise DecodeError(f"invalid {label} after its byte-order mark at byte {exc.start}") from exc
    if "\x00" in text:
        raise DecodeError("binary")
    return text, label
