"""Fuzzing the defences of issue 19: what an attacker controls — the bytes of an LSP stream, the text that
reaches a terminal, an XML report or a spreadsheet, compressed layers, invisible characters in numbers —
drawn at random (hypothesis; `HYPOTHESIS_PROFILE=long` for the documented long run, docs/fuzzing.md)."""
from __future__ import annotations

import io
import re
import zlib
from xml.sax.saxutils import escape

from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from fuzzing import scaled
import hostile
from linter.document.model import INVISIBLE_CHARS
from linter.document.readers.containers import inflated_size
from linter.engine.findings import FileResult, Finding
from linter.lsp.framing import MAX_HEADER_BYTES, FrameError, FrameReader
from linter.output.escapes import terminal_safe, xml_safe
from linter.output.rows import neutralised


def _frame(body: bytes) -> bytes:
    return b"Content-Length: %d\r\n\r\n" % len(body) + body


def _frames(stream: bytes, max_body: int = 4096) -> tuple[list[bytes], int]:
    """Every body the reader returns, and the most it ever held in its buffer."""
    reader = FrameReader(io.BytesIO(stream), max_body)
    bodies, held = [], 0
    for _ in range(len(stream) + 2):
        try:
            body = reader.next_frame()
        except FrameError:
            continue
        finally:
            held = max(held, len(reader.buffer))
        if body is None:
            return bodies, held
        bodies.append(body)
    raise AssertionError("the reader did not reach the end of the stream")


HEADERISH = st.sampled_from([b"Content-Length: ", b"content-length:", b"\r\n", b"\n", b"\r\n\r\n", b"-1", b"99999999999999999999",
                             b"Content-Type: x", b"{", b"}", b":", b" "])
noise = st.lists(st.one_of(st.binary(max_size=40), HEADERISH), max_size=30).map(b"".join)
bodies = st.binary(min_size=1, max_size=300).filter(lambda b: b"ontent-" not in b.lower())


@settings(max_examples=scaled(200))
@given(st.lists(st.one_of(noise, bodies.map(_frame)), max_size=8))
def test_any_byte_stream_is_framed_without_an_error_escaping_and_in_bounded_memory(parts):
    stream = b"".join(parts)
    _, held = _frames(stream)
    assert held <= 4096 + MAX_HEADER_BYTES + (1 << 16) + 64


@settings(max_examples=scaled(200))
@given(st.binary(max_size=200).filter(lambda b: not re.search(rb"(?i)content-length|\n", b)), bodies)
def test_a_valid_message_after_garbage_is_found_again(garbage, body):
    got, _ = _frames(garbage + b"\r\n" + _frame(body) + _frame(b"{}"))
    assert got[-2:] == [body, b"{}"]


@settings(max_examples=scaled(300))
@given(st.text(max_size=200))
def test_terminal_text_holds_no_control_character_and_keeps_its_width(text):
    safe = terminal_safe(text)
    assert len(safe) == len(text)
    assert not re.search("[\x00-\x08\x0b-\x1f\x7f-\x9f]", safe)


@settings(max_examples=scaled(300))
@given(st.text(max_size=200), st.text(max_size=50))
def test_junit_is_well_formed_for_any_message_and_path(message, path):
    import xml.etree.ElementTree as ET

    from linter.output import render
    from linter.output.options import OutputOptions

    finding = Finding(rule="WORD-X", category="wording", severity="warning", message=message, line=1, column=1,
                      end_line=1, end_column=2, basis=message)
    out = render("junit", [FileResult(path=path or "x", format="txt", findings=[finding])], {}, OutputOptions())
    ET.fromstring(out.encode("utf-8"))
    ET.fromstring(f"<a>{escape(xml_safe(message))}</a>".encode("utf-8"))


@settings(max_examples=scaled(300))
@given(st.one_of(st.text(max_size=40), st.integers(), st.none()))
def test_no_spreadsheet_cell_starts_a_formula(value):
    cell = neutralised(value)
    if isinstance(cell, str) and cell.startswith(("=", "+", "-", "@", "\t", "\r")):
        assert re.fullmatch(r"[-+]?\d+(?:\.\d+)?", cell)  # a plain number stays a number


@settings(max_examples=scaled(100))
@given(st.binary(max_size=2000), st.integers(0, 4), st.integers(1, 10_000))
def test_inflated_size_follows_every_layer_and_never_raises(data, layers, budget):
    packed = data
    for _ in range(layers):
        packed = zlib.compress(packed)
    size = inflated_size(packed, budget)
    assert 0 <= size <= budget + (1 << 16) + 1
    if layers and len(data) <= budget and not (data[:2] and _looks_zlib(data)):
        assert size == len(data)
    inflated_size(packed[: len(packed) // 2], budget)  # a cut stream: no error either


@settings(max_examples=scaled(200))
@given(st.binary(max_size=600), st.booleans())
def test_lzw_data_is_measured_as_pdfminer_decodes_it(data, clear_first):
    """The bomb check decodes LZW itself (pdfminer's decoder reads a bit at a time); whatever the bytes —
    encoded text or damage — it gives what pdfminer gives, where pdfminer gives anything."""
    from pdfminer.lzw import lzwdecode

    from linter.document.readers.containers import _lzw_pieces

    for coded in (hostile._lzw_encode(data), (b"\x80" if clear_first else b"") + data):
        try:
            expected = lzwdecode(coded)
        except Exception:  # noqa: BLE001 - pdfminer fails on a first code its empty table lacks
            expected = None
        got = b"".join(_lzw_pieces(iter([coded])))
        if expected is not None:
            assert got == expected
    assert b"".join(_lzw_pieces(iter([hostile._lzw_encode(data)]))) == data


@settings(max_examples=scaled(200))
@given(st.binary(max_size=600), st.booleans())
def test_pdfminer_reads_lzw_data_as_its_own_decoder_does(data, clear_first):
    """pdfminer's streams decode LZW with the bomb check's decoder (`pdf_decoders`): the same bytes as pdfminer's
    own decoder, and the same failure where that one fails."""
    from pdfminer.lzw import lzwdecode as own

    from linter.document.readers.pdf_decoders import decode_lzw_faster

    decode_lzw_faster()
    import pdfminer.pdftypes

    for coded in (hostile._lzw_encode(data), (b"\x80" if clear_first else b"") + data):
        try:
            expected = own(coded)
        except Exception as exc:  # noqa: BLE001 - a first code its empty table lacks
            expected = type(exc)
        try:
            got = pdfminer.pdftypes.lzwdecode(coded)
        except Exception as exc:  # noqa: BLE001
            got = type(exc)
        assert got == expected


def _looks_zlib(data: bytes) -> bool:
    return len(data) >= 2 and data[0] & 0x0F == 8 and data[0] >> 4 <= 7 and ((data[0] << 8) | data[1]) % 31 == 0


REPORT = (CORPUS / "2024-huaian-szf.md").read_text(encoding="utf-8")
BETWEEN_DIGITS = [i for i in range(1, len(REPORT)) if REPORT[i - 1].isdigit() and REPORT[i].isdigit()]


@settings(max_examples=scaled(15))
@given(st.lists(st.tuples(st.sampled_from(BETWEEN_DIGITS), st.text(st.sampled_from(INVISIBLE_CHARS), min_size=1,
                                                                     max_size=3)), min_size=1, max_size=6))
def test_invisible_characters_in_numbers_change_no_number_and_each_is_reported(insertions):
    from linter.engine.run import lint
    from linter.settings.config import Config

    text = REPORT
    places = {}
    for at, chars in insertions:
        places[at] = places.get(at, "") + chars
    for at in sorted(places, reverse=True):
        text = text[:at] + places[at] + text[at:]
    clean = lint(REPORT.encode("utf-8"), "r.md", Config())
    dirty = lint(text.encode("utf-8"), "r.md", Config())
    rules = lambda r: sorted((f.rule, f.line) for f in r.findings if f.rule != "INPUT-INVISIBLE-CHAR")  # noqa: E731
    assert rules(dirty) == rules(clean)
    assert sum(f.rule == "INPUT-INVISIBLE-CHAR" for f in dirty.findings) == len(places)
