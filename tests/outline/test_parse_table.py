"""The outline parser runs the LALR table of grammar/report.lark itself, without lark's tokens and trees
(`parser._parse`): it must read every stream of block tokens exactly as lark's own parse does — the same tree,
token for token, and none where lark rejects the stream — and the outlines of the corpora must be those lark's
tree gives."""
from __future__ import annotations

import itertools
import random

from lark import Token, Tree
from lark.exceptions import LarkError

from linter.cache import lalr_parser, token_stream_lexer
from linter.outline.parser import _parse

KINDS = ("FRONT", "TITLE", "SECTION", "SUBITEM", "PARA", "TABLE", "IMAGE", "NOISE", "SIGNATURE", "DATE")


def lark_children(kinds: list[str]) -> list | None:
    """lark's tree of the stream, in the form `_parse` gives it: (rule, children), a token by its index."""
    try:
        tree = lalr_parser("report.lark", lexer=token_stream_lexer()).parse([Token(kind, str(i)) for i, kind in enumerate(kinds)])
    except LarkError:
        return None

    def plain(node):
        return (str(node.data), [plain(c) for c in node.children]) if isinstance(node, Tree) else int(node)

    return plain(tree)[1]


def test_every_short_stream_parses_as_lark_parses_it():
    for n in range(5):
        for kinds in itertools.product(KINDS, repeat=n):
            assert _parse(list(kinds)) == lark_children(list(kinds)), kinds


def test_random_streams_parse_as_lark_parses_them():
    rng = random.Random(30)
    # real reports: a title, then sections, sub-items and runs of items, a closing at the end
    weights = [1, 2, 4, 6, 12, 2, 1, 2, 1, 1]
    accepted = 0
    for _ in range(3000):
        kinds = rng.choices(KINDS, weights, k=rng.randint(1, 40))
        expected = lark_children(kinds)
        assert _parse(kinds) == expected, kinds
        accepted += expected is not None
    assert accepted > 300  # many streams lark accepts, not only rejected ones


def test_report_shaped_streams_parse_as_lark_parses_them():
    rng = random.Random(7)
    accepted = 0
    for _ in range(2000):
        kinds = ["FRONT"] * rng.randint(0, 2) + ["TITLE"] * rng.randint(0, 2) + rng.choices(["PARA", "SUBITEM"], k=rng.randint(0, 3))
        for _ in range(rng.randint(0, 7)):
            kinds += ["SECTION"] + rng.choices(["PARA", "TABLE", "IMAGE", "NOISE", "SUBITEM"], k=rng.randint(0, 6))
        kinds += rng.choice([[], ["SIGNATURE", "DATE"], ["DATE"], ["SIGNATURE"], ["SIGNATURE", "DATE", "PARA", "NOISE"]])
        expected = lark_children(kinds)
        assert _parse(kinds) == expected, kinds
        accepted += expected is not None
    assert accepted > 1500
