"""The statement reader reads the clauses that name the subject, found around the subject's words: the same
clauses, in the same order, as a look into every clause of the text finds."""
from __future__ import annotations

from hypothesis import example, given, settings, strategies as st

from linter.language.statements import _CLAUSE_RE, Vocabulary, _naming_clauses, read_statements

_PIECES = list("，,。；;！？!?\n 《》") + ["信息处理费", "处理费", "费用", "收费", "未", "收取", "0元", "本年度", "甲", "乙"]
TEXTS = st.lists(st.sampled_from(_PIECES), max_size=40).map("".join)
SUBJECTS = st.lists(st.sampled_from(["信息处理费", "处理费", "费用", "收费", "费", "甲乙", "，", "a,b", "", " "]),
                    max_size=4).map(tuple)


def every_clause(text: str, subject: tuple[str, ...]) -> list[tuple[int, int]]:
    return [m.span() for m in _CLAUSE_RE.finditer(text) if any(w in m.group() for w in subject)]


@settings(max_examples=400, deadline=None)
@given(TEXTS, SUBJECTS)
@example("甲，信息处理费处理费；收费\n费用", ("处理费", "信息处理费"))
def test_the_clauses_naming_the_subject(text, subject):
    assert list(_naming_clauses(text, subject)) == every_clause(text, subject)


def test_a_fee_statement_is_read_in_its_clause():
    v = Vocabulary(("信息处理费", "处理费"), ("收取",), ("未",), ("按照",), ("本年度",), ())
    text = "本年度工作开展顺利，未收取信息处理费。另依照规定，处理费按件计收"
    found = [(s.kind, text[s.start:s.end]) for s in read_statements(text, v)]
    assert found == [("negated", "未收取信息处理费"), ("mention", "处理费按件计收")]
