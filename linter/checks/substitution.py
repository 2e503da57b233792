"""Wording: wrong → right substitutions on token boundaries, doubled words, paired punctuation, the full
name of a regulation at its first mention.

Matching on token boundaries (jieba, `linter.language.segmentation`) is what keeps 的的 from firing inside 目的的 or
的的确确, and 建全 from firing inside 新建全民: a match must begin where a token begins and end where one ends.

Each aspect is a sub-kind (`check: substitution.aspect`) with the parameters declared in `ASPECTS` below
(`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

import re
from array import array
from dataclasses import dataclass
from functools import lru_cache
from typing import Iterator, Sequence

from linter.checks.context import Context, occurrences, per_rule
from linter.ruleset.params import Choice, Field, Fields, Flag, ListOf, MapOf, Pattern, Str, texts
from linter.ruleset.patterns import SafePattern, UnsafePattern, any_of, compile_pattern, other_character, without_anchors
from linter.checks.hits import Fix, Hit, contiguous as _contiguous
from linter.ruleset.loading import Rule

_CJK = re.compile(r"[\u3400-\u9fff]")


_CONTEXT = "a pattern the text {where} the match must {neg}{verb}"
ASPECTS = {
    "substitute": Fields({
        "wrong": Field(Str(doc="the wrong text")),
        "pattern": Field(Pattern(doc="or: a pattern for the wrong text")),
        "right": Field(Str(empty=True, doc="the replacement (\\g<name> takes a group of `pattern`); a safe fix "
                                           "when the rule says `fix: safe`")),
        "translate": Field(MapOf(Str(empty=True), doc="or: the replacement is the match with these "
                                                      "characters replaced ({零: 〇})")),
        "before": Field(Pattern(doc=_CONTEXT.format(where="after", neg="", verb="start with"))),
        "not_before": Field(Pattern(doc=_CONTEXT.format(where="after", neg="not ", verb="start with"))),
        "after": Field(Pattern(doc=_CONTEXT.format(where="before", neg="", verb="end with"))),
        "not_after": Field(Pattern(doc=_CONTEXT.format(where="before", neg="not ", verb="end with"))),
        "boundary": Field(Choice(("token", "none"), doc="token (default): the match begins and ends on token boundaries")),
        "contiguous": Field(Flag(doc="the match and its neighbours are adjacent in the source (no break or space)")),
    }, one_of_required=("wrong", "pattern"), doc="wrong → right, on token boundaries"),
    "repeated": Fields({
        "chars": Field(Str(doc="single characters that must not be doubled (的的); without it, doubled words "
                               "of two or more characters (资金资金)")),
        "allow": Field(texts("doubled words that are fine")),
    }, doc="a character or word written twice"),
    "paired": Fields({"pairs": Field(ListOf(ListOf(Str(), length=2), doc="[[open, close], …]"), required=True)},
                     doc="an opening mark not closed before the next opening one, or a closing mark with none"),
    "first_mention": Fields({
        "full": Field(Str(doc="the full name"), required=True),
        "short": Field(texts("other names"), required=True),
    }, doc="the first mention of a regulation is its full name"),
}


def _re(pattern: str):
    return compile_pattern(pattern)


def _bounds(ctx: Context, scope: str):
    from linter.language.segmentation import local_tokens

    local = local_tokens(ctx, scope)
    return local.starts, local.ends


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    if rule.aspect == "substitute" and _nowhere(rule, ctx):
        return ()  # (most rules: nothing to begin, not a generator that ends at once)
    return _CHECKS[rule.aspect](rule, ctx)


def _nowhere(rule: Rule, ctx: Context) -> bool:
    """Whether a substitution rule's wrong text stands nowhere in its scope: such a rule reports nothing."""
    p = rule.params
    return "pattern" not in p and not _wrong_places(ctx, rule, p["wrong"])


def _substitute(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    if "pattern" in p:
        text = ctx.scope_text(rule.scope)
        s = text.text
        if not _may_report(rule, ctx, s):
            return
        needed = _needed(p["pattern"], *(p.get(k) for k in _CONTEXT_KEYS))
        if needed is not None and not needed.found_in(s):
            return
        matches = [(*m.span(), m) for m in _re(p["pattern"]).finditer(s)]
    else:
        wrong = p["wrong"]
        places = _wrong_places(ctx, rule, wrong)
        if not places:
            return  # (most wrong texts stand nowhere in a report: nothing more is looked up)
        text = ctx.scope_text(rule.scope)
        s = text.text
        matches = [(i, i + len(wrong), None) for i in places]
    if not matches:
        return
    token = p.get("boundary", "token") == "token"
    starts, ends = _bounds(ctx, rule.scope) if token else (None, None)
    before, not_before, after, not_after = _contexts(p)  # compiled once, not at every match
    contiguous, right_of, translate = p.get("contiguous"), p.get("right"), p.get("translate")
    for a, b, m in matches:
        if token and (a not in starts or b not in ends):
            continue
        if contiguous and not _contiguous(text, max(0, a - 1), min(len(s), b + 1)):
            continue
        rest, head = s[b:b + 40], s[max(0, a - 40):a]
        if before is not None and not before.match(rest):
            continue
        if not_before is not None and not_before.match(rest):
            continue
        if after is not None and not after.search(head):
            continue
        if not_after is not None and not_after.search(head):
            continue
        found = s[a:b]
        right = right_of
        if right is not None and m is not None:
            right = m.expand(right)
        if translate is not None:
            right = _translate(found, translate)
            if right == found:
                continue
        start, end = text.source_span(a, b)
        fix = Fix(start, end, right) if right is not None and rule.fix == "safe" and _contiguous(text, a, b) else None
        yield Hit(start, end, {"found": found, "right": right if right is not None else ""}, fix=fix)


def _contexts(p: dict) -> tuple:
    """The compiled context patterns of a rule (None where it has none): what the text after the match must
    (not) start with, and what the text before it must (not) end with."""
    return (_re(p["before"]) if "before" in p else None,
            _re(p["not_before"]) if "not_before" in p else None,
            _re(f"(?:{p['after']})\\Z") if "after" in p else None,
            _re(f"(?:{p['not_after']})\\Z") if "not_after" in p else None)


_CONTEXT_KEYS = ("after", "not_after", "before", "not_before")


def _may_report(rule: Rule, ctx: Context, s: str) -> bool:
    """Whether the needed pattern (`_needed`) of a substitution rule with a pattern may match the scope's text:
    those of all such rules of the scope are looked for together, in one search per document (most reports
    hold none of them), as the pattern rules do."""
    plan = _plan(ctx, rule)
    needed = plan.needed if any(r is rule for r in plan.with_pattern) else (_needed_or_own(rule.params),)
    union = any_of(needed)  # (a rule run on its own: its needed pattern alone)
    if union is None:
        return True
    return ctx.cached(("substitute-any", rule.scope, needed), lambda: union.found_in(s))


@dataclass(frozen=True)
class _ScopePlan:
    """What the substitution rules of one scope look for."""

    words: frozenset[str] = frozenset()       # the literal wrong texts
    with_pattern: tuple[Rule, ...] = ()        # the rules with a pattern
    needed: tuple[str, ...] = ()               # their needed patterns (`_needed_or_own`), in the same order


def _plan(ctx: Context, rule: Rule) -> _ScopePlan:
    """What the substitution rules of the rule's scope look for, as worked out from the rules it first ran with
    (once per process: `context.per_rule`).  Rules that run beside it later, or no longer do, change nothing
    the plan is used for: a rule whose needed pattern it holds is told whether that may match by a search for
    it among others, a rule whose wrong text it holds takes that text's places from one search for them all —
    the same as alone; a rule it does not hold (one run on its own) looks for itself."""
    return per_rule("substitute-plan", rule, lambda: ctx.cached("substitute-plans", lambda: _plans_of(ctx.rules))
                    .get(rule.scope, _NO_PLAN))


_NO_PLAN = _ScopePlan()


def _plans_of(rules: list[Rule]) -> dict[str, _ScopePlan]:
    words: dict[str, set[str]] = {}
    with_pattern: dict[str, list[Rule]] = {}
    for r in rules:
        if r.kind == "substitution" and r.aspect == "substitute":
            if "wrong" in r.params:
                words.setdefault(r.scope, set()).add(r.params["wrong"])
            if "pattern" in r.params:
                with_pattern.setdefault(r.scope, []).append(r)
    return {scope: _ScopePlan(frozenset(words.get(scope, ())), tuple(with_pattern.get(scope, ())),
                              tuple(_needed_or_own(r.params) for r in with_pattern.get(scope, ())))
            for scope in {*words, *with_pattern}}


def _needed_or_own(p: dict) -> str:
    """The text of a rule's needed pattern, or of its own pattern where it has none."""
    needed = _needed(p["pattern"], *(p.get(k) for k in _CONTEXT_KEYS))
    return p["pattern"] if needed is None else needed.pattern


@lru_cache(maxsize=256)
def _needed(pattern: str, after: str | None, not_after: str | None, before: str | None,
            not_before: str | None) -> SafePattern | None:
    """A pattern that matches wherever the rule could report something: its own pattern with the contexts it
    must stand in around it — `after` before it and `before` after it, and a negated context that tests one
    character as the character set it leaves.  A text this finds nothing in holds nothing the rule reports, and
    one search of it spares the pattern's matches one by one (every 2023年 of a report is a match of
    [0-9]{2}年 that not_after [\\d.] then turns down).  A context is taken without its anchors, which test what
    lies outside the few characters the rule looks at; None when no context is taken (the pattern alone would
    search twice)."""
    # (a context and its negation test the same characters: one of them is taken on each side)
    lead = _context_in(after, not_after, "(?:\\A|{})")  # the text's start, or a character not_after leaves
    tail = _context_in(before, not_before, "(?:{}|\\Z)")
    if not lead and not tail:
        return None
    try:
        return _re(f"{lead}(?:{pattern}){tail}")
    except UnsafePattern:  # (groups of the same name in the pattern and a context)
        return None


def _context_in(context: str | None, not_context: str | None, leave: str) -> str:
    """The part of `_needed`'s pattern for one side of the match ("" for none)."""
    local = without_anchors(context) if context is not None else None
    if local is not None:
        return f"(?:{local})"
    other = other_character(not_context) if not_context is not None else None
    return leave.format(other) if other is not None else ""


def _wrong_places(ctx: Context, rule: Rule, wrong: str) -> Sequence[int]:
    """Where the text of the rule's scope holds the wrong text, overlapping places included.  The places of the
    wrong texts of every rule of this aspect that runs on the report are found in one search of the text, made
    once per document, and each rule takes its own (not a search of the text per rule)."""
    shared = per_rule("substitute-wrong", rule, lambda: _shared_places(ctx, rule, wrong))
    if shared is not None:
        key, words = shared
        return ctx.cached(key, lambda: _places(ctx.scope_text(rule.scope).text, words)).get(wrong, ())
    return array("q", occurrences(ctx.scope_text(rule.scope).text, wrong))  # a rule run on its own


def _shared_places(ctx: Context, rule: Rule, wrong: str) -> tuple[tuple, tuple[str, ...]] | None:
    """Where the places of the rule's wrong text are found with the others of its scope's plan: the document's
    view (its key) and the words looked for — once per process, the rule's whole look-up for a report is then
    one view's (fifty rules ask).  None when the plan does not hold the rule's text."""
    words = _plan(ctx, rule).words
    return (("wrong-places", rule.scope, words), tuple(sorted(words))) if wrong in words else None


def _places(s: str, words: tuple[str, ...]) -> dict[str, array]:
    """Each word's places in `s`, in order: where a word matches, the longest one does and the others there are
    its prefixes."""
    pattern, prefixes = _words_pattern(words)
    found: dict[str, array] = {}
    m = pattern.search(s)
    while m is not None:
        for word in prefixes[m.group()]:
            found.setdefault(word, array("q")).append(m.start())
        m = pattern.search(s, m.start() + 1)
    return found


@lru_cache(maxsize=8)
def _words_pattern(words: tuple[str, ...]) -> tuple[re.Pattern, dict[str, tuple[str, ...]]]:
    """One pattern of the words, the longest first, and each word's prefixes among them (itself included)."""
    pattern = re.compile("|".join(re.escape(w) for w in sorted(words, key=len, reverse=True)))
    return pattern, {w: tuple(v for v in words if w.startswith(v)) for w in words}


@lru_cache(maxsize=64)
def _doubled(candidate: str) -> re.Pattern:
    """The code's own pattern for a doubled character or word (a backreference, which rule patterns cannot
    use); the rule contributes only escaped characters, so matching stays linear."""
    return re.compile(candidate)


def _translate(found: str, table: dict[str, str]) -> str:
    for old, new in table.items():
        found = found.replace(old, new)
    return found


def _repeated(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.checks.repeats import doubled, repeats
    from linter.language.segmentation import local_tokens

    p = rule.params
    chars, allow = p.get("chars", ""), set(p.get("allow", []))
    text = ctx.scope_text(rule.scope)
    marks = "".join(c for c in chars if not _CJK.match(c))
    if marks:  # a doubled punctuation mark is a slip wherever it stands: no word can contain it
        yield from _doubled_marks(rule, text, marks)
        chars = "".join(c for c in chars if c not in marks)
        if not chars:
            return
    # what the pattern ([chars])\1, or ([\u3400-\u9fff]{2,8})\1 without chars, finds: from the doubled places of
    # the document, found once for every rule that reports them
    places = repeats(ctx, rule.scope)
    found = doubled(places, text.text, 1, 1, _one_of(tuple(sorted(chars)))) if chars else doubled(places, text.text, 2, 8)
    pairs = []
    local = local_tokens(ctx, rule.scope)
    seen_blocks: set[int] = set()
    for at, _ in found:  # nothing doubled: no need to segment
        tokens = local.block_tokens(at)
        if not tokens or tokens[0].start in seen_blocks:
            continue
        seen_blocks.add(tokens[0].start)
        pairs += list(zip(tokens, tokens[1:]))
    for t1, t2 in pairs:
        if t1.text != t2.text or t1.end != t2.start or not (chars or _CJK.match(t1.text)):
            continue
        word = t1.text
        if (chars and (len(word) != 1 or word not in chars)) or (not chars and len(word) < 2):
            continue  # a rule with `chars` covers doubled characters; one without covers doubled words
        if not _contiguous(text, t1.start, t2.end):
            continue  # "结果 结果" with a space in the source is two table cells, not a slip
        if word + word in allow:
            continue
        start, end = text.source_span(t1.start, t2.end)
        fix = Fix(*text.source_span(t2.start, t2.end), "") if rule.fix == "safe" and _contiguous(text, t1.start, t2.end) else None
        yield Hit(start, end, {"found": word + word, "right": word}, fix=fix)


def _doubled_marks(rule: Rule, text, marks: str) -> Iterator[Hit]:
    """A run of one punctuation mark ("，，"): one finding for the run, fixed to a single mark."""
    for m in _doubled(f"([{re.escape(marks)}])\\1+").finditer(text.text):
        start, end = text.source_span(m.start(), m.end())
        safe = rule.fix == "safe" and _contiguous(text, m.start(), m.end())
        yield Hit(start, end, {"found": m.group(), "right": m.group(1)},
                  fix=Fix(start, end, m.group(1)) if safe else None)


def _paired(rule: Rule, ctx: Context) -> Iterator[Hit]:
    """Each closing mark must close an open one, and each opening mark must be closed; marks may nest
    (（地址：某路10号（原县委大院），邮编：…）).  Line breaks are ignored: PDF extractions break paragraphs into
    lines."""
    text = ctx.scope_text(rule.scope)
    s = text.text
    for opener, closer in rule.params["pairs"]:
        opens = _mark_places(s, opener)
        if opener == closer:  # each mark closes the one open before it: an odd one out is left open
            if len(opens) % 2:
                yield _mark_hit(text, opens[-1], opener, closer)
            continue
        open_at: list[int] = []
        k = 0  # the opening marks before the closing mark looked at are open (the nearest last)
        for i in _mark_places(s, closer):
            while k < len(opens) and opens[k] < i:
                open_at.append(opens[k])
                k += 1
            if open_at:
                open_at.pop()
            else:
                yield _mark_hit(text, i, closer, opener)
        open_at.extend(opens[k:])
        for i in open_at:
            yield _mark_hit(text, i, opener, closer)


def _mark_places(s: str, mark: str) -> array:
    """Where a mark of one character stands in `s`, in order (none for a longer one), found by a search for it
    from one place to the next (the search for one character is the quickest there is; a pattern's scan for the
    set of all marks cost more than the rest of the check), kept as numbers (a page of megabytes holds hundreds of
    thousands)."""
    found = array("q")
    if len(mark) != 1:
        return found
    at = s.find(mark)
    while at >= 0:
        found.append(at)
        at = s.find(mark, at + 1)
    return found


@lru_cache(maxsize=8)
def _one_of(chars: tuple[str, ...]) -> re.Pattern:
    return re.compile("[" + "".join(re.escape(c) for c in chars) + "]")


def _mark_hit(text, i: int, found: str, other: str) -> Hit:
    start, end = text.source_span(i, i + 1)
    return Hit(start, end, {"found": found, "right": other})


def _first_mention(rule: Rule, ctx: Context) -> Iterator[Hit]:
    p = rule.params
    text = ctx.scope_text(rule.scope)
    s = text.text
    full_at = s.find(p["full"])
    shorts = [(s.find(x), x) for x in p["short"] if x in s]
    if not shorts:
        return
    at, short = min(shorts)
    if full_at != -1 and full_at < at:
        return
    start, end = text.source_span(at, at + len(short))
    yield Hit(start, end, {"found": short, "right": p["full"]})


_CHECKS = {"substitute": _substitute, "repeated": _repeated, "paired": _paired, "first_mention": _first_mention}
