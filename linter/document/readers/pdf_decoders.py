"""pdfminer's slow stream decoders replaced by the bomb check's (`containers`), which give the same bytes.

- LZW: pdfminer's own decoder reads the data a bit at a time and logs every code: about 8 s per MB of
  compressed data, so a 1 MB stream of LZW data costs four times the file's time budget before its page is
  even read.  The bomb check already decodes LZW code for code as pdfminer does, five times faster
  (`containers.lzw_decode`); where pdfminer's decoder would fail (a first code the table does not hold),
  pdfminer's own runs and fails the same way.
- ASCII85: pdfminer decodes it with the standard library's `base64.a85decode`, a Python loop over every five
  characters: a tenth of a second per MB of the content of the pages pdfplumber reads, which writers such as
  reportlab wrap in ASCII85.  `containers.ascii85_decoded` takes pdfminer's framing off the same way and gives
  the same bytes, or raises the same ValueError, several times faster.

Each is installed once per process, when the PDF reader first imports pdfplumber.
"""
from __future__ import annotations

_INSTALLED = "_report_lint_decodes_faster"


def decode_lzw_faster() -> None:
    """Install the faster decoder as the `lzwdecode` of pdfminer's streams (idempotent)."""
    from linter.document.readers.containers import lzw_decode

    def faster(plain):
        def lzwdecode(data: bytes) -> bytes:
            decoded = lzw_decode(data)
            return plain(data) if decoded is None else decoded

        return lzwdecode

    _install("lzwdecode", faster)


def decode_ascii85_faster() -> None:
    """Install the faster decoder as the `ascii85decode` of pdfminer's streams (idempotent)."""
    from linter.document.readers.containers import ascii85_decoded

    _install("ascii85decode", lambda plain: ascii85_decoded)


def _install(name: str, faster) -> None:
    """Replace `pdfminer.pdftypes.<name>` by `faster(the plain decoder)`, unless that is done already."""
    import pdfminer.pdftypes

    plain = getattr(pdfminer.pdftypes, name)
    if getattr(plain, _INSTALLED, False):
        return

    def decode(data: bytes) -> bytes:
        return replacement(data)

    replacement = faster(plain)
    decode.__doc__ = plain.__doc__
    setattr(decode, _INSTALLED, True)
    setattr(pdfminer.pdftypes, name, decode)
