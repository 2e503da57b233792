"""Required statements read by their content (`linter.language.statements`): a scope must say whether, or how
much, of a subject — not merely name it.

Parameters: declared in `PARAMS` below.  `finds: missing` reports a scope that neither states nor mentions
the subject (a certain absence); `finds: mention` reports one that only mentions it — cites the regulation,
states the rule — without saying what happened.  `accept_in` is a wider scope whose statements also count
when they name one of the `specific` words (outside the scope, 费用 alone may be any cost).  When the scope
itself is absent the rule stays silent: the structure rule reports the missing section.
"""
from __future__ import annotations

from typing import Iterator

from linter.checks.context import Context, per_rule
from linter.checks.hits import Hit
from linter.checks.required import content_string, content_text
from linter.language.statements import Statement, Vocabulary, read_statements
from linter.ruleset.loading import Rule
from linter.ruleset.params import Choice, Field, Fields, Str, texts

PARAMS = Fields({
    "subject": Field(texts("the subject's words (信息处理费, 处理费, 费用, 收费)"), required=True),
    "acts": Field(texts("what is done to the subject (收取, 计收, 产生)"), required=True),
    "negations": Field(texts("negation words, each a word of its own (未, 没有, 无, 不)"), required=True),
    "norms": Field(texts("words of a rule rather than a fact (按照, 依法, 标准)")),
    "times": Field(texts("words of the time a fact is said of (本年度, 全年)")),
    "exclude": Field(texts("other subjects holding the same words (行政事业性收费)")),
    "specific": Field(texts("words that name the subject outside the scope (信息处理费)")),
    "accept_in": Field(Str(doc="a wider scope whose statements naming a `specific` word also count")),
    "finds": Field(Choice(("missing", "mention"), doc="missing: nothing is said; mention: only mentioned"),
                   required=True),
})


def statements(ctx: Context, scope: str, rule: Rule) -> list[tuple[Statement, str]]:
    """The statements of a scope: (statement, its clause text), read once per document and scope."""
    vocabulary, spelled = per_rule("statement-vocabulary", rule, lambda: _vocabulary(rule.params))

    def read():
        text = content_string(ctx, scope)
        return [(s, text[s.start:s.end]) for s in read_statements(text, vocabulary)]
    return ctx.cached(("statements", scope, spelled), read)  # rules with one vocabulary share the reading


def _vocabulary(params: dict) -> tuple[Vocabulary, str]:
    """The rule's vocabulary and its text, which names the reading of a scope that rules with the same vocabulary
    share: worked out once per process (spelling the vocabulary out cost more than the look-up it named)."""
    vocabulary = Vocabulary.of(params)
    return vocabulary, repr(vocabulary)


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    scope, params = rule.scope, rule.params
    if scope.startswith("section:") and ctx.section_for_scope(scope) is None:
        return
    here = statements(ctx, scope, rule)
    if any(s.states for s, _ in here):
        return
    wider = params.get("accept_in")
    if wider:
        specific = params.get("specific") or params["subject"]
        if any(s.states and any(w in clause for w in specific) for s, clause in statements(ctx, wider, rule)):
            return
    mentioned = [s for s, _ in here]
    if params["finds"] == "mention" and mentioned:
        text = content_text(ctx, scope)
        start, end = text.source_span(mentioned[0].start, mentioned[0].end)
        yield Hit(start, end, {"mention": text.text[mentioned[0].start:mentioned[0].end].strip()})
    elif params["finds"] == "missing" and not mentioned:
        start, end, section = ctx.scope_anchor(scope)
        yield Hit(start, end, {}, section=section)
