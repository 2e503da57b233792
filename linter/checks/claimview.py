"""What the rules over claims share: the declared claim vocabulary, the report's claims (parsed once per
document and vocabulary), and table expressions read with their blank totals derived.

The vocabulary is a rule parameter (one YAML anchor shared by every rule of rules/gov-2021/claims.yaml), so
it is validated like any parameter and a user's rule set may bring its own.  The check kinds over claims
are `prose_table` (claims against 表二/表三/表四) and `prose_sum` (claims against each other).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from decimal import Decimal
from typing import Any

from linter.checks.context import Context
from linter.tables import statistics_tables
from linter.ruleset.params import Checked, Choice, Field, Fields, Flag, ListOf, MapOf, Str, texts

_TERM_RE = re.compile(r"^t[234]:[A-Za-z0-9_]+:[A-Za-z_]+$")


def _expression_problem(expression: str) -> str | None:
    if all(_TERM_RE.match(term.strip()) for term in expression.split("+")):
        return None
    return f"bad expression {expression!r} (terms like t3:R1:T joined by +)"


EXPRESSIONS = ListOf(Checked(Str(), _expression_problem),
                     doc="alternatives, each terms t3:ROW:COL, t4:BLOCK:FIELD or t2:ROW:COL joined by +")
_MEASURE = Fields({
    "words": Field(texts("the words that name it"), required=True),
    "rank": Field(Choice(("flow", "category"), doc="a category (a result, an outcome) wins over a flow word")),
    "topic": Field(Str(doc="what it counts (a topic name)")),
    "needs_topic": Field(Flag(doc="its clause or sentence must name the topic")),
    "needs": Field(texts("its sentence must hold one of these words")),
    "unless": Field(texts("a clause holding one of these is not this measure")),
    "weak": Field(texts("words that, next to a word of timeliness, do not say all is done")),
    "all_excludes": Field(texts("the measures \"all …\" says are zero")),
    "additions": Field(Str(doc="a stock may be stated before this year's additions of that measure")),
    "stock": Field(Flag(doc="a stock at the year's end: 截至… does not make it another period")),
    "units": Field(texts("the units it counts in (default: the vocabulary's units)")),
    "cells": Field(EXPRESSIONS),
    "by_topic": Field(MapOf(EXPRESSIONS, doc="cells by the topic (the document type) the claim names")),
    "by_parent": Field(MapOf(EXPRESSIONS, doc="cells by the case type (复议, 诉讼) it is an outcome of")),
    "label": Field(Str(doc="its name in messages")),
    "label_en": Field(Str(doc="its name in English messages")),
}, doc="a measure: what a count counts")
_TOPIC = Fields({
    "words": Field(texts(), required=True),
    "measure": Field(Str(doc="naming the topic names this measure too")),
    "parent": Field(Str(doc="a wider topic it belongs to")),
    "carries": Field(Flag(doc="the next sentence of the paragraph, naming no topic, is about it too")),
    "head": Field(Flag(doc="named right before a count, it is what the count counts, whatever else its clause "
                          "names (依申请公开信息数317条 counts 信息)")),
    "manner": Field(texts("words that name the topic as a manner, not as what is counted (依申请: 依申请公开及"
                          "不予公开373份 counts documents by how they are disclosed); they settle the topic only "
                          "when the sentence names none")),
})
_FLAT = ("units", "all", "none", "already", "events", "totals", "conjunctions", "additive", "timeliness", "subjects",
         "channels", "shares", "rates", "noise", "open", "catch_all")


def _consistency(vocabulary: dict) -> list[str]:
    measures, topics = vocabulary["measures"], vocabulary["topics"]
    problems = []
    for name, m in measures.items():
        refs = list(m.get("all_excludes", [])) + list(m.get("by_parent", {})) + [m.get("additions")]
        problems += [f"measure {name}: unknown measure {r!r}" for r in refs if r is not None and r not in measures]
        known_topics = set(topics) | {t.get("parent") for t in topics.values()}
        if m.get("topic") is not None and m["topic"] not in known_topics:
            problems.append(f"measure {name}: unknown topic {m['topic']!r}")
    problems += [f"topic {t}: unknown measure {spec['measure']!r}" for t, spec in topics.items()
                 if spec.get("measure") is not None and spec["measure"] not in measures]
    seen: dict[str, str] = {}
    for where, words in _word_lists(vocabulary):
        for word in words:
            if seen.setdefault(word, where) != where:
                problems.append(f"the word {word!r} is in {seen[word]} and in {where}")
    return problems


def _word_lists(vocabulary: dict):
    for name, m in vocabulary["measures"].items():
        yield f"measure {name}", m["words"]
    for name, t in vocabulary["topics"].items():
        yield f"topic {name}", list(t["words"]) + list(t.get("manner", []))
    for name, words in vocabulary.get("scopes", {}).items():
        yield f"scope {name}", words
    for columns, words in vocabulary.get("applicants", {}).items():
        yield f"applicants {columns}", words
    for key in ("all", "none", "already", "events", "totals", "conjunctions", "additive", "timeliness", "subjects",
                "channels", "shares", "rates", "noise"):
        yield key, vocabulary.get(key, [])


VOCABULARY = Fields({
    "measures": Field(MapOf(_MEASURE), required=True),
    "topics": Field(MapOf(_TOPIC, doc="topics, most specific first"), required=True),
    "scopes": Field(Fields({k: Field(texts()) for k in ("year", "cumulative", "previous", "comparison")})),
    "markers": Field(Fields({k: Field(texts("markers; … is a gap within one clause")) for k in ("subset", "whole")}),
                     required=True),
    "families": Field(ListOf(texts(), doc="units that count the same things: [[篇, 条, 件], [次], …]"), required=True),
    "applicants": Field(MapOf(texts(), doc="表三's applicant columns (NP, BE+RI+SO+LS+OT …) → the words that name "
                                          "them: a count of one kind of applicant is compared with its columns")),
    **{key: Field(texts()) for key in _FLAT},
}, doc="the words the claim parser reads the prose with (linter/language/claims.py)", check=_consistency)


# ── the report's claims ────────────────────────────────────────────────────────────────────────────────
_LEXICONS: dict[int, tuple[dict, Any]] = {}


def lexicon(vocabulary: dict):
    """The compiled vocabulary (one per vocabulary object: every rule of a rule file shares one)."""
    from linter.language.lexicon import Lexicon

    entry = _LEXICONS.get(id(vocabulary))
    if entry is None or entry[0] is not vocabulary:
        entry = (vocabulary, Lexicon(vocabulary))
        _LEXICONS[id(vocabulary)] = entry
    return entry[1]


def report_claims(ctx: Context, vocabulary: dict, scope: str = "document"):
    """The claims of a scope's prose (`linter.language.claims.ClaimSet`), parsed once per document."""
    def compute():
        from linter.language.claims import parse_claims

        text, quantities = scope_quantities(ctx, scope)
        return parse_claims(text.text, quantities, lexicon(vocabulary))

    return ctx.cached(f"claims:{scope}:{id(vocabulary)}", compute)


def readable_claims(ctx: Context, vocabulary: dict, scope: str = "document"):
    """The claims of a scope's prose that the rules over claims may read (`linter.language.claims.readable_claims`),
    parsed once per document: the sentences no rule reads anything of are not read, and a Chinese numeral's
    token boundaries are asked only in the sentences read."""
    def compute():
        from linter.language.claims import readable_claims as read_claims
        from linter.language.quantities import extract, on_tokens
        from linter.language.segmentation import local_tokens

        text = ctx.scope_text(scope).text
        local = local_tokens(ctx, scope)
        return read_claims(text, extract(text), lexicon(vocabulary),
                           lambda q: on_tokens(text, q, local.starts, local.ends))

    return ctx.cached(f"readable-claims:{scope}:{id(vocabulary)}", compute)


def scope_quantities(ctx: Context, scope: str):
    """The scope's text and its quantities; the scope's shared tokens decide where Chinese numerals start."""
    def compute():
        from linter.language.quantities import extract
        from linter.language.segmentation import local_tokens

        text = ctx.scope_text(scope)
        local = local_tokens(ctx, scope)
        return text, extract(text.text, local.starts, local.ends)

    return ctx.cached(f"quantities:{scope}", compute)


def claim_text(ctx: Context, claim, scope: str = "document") -> str:
    return ctx.scope_text(scope).text[claim.start:claim.end].strip(" ，,；;")


def source_span(ctx: Context, a: int, b: int, scope: str = "document") -> tuple[int, int]:
    return ctx.scope_text(scope).source_span(a, b)


# ── tables ─────────────────────────────────────────────────────────────────────────────────────────────
@dataclass
class Reading:
    """The value of a table expression, and the blank totals it took from their parts."""

    value: Decimal
    derived: list[tuple[Any, str, str]] = field(default_factory=list)   # (table, row, col)
    picture: Any = None


def statistics(ctx: Context):
    """The report's statistics tables, or None when they cannot be modelled (the table rules say why)."""
    try:  # (each of the rules over the tables asks: the import is made once, above)
        return statistics_tables(ctx)
    except Exception:  # noqa: BLE001 - a table that cannot be modelled is the table rules' business
        return None


def read(tables, expression: str) -> Reading | None:
    """t3:R1:T+t3:R2:T over the tables; None when a cell is absent, or blank with no parts that fix it."""
    total = Reading(Decimal(0))
    for term in expression.split("+"):
        name, row, col = term.strip().split(":")
        table = tables.get(name) if tables is not None else None
        if table is None:
            return None
        rows = table.group_rows(row) if name == "t3" else [row]
        if not rows:
            return None
        for r in rows:
            value = table.number(r, col)
            if value is None:
                return None
            total.value += value
            if (r, col) in table.derived and table.cell(r, col).value is None:
                total.derived.append((table, r, col))
        total.picture = total.picture or table.picture
    return total


def derived_note(reading: Reading, lang: str) -> str:
    """What a finding says of the blank totals it derived (empty when it took none)."""
    if not reading.derived:
        return ""
    if lang == "en":
        from linter.tables.describe import cell_name_en

        cells = "; ".join(f"{cell_name_en(t.name, r, c)} is blank, derived as {fmt(t.derived[(r, c)])} from its "
                          "filled parts" for t, r, c in reading.derived)
        return f" ({cells})"
    cells = "；".join(f"{t.title}“{t.row_label(r)}”{t.column_label(c)}栏空白，按其已填各项之和推算为{fmt(t.derived[(r, c)])}"
                      for t, r, c in reading.derived)
    return f"（{cells}）"


def expression_words(tables, expression: str, lang: str) -> str:
    """表三“（一）予以公开”总计＋“（二）部分公开”总计 — an expression in the tables' own labels."""
    words = []
    for term in expression.split("+"):
        name, row, col = term.strip().split(":")
        table = tables.get(name)
        if lang == "en":
            from linter.tables.describe import cell_name_en

            words.append(cell_name_en(name, row, col))
        elif table is not None:
            words.append(f"{table.title}“{_row_words(table, row)}”{table.column_label(col)}栏")
        else:
            words.append(_official_words(name, row, col))
    return ("+" if lang == "en" else "＋").join(words)


def _official_words(name: str, row: str, col: str) -> str:
    """表三“（一）予以公开”总计栏 from the official labels, for a table the report does not have."""
    from linter.tables import layout

    specs = {"t2": layout.T2_ROWS + layout.T2_COLUMNS, "t3": layout.T3_ROWS + layout.T3_COLUMNS,
             "t4": layout.T4_BLOCKS + layout.T4_FIELDS}.get(name, ())
    labels = {**{s.key: s.label for s in specs}, **layout.T3_GROUP_LABELS}
    return f"{layout.TABLE_NAMES.get(name, name)}“{labels.get(row, row)}”{labels.get(col, col)}栏"


def _row_words(table, row: str) -> str:
    from linter.tables import layout

    if table.name == "t3" and row in layout.T3_GROUP_LABELS:
        return layout.T3_GROUP_LABELS[row]
    return table.row_label(row)


def fmt(value: Decimal) -> str:
    return format(value.normalize(), "f") if value == value.to_integral_value() else format(value, "f")


def claim_reads(rule, claim) -> bool:
    """Is the claim one the rule compares: its measures among the rule's, exact, this year's, qualified?"""
    if not claim.measures or not measures_of(rule).issuperset(claim.measures):
        return False
    if bool(rule.params.get("compound")) != (len(claim.measures) > 1):
        return False
    return (not claim.approximate and this_year(rule.params["vocabulary"], claim) and claim.qualified
            and not claim.narrower)


_MEASURE_SETS: dict[int, tuple[list, frozenset]] = {}


def measures_of(rule) -> frozenset:
    """The rule's measures as a set (made once per rule: every rule over claims asks it of every claim)."""
    listed = rule.params["measures"]
    entry = _MEASURE_SETS.get(id(listed))
    if entry is None or entry[0] is not listed:
        entry = _MEASURE_SETS[id(listed)] = (listed, frozenset(listed))
    return entry[1]


def this_year(vocabulary: dict, claim) -> bool:
    """Does the claim speak of the report's year?  A stock (现行有效) stated 截至… is the year-end stock."""
    if claim.scope == "year":
        return True
    return claim.scope == "cumulative" and all(vocabulary["measures"][m].get("stock") for m in claim.measures)


def alternatives(vocabulary: dict, claim) -> list[str]:
    """The table expressions a claim may state (any one agreeing is enough): its measure's cells, by the
    topic or the case type where they depend on it; a compound adds its measures' first cells."""
    per_measure = [[_of_applicants(e, claim.applicant) for e in _cells(vocabulary["measures"][m], claim)]
                   for m in claim.measures]
    if any(not cells or None in cells for cells in per_measure):
        return []
    if len(per_measure) == 1:
        return per_measure[0]
    return ["+".join(cells[0] for cells in per_measure)]


def _of_applicants(expression: str, applicant: str | None) -> str | None:
    """A 表三 expression narrowed to the applicants a claim counts (自然人: t3:R1:NP); None when the claim counts
    some applicants and the expression is not of 表三's total column (nothing to narrow: not compared)."""
    if applicant is None:
        return expression
    terms = []
    for term in expression.split("+"):
        name, row, col = term.strip().split(":")
        if name != "t3" or col != "T":
            return None
        terms += [f"t3:{row}:{c}" for c in applicant.split("+")]
    return "+".join(terms)


def _cells(spec: dict, claim) -> list[str]:
    if "cells" in spec:
        return list(spec["cells"])
    if "by_topic" in spec:
        return list(spec["by_topic"].get(claim.topic, []))
    if "by_parent" in spec and claim.parents:
        found = [spec["by_parent"].get(p) for p in claim.parents]
        if any(f is None for f in found):
            return []
        return ["+".join(f[0] for f in found)] if len(found) > 1 else list(found[0])
    return []
