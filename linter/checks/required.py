"""Required content: words or patterns that must appear in a scope, or a minimum of substance.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).

When the scope itself is absent (say, section 六 is missing) the rule stays silent: the structure rule
reports the missing section.
"""
from __future__ import annotations

import re
from typing import Iterator

from linter.checks.context import Context
from linter.ruleset.params import Checked, Field, Fields, Integer, ListOf, Str, patterns, texts
from linter.checks.hits import Hit
from linter.document.model import Text
from linter.ruleset.loading import Rule
from linter.ruleset.patterns import any_of, compile_pattern

_NOT_SUBSTANCE = re.compile(r"[\s\W_]+")
_SCOPE_RE = re.compile(r"^(document|title|preamble|closing|body|section:[一二三四五六](/[一二三四五六七八九十]+)?)$")


def _scope_problem(value: str) -> str | None:
    return None if _SCOPE_RE.match(value) else f"{value!r} is not a scope name (document, body, preamble, section:六 …)"


PARAMS = Fields({
    "any": Field(texts("at least one of these must occur")),
    "all": Field(texts("every one of these must occur (the finding names the missing ones)")),
    "regex": Field(patterns("at least one must match")),
    "groups": Field(ListOf(Fields({
        "label": Field(Str(doc="names the group in the message"), required=True),
        "label_en": Field(Str(doc="the label in English")),
        "any": Field(texts()),
        "regex": Field(patterns()),
    }, one_of_required=("any", "regex")), doc="every group must be satisfied; the finding names the missing ones")),
    "min_chars": Field(Integer(minimum=1, doc="the scope must hold at least this many characters of text "
                                             "(punctuation, spaces and the section heading not counted)")),
    "unless": Field(texts("a match that contains one of these does not count")),
    "only_if": Field(Fields({
        "any": Field(texts()), "regex": Field(patterns()), "min_chars": Field(Integer(minimum=1)),
    }, one_of_required=("any", "regex", "min_chars"),
        doc="a precondition in the same scope; when it does not hold the rule stays silent")),
    "accept_in": Field(Checked(Str(), _scope_problem, doc="a wider scope whose content also satisfies the rule")),
    "report_at": Field(Checked(Str(), _scope_problem, doc="where to point when content is missing")),
}, one_of_required=("any", "all", "regex", "groups", "min_chars"))


def _first_match(text: str, words: list[str] | None, patterns: list[str] | None,
                 unless: list[str]) -> tuple[int, int] | None:
    """The span of the first occurrence of a word or pattern that does not contain an `unless` word."""
    best: tuple[int, int] | None = None
    for word in words or []:
        start = text.find(word)
        while start >= 0:
            span = (start, start + len(word))
            if not any(u in text[span[0]:span[1]] for u in unless):
                break
            start = text.find(word, start + 1)
        else:
            continue
        if best is None or span[0] < best[0]:
            best = span
    for pattern in patterns or []:
        for m in compile_pattern(pattern).finditer(text):
            if any(u in m.group() for u in unless):
                continue
            if best is None or m.start() < best[0]:
                best = (m.start(), m.end())
            break
    return best


def _holds(text: str, words: list[str] | None, patterns: list[str] | None, unless: list[str]) -> bool:
    """Whether `_first_match` finds anything: the same occurrences looked for, in the same order, but the first
    one found settles it — the other words and patterns are not searched for where one already stands (a missing
    requirement is all `_missing` asks about, not where the earliest occurrence is).  Where no `unless` word can
    turn a match down, any match of any pattern settles it: their union (`patterns.any_of`, compiled once per
    process) reads the text once, where a pattern each would read it once per pattern that finds nothing."""
    for word in words or []:
        if word in text and not any(u in word for u in unless):  # (each occurrence of a word is the word itself)
            return True
    if not patterns:
        return False
    union = any_of(tuple(patterns)) if len(patterns) > 1 and not unless else None
    if union is not None:  # any match counts: one search for them all, not one per pattern
        return union.found_in(text)
    for pattern in patterns:
        for m in compile_pattern(pattern).finditer(text):
            if not any(u in m.group() for u in unless):
                return True
    return False


def content_text(ctx: Context, scope: str) -> Text:
    """The scope's text without a section's own heading (a heading naming 问题 is not content about them)."""
    sec = ctx.section_for_scope(scope)
    if sec is not None and "/" not in scope:
        return ctx.cached(f"content:{scope}", lambda: Text.join([p.text for p in sec.paragraphs()], sep="\n"))
    return ctx.scope_text(scope)


def content_string(ctx: Context, scope: str) -> str:
    """The string of `content_text`, a section's joined without the offsets: what is read for the requirement,
    where the offsets serve only a finding's place (made then, and most reports have none)."""
    sec = ctx.section_for_scope(scope)
    if sec is not None and "/" not in scope:
        return ctx.cached(f"content-string:{scope}", lambda: "\n".join(p.text.text for p in sec.paragraphs()))
    return ctx.scope_text(scope).text


def substance(ctx: Context, scope: str) -> int:
    """How many characters of content a scope holds (without its section heading, spaces, punctuation)."""
    return ctx.cached(f"substance:{scope}", lambda: len(_NOT_SUBSTANCE.sub("", content_string(ctx, scope))))


def _missing(text: str, params: dict, unless: list[str]) -> tuple[list[str], list[str]]:
    """What of the requirement is missing from `text`: (Chinese labels, English labels)."""
    missing: list[str] = []
    missing_en: list[str] = []
    if params.get("any") and not _holds(text, params["any"], None, unless):
        missing.append("、".join(params["any"]))
        missing_en.append(" / ".join(params["any"]))
    for word in params.get("all") or []:
        if not _holds(text, [word], None, unless):
            missing.append(word)
            missing_en.append(word)
    if params.get("regex") and not _holds(text, None, params["regex"], unless):
        missing.append("/".join(params["regex"]))
        missing_en.append(" / ".join(params["regex"]))
    for group in params.get("groups") or []:
        if not _holds(text, group.get("any"), group.get("regex"), unless):
            missing.append(group["label"])
            missing_en.append(group.get("label_en") or group["label"])
    return missing, missing_en


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    scope = rule.scope
    if scope.startswith("section:") and ctx.section_for_scope(scope) is None:
        return
    params = rule.params
    unless = params.get("unless") or []
    text = content_string(ctx, scope)
    where = None  # the precondition's match, where a finding then points

    only_if = params.get("only_if")
    if only_if:
        if "min_chars" in only_if and substance(ctx, scope) < only_if["min_chars"]:
            return
        if only_if.get("any") or only_if.get("regex"):
            where = _first_match(text, only_if.get("any"), only_if.get("regex"), unless)
            if where is None:
                return

    if "min_chars" in params:
        chars = substance(ctx, scope)
        if chars < params["min_chars"]:
            start, end, section = _anchor(ctx, rule, where)
            yield Hit(start, end, {"missing": "实质内容", "missing_en": "substantive content",
                                   "chars": chars, "min_chars": params["min_chars"]}, section=section)
            return

    missing, missing_en = _missing(text, params, unless)
    if missing and params.get("accept_in"):
        wider, _ = _missing(content_string(ctx, params["accept_in"]), params, unless)
        if not wider:
            return
    if missing:
        start, end, section = _anchor(ctx, rule, where)
        yield Hit(start, end, {"missing": "、".join(missing), "missing_en": ", ".join(missing_en)}, section=section)


def _anchor(ctx: Context, rule: Rule, where: tuple[int, int] | None) -> tuple[int, int, str | None]:
    """Where a finding of the rule points: the precondition's match, else the heading of the scope it names
    (`report_at`, when that is there) — worked out only for a finding."""
    if where is not None:
        return (*content_text(ctx, rule.scope).source_span(*where), None)
    anchor_scope = rule.params.get("report_at") or rule.scope
    if anchor_scope.startswith("section:") and ctx.section_for_scope(anchor_scope) is None:
        anchor_scope = rule.scope
    return ctx.scope_anchor(anchor_scope)
