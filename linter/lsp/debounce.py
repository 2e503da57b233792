"""How long the server waits after a change before it lints: as long as the document's recent lints took.

A fixed pause (it was 0.3 s) makes every keystroke on a small report wait far longer than its lint, and
on a large one starts lints that the next keystroke cancels.  Waiting about one lint's time answers a
pause in typing within two lint times, while a lint started between two keystrokes of a burst is rare.
The recent lint time is a moving average per document (the time a worker spent linting it); the pause is
kept within [`SHORTEST`, `LONGEST`].  `REPORT_LINT_LSP_DEBOUNCE` (seconds) fixes it instead.
"""
from __future__ import annotations

import os

FACTOR = 1.0
SHORTEST = 0.01
LONGEST = 0.3
WEIGHT = 0.5  # of the newest lint in the moving average


def fixed_debounce() -> float | None:
    """`REPORT_LINT_LSP_DEBOUNCE` as seconds (≥ 0), or None when it is not set or not a number."""
    try:
        return max(float(os.environ["REPORT_LINT_LSP_DEBOUNCE"]), 0.0)
    except (KeyError, ValueError):
        return None


class Debounce:
    def __init__(self, fixed: float | None = None) -> None:
        self.fixed = fixed
        self.recent: dict[str, float] = {}
        self.last: float | None = None  # any document's: for a document not linted yet

    def record(self, key: str, seconds: float) -> None:
        """A lint of the document took `seconds`."""
        before = self.recent.get(key)
        self.recent[key] = seconds if before is None else WEIGHT * seconds + (1 - WEIGHT) * before
        self.last = seconds

    def delay(self, key: str) -> float:
        """Seconds to wait after a change of the document before linting it."""
        if self.fixed is not None:
            return self.fixed
        recent = self.recent.get(key, self.last)
        if recent is None:
            return LONGEST
        return min(max(FACTOR * recent, SHORTEST), LONGEST)

    def forget(self, key: str) -> None:
        self.recent.pop(key, None)
