"""Each ordinal style of the enumeration check finds, searching from its ordinal's first character, what `finditer`
of `(?:^|lead)body` finds: the same matches, the lead of one never taken from the end of
the one before."""
import random
import re

from linter.checks.enumeration import STYLES

TEXTS = [
    "一是加强领导；二是完善制度。三是三是（一）（二）（三）第一，第二、①②③（1）（2）十二是",
    "（一）加强（二）完善，（三）落实）（四）第十二，第十三：第三十一、 1.公开 2.办理 ，3、答复 0 0 2.其他",
    "“一是”和‘二是’：三是 四是\n五是\t（六）（７）(8)①②",
]
# the characters the styles and their leads are made of, and a few others: every way they can stand together
ALPHABET = "一二三四五六七八九十是第（）()，。；：:、！？“”‘’\" \n\t\u300012.．①②⑳１信息"


def _ordinals(matches):
    return [(m.span(), m.group("n"), m.span("n")) for m in matches]


def _reference(style, text):
    return re.compile(f"(?:^|{style.lead}){style.body}").finditer(text)


def test_each_style_finds_what_finditer_of_lead_and_body_finds():
    generated = random.Random(30)
    texts = TEXTS + ["".join(generated.choice(ALPHABET) for _ in range(generated.randint(0, 30))) for _ in range(3000)]
    for style in STYLES.values():
        for text in texts:
            assert _ordinals(style.finditer(text)) == _ordinals(_reference(style, text)), (style.name, text)


def test_an_ordinal_whose_lead_ended_the_one_before_is_not_found():
    # （一）（二）: the ） that would lead （二） belongs to （一）, as in finditer; a space between leaves both
    assert [m.group("n") for m in STYLES["paren_cn"].finditer("（一）（二）")] == ["一"]
    assert [m.group("n") for m in STYLES["paren_cn"].finditer("（一） （二）")] == ["一", "二"]
    assert [m.group("n") for m in STYLES["shi"].finditer("，一是，二是三是")] == ["一", "二"]
