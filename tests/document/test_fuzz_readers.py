"""Reader fuzzing: damaged bytes of every readable format end in findings or one `input` finding, never
a traceback, within a time bound per file.

Each registered format needs a sample here (a test checks it), so a new reader is fuzzed from the day it
is registered.  Mutations are seeded (hypothesis draws the seed), so a failure names a reproducible input.
"""
from __future__ import annotations

import io
import random
import subprocess
import tempfile
import time
import zipfile
from functools import lru_cache
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from conftest import CORPUS
from fuzzing import assert_positions_inside, mutate, scaled
from linter.settings.config import Config
from linter.engine.run import READER_FAILURE, lint
from linter.document.readers import READERS

CONFIG = Config()
SECONDS_PER_FILE = 5

@lru_cache(maxsize=None)
def _corpus_document():
    """A corpus report with its three tables, read as a Document (for building DOCX and PDF samples)."""
    from linter.document.readers import read_document

    path = CORPUS / "2024-huaian-szf.md"
    return read_document(path.read_bytes(), str(path))


@lru_cache(maxsize=None)
def docx_sample() -> bytes:
    from docgen import to_docx

    return to_docx(_corpus_document())


@lru_cache(maxsize=None)
def pdf_sample() -> bytes:
    from docgen import to_pdf

    return to_pdf(_corpus_document())


def docx_with_damaged_xml(rnd: random.Random, flips: int) -> bytes:
    """The DOCX sample with word/document.xml damaged and every other part intact."""
    source = zipfile.ZipFile(io.BytesIO(docx_sample()))
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w", compression=zipfile.ZIP_DEFLATED) as out:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                data = mutate(data, rnd, flips)
            out.writestr(info.filename, data)
    return buf.getvalue()


@lru_cache(maxsize=None)
def office_sample(fmt: str) -> bytes:
    """The DOCX sample saved by LibreOffice as `fmt` (.wps: the Word 97 file WPS also writes)."""
    import test_office

    test_office.require(soffice=test_office.SOFFICE)
    with tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "sample.docx"
        source.write_bytes(docx_sample())
        target = "doc" if fmt == "wps" else fmt
        subprocess.run([test_office.SOFFICE, "--headless", "--norestore", f"-env:UserInstallation={Path(tmp, 'p').as_uri()}",
                        "--convert-to", target, "--outdir", tmp, str(source)], check=True, capture_output=True, timeout=120)
        return (Path(tmp) / f"sample.{target}").read_bytes()


def picture_sample() -> bytes:
    """表四 of the corpus report drawn as a PNG (a picture named on the command line is read by OCR)."""
    import io as _io

    from tableimages import render
    from linter.document.model import Table

    t4 = next(b for b in _corpus_document().blocks if isinstance(b, Table) and "复议" in b.rows[0][0].text.text)
    out = _io.BytesIO()
    render(t4).save(out, "PNG")
    return out.getvalue()


SAMPLES = {
    "txt": lambda: (CORPUS / "2024-huaian-szf.txt").read_bytes(),
    "md": lambda: (CORPUS / "2024-huaian-szf.md").read_bytes(),
    "html": lambda: (CORPUS / "2023-shuyang-fgj.html").read_bytes(),
    "docx": docx_sample,
    "pdf": pdf_sample,
    "doc": lambda: office_sample("doc"),
    "wps": lambda: office_sample("wps"),
    "odt": lambda: office_sample("odt"),
    "image": picture_sample,
}
# Formats read through LibreOffice take a second or more per file: fuzzed with a few seeds of their own below.
# Damaged pictures are not fuzzed here: PNG checksums refuse nearly every mutation, and the rare one that
# decodes would be read by OCR, whose seconds do not fit the per-file bound below.
OFFICE = ("doc", "wps", "odt")
FORMATS = sorted(f for f in SAMPLES if f in READERS and f not in OFFICE and f != "image")


def test_every_registered_format_has_a_fuzz_sample():
    assert set(READERS) <= set(SAMPLES)


@pytest.mark.parametrize("fmt", FORMATS)
def test_every_sample_is_readable_before_it_is_damaged(fmt):
    result = lint(SAMPLES[fmt](), f"sample.{fmt}", CONFIG, fmt)
    assert result.error is None and result.findings is not None


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
        data = docx_with_damaged_xml(rnd, flips)
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


@pytest.mark.slow
@pytest.mark.parametrize("fmt", OFFICE)
def test_damaged_office_files(fmt):
    """A damaged .doc/.wps/.odt ends in findings or one input finding within the conversion's time limit."""
    from linter.document.readers import office

    sample = SAMPLES[fmt]()
    assert lint(sample, f"sample.{fmt}", CONFIG, fmt).error is None
    for seed in range(2):
        rnd = random.Random(seed)
        for data in (mutate(sample, rnd, 10), sample[: rnd.randrange(len(sample))]):
            start = time.monotonic()
            result = lint(data, f"fuzz.{fmt}", CONFIG, fmt)
            assert time.monotonic() - start < office.CONVERT_SECONDS + 10
            assert_positions_inside(result)
