"""The one place that decides how a file's bytes become text.

Order: a BOM (UTF-8, UTF-16 LE/BE) wins; then strict UTF-8; then GB18030 (a superset of GBK and
GB2312, which is what Chinese government sites and Windows editors write).  Anything else, or bytes that
look binary, is refused with `DecodeError` so the caller can turn it into an `input` finding.
"""
from __future__ import annotations

import codecs
import re

_BAD_RUN_RE = re.compile("\ufffd+")


class DecodeError(Exception):
    """The bytes are not text in an encoding we support."""


_CONTROL_BYTES = bytes(b for b in range(32) if b < 9 or 13 < b)


def looks_binary(data: bytes) -> bool:
    """NUL bytes (outside UTF-16) or many control bytes mean this is not a text file."""
    sample = data[:8192]
    if not sample:
        return False
    if b"\x00" in sample:
        return True
    controls = len(sample) - len(sample.translate(None, _CONTROL_BYTES))
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
            text = data.decode(name)
        except UnicodeDecodeError as exc:
            if name == "utf-8" and _cut_inside_last_character(data, exc):
                # A truncated download: UTF-8 up to a character cut in half at the very end.
                return data[:exc.start].decode("utf-8"), "utf-8"
            continue
        except LookupError:
            continue
        if name == "gb18030" and not declared and not _plausible_chinese(text):
            break
        return text, name
    return _damaged(data)


_GB_LABELS = ("gb2312", "gbk", "gb_2312-80", "x-gbk", "cp936", "gb18030")


def decode_declared(data: bytes, declared: str | None) -> tuple[str, str, str | None]:
    """`decode` for a page that declares its charset (HTML `<meta charset>`): (text, encoding, mismatch).

    `mismatch` is the declared charset when the bytes are not in it — a browser following the declaration
    would show mojibake — and the text is then read in the encoding the bytes are really in.  A page
    declared GB2312/GBK whose bytes read in no supported encoding as Chinese is refused (`DecodeError`)
    rather than read as mojibake."""
    text, name = decode(data, declared)
    codec = _codec(declared)
    if codec is None or data.startswith((codecs.BOM_UTF8, codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        return text, name, None
    label = declared.strip()
    if _codec(name) != codec:
        return text, name, label  # the bytes are not in the declared charset at all
    try:
        alt, alt_name = decode(data)
    except DecodeError:
        alt, alt_name = None, name
    if alt is not None and alt != text and _clearly_better(alt, text):
        return alt, alt_name, label
    if codec == "gb18030" and not _plausible_chinese(text):
        raise DecodeError(f"declared {label}, but the text decodes only as mojibake")
    return text, name, None


def _codec(label: str | None) -> str | None:
    """The canonical codec name of a charset label (the GB family is read as GB18030); None if unknown."""
    if not label:
        return None
    label = label.strip().lower()
    if label in _GB_LABELS:
        return "gb18030"
    try:
        return codecs.lookup(label).name
    except LookupError:
        return None


def _cjk_count(text: str, sample: int = 200_000) -> int:
    return len(_CJK_RE.findall(text, 0, sample))


def _clearly_better(alt: str, text: str) -> bool:
    """Is `alt` real Chinese where `text` (the declared reading) is not?"""
    found = _cjk_count(alt)
    if found < 20 or not _plausible_chinese(alt):
        return False
    return _cjk_count(text) < found / 2 or not _plausible_chinese(text)


_CJK_RE = re.compile("[\u3400-\u9fff]")


def _damaged(data: bytes) -> tuple[str, str]:
    """A file that is almost valid UTF-8 or GB18030 (a few corrupted bytes) is read with U+FFFD in place
    of the bad bytes; anything worse is refused."""
    best: tuple[int, str, str] | None = None
    mojibake = False
    for name in ("utf-8", "gb18030"):
        text = data.decode(name, errors="replace")
        # runs of replacement characters: one damaged byte can spoil a two- or three-byte character
        bad = len(_BAD_RUN_RE.findall(text)) - len(_BAD_RUN_RE.findall(data.decode(name, errors="ignore")))
        if name == "gb18030" and not _plausible_chinese(text):
            mojibake = True
            continue
        if best is None or bad < best[0]:
            best = (bad, text, name)
    if best is None:
        raise DecodeError("mixed")
    bad, text, name = best
    if bad > max(5, len(text) // 500):
        raise DecodeError("mixed" if mojibake or name == "gb18030" else "undecodable")
    return text, f"{name} (damaged)"


def _cut_inside_last_character(data: bytes, exc: UnicodeDecodeError) -> bool:
    return exc.reason == "unexpected end of data" and exc.end == len(data) and len(data) - exc.start < 4


def _plausible_chinese(text: str, sample: int = 20000) -> bool:
    """Is GB18030-decoded text real Chinese rather than the mojibake of another encoding?

    Real GBK/GB2312 documents use the common characters of GB2312 almost exclusively; UTF-8 bytes (or a
    file mixing UTF-8 and GBK) read as GB18030 give mostly rare extension characters.
    """
    cjk = [ch for ch in text[: sample * 4] if ord(ch) >= 0x2E80][:sample]
    if len(cjk) < 20:
        return True
    rare = 0
    for ch in cjk:
        try:
            ch.encode("gb2312")
        except UnicodeEncodeError:
            rare += 1
    return rare / len(cjk) < 0.25


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
