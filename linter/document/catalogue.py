"""The six sections of the national format (国办公开办函〔2021〕30号) — the report's fixed skeleton — read from
`grammar/sections.yaml`: official titles, the variants real reports use, keywords, and the evidence that shows a
section is there whatever its heading says (its statistics table, its typical subheadings).  Readers use it to
find headings in crawled one-line pages; the outline parser uses it to place sections; the tables stage uses
the table evidence to tell 表二, 表三 and 表四 apart."""
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
    # evidence: every (min, words) group must be met by a table's text for the table to be this section's
    table_words: tuple[tuple[int, tuple[str, ...]], ...] = ()
    subheadings: tuple[str, ...] = ()   # words of the section's typical sub-item titles
    opening: tuple[str, ...] = ()       # words of a paragraph that can open the section (lost heading)

    def titles(self) -> tuple[str, ...]:
        return (self.standard, *self.variants)

    def named_by(self, title: str) -> bool:
        """Does a heading title name this section by its keywords (every keyword of one group)?"""
        for group in self.keywords:  # (loops, not generators: asked of every sentence and heading)
            for keyword in group:
                if keyword not in title:
                    break
            else:
                return True
        return False

    def holds_table(self, text: str) -> bool:
        """Is a table with this text the section's statistics table?"""
        return bool(self.table_words) and all(
            sum(1 for w in words if w in text) >= least for least, words in self.table_words)


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
        evidence = entry.get("evidence") or {}
        specs.append(SectionSpec(
            number=_ORDINALS.index(entry["ordinal"]) + 1 if entry["ordinal"] in _ORDINALS else 0,
            ordinal=entry["ordinal"],
            key=entry["key"],
            standard=entry["standard"],
            variants=tuple(entry.get("variants", [])),
            keywords=tuple(tuple(group) for group in entry.get("keywords", [])),
            table_words=tuple((g["min"], tuple(g["words"])) for g in evidence.get("table", [])),
            subheadings=tuple(evidence.get("subheadings", [])),
            opening=tuple(evidence.get("opening", [])),
        ))
    return tuple(specs)


@lru_cache(maxsize=None)
def title_ends() -> tuple[str, ...]:
    """The words a section heading's title ends with (`title_ends` of the catalogue): where a title stops when a
    crawled page runs the heading on into its text."""
    from linter.cache import cached

    path = grammar_path("sections.yaml")

    def read():
        import yaml

        return tuple(yaml.safe_load(path.read_text(encoding="utf-8")).get("title_ends", ()))
    return cached("section-title-ends", [path], read)


@lru_cache(maxsize=None)
def all_titles() -> tuple[str, ...]:
    """Every accepted section title, longest first (ties in a fixed order: a pattern made of them is the same
    in every process, so its compiled form is found in `linter.compiled`)."""
    return tuple(sorted({t for s in section_specs() for t in s.titles()}, key=lambda t: (-len(t), t)))


@lru_cache(maxsize=None)
def section_of_title() -> dict[str, str]:
    """The ordinal of the section each accepted title is a title of."""
    return {title: spec.ordinal for spec in section_specs() for title in spec.titles()}


def named_section(title: str) -> SectionSpec | None:
    """The section a heading title names by its keywords, or None."""
    return next((spec for spec in section_specs() if spec.named_by(title)), None)


# 表三 before 表四 before 表二: a table is tried against the most specific evidence first.
_TABLE_ORDER = ("三", "四", "二")


def table_section(text: str) -> SectionSpec | None:
    """The section whose statistics table a table with this text is (by its words), or None."""
    specs = {s.ordinal: s for s in section_specs()}
    return next((specs[o] for o in _TABLE_ORDER if o in specs and specs[o].holds_table(text)), None)
