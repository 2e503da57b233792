"""The map from a predefined CID encoding to Unicode loaded when pdfminer first maps a character with it.

pdfminer loads a CID font's map to Unicode (`to-unicode-Adobe-GB1` for the Chinese fonts that are not
embedded, such as STSong-Light: a sixtieth of a second, both writing modes) as soon as it creates the font.
The reader creates a page's fonts before PDFium reads the page, to compare their descents and widths
(`pdf_text._pdfminer_descents`), and a page PDFium reads never has pdfminer map a character: the map was
loaded for nothing.  `load_unicode_maps_lazily` has pdfminer's CID fonts take a map that loads itself on the
first character it maps; one whose encoding has no map raises KeyError there, which pdfminer's font takes
as it takes having no map (an unmapped character).  Installed once per process, when the PDF reader first
imports pdfplumber; a page pdfplumber reads gets the same characters.
"""
from __future__ import annotations

_INSTALLED = "_report_lint_loads_lazily"


def load_unicode_maps_lazily() -> None:
    """Install the lazily loading `get_unicode_map` on pdfminer's `CMapDB` (idempotent)."""
    from pdfminer.cmapdb import CMapDB

    plain = CMapDB.get_unicode_map
    if getattr(plain, _INSTALLED, False):
        return

    def get_unicode_map(cls, name: str, vertical: bool = False):
        loaded = cls._umap_cache.get(name)
        return loaded[vertical] if loaded is not None else LazyUnicodeMap(plain, name, vertical)

    get_unicode_map.__doc__ = plain.__doc__
    setattr(get_unicode_map, _INSTALLED, True)
    CMapDB.get_unicode_map = classmethod(get_unicode_map)


class LazyUnicodeMap:
    """A predefined map to Unicode, loaded by `load(name, vertical)` (pdfminer's `get_unicode_map`) when a
    character is first mapped."""

    def __init__(self, load, name: str, vertical: bool) -> None:
        self._load, self.name, self.vertical = load, name, vertical
        self._map = None
        self._missing = False

    def get_unichr(self, cid: int) -> str:
        if self._map is None and not self._missing:
            from pdfminer.cmapdb import CMapDB

            try:
                self._map = self._load(self.name, self.vertical)
            except CMapDB.CMapNotFound:
                self._missing = True
        if self._missing:
            raise KeyError(cid)  # as a font without a map: the character is not mapped
        return self._map.get_unichr(cid)
