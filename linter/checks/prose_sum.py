"""The prose against itself: a total and its parts, a share and its base, a rate and its counts, and two
statements of the same thing (its claims, `linter.language.claims`).

* `breakdown` — an enumeration (`共发布信息54篇，从内容分类看，A 25条，B 37条…`) adds up.  Parts that sum to more
  than their total are wrong whatever the marker; less is wrong only when the list is declared complete —
  by its marker (分别为, 从…看: mode `exact`) or a catch-all part (其他…) — and runs to its end without 等.
  A list whose first parts already reach the total counts another dimension after them (新收8件，上年结转2件，
  办结9件…) and is not summed on.  Approximate numbers (2万余次, 近百件) are never summed.
* `share` — a part's printed share (`A 1件，占50%`) is the part over its total, within the printed precision, or
  over an earlier part of its list (行政许可57项，实现一趟不用跑的有45项，占比78.9%: a part nested in the part before).
* `rate` — 办复率100% is the done count (or "all done") over the total stated with it.
* `conflict` — the same measure stated twice with different numbers (for one subject and one publishing channel: 主动
  公开政府信息24条 in 一, 37条 in 五), or "all …" (所有申请均已办结) next to a count of what it excludes (结转下年度办理2件).

Parameters: `ASPECTS` below (`report-lint rules --schema`).
"""
from __future__ import annotations

from decimal import Decimal
from typing import Iterator

from linter.checks.claimview import (
    VOCABULARY, alternatives, claim_text, fmt, readable_claims, source_span, this_year,
)
from linter.checks.context import Context
from linter.checks.hits import Hit
from linter.language.quantities import percent_agrees
from linter.ruleset.params import Choice, Field, Fields, texts
from linter.ruleset.loading import Rule

_VOCABULARY = Field(VOCABULARY, required=True)
ASPECTS = {
    "breakdown": Fields({
        "vocabulary": _VOCABULARY,
        "mode": Field(Choice(("exact", "exceeds"), doc="exact: a list its marker declares complete must equal its "
                             "total; exceeds: any other list fires when it exceeds its total, or falls short "
                             "although a catch-all part completes it"), required=True),
    }, doc="a total and its parts must add up"),
    "share": Fields({"vocabulary": _VOCABULARY}, doc="a part's printed share must equal part ÷ total"),
    "rate": Fields({"vocabulary": _VOCABULARY,
                    "measures": Field(texts("the measures of the done count (and of \"all done\")"), required=True)},
                   doc="\"办复率100%\" must equal the done count ÷ the total"),
    "conflict": Fields({"vocabulary": _VOCABULARY,
                        "measures": Field(texts("the measures whose statements must agree"), required=True)},
                       doc="two statements of the same measure must agree"),
}


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    claims = readable_claims(ctx, rule.params["vocabulary"], rule.scope)
    yield from _ASPECTS[rule.aspect](rule, ctx, claims)


# ── totals and parts ───────────────────────────────────────────────────────────────────────────────────
def _summable(enum) -> bool:
    head = enum.head
    return (head is not None and head.kind == "count" and not head.approximate and len(enum.parts) >= 2
            and not any(p.approximate for p in enum.parts))


def _breakdowns(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    exact = rule.params["mode"] == "exact"
    for enum in claims.enumerations:
        if not _summable(enum) or enum.overlapping or _prefix_reaches(enum) or _nested(enum):
            continue
        total = enum.head.value
        parts = sum((p.value for p in enum.parts), Decimal(0))
        declared = enum.whole and enum.complete and not enum.distant  # a total and its whole breakdown, one sentence
        if exact:
            wrong = declared and parts != total
        else:
            wrong = not declared and (parts > total or (enum.catch_all and enum.complete and not enum.distant
                                                        and parts < total))
        if wrong:
            yield _breakdown_hit(ctx, rule, enum, parts)


def _nested(enum) -> bool:
    """A part whose printed share is of an earlier part, not of the total (事项89项，其中行政许可57项，实现一趟不用跑
    的有45项，占比78.9%: 45 of the 57): the parts are nested, not a partition, and are not summed."""
    return any(_share_base(part, enum) is not enum.head for part in enum.parts if part.share is not None
               and _share_base(part, enum) is not None)


def _share_base(part, enum):
    """The count a part's printed share is of: the total, else the nearest earlier part it agrees with."""
    share = part.share
    candidates = [enum.head] + list(reversed(enum.parts[:enum.parts.index(part)]))
    return next((c for c in candidates if c is not None and c.value and not c.approximate
                 and percent_agrees(share.value, share.places, part.value, c.value)), None)


def _prefix_reaches(enum) -> bool:
    """The first parts already add up to the total: what follows counts another dimension."""
    running = Decimal(0)
    for part in enum.parts[:-1]:
        running += part.value
        if running == enum.head.value:
            return True
    return False


def _breakdown_hit(ctx: Context, rule: Rule, enum, parts: Decimal) -> Hit:
    head = enum.head
    start, _ = source_span(ctx, *head.at, rule.scope)
    _, end = source_span(ctx, *enum.parts[-1].at, rule.scope)
    return Hit(start, end, {
        "total": fmt(head.value) + head.unit, "sum": fmt(parts), "parts": "+".join(fmt(p.value) for p in enum.parts),
        "difference": fmt(abs(parts - head.value)),
    }, related=[(*source_span(ctx, *p.at, rule.scope), p.label.strip(" ：:")) for p in enum.parts])


def _shares(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    for enum in claims.enumerations:
        head = enum.head
        if head is None or head.kind != "count" or head.approximate or head.value == 0:
            continue
        for part in enum.parts:
            share = part.share
            if share is None or part.approximate or _share_base(part, enum) is not None:
                continue  # of the total, or of an earlier part the list nests it in
            start, end = source_span(ctx, share.start, share.end, rule.scope)
            yield Hit(start, end, {
                "percent": share.raw, "part": fmt(part.value), "total": fmt(head.value) + head.unit,
                "computed": f"{part.value * 100 / head.value:.2f}%",
            })


# ── rates ──────────────────────────────────────────────────────────────────────────────────────────────
def _rates(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    """办复率: the total stated with it (this sentence or the one before) and the done count (or "all done")
    after that total; a window holding two totals is ambiguous and stays silent."""
    lexicon_families = rule.params["vocabulary"]["families"]
    for rate in claims.claims:
        if rate.kind != "rate" or rate.approximate:
            continue
        window = claims.in_sentences(rate.sentence - 1, rate.sentence)
        totals = [c for c in window if c.kind == "count" and c.total and c.start < rate.start and not c.approximate
                  and any(c.unit in f for f in lexicon_families)]
        if len(totals) != 1 or totals[0].value == 0:
            continue
        total = totals[0]
        done = _done_count(window, total, rate, set(rule.params["measures"]))
        if done is None or percent_agrees(rate.value, rate.places, done, total.value):
            continue
        start, end = source_span(ctx, *rate.at, rule.scope)
        yield Hit(start, end, {
            "rate": ctx.scope_text(rule.scope).text[rate.at[0]:rate.at[1]], "done": fmt(done),
            "total": fmt(total.value) + total.unit, "computed": f"{done * 100 / total.value:.2f}%",
        })


def _done_count(window, total, rate, done: set[str]) -> Decimal | None:
    """The done count after the total: a count named by a done measure (whatever its topic), or "all done"."""
    after = [c for c in window if c.start > total.start and c.sentence <= rate.sentence]
    for claim in after:
        if claim.kind == "count" and done & set(claim.named) and claim.unit == total.unit:
            return None if claim.approximate else claim.value
    if any(c.kind == "all" and done & set(c.named) for c in after):
        return total.value
    return None


# ── statements of the same thing ───────────────────────────────────────────────────────────────────────
def _conflicts(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    yield from _repeated_counts(rule, ctx, claims)
    yield from _all_against_counts(rule, ctx, claims)


def _repeated_counts(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    """新收申请44件 in one place and 新收申请45件 in another (same subject, this year, not a part of a list)."""
    parts = {id(p) for e in claims.enumerations for p in e.parts}
    vocabulary = rule.params["vocabulary"]
    first: dict[tuple, object] = {}
    for claim in claims.claims:
        if claim.kind != "count" or id(claim) in parts or not _comparable(rule, claim):
            continue
        if len(alternatives(vocabulary, claim)) > 1:
            continue  # a measure with two readings (共收到: new, or new plus carried over) may differ
        key = (claim.measures, claim.topic, claim.parents, claim.subject, claim.channel)
        earlier = first.setdefault(key, claim)
        if earlier is not claim and earlier.value != claim.value and earlier.sentence != claim.sentence:
            yield _conflict_hit(ctx, rule, claim, earlier, vocabulary)


def _comparable(rule: Rule, claim) -> bool:
    return (bool(claim.measures) and set(claim.measures) <= set(rule.params["measures"]) and not claim.approximate
            and this_year(rule.params["vocabulary"], claim) and claim.qualified and claim.addition is None)


def _all_against_counts(rule: Rule, ctx: Context, claims) -> Iterator[Hit]:
    """所有申请均已办结 while the prose counts 结转下年度办理2件; 均获维持 while it counts a case 尚未审结."""
    vocabulary = rule.params["vocabulary"]
    counts: dict[tuple[str, str | None], list] = {}
    for claim in claims.claims:
        if claim.kind == "count" and claim.value > 0 and _comparable(rule, claim):
            for measure in claim.measures:
                counts.setdefault((measure, claim.topic), []).append(claim)
    for statement in claims.claims:
        if statement.kind != "all" or not statement.measures:
            continue
        excluded = vocabulary["measures"][statement.measures[0]].get("all_excludes", [])
        against = next((c for m in excluded for c in counts.get((m, statement.topic), [])
                        if _same_cases(statement, c)), None)
        if against is not None:
            yield _conflict_hit(ctx, rule, statement, against, vocabulary)


def _same_cases(statement, claim) -> bool:
    return not statement.parents or not claim.parents or bool(set(statement.parents) & set(claim.parents))


def _conflict_hit(ctx: Context, rule: Rule, claim, other, vocabulary) -> Hit:
    start, end = source_span(ctx, *claim.at, rule.scope)
    other_start, other_end = source_span(ctx, *other.at, rule.scope)
    measure = vocabulary["measures"][(claim.measures or other.measures)[0]]
    return Hit(start, end, {
        "claim": claim_text(ctx, claim, rule.scope), "other": claim_text(ctx, other, rule.scope),
        "line": str(ctx.document.position(other_start).line),
        "measure": measure.get("label", ""), "measure_en": measure.get("label_en", measure.get("label", "")),
    }, related=[(other_start, other_end, "")])


_ASPECTS = {"breakdown": _breakdowns, "share": _shares, "rate": _rates, "conflict": _conflicts}
