"""pdfminer's map from a predefined CID encoding to Unicode, loaded when a character is first mapped
(`linter/document/readers/pdf_cmaps.py`): a PDF whose pages PDFium reads never loads it, pdfplumber's pages
read the same characters with it, and an encoding without a map leaves a character unmapped as before."""
from __future__ import annotations

import io

import pytest

from linter.document.readers import pdf
from linter.document.readers.pdf_cmaps import LazyUnicodeMap, load_unicode_maps_lazily

TEXT = "政府信息公开工作年度报告"


def _song_pdf() -> bytes:
    """Two lines of Chinese in the unembedded CID font STSong-Light (encoding Adobe-GB1), as reportlab draws them."""
    from reportlab.pdfbase import pdfmetrics
    from reportlab.pdfbase.cidfonts import UnicodeCIDFont
    from reportlab.pdfgen import canvas

    pdfmetrics.registerFont(UnicodeCIDFont("STSong-Light"))
    out = io.BytesIO()
    page = canvas.Canvas(out)
    page.setFont("STSong-Light", 12)
    page.drawString(72, 700, TEXT)
    page.drawString(72, 680, "一、总体情况")
    page.save()
    return out.getvalue()


@pytest.fixture
def no_maps_loaded(monkeypatch):
    """pdfminer's cache of loaded maps, empty for the test (other tests of this process may have loaded some)."""
    from pdfminer.cmapdb import CMapDB

    load_unicode_maps_lazily()
    cache: dict = {}
    monkeypatch.setattr(CMapDB, "_umap_cache", cache)
    return cache


def test_pdfplumbers_pages_read_the_characters_through_the_map_it_loads(no_maps_loaded):
    document = pdf.read(_song_pdf(), "x.pdf", fast=False)
    assert [b.text.text for b in document.blocks] == [TEXT, "一、总体情况"]
    assert "Adobe-GB1" in no_maps_loaded


def test_pages_pdfium_reads_load_no_map(no_maps_loaded, monkeypatch):
    from linter.document.readers import pdf_text

    taken = []
    original = pdf_text.FastReader.page_lines
    monkeypatch.setattr(pdf_text.FastReader, "page_lines",
                        lambda self, index, page: taken.append(original(self, index, page)) or taken[-1])
    document = pdf.read(_song_pdf(), "x.pdf")
    assert [b.text.text for b in document.blocks] == [TEXT, "一、总体情况"]
    if taken[0] is None:
        pytest.skip("PDFium has no CJK font here to stand in for STSong-Light: the page is pdfplumber's")
    assert "Adobe-GB1" not in no_maps_loaded


def test_a_map_loads_once_and_maps_as_pdfminers_own(no_maps_loaded):
    from pdfminer.cmapdb import CMapDB

    lazy = CMapDB.get_unicode_map("Adobe-GB1", False)
    assert isinstance(lazy, LazyUnicodeMap) and not no_maps_loaded
    first = lazy.get_unichr(4559)  # a CID of the Adobe-GB1 character collection
    loaded = CMapDB.get_unicode_map("Adobe-GB1", False)
    assert not isinstance(loaded, LazyUnicodeMap) and loaded.get_unichr(4559) == first
    assert CMapDB.get_unicode_map("Adobe-GB1", True) is no_maps_loaded["Adobe-GB1"][1]


def test_an_encoding_without_a_map_leaves_its_characters_unmapped_as_before(no_maps_loaded):
    from pdfminer.pdffont import PDFCIDFont, PDFUnicodeNotDefined
    from pdfminer.pdfinterp import PDFResourceManager
    from pdfminer.psparser import LIT

    spec = {"BaseFont": LIT("Nothing"), "Encoding": LIT("Identity-H"),
            "CIDSystemInfo": {"Registry": b"Adobe", "Ordering": b"Nothing", "Supplement": 0}}
    font = PDFCIDFont(PDFResourceManager(), spec)
    assert isinstance(font.unicode_map, LazyUnicodeMap)
    with pytest.raises(PDFUnicodeNotDefined):
        font.to_unichr(17)
    with pytest.raises(PDFUnicodeNotDefined):  # asked again: no second attempt to load it
        font.to_unichr(18)
