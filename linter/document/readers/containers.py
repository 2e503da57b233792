"""Refuse containers that would cost more to open than they are worth: zip bombs, truncated downloads.

A DOCX is a zip archive and a PDF holds compressed streams.  Both are checked *before* a parser
unpacks anything: the zip central directory (member count, declared sizes, compression ratios) and
the PDF's own framing (header, `%%EOF`) plus a bounded trial decoding of its Flate, LZW and run-length
streams — every layer of a stream compressed more than once, and under an ASCII wrapper.  The bounds are
those of `ReadLimits`, relative to the size limit.
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


_STREAM_RE = re.compile(rb"stream(?:\r\n|\r|\n)")  # the end of line after `stream`: pdfminer reads a lone CR as one


def check_pdf(data: bytes, limits: ReadLimits | None = None) -> "MeasuredStreams":
    """Raise ReadError unless `data` looks like a complete PDF whose streams inflate to a sane size; the sizes
    of the page-content-like streams it measured, for the reader (`MeasuredStreams`)."""
    if b"%PDF-" not in data[:1024]:
        raise ReadError("not a PDF file (no %PDF header)", "format")
    if b"%%EOF" not in data[-2048:]:
        raise ReadError("damaged or truncated PDF file (no %%EOF at the end; incomplete download?)", "truncated")
    budget = (limits or ReadLimits()).inflated
    left = budget
    measured = MeasuredStreams()
    for m in _STREAM_RE.finditer(data):
        # Every stream is tried: one that is not Flate data fails at once with zlib.error.
        end = data.find(b"endstream", m.end())
        before = data[max(0, m.start() - _DICT_REACH): m.start()]
        filters = before[before.rfind(b"obj") + 1:]  # this object's dictionary, nested ones (/DecodeParms) included
        names = _FILTER_NAMES.findall(filters)
        raw = data[m.end(): end if end > 0 else len(data)]
        try:
            chunk, exact = unwrapped(names, raw), True
        except ValueError:  # not as pdfminer decodes it: as much of it as any reader could decode
            chunk, exact = _unwrapped_leniently(names, raw), False
        size = expanded_size(names, chunk, left)
        left -= size
        if left < 0:
            raise ReadError(f"refused: PDF streams expand beyond {budget} bytes (decompression bomb?)", "bomb")
        if exact:
            measured.add(names, raw, size)
    return measured


_DICT_REACH = 512  # how far before `stream` its dictionary's filters are looked for
_FILTER_NAMES = re.compile(rb"/(ASCII85Decode|A85|ASCIIHexDecode|AHx|FlateDecode|Fl|LZWDecode|LZW|RunLengthDecode|RL)"
                           rb"\b")
_ASCII85 = (b"ASCII85Decode", b"A85")
_ASCII_HEX = (b"ASCIIHexDecode", b"AHx")
_FLATE = (b"FlateDecode", b"Fl")


class MeasuredStreams:
    """What the bomb check measured of the streams a page's content usually is (Flate data, under an ASCII
    wrapper or not), so that the reader need not decode them again to weigh a page: each stream's decoded size
    by its filters and a digest of its data.  The check reads a stream up to `endstream`, pdfminer as far as
    its /Length, which leaves out the end of line before `endstream`: a stream is known with it and without."""

    def __init__(self) -> None:
        self._sizes: dict[tuple, int] = {}

    def add(self, names: list[bytes], raw: bytes, size: int) -> None:
        if _content_filters(names):
            self._sizes[_stream_key(names, raw)] = size
            for end in (b"\r\n", b"\n", b"\r"):
                if raw.endswith(end):
                    self._sizes[_stream_key(names, raw[:-len(end)])] = size
                    break

    def size(self, names: list[bytes], raw: bytes) -> int | None:
        """The decoded size of a stream with these filters and data, when the check measured it."""
        return self._sizes.get(_stream_key(names, raw)) if self._sizes and _content_filters(names) else None


def _content_filters(names: list[bytes]) -> bool:
    """Flate data, or Flate data under one ASCII wrapper: `expanded_size` measures all of it."""
    return 0 < len(names) <= 2 and names[-1] in _FLATE and all(n in _ASCII85 + _ASCII_HEX for n in names[:-1])


def _stream_key(names: list[bytes], raw: bytes) -> tuple:
    import hashlib

    return tuple(names), len(raw), hashlib.blake2b(raw, digest_size=16).digest()


def expanded_size(names: list[bytes], chunk: bytes, left: int) -> int:
    """How many bytes a stream's data (its ASCII wrapper taken off, `unwrapped`) decodes to through its
    expanding filters (Flate, LZW, run-length) among `names`, in order, stopping past `left`.  Flate alone is
    measured as `inflated_size` does (every layer, named or not: 0 for data that is not Flate).  LZW (up to
    about 2 700:1) and run-length data (up to 64:1) are decoded piece by piece and counted; a layer between
    two filters counts too, since the reader holds each layer whole."""
    names = [n for n in names if n in _DECODERS]
    if all(n in _FLATE for n in names):
        return inflated_size(chunk, left)
    pieces, between = iter([chunk]), []
    for name in names[:-1]:  # each layer is held whole by the reader: measured too, and not read past `left`
        between.append(_Counted(_DECODERS[name](pieces), left))
        pieces = iter(between[-1])
    if names[-1] in _FLATE:
        size = max(0, _layer_size(pieces, left, 1))
    else:
        size = _drain(_DECODERS[names[-1]](pieces), left)
    return max([size] + [layer.count for layer in between])


class _Counted:
    """Pieces passed on and counted, ending once more than `left` bytes have passed."""

    def __init__(self, pieces, left: int) -> None:
        self.pieces, self.left, self.count = pieces, left, 0

    def __iter__(self):
        import zlib

        try:
            for piece in self.pieces:
                self.count += len(piece)
                yield piece
                if self.count > self.left:
                    return
        except zlib.error:  # a damaged layer ends where it breaks
            return


def _run_length_pieces(pieces):
    """Run-length data (ISO 32000-1, 7.4.5) decoded piece by piece: a length byte n < 128 copies the next
    n + 1 bytes, n > 128 repeats the next byte 257 - n times, 128 ends the data."""
    data = b"".join(pieces)  # the compressed data: at most the file
    out, i = bytearray(), 0
    while i < len(data):
        n = data[i]
        if n == 128:
            break
        if n < 128:
            out += data[i + 1: i + 2 + n]
            i += n + 2
        else:
            out += data[i + 1: i + 2] * (257 - n)
            i += 2
        if len(out) >= _PIECE:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


_LZW_WIDER = {511: 10, 1023: 11, 2047: 12}  # table length → the width of the codes that follow


class _UnknownFirstCode(Exception):
    """LZW data whose first code (after a clear) is not in the table: pdfminer's decoder fails there."""


def lzw_decode(data: bytes) -> bytes | None:
    """LZW data decoded as pdfminer's `lzwdecode` decodes it, or None where pdfminer's would fail."""
    try:
        return b"".join(_lzw_pieces([data], strict=True))
    except _UnknownFirstCode:
        return None


def _lzw_pieces(pieces, strict: bool = False):
    """LZW data decoded piece by piece, code for code as pdfminer's decoder (the one that will read the page)
    decodes it: 9- to 12-bit codes, wider one code early, 256 clears the table, 257 is passed over, and the
    data ends at a code the table cannot have yet or where the bits run out.  (pdfminer's own decoder reads a
    bit at a time: 8 s per MB.)  A first code the table does not hold ends the data too, or with `strict`
    raises `_UnknownFirstCode` (pdfminer's decoder fails on it)."""
    data = b"".join(pieces) + b"\0\0"  # the compressed data: at most the file; two bytes so every code has 3
    end_bit, from_bytes = (len(data) - 2) * 8, int.from_bytes
    table: list[bytes] = []
    previous, width, at, out = b"", 9, 0, bytearray()
    while at + width <= end_bit:
        i = at >> 3
        code = (from_bytes(data[i:i + 3], "big") >> (24 - (at & 7) - width)) & ((1 << width) - 1)
        at += width
        if code == 256:
            table = [bytes((c,)) for c in range(256)] + [b"", b""]
            previous, width = b"", 9
            continue
        if code == 257:
            continue
        if not previous:
            if code >= len(table):  # a first code the table does not hold (pdfminer fails on it)
                if strict:
                    raise _UnknownFirstCode
                break
            x = previous = table[code]
        else:
            if code < len(table):
                x = table[code]
                table.append(previous + x[:1])
            elif code == len(table):
                x = previous + previous[:1]
                table.append(x)
            else:
                break
            if len(table) in _LZW_WIDER:
                width = _LZW_WIDER[len(table)]
            previous = x
        out += x
        if len(out) >= _PIECE:
            yield bytes(out)
            out.clear()
    if out:
        yield bytes(out)


def unwrapped(names: list[bytes], data: bytes) -> bytes:
    """A stream's data with its ASCII wrapper (`/Filter [/ASCII85Decode /FlateDecode]`, or /ASCIIHexDecode) taken
    off as pdfminer takes it off, ValueError where pdfminer's decoder fails; the data as it is without one.
    The decoded data is smaller than the stream (4:5 or 1:2)."""
    if any(n in _ASCII85 for n in names):
        return ascii85_decoded(data)
    if any(n in _ASCII_HEX for n in names):
        return _hex_decoded(data)
    return data


_A85_START = re.compile(rb"^\s*<?\s*~\s*")


def ascii85_decoded(data: bytes) -> bytes:
    """pdfminer's `ascii85decode` (a leading `<~` or `~` and a trailing `~` or `~>` taken off), with the faster
    decoder."""
    from linter.document.readers.ascii85 import a85decode

    return a85decode(_without_a85_end(_A85_START.sub(b"", data)))


def _without_a85_end(data: bytes) -> bytes:
    """`data` less a trailing `~` or `~>` and the white space around it, as pdfminer's `\\s*~\\s*>?\\s*$` takes
    them off (a regular expression anchored at the end is tried at every position: a third of the decoding)."""
    body = data.rstrip()
    if body.endswith(b">"):
        body = body[:-1].rstrip()
    return body[:-1].rstrip() if body.endswith(b"~") else data


_BLANK = re.compile(rb"\s")


def _hex_decoded(data: bytes) -> bytes:
    """pdfminer's `asciihexdecode`: white space skipped, `>` ends the data (an odd last digit is followed by 0)."""
    import binascii

    data = _BLANK.sub(b"", data)
    end = data.find(b">")
    if end != -1:
        data = data[:end] + (b"0" if end % 2 else b"")
    return binascii.unhexlify(data)


def _unwrapped_leniently(names: list[bytes], chunk: bytes) -> bytes:
    """A stream's data with an ASCII wrapper pdfminer would fail on taken off as far as a more lenient reader
    (PDFium) decodes it — ASCII85 from a leading `<~` up to its first `~`, NULs skipped; hex data ending at `>`,
    an odd digit completed — so that the data inside is measured like any other; the data as it is when
    that fails too."""
    import binascii

    from linter.document.readers.ascii85 import a85decode

    try:
        if any(n in _ASCII85 for n in names):
            body = _A85_START.sub(b"", chunk.strip())
            body = body[:body.find(b"~")] if b"~" in body else body
            return a85decode(body, ignorechars=b" \t\n\r\x0b\x0c\x00")
        if any(n in _ASCII_HEX for n in names):
            body = chunk.split(b">", 1)[0]
            body = re.sub(rb"\s+", b"", body)
            return binascii.unhexlify(body + b"0" * (len(body) % 2))
    except (ValueError, binascii.Error):
        return chunk
    return chunk


def inflated_size(chunk: bytes, budget: int) -> int:
    """How many bytes a Flate stream inflates to, following every layer of a stream compressed again
    (`/Filter [/FlateDecode /FlateDecode]`); 0 for data that is not Flate.  Layers are inflated piece by
    piece, one into the next, so memory stays a few pieces whatever the stream inflates to; counting
    stops past `budget`."""
    return max(0, _layer_size(iter([chunk]), budget, 1))


_PIECE = 1 << 16


def _layer_size(pieces, budget: int, depth: int) -> int:
    """Bytes the compressed `pieces` inflate to through this and any inner layer; -1 when they are not Flate."""
    import itertools
    import zlib

    layer = _inflate(pieces)
    try:
        first = next(layer, b"")
    except zlib.error:
        return -1
    if _zlib_header(first):
        if depth >= MAX_LAYERS:
            return budget + 1  # more layers than any writer produces
        inner = _layer_size(itertools.chain([first], layer), budget, depth + 1)
        if inner >= 0:
            return inner
    return len(first) + _drain(layer, budget - len(first))


def _inflate(pieces):
    """The inflated data of compressed `pieces`, in pieces of at most `_PIECE` bytes."""
    import zlib

    inflater = zlib.decompressobj()
    for data in pieces:
        while data and not inflater.eof:
            out = inflater.decompress(data, _PIECE)
            if out:
                yield out
            data = inflater.unconsumed_tail
        if inflater.eof:
            return


def _drain(layer, left: int) -> int:
    """Bytes left in an inflating layer (a damaged stream counts up to where it breaks), stopping past `left`."""
    import zlib

    count = 0
    try:
        for piece in layer:
            count += len(piece)
            if count > left:
                break
    except zlib.error:
        pass
    return count


def _zlib_header(data: bytes) -> bool:
    """Does `data` start like a zlib stream (deflate, a valid header checksum)?"""
    return len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and ((data[0] << 8) | data[1]) % 31 == 0


# each expanding filter's decoder, by its names (full and abbreviated)
_DECODERS = {b"FlateDecode": _inflate, b"Fl": _inflate, b"LZWDecode": _lzw_pieces, b"LZW": _lzw_pieces,
             b"RunLengthDecode": _run_length_pieces, b"RL": _run_length_pieces}
