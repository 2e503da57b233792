"""Reader fuzzing: damaged bytes of every readable format end in findings or one `input` finding, never
a traceback, within a time bound per file.

Each registered format needs a sample here (a test checks it), so a new reader is fuzzed from the day it
is registered.  Mutations are seeded (hypothesis draws the seed), so a failure names a reproducible input.
"""
from __future__ import annotations

import io
import random
import time
import zipfile

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS, EXAMPLE
from fuzzing import assert_positions_inside, mutate, scaled
from linter.config import Config
from linter.engine import READER_FAILURE, lint
from linter.readers import READERS

CONFIG = Config()
SECONDS_PER_FILE = 5

_DOCX_XML = (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>'
    '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>'
    + "".join(f"<w:p><w:r><w:t>{line}</w:t></w:r></w:p>" for line in EXAMPLE.read_text(encoding="utf-8").splitlines()[:40])
    + "<w:tbl><w:tr><w:tc><w:p><w:r><w:t>本年新收政府信息公开申请数量</w:t></w:r></w:p></w:tc>"
    "<w:tc><w:p><w:r><w:t>12</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:body></w:document>"
)
_CONTENT_TYPES = (
    '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
    '<Default Extension="xml" ContentType="application/xml"/>'
    '<Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/>'
    "</Types>"
)


def docx_bytes(document_xml: bytes) -> bytes:
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as z:
        z.writestr("[Content_Types].xml", _CONTENT_TYPES)
        z.writestr("word/document.xml", document_xml)
    return buf.getvalue()


def pdf_bytes() -> bytes:
    """A one-page PDF with a line of text (Helvetica; enough for a text extractor to find something)."""
    stream = b"BT /F1 12 Tf 72 720 Td (2023 Annual Report) Tj ET"
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595 842] /Contents 4 0 R /Resources << /Font << /F1 5 0 R >> >> >>",
        b"<< /Length %d >>\nstream\n" % len(stream) + stream + b"\nendstream",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
    ]
    out = bytearray(b"%PDF-1.4\n")
    offsets = []
    for i, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % i + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    out += b"".join(b"%010d 00000 n \n" % o for o in offsets)
    out += b"trailer << /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


SAMPLES = {
    "txt": lambda: (CORPUS / "2024-huaian-szf.txt").read_bytes(),
    "md": lambda: (CORPUS / "2024-huaian-szf.md").read_bytes(),
    "html": lambda: (CORPUS / "2023-shuyang-fgj.html").read_bytes(),
    "docx": lambda: docx_bytes(_DOCX_XML.encode("utf-8")),
    "pdf": pdf_bytes,
}
FORMATS = sorted(f for f in SAMPLES if f in READERS)


def test_every_registered_format_has_a_fuzz_sample():
    assert set(READERS) <= set(SAMPLES)


def _lint_bounded(data: bytes, fmt: str):
    start = time.monotonic()
    result = lint(data, f"fuzz.{fmt}", CONFIG, fmt)
    assert time.monotonic() - start < SECONDS_PER_FILE
    assert_positions_inside(result)
    if result.error is not None:
        # an unreadable file is named as such by the reader; READER_FAILURE means an exception escaped it
        assert not result.error.startswith(READER_FAILURE) or fmt in ("docx", "pdf"), result.error
    return result


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=scaled(25))
@given(seed=st.integers(0, 2**32 - 1), flips=st.sampled_from([1, 3, 10, 100]), inner=st.booleans())
def test_mutated_bytes(fmt, seed, flips, inner):
    rnd = random.Random(seed)
    if fmt == "docx" and inner:  # damage word/document.xml inside an intact zip
        data = docx_bytes(mutate(_DOCX_XML.encode("utf-8"), rnd, flips))
    else:
        data = mutate(SAMPLES[fmt](), rnd, flips)
    result = _lint_bounded(data, fmt)
    if fmt in ("txt", "md") and flips <= 3 and b"\0" not in data[:8192]:
        # a few damaged bytes in a UTF-8 report: still read (U+FFFD in their place), not refused
        assert result.error is None, result.error


def test_a_report_with_a_damaged_byte_is_still_read():
    data = bytearray((CORPUS / "2024-huaian-szf.txt").read_bytes())
    data[5000] = 0xFF
    result = lint(bytes(data), "r.txt", CONFIG)
    assert result.error is None
    assert result.encoding == "utf-8 (damaged)"
    assert result.source.count("\ufffd") == 1 and result.source.lstrip().startswith("淮安市人民政府")
    assert "STRUCT-TITLE-LINE" not in {f.rule for f in result.findings}


@pytest.mark.parametrize("fmt", FORMATS)
@settings(max_examples=scaled(15))
@given(seed=st.integers(0, 2**32 - 1))
def test_truncated_bytes(fmt, seed):
    data = SAMPLES[fmt]()
    _lint_bounded(data[: random.Random(seed).randrange(len(data) + 1)], fmt)


ENCODINGS = ["utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16", "utf-16-le", "utf-16-be", "big5", "shift_jis",
             "latin-1", "cp1252", "euc-kr"]
SUPPORTED = {"utf-8", "utf-8-sig", "gbk", "gb18030", "utf-16"}


@settings(max_examples=scaled(40))
@given(name=st.sampled_from(sorted(p.name for p in CORPUS.glob("*.txt"))), encoding=st.sampled_from(ENCODINGS),
       fmt=st.sampled_from(["txt", "md"]))
def test_random_encodings(name, encoding, fmt):
    text = (CORPUS / name).read_text(encoding="utf-8")
    data = text.encode(encoding, errors="replace")
    result = _lint_bounded(data, fmt)
    if encoding in SUPPORTED:
        assert result.error is None and result.source == text
