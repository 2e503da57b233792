"""ASCII85 decoding (ISO 32000-1, 7.4.3) that gives what `base64.a85decode` gives, about three times faster.

PDF writers such as reportlab wrap every content stream in ASCII85, and the reader decodes each twice before
pdfminer or PDFium reads it (the bomb check measures the Flate data inside, the fast path the page's content):
the standard library's decoder, a Python loop over every five characters, was a third of the time a
text-dense PDF took to read.  Here the groups are combined by `map` and packed by `struct` in one call.  Input
the fast form does not cover — a `z` (four zero bytes), characters outside the alphabet, a group that
overflows — goes to the standard library, which decodes it or raises its ValueError.
"""
from __future__ import annotations

import base64
import struct

_ALPHABET = bytes(range(ord("!"), ord("u") + 1))
_OFFSET = 33 * (85 ** 4 + 85 ** 3 + 85 ** 2 + 85 + 1)  # every digit is its character less 33


def a85decode(data: bytes, ignorechars: bytes = b" \t\n\r\x0b") -> bytes:
    """`base64.a85decode(data, ignorechars=ignorechars)` (no Adobe framing: the caller strips `<~`/`~>`)."""
    body = data.translate(None, ignorechars)
    if body.translate(None, _ALPHABET):
        return base64.a85decode(data, ignorechars=ignorechars)
    pad = -len(body) % 5  # a last group of n < 5 digits is padded with u and gives n - 1 bytes
    body += b"u" * pad
    values = map(_group, body[0::5], body[1::5], body[2::5], body[3::5], body[4::5])
    try:
        out = struct.pack(f">{len(body) // 5}I", *values)
    except struct.error:  # a group over 2**32 - 1
        return base64.a85decode(data, ignorechars=ignorechars)
    return out[:len(out) - pad]


def _group(a: int, b: int, c: int, d: int, e: int) -> int:
    return (((a * 85 + b) * 85 + c) * 85 + d) * 85 + e - _OFFSET
