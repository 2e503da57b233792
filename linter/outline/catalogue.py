"""The catalogue of the six sections of the national format, read from `grammar/sections.yaml`."""
from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache

from linter.language.numerals import cn_to_int
from linter.resources import grammar_path

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
            number=cn_to_int(entry["ordinal"]) or 0,
            ordinal=entry["ordinal"],
            key=entry["key"],
            standard=entry["standard"],
            variants=tuple(entry.get("variants", [])),
            keywords=tuple(tuple(group) for group in entry.get("keywords", [])),
        ))
    return tuple(specs)


def spec_by_ordinal(ordinal: str) -> SectionSpec | None:
    return next((s for s in section_specs() if s.ordinal == ordinal), None)




@lru_cache(maxsize=None)
def all_titles() -> tuple[str, ...]:
    """Every accepted section title, longest first."""
    return tuple(sorted({t for s in section_specs() for t in s.titles()}, key=len, reverse=True))
