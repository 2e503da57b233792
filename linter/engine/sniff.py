"""Is a document an annual report at all?  A directory walk meets README files, requirements lists and notes
beside the reports; linting them gives findings nobody asked for.  A file found by walking is linted when it
has a report title, a recognised statistics table (表二/表三/表四), or at least three distinct sections of the
format each headed once — a document that quotes one heading or repeats them as examples is not a report."""
from __future__ import annotations

from collections import Counter

MIN_SECTIONS = 3


def is_annual_report(ctx) -> bool:
    from linter.tables import statistics_tables

    outline = ctx.outline
    if outline.title is not None:
        return True
    headed = Counter(s.ordinal for s in outline.sections if s.ordinal and not s.implicit)
    if len(headed) >= MIN_SECTIONS and max(headed.values()) == 1:
        return True
    tables = statistics_tables(ctx)
    return any(t is not None for t in (tables.t2, tables.t3, tables.t4))
