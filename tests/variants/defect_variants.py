"""Defect classes real reports carry (issue 29), injected into every report they apply to — the project's corpus and
the modern reports of the ecosystem corpus — and found at their line; their look-alikes, written the way reports
write them correctly, stay silent.  The rewrites register with `reading_variants`, whose tests
(tests/variants/test_reading.py) run them: no warning or error added by a look-alike, the finding at its line for a
defect."""
from __future__ import annotations

import re
from pathlib import Path

from reading_variants import defect, neutral

# ── 4. a character doubled after a number, or where no word has it twice ────────────────────────────────
_YEAR_IN_TEXT_RE = re.compile(r"(?<=[，。；\s])(?P<year>20\d\d)年(?=[，、\u4e00-\u9fff])")


def _first_year(text: str) -> re.Match | None:
    """A year at the start of a clause in the body (2023年，我县…), well after the title."""
    m = _YEAR_IN_TEXT_RE.search(text, len(text) // 5)
    return m


@defect("a unit doubled after a number (2023年年累计)", "WORDING-DOUBLED-ORPHAN")
def unit_doubled(text: str, path: Path):
    m = _first_year(text)
    if m is None:
        return None
    inserted = f"截至{m['year']}年年累计公开信息300条，"
    return text[:m.start()] + inserted + text[m.start():], inserted


@neutral("time-word-after-year", "a year followed by a time word it opens (2023年年底前), and units reduplicated to "
                                 "mean 'every' (件件有回音、月月查)")
def time_word_after_year(text: str, path: Path) -> str | None:
    m = _first_year(text)
    if m is None:
        return None
    return text[:m.start()] + f"{m['year']}年年底前，确保件件有回音、月月查问题，" + text[m.start():]
