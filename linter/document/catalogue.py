"""The six sections of the national format (国办公开办函〔2021〕30号) — the report's fixed skeleton — read from
`grammar/sections.yaml`: official titles, the variants real reports use, and keywords.  Readers use it to
find headings in crawled one-line pages; the outline parser uses it to place sections."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from linter.resources import grammar_path

_ORDINALS = "一二三四五六七八九十"

@dataclass(frozen=True)
class SectionSpec:
    number: int
    ordinal: str
    key: str
    standard: str
    variants: tuple[str, ...]
    keywords: tuple[tuple[str, ...], ...]

    def titles(self) -> tuple[str, ...]:
        return (self.standard, *self.variants)


@lru_cache(maxsize=None)
def section_specs() -> tuple[SectionSpec, ...]:
    from linter.cache import cached

    path = grammar_path("sections.yaml")
    return cached("sections", [path], lambda: _read_specs(path))


def _read_specs(path) -> tuple[SectionSpec, ...]:
    import yaml

    data = yaml.safe_load(path.read_text(encoding="utf-8"))
    specs = []
    for entry in data["sections"]:
        specs.append(SectionSpec(
            number=_ORDINALS.index(entry["ordinal"]) + 1 if entry["ordinal"] in _ORDINALS else 0,
            ordinal=entry["ordinal"],
            key=entry["key"],
            standard=entry["standard"],
            variants=tuple(entry.get("variants", [])),
            keywords=tuple(tuple(group) for group in entry.get("keywords", [])),
        ))
    return tuple(specs)



@lru_cache(maxsize=None)
def all_titles() -> tuple[str, ...]:
    """Every accepted section title, longest first."""
    return tuple(sorted({t for s in section_specs() for t in s.titles()}, key=len, reverse=True))
