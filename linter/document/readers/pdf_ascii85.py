"""ASCII85 content decoded for pdfminer by the bomb check's decoder (`containers.ascii85_decoded`).

pdfminer decodes ASCII85 with the standard library's `base64.a85decode`, a Python loop over every five
characters: a tenth of a second per MB of the content of the pages pdfplumber reads, which writers such as
reportlab wrap in ASCII85.  The bomb check's decoder takes pdfminer's framing off the same way and gives the
same bytes, or raises the same ValueError, several times faster; `decode_ascii85_faster` has pdfminer's
streams use it.  Installed once per process, when the PDF reader first imports pdfplumber.
"""
from __future__ import annotations

_INSTALLED = "_report_lint_decodes_ascii85"


def decode_ascii85_faster() -> None:
    """Install the faster decoder as the `ascii85decode` of pdfminer's streams (idempotent)."""
    import pdfminer.pdftypes

    from linter.document.readers.containers import ascii85_decoded

    plain = pdfminer.pdftypes.ascii85decode
    if getattr(plain, _INSTALLED, False):
        return

    def ascii85decode(data: bytes) -> bytes:
        return ascii85_decoded(data)

    ascii85decode.__doc__ = plain.__doc__
    setattr(ascii85decode, _INSTALLED, True)
    pdfminer.pdftypes.ascii85decode = ascii85decode
