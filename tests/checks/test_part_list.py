"""The list-of-parts check asks only the sentences that hold a section keyword: they are exactly the sentences
of the text that hold one, whatever the text."""
from hypothesis import example, given, settings, strategies as st

from linter.checks.part_list import _SENTENCE_RE, _naming_sentences
from linter.document.catalogue import section_specs

_KEYWORDS = sorted({word for spec in section_specs() for group in spec.keywords for word in group})
_PIECES = st.sampled_from(_KEYWORDS + ["。", "！", "？", "\n", "、", "和", "情况", "一、", "的", " "])


def _holding(text: str) -> list[tuple[int, int]]:
    return [m.span() for m in _SENTENCE_RE.finditer(text) if any(word in m.group() for word in _KEYWORDS)]


@settings(max_examples=400, deadline=None)
@given(st.lists(_PIECES, max_size=40).map("".join))
@example("本报告包括总体情况、主动公开政府信息情况、收到和处理政府信息公开申请情况等部分。\n一、\n一、总体情况")
@example("一、\n" * 50)
def test_the_sentences_asked_are_those_holding_a_keyword(text):
    assert list(_naming_sentences(text, section_specs())) == _holding(text)
