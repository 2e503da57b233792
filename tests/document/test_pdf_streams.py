"""A PDF stream's decoded size, measured once (`containers.check_pdf`) and looked up by the reader.

The bomb check measures every stream before anything is parsed; the fast reader (`pdf_text`) weighs a page by
its content streams' decoded size and takes it from what the check measured (`MeasuredStreams`), decoding a
stream itself only when the check did not measure it.  Both go through the same helpers (`unwrapped`, which
takes an ASCII wrapper off as pdfminer does, and `expanded_size`), so on real streams — reportlab's ASCII85
around Flate, ASCIIHex around Flate, Flate alone — both give what pdfminer decodes, a stream bomb is refused
before it inflates, and a measured size is never handed out for other data.  pdfminer's own streams decode
ASCII85 with the same decoder (`pdf_decoders`), byte for byte and failure for failure as its own.
"""
from __future__ import annotations

import base64
import io
import zlib

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import docgen
import hostile
from conftest import CORPUS
from fuzzing import scaled
from linter.document.readers import ReadError, containers, pdf, pdf_text, read_document

PAGE_TEXT = b"BT /F1 12 Tf 72 760 Td (Annual report 2023, page one) Tj ET\n" * 40
BUDGET = pdf_text.MAX_CONTENT


def _reportlab_pdf() -> bytes:
    """A corpus report drawn by reportlab: every page's content ASCII85 around Flate."""
    name = "2024-huaian-szf.md"
    return docgen.to_pdf(read_document((CORPUS / name).read_bytes(), name))


def _wrapped_pdf(tmp_path, wrapper: str) -> bytes:
    return hostile.ascii_wrapped_pdf(tmp_path / "page.pdf", wrapper, content=PAGE_TEXT).read_bytes()


def _framed_pdf(content: bytes) -> bytes:
    """One page drawn by `content`, Flate data written as ASCII85 with the `<~` and `~>` pdfminer takes off."""
    text = base64.a85encode(zlib.compress(content, 9), wrapcol=76, adobe=True)
    stream = (f"<< /Length {len(text)} /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n".encode() + text
              + b"\nendstream")
    return hostile._stream_page_pdf(stream)


def _flate_pdf(tmp_path) -> bytes:
    return hostile.encoded_pdf(tmp_path / "page.pdf", "FlateDecode", content=PAGE_TEXT).read_bytes()


def _content_streams(data: bytes) -> list:
    """pdfminer's content streams of every page of `data`."""
    import pdfplumber
    from pdfminer.pdftypes import resolve1

    with pdfplumber.open(io.BytesIO(data)) as plumb:
        return [resolve1(s) for page in plumb.pages for s in page.page_obj.contents]


KINDS = {"ASCII85 and Flate (reportlab)": lambda tmp_path: _reportlab_pdf(),
         "ASCIIHex and Flate": lambda tmp_path: _wrapped_pdf(tmp_path, "ASCIIHexDecode"),
         "ASCII85 framed <~ ~>": lambda tmp_path: _framed_pdf(PAGE_TEXT),
         "Flate": _flate_pdf}


@pytest.mark.parametrize("kind", sorted(KINDS))
def test_the_check_and_the_reader_measure_a_real_stream_as_pdfminer_decodes_it(tmp_path, kind):
    data = KINDS[kind](tmp_path)
    measured = containers.check_pdf(data)
    streams = _content_streams(data)
    assert streams
    for stream in streams:
        names = [pdf_text._name(f).encode() for f, _ in stream.get_filters()]
        raw = stream.rawdata
        decoded = len(stream.get_data())
        stream.data, stream.rawdata = None, raw  # measured from its raw data again, as the reader finds it
        assert pdf_text._decoded_size(stream, BUDGET) == decoded  # decoded by the reader itself
        assert measured.size(names, stream.rawdata) == decoded  # what the check measured
        assert pdf_text._decoded_size(stream, BUDGET, measured) == decoded


def test_the_reader_takes_every_page_size_of_a_reportlab_pdf_from_the_check(monkeypatch):
    """No content stream of the dense report is decoded twice: each page's size is the check's."""
    decoded = []
    original = containers.unwrapped
    monkeypatch.setattr(containers, "unwrapped", lambda names, raw: decoded.append(len(raw)) or original(names, raw))
    data = _reportlab_pdf()
    document = pdf.read(data, "x.pdf")
    streams = len(_content_streams(data))
    assert document.page_starts and streams >= 3
    assert len(decoded) == data.count(b"\nstream\n") + data.count(b"endstream\n")  # the check's, one a stream


def test_a_measured_size_is_never_given_for_other_data_or_other_filters(tmp_path):
    data = _reportlab_pdf()
    measured = containers.check_pdf(data)
    stream = _content_streams(data)[0]
    raw, names = stream.rawdata, [b"ASCII85Decode", b"FlateDecode"]
    assert measured.size(names, raw) is not None
    assert measured.size(names, raw[:-1] + b"!") is None
    assert measured.size([b"FlateDecode"], raw) is None
    assert measured.size([b"ASCIIHexDecode", b"FlateDecode"], raw) is None
    assert measured.size(names + [b"FlateDecode"], raw) is None


def _bomb(tmp_path, wrapper: str, framed: bool = False) -> bytes:
    """200 MB of spaces as Flate data in an ASCII wrapper."""
    if framed:
        return _framed_pdf(b" " * (200 << 20))
    return hostile.ascii_wrapped_pdf(tmp_path / "bomb.pdf", wrapper).read_bytes()


@pytest.mark.parametrize("wrapper, framed", [("ASCII85Decode", False), ("ASCIIHexDecode", False),
                                             ("ASCII85Decode", True)])
def test_a_bomb_is_refused_by_the_check_and_the_reader_stops_counting_it(tmp_path, wrapper, framed):
    """A stream bomb is refused before it inflates (pdfminer takes `<~` off an ASCII85 stream: so does the
    check, which let such a bomb through before it measured streams with the reader's helpers); measured by
    the reader, counting stops just past its budget."""
    data = _bomb(tmp_path, wrapper, framed)
    with pytest.raises(ReadError, match="refused: PDF streams expand beyond"):
        containers.check_pdf(data)
    stream = _content_streams(data)[0]
    assert BUDGET < pdf_text._decoded_size(stream, BUDGET) <= BUDGET + (1 << 17)


def test_ascii_data_pdfminer_cannot_decode_is_left_to_pdfplumber_but_measured_by_the_check():
    """Data pdfminer's ASCII85 decoder fails on (a NUL inside) is Unsuitable for the reader, which reads the page
    with pdfplumber, while the check still measures the Flate data inside as a more lenient reader decodes it."""
    packed = base64.a85encode(zlib.compress(b" " * (200 << 20), 9), wrapcol=76)
    names = [b"ASCII85Decode", b"FlateDecode"]
    with pytest.raises(ValueError):
        containers.unwrapped(names, packed[:100] + b"\0" + packed[100:])
    stream = (b"<< /Filter [/ASCII85Decode /FlateDecode] >>\nstream\n" + packed[:100] + b"\0" + packed[100:]
              + b"~>\nendstream")
    with pytest.raises(ReadError, match="refused"):
        containers.check_pdf(hostile._stream_page_pdf(stream))


_FRAMING = st.sampled_from([b"", b"<~", b"~", b" <~ ", b"\n"])
_TAIL = st.sampled_from([b"", b"~>", b"~", b"~>\n", b" ~ > ", b">"])


@settings(max_examples=scaled(300))
@given(st.binary(max_size=120), st.sampled_from([0, 7, 76]), _FRAMING, _TAIL, st.binary(max_size=4))
def test_pdfminer_reads_ascii85_as_its_own_decoder_does(raw, wrapcol, head, tail, noise):
    """pdfminer's streams decode ASCII85 with the bomb check's decoder (`pdf_decoders`): the same bytes as
    pdfminer's own decoder, framed or not, and the same failure where that one fails."""
    from pdfminer.ascii85 import ascii85decode as own

    from linter.document.readers.pdf_decoders import decode_ascii85_faster

    decode_ascii85_faster()
    import pdfminer.pdftypes

    for text in (head + base64.a85encode(raw, wrapcol=wrapcol) + tail, head + noise + tail):
        try:
            expected = own(text)
        except ValueError as exc:
            expected = type(exc)
        try:
            got = pdfminer.pdftypes.ascii85decode(text)
        except ValueError as exc:
            got = type(exc)
        assert got == expected
