"""Refuse containers that would cost more to open than they are worth: zip bombs, truncated downloads.

A DOCX is a zip archive and a PDF holds compressed streams.  Both are checked *before* a parser
unpacks anything: the zip central directory (member count, declared sizes, compression ratios) and
the PDF's own framing (header, `%%EOF`) plus a bounded trial inflation of its Flate streams.  What fails
raises `ReadError` with a reason the user can act on, which the engine turns into one `input` finding.
(The whole-file size limit, `Config.max_bytes`, is applied by the engine before any reader runs.)
"""
from __future__ import annotations

import io
import re

from linter.document.readers import ReadError

MAX_MEMBERS = 2000                  # a report's DOCX has a few dozen parts
MAX_UNPACKED = 200 * 1024 * 1024    # total bytes a container may expand to
MAX_RATIO = 100                     # deflate rarely exceeds 20:1 on real XML; bombs reach 1000:1
RATIO_FLOOR = 1024 * 1024           # members below this size are never called bombs


def check_zip(data: bytes, what: str = "DOCX") -> None:
    """Raise ReadError unless `data` is a complete zip archive of sane size."""
    import zipfile

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
        total = 0
        for info in members:
            total += info.file_size
            ratio = info.file_size / max(info.compress_size, 1)
            if info.file_size > RATIO_FLOOR and ratio > MAX_RATIO:
                raise ReadError(f"refused: {what} part {info.filename} expands {ratio:.0f}:1 (zip bomb?)", "bomb")
            if info.header_offset + info.compress_size > len(data):
                raise ReadError(f"damaged or truncated {what} file: part {info.filename} is cut off", "truncated")
        if total > MAX_UNPACKED:
            raise ReadError(f"refused: {what} would unpack to {total} bytes (limit {MAX_UNPACKED})", "bomb")


_STREAM_RE = re.compile(rb"stream\r?\n")


def check_pdf(data: bytes) -> None:
    """Raise ReadError unless `data` looks like a complete PDF whose streams inflate to a sane size."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)", "format")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("damaged or truncated PDF file (no %%EOF at the end; incomplete download?)", "truncated")
    import zlib

    budget = MAX_UNPACKED
    for m in _STREAM_RE.finditer(data):
        # Every stream is tried: one that is not Flate data fails at once with zlib.error.
        end = data.find(b"endstream", m.end())
        chunk = data[m.end(): end if end > 0 else len(data)]
        inflater = zlib.decompressobj()
        try:
            produced = len(inflater.decompress(chunk, budget + 1))
            while inflater.unconsumed_tail and produced <= budget:
                produced += len(inflater.decompress(inflater.unconsumed_tail, budget + 1 - produced))
        except zlib.error:
            continue  # a damaged stream is the extractor's business; it is not a bomb
        budget -= produced
        if budget < 0:
            raise ReadError(f"refused: PDF streams expand beyond {MAX_UNPACKED} bytes (decompression bomb?)", "bomb")
