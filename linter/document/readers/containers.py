"""Refuse containers that would cost more to open than they are worth: zip bombs, truncated downloads.

A DOCX is a zip archive and a PDF holds compressed streams.  Both are checked *before* a parser
unpacks anything: the zip central directory (member count, declared sizes, compression ratios) and
the PDF's own framing (header, `%%EOF`) plus a bounded trial inflation of its Flate streams — every layer
of a stream compressed more than once.  The bounds are those of `ReadLimits`, relative to the size limit.
What fails raises `ReadError` with a reason the user can act on, which the engine turns into one `input`
finding.  (The whole-file size limit, `Config.max_bytes`, is applied before any reader runs.)
"""
from __future__ import annotations

import io
import re

from linter.document.limits import ReadLimits
from linter.document.readers import ReadError

MAX_MEMBERS = 2000                  # a report's DOCX has a few dozen parts
MAX_RATIO = 100                     # deflate rarely exceeds 20:1 on real XML; bombs reach 1000:1
RATIO_FLOOR = 1024 * 1024           # members below this size are never called bombs
MAX_LAYERS = 8                      # a stream compressed again and again is a bomb, not a document
_MARKUP_SUFFIXES = (".xml", ".rels", ".vml")


def check_zip(data: bytes, what: str = "DOCX", limits: ReadLimits | None = None) -> None:
    """Raise ReadError unless `data` is a complete zip archive of sane size."""
    import zipfile

    limits = limits or ReadLimits()

    if data.startswith(b"\xd0\xcf\x11\xe0"):
        raise ReadError(f"an old Word 97-2003 (.doc) file named as {what}; save it as .docx first", "format")
    if not data.startswith(b"PK\x03\x04"):
        raise ReadError(f"not a {what} file (no zip signature)", "format")
    try:
        archive = zipfile.ZipFile(io.BytesIO(data))
    except zipfile.BadZipFile as exc:
        raise ReadError(f"damaged or truncated {what} file (incomplete download?): {exc}", "truncated") from exc
    with archive:
        members = archive.infolist()
        if len(members) > MAX_MEMBERS:
            raise ReadError(f"refused: {what} archive has {len(members)} parts (limit {MAX_MEMBERS})", "bomb")
        total = markup = 0
        for info in members:
            total += info.file_size
            if info.filename.lower().endswith(_MARKUP_SUFFIXES):
                markup += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ReadError(f"refused: {what} part {info.filename} expands {ratio:.0f}:1 (zip bomb?)", "bomb")
            if info.header_offset + info.compress_size > len(data):
                raise ReadError(f"damaged or truncated {what} file: part {info.filename} is cut off", "truncated")
        if total > limits.unpacked:
            raise ReadError(f"refused: {what} would unpack to {total} bytes (limit {limits.unpacked})", "bomb")
        if markup > limits.markup:
            raise ReadError(f"refused: the XML of this {what} would unpack to {markup} bytes "
                            f"(limit {limits.markup}, half the size limit)", "bomb")


_STREAM_RE = re.compile(rb"stream\r?\n")


def check_pdf(data: bytes, limits: ReadLimits | None = None) -> None:
    """Raise ReadError unless `data` looks like a complete PDF whose streams inflate to a sane size."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)", "format")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("damaged or truncated PDF file (no %%EOF at the end; incomplete download?)", "truncated")
    budget = (limits or ReadLimits()).inflated
    left = budget
    for m in _STREAM_RE.finditer(data):
        # Every stream is tried: one that is not Flate data fails at once with zlib.error.
        end = data.find(b"endstream", m.end())
        left -= inflated_size(data[m.end(): end if end > 0 else len(data)], left)
        if left < 0:
            raise ReadError(f"refused: PDF streams expand beyond {budget} bytes (decompression bomb?)", "bomb")


def inflated_size(chunk: bytes, budget: int) -> int:
    """How many bytes a Flate stream inflates to, following every layer of a stream compressed again
    (`/Filter [/FlateDecode /FlateDecode]`); stops counting past `budget`.  0 for data that is not Flate."""
    produced = 0
    for _ in range(MAX_LAYERS):
        layer = _inflate(chunk, budget)
        if layer is None:
            return produced
        produced += len(layer)
        if produced > budget:
            return produced
        chunk = layer
    return budget + 1  # more layers than any writer produces


def _inflate(chunk: bytes, budget: int) -> bytes | None:
    """`chunk` inflated, cut after `budget + 1` bytes; None when it is not (even partly) Flate data."""
    import zlib

    inflater = zlib.decompressobj()
    try:
        out = [inflater.decompress(chunk, budget + 1)]
        size = len(out[0])
        while inflater.unconsumed_tail and size <= budget:
            out.append(inflater.decompress(inflater.unconsumed_tail, budget + 1 - size))
            size += len(out[-1])
    except zlib.error:
        return None  # a damaged stream is the extractor's business; it is not a bomb
    return b"".join(out)
