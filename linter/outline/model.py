"""The outline of a report — its section tree — as the parser builds it and every check reads it."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

from linter.document.catalogue import SectionSpec
from linter.document.model import Block, Document, Image, Paragraph, Table, Text

if TYPE_CHECKING:
    from linter.outline.origin import Origin


@dataclass
class SubItem:
    """A sub-item of a section: （一）主动公开情况 …"""

    ordinal: str
    title: str
    heading: Paragraph
    blocks: list[Block] = field(default_factory=list)


@dataclass
class Section:
    """One of the six sections (一…六), or a section of the agency's own (`spec` None, `match` "extra").

    `match` says how the section was recognised: its heading's title is the official one ("standard"), a known
    variant ("variant") or names it by keywords only ("keyword"); "implicit": its heading line is lost and the
    section begins at `evidence`, a block whose content shows the section is there (its table, its typical
    subheading); "extra": a numbered heading of the agency's own, in the sequence of the sections around it."""

    spec: SectionSpec | None
    heading: Text            # the heading text (ordinal and title); empty for an implicit section
    title: str               # the title as written, without the ordinal
    written_ordinal: str | None  # the ordinal as written (None when missing)
    blocks: list[Block] = field(default_factory=list)      # blocks before the first sub-item
    subitems: list[SubItem] = field(default_factory=list)
    # missing_ordinal, ordinal_mismatch, nonstandard_title, missing_heading, extra_section
    deviations: list[str] = field(default_factory=list)
    body: Text | None = None  # text that followed the heading in the same paragraph
    match: str = "standard"
    evidence: Block | None = None

    @property
    def ordinal(self) -> str | None:
        """The section's own ordinal (一…六); None for a section of the agency's own."""
        return self.spec.ordinal if self.spec else None

    @property
    def key(self) -> str:
        return self.spec.key if self.spec else "extra"

    @property
    def implicit(self) -> bool:
        return self.match == "implicit"

    def heading_span(self) -> tuple[int, int]:
        """Where the section's heading is, or — when it is lost — the first line of the block that opens it."""
        if self.heading.text or self.evidence is None:
            return self.heading.source_span()
        start, end = self.evidence.span
        if isinstance(self.evidence, Paragraph):
            first = self.evidence.text.text[:20]
            return self.evidence.text.source_span(0, len(first))
        return start, min(end, start + 1)

    def all_blocks(self) -> list[Block]:
        out = list(self.blocks)
        for sub in self.subitems:
            out.append(sub.heading)
            out.extend(sub.blocks)
        return out

    def paragraphs(self) -> list[Paragraph]:
        return [b for b in self.all_blocks() if isinstance(b, Paragraph) and b.role == "text"]

    def tables(self) -> list[Table]:
        return [b for b in self.all_blocks() if isinstance(b, Table)]

    def images(self) -> list[Image]:
        return [b for b in self.all_blocks() if isinstance(b, Image)]


@dataclass
class Title:
    """The report's title: agency (发布机关) and report year, as written."""

    text: Text
    agency: str | None
    agency_text: Text | None
    year: int | None
    year_text: Text | None


@dataclass
class Closing:
    """The closing block: the agency's name and the date under it (or beside it, on one line)."""

    agency: Text | None
    date: Text | None


@dataclass
class Outline:
    """A report's section tree (章节结构): the one name for it everywhere."""

    document: Document
    title: Title | None
    front: list[Block]
    preamble: list[Block]
    sections: list[Section]
    closing: Closing | None
    unplaced: list[Block] = field(default_factory=list)
    origin: "Origin | None" = None  # agency and year, and where each was read (linter.outline.origin)

    def section(self, ordinal_or_key: str) -> Section | None:
        for s in self.sections:
            if s.spec and (s.spec.ordinal == ordinal_or_key or s.spec.key == ordinal_or_key):
                return s
        return None

    @property
    def year(self) -> int | None:
        if self.origin is not None:
            return self.origin.year
        return self.title.year if self.title else None

    @property
    def agency(self) -> str | None:
        if self.origin is not None:
            return self.origin.agency
        return self.title.agency if self.title else None

    def body_blocks(self) -> list[Block]:
        """Everything from the preamble to the closing block, in order (each section's `all_blocks`, put straight
        into the one list)."""
        out = list(self.preamble)
        for s in self.sections:
            out += s.blocks
            for sub in s.subitems:
                out.append(sub.heading)
                out += sub.blocks
        return out


@dataclass(slots=True)  # slots: a page of 300 000 lines is as many of them
class Classified:
    """One block as the classifier sees it: its token kind (grammar/report.lark) and what it stands for.
    A synthetic SECTION item (an implicit section) has an empty paragraph as its block."""

    kind: str
    block: Block
    section: Section | None = None
    subitem: SubItem | None = None
    closing: tuple[Text, Text] | None = None   # (agency, date) of a closing written on one line
    numbered: tuple[str, str, Text] | None = None  # (ordinal, title, heading) of a numbered heading of no section
