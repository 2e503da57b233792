"""The ASCII85 decoder the PDF reader uses gives exactly what the standard library's gives, on encoded data
and on anything else (where the standard library raises, it raises the same ValueError)."""
from __future__ import annotations

import base64

from hypothesis import given, settings
from hypothesis import strategies as st

from fuzzing import scaled
from linter.document.readers.ascii85 import a85decode


def _standard(data: bytes, **kw):
    try:
        return base64.a85decode(data, **kw)
    except ValueError as exc:
        return type(exc)


def _ours(data: bytes, **kw):
    try:
        return a85decode(data, **kw)
    except ValueError as exc:
        return type(exc)


@settings(max_examples=scaled(300))
@given(st.binary(max_size=400), st.sampled_from([0, 10, 76]))
def test_encoded_data_decodes_as_the_standard_library_decodes_it(raw, wrapcol):
    encoded = base64.a85encode(raw, wrapcol=wrapcol)  # zero groups become `z`
    assert a85decode(encoded) == base64.a85decode(encoded) == raw


@settings(max_examples=scaled(300))
@given(st.binary(max_size=60).map(lambda b: bytes(33 + c % 95 for c in b)))  # printable: digits, z, v-~ …
def test_any_text_decodes_or_fails_as_the_standard_library(text):
    assert _ours(text) == _standard(text)
    assert _ours(text, ignorechars=b" \t\n\r\x0c\x00") == _standard(text, ignorechars=b" \t\n\r\x0c\x00")


def test_a_group_over_two_to_the_32_fails_as_the_standard_library():
    assert _ours(b"uuuuu") == _standard(b"uuuuu") == ValueError
    assert a85decode(b"s8W-!") == base64.a85decode(b"s8W-!") == b"\xff\xff\xff\xff"


def test_data_of_several_blocks_decodes_as_the_standard_library_decodes_it():
    from linter.document.readers import ascii85

    raw = bytes(range(1, 256)) * (5 * ascii85._BLOCK // 255 + 7)  # no zero word: no `z`, the fast form throughout
    encoded = base64.a85encode(raw, wrapcol=76)
    assert len(encoded) > 5 * ascii85._BLOCK + 5
    assert a85decode(encoded) == raw
    assert a85decode(encoded[:-3]) == base64.a85decode(encoded[:-3])  # a last group of two digits


def test_a_group_that_overflows_in_a_later_block_fails_as_the_standard_library():
    from linter.document.readers import ascii85

    text = b"!!!!!" * ascii85._BLOCK + b"s8W-!uuuuu"
    assert _ours(text) == _standard(text) == ValueError
