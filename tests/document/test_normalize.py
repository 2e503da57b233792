"""`model.normalize` (run by run) gives exactly what the character-by-character definition gives."""
from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from linter.document.model import _WIDE_RE, _fold_char, normalize


def reference(raw: str, base: int = 0, drop_wide_spaces: bool = True):
    """The definition: fold each character, drop whitespace next to a wide character, collapse the rest."""
    chars: list[str] = []
    offs: list[int] = []
    pending = None
    for i, ch in enumerate(raw):
        folded = _fold_char(ch)
        if not folded:  # an invisible format character: dropped
            continue
        if folded in (" ", "\n", "\r"):
            if chars and pending is None:
                pending = base + i
            continue
        if pending is not None:
            if not (drop_wide_spaces and (_WIDE_RE.match(folded) or _WIDE_RE.match(chars[-1]))):
                chars.append(" ")
                offs.append(pending)
            pending = None
        chars.append(folded)
        offs.append(base + i)
    return "".join(chars), offs


ALPHABET = st.sampled_from(list(" \t\n\r\u00a0\u3000\u2002\u200b\u200d\u00ad\u2060\ufeff\x0b\x0cab1２Ａｚ年、（）“”…\u3400\uff0c-"))


@settings(max_examples=400, deadline=None)
@given(st.text(ALPHABET, max_size=40), st.integers(0, 1000), st.booleans())
def test_normalize_equals_the_definition(raw, base, drop):
    t = normalize(raw, base, drop)
    assert (t.text, list(t.offsets)) == reference(raw, base, drop)
    if not t.offsets:
        assert t.anchor() == base


def test_normalize_examples():
    t = normalize("  2023 年 共 ３ 件\u3000 ok  x \n", 10)
    assert t.text == "2023年共3件ok x"
    assert list(t.offsets[:5]) == [12, 13, 14, 15, 17]
    assert t.text[t.text.index(" ")] == " " and t.offsets[t.text.index(" ")] == 10 + len("  2023 年 共 ３ 件\u3000 ok")
    assert normalize(" \n ", 5).anchor() == 5
