"""`claims._parse_shapes` starts the parse after the tokens that come before the first total or marker (each an
item of the sentence's own) and moves the enumerations' indexes past them: held to lark's parse of the whole
sequence on sequences that open with a long run of such tokens, and to the parse of the whole sequence by the
same table (the reader before it skipped them)."""
from __future__ import annotations

import random

from linter import lalr
from linter.language import claims
from linter.language.claims import _parse_shapes, _shape
from test_claim_shapes import KINDS, lark_shapes

ITEMS = [k for k in KINDS if k not in ("HEAD", "SUBSET", "WHOLE")]


def whole_parse_shapes(kinds: tuple[str, ...]) -> list:
    """The reference: the shapes of the parse of every token of the sequence."""
    found: list = []

    def reduced(name: str, children: list) -> None:
        if name == "enumeration":
            found.append(_shape(children, kinds))

    ok = lalr.parse(lalr.table("claims.lark", read_from="enumeration"), kinds, reduced)
    return found if ok is not None else []


def test_sequences_opening_with_items_read_as_the_whole_parse_and_lark_read_them():
    rng = random.Random(11)
    skipped = listed = 0
    for _ in range(3000):
        prefix = tuple(rng.choices(ITEMS, k=rng.randint(0, 12)))
        rest = tuple(rng.choices(KINDS, [3, 12, 2, 1, 1, 3, 3, 1, 2, 8, 3, 2, 4, 2, 2], k=rng.randint(0, 25)))
        kinds = prefix + rest
        expected = whole_parse_shapes(kinds)
        assert _parse_shapes(kinds) == expected == lark_shapes(kinds), kinds
        skipped += bool(prefix) and any(k in rest for k in ("HEAD", "SUBSET", "WHOLE"))
        listed += any(s.body is not None for s in expected)
    assert skipped > 1000 and listed > 500


def test_unknown_kinds_are_not_skipped():
    assert _parse_shapes(("NOISE", "SUBSET", "COUNT")) == whole_parse_shapes(("NOISE", "SUBSET", "COUNT")) == []
    assert _parse_shapes(("WORDS", "HEAD")) == [] and claims._ITEMS.isdisjoint(("HEAD", "SUBSET", "WHOLE"))
