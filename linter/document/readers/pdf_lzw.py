"""LZW content decoded for pdfminer by the bomb check's decoder (`containers.lzw_decode`).

pdfminer's own LZW decoder reads the data a bit at a time and logs every code: about 8 s per MB of
compressed data, so a 1 MB stream of LZW data costs four times the file's time budget before its page is
even read.  The bomb check already decodes LZW code for code as pdfminer does, five times faster;
`decode_lzw_faster` has pdfminer use it.  Where pdfminer's decoder would fail (a first code the table does
not hold), pdfminer's own runs and fails the same way.  Installed once per process, when the PDF reader
first imports pdfplumber.
"""
from __future__ import annotations

_INSTALLED = "_report_lint_decodes_lzw"


def decode_lzw_faster() -> None:
    """Install the faster decoder as the `lzwdecode` of pdfminer's streams (idempotent)."""
    import pdfminer.pdftypes

    from linter.document.readers.containers import lzw_decode

    plain = pdfminer.pdftypes.lzwdecode
    if getattr(plain, _INSTALLED, False):
        return

    def lzwdecode(data: bytes) -> bytes:
        decoded = lzw_decode(data)
        return plain(data) if decoded is None else decoded

    lzwdecode.__doc__ = plain.__doc__
    setattr(lzwdecode, _INSTALLED, True)
    pdfminer.pdftypes.lzwdecode = lzwdecode
