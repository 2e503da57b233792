"""References in a PDF that lead back to themselves.

An indirect object may hold nothing but a reference to another (`5 0 obj 6 0 R endobj`).  pdfminer follows
such a chain until it reaches a value (`resolve1`: `while isinstance(x, PDFObjRef): x = x.resolve()`), so an
object whose value is a reference to itself (`4 0 obj 4 0 R endobj`), or a ring of them, holds the read for
ever, and only the time budget stopped it.  The PDF standard (ISO 32000-1, 7.3.10) says that a reference to
an object that does not exist is the null object; a ring never reaches an object, so it is read the same way.

`follow_reference_chains` makes pdfminer's `PDFDocument.getobj` follow a chain itself and report a ring as a
missing object (what `resolve1` then reads as its default, null), so the read goes on in bounded time.  It is
installed once per process, when the PDF reader first imports pdfplumber; an ordinary PDF reads the same.
"""
from __future__ import annotations

_INSTALLED = "_report_lint_follows_chains"


def follow_reference_chains() -> None:
    """Install the chain-following `getobj` on pdfminer's `PDFDocument` (idempotent)."""
    from pdfminer.pdfdocument import PDFDocument
    from pdfminer.pdftypes import PDFObjectNotFound, PDFObjRef

    if getattr(PDFDocument.getobj, _INSTALLED, False):
        return
    plain = PDFDocument.getobj

    def getobj(self, objid: int) -> object:
        obj = plain(self, objid)
        seen = {objid}
        while isinstance(obj, PDFObjRef):  # a chain of bare references: at most one step per object
            if obj.objid in seen:
                raise PDFObjectNotFound(objid)
            seen.add(obj.objid)
            obj = plain(self, obj.objid)
        return obj

    getobj.__doc__ = plain.__doc__
    setattr(getobj, _INSTALLED, True)
    PDFDocument.getobj = getobj
