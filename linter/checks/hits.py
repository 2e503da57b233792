"""What a check yields: a `Hit` — where (source offsets) and the values its rule's message needs — and,
for wording rules, a safe `Fix`.  The engine turns hits into findings."""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any


@dataclass
class Fix:
    """A safe replacement of source[start:end] by `replacement` (source offsets)."""

    start: int
    end: int
    replacement: str


def contiguous(text, a: int, b: int) -> bool:
    """Whether characters a..b of a `Text` map one to one onto adjacent source characters (no break or space
    dropped between them): only such text may be replaced by a fix, or read as typed in one go."""
    offs = text.offsets[a:b]
    return all(y == x + 1 for x, y in zip(offs, offs[1:]))


@dataclass
class Hit:
    """What a check yields: where (source offsets) and the values the message needs."""

    start: int
    end: int
    data: dict[str, Any] = field(default_factory=dict)
    section: str | None = None
    fix: Fix | None = None
    table: str | None = None
    cell: dict[str, str] | None = None
    related: list[tuple[int, int, str]] = field(default_factory=list)  # other places: (start, end, note)
    # The picture the numbers of this finding were read from (OCR), when they were: the engine caps the
    # severity at warning and says so in the message.
    image: Any = None
