"""PDFium's reading of a page runs with the cyclic collector paused (`pdf.collector_paused`): the document
read is the same as with the collector running, the collector runs again after every page — one PDFium
gives to pdfplumber, one that fails, the whole file — and a file read without PDFium never pauses it."""
from __future__ import annotations

import contextlib
import gc

import pytest

import docgen
import hostile
from conftest import CORPUS
from linter.document.readers import pdf, read_document


def _shape(doc) -> tuple:
    return doc.source, doc.page_starts, repr(doc.blocks)


@pytest.fixture
def ruled_pdf(tmp_path) -> bytes:
    return hostile.ruled_tables_pdf(tmp_path / "tables.pdf", copies=3).read_bytes()


def _pdfium_reads_its_pages() -> None:
    """The file's pages are PDFium's only where a system font stands in for its unembedded CJK font."""
    if not docgen.pdfium_draws_unembedded_cjk():
        pytest.skip("without a stand-in for the unembedded CJK font PDFium reads no ruled page")


def test_a_pdf_reads_the_same_with_the_collector_running(ruled_pdf, monkeypatch):
    corpus = docgen.to_pdf(read_document((CORPUS / "2024-huaian-szf.md").read_bytes(), "2024-huaian-szf.md"))
    for data in (ruled_pdf, corpus):
        paused = _shape(pdf.read(data, "x.pdf"))
        with monkeypatch.context() as m:
            m.setattr(pdf, "collector_paused", lambda pause: contextlib.nullcontext())
            running = _shape(pdf.read(data, "x.pdf"))
        assert paused == running


def test_the_collector_is_paused_only_while_pdfium_reads_a_page(ruled_pdf, monkeypatch):
    _pdfium_reads_its_pages()
    seen = {"fast": [], "pdfplumber": []}
    quick, slow = pdf._quick_items, pdf._read_page

    def quick_spy(answer, page):
        seen["fast"].append(gc.isenabled())
        return quick(answer, page) if len(seen["fast"]) % 2 else None   # every other page left to pdfplumber

    def slow_spy(page, pictures=False):
        seen["pdfplumber"].append(gc.isenabled())
        return slow(page, pictures)

    monkeypatch.setattr(pdf, "_quick_items", quick_spy)
    monkeypatch.setattr(pdf, "_read_page", slow_spy)
    assert gc.isenabled()
    pdf.read(ruled_pdf, "x.pdf")
    assert gc.isenabled()
    assert seen["fast"] and not any(seen["fast"])
    assert seen["pdfplumber"] and all(seen["pdfplumber"])
    seen["fast"].clear(), seen["pdfplumber"].clear()
    pdf.read(ruled_pdf, "x.pdf", fast=False)
    assert not seen["fast"] and all(seen["pdfplumber"]) and gc.isenabled()


def test_the_collector_runs_again_after_a_page_that_fails(ruled_pdf, monkeypatch):
    _pdfium_reads_its_pages()
    def failing(answer, page):
        raise RuntimeError("a page PDFium cannot read")

    monkeypatch.setattr(pdf, "_quick_items", failing)
    with pytest.raises(Exception):
        pdf.read(ruled_pdf, "x.pdf")
    assert gc.isenabled()


def test_a_collector_already_paused_stays_paused(ruled_pdf):
    gc.disable()
    try:
        pdf.read(ruled_pdf, "x.pdf")
        assert not gc.isenabled()
    finally:
        gc.enable()
