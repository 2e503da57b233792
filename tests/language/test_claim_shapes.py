"""The claim reader runs the LALR table of grammar/claims.lark itself, without lark's tokens and trees
(`claims._parse_shapes`): it must read every sequence of clause tokens exactly as lark's own parse does —
the same enumerations, with the same head, marker, kind of list and list tokens, and none where lark rejects
the sequence."""
from __future__ import annotations

import itertools
import random

from lark import Token, Tree
from lark.exceptions import LarkError

from linter.language import claims
from linter.cache import lalr_parser, token_stream_lexer
from linter.language.claims import _parse_shapes, _Shape

KINDS = ("HEAD", "COUNT", "STOP", "SHARE", "STATE", "SUBSET", "WHOLE", "OPEN", "WORDS", "COMMA", "SEMI", "COLON",
         "ENUM", "LPAR", "RPAR")


def lark_shapes(kinds: tuple[str, ...]) -> list[_Shape]:
    """What the reader read of lark's parse tree before it ran the table itself."""
    try:
        tree = lalr_parser("claims.lark", lexer=token_stream_lexer()).parse([Token(kind, str(i)) for i, kind in enumerate(kinds)])
    except LarkError:
        return []
    shapes = []
    for node in tree.iter_subtrees_topdown():
        if node.data != "enumeration":
            continue
        head = next((int(c) for c in node.children if not isinstance(c, Tree) and c.type == "HEAD"), None)
        marker = next(int(c.children[0]) for c in node.children if isinstance(c, Tree) and c.data == "marker")
        body = next((c for c in node.children if isinstance(c, Tree) and c.data.endswith("_list")), None)
        shapes.append(_Shape(head, marker, str(body.data) if body is not None else None,
                             tuple(int(t) for t in body.children) if body is not None else ()))
    return shapes


def test_every_short_sequence_reads_as_lark_parses_it():
    for n in range(4):
        for kinds in itertools.product(KINDS, repeat=n):
            assert _parse_shapes(kinds) == lark_shapes(kinds), kinds


def test_random_sequences_read_as_lark_parses_them():
    rng = random.Random(30)
    # lists are what the grammar is about: counts and separators weigh more, so that long lists come up
    weights = [3, 12, 2, 1, 1, 3, 3, 1, 2, 8, 3, 2, 4, 2, 2]
    listed = 0
    for _ in range(3000):
        kinds = tuple(rng.choices(KINDS, weights, k=rng.randint(1, 40)))
        expected = lark_shapes(kinds)
        assert _parse_shapes(kinds) == expected, kinds
        listed += sum(1 for s in expected if s.body is not None)
    assert listed > 500  # the sample holds many lists, not only rejected sequences


def test_the_sentences_of_the_corpora_read_as_lark_parses_them():
    from pathlib import Path

    from linter.checks.claimview import lexicon
    from linter.engine.run import load_rules
    from linter.language.quantities import extract
    from linter.settings.config import Config

    vocabulary = next(r.params["vocabulary"] for r in load_rules(Config()) if "vocabulary" in r.params)
    root = Path(__file__).resolve().parents[2]
    texts = [p.read_text(encoding="utf-8") for p in sorted((root / "examples").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "fixtures" / "corpus").glob("*.txt"))]
    texts += [p.read_text(encoding="utf-8") for p in sorted((root / "tests" / "ecosystem" / "corpus").rglob("*.txt"))]
    met: list[tuple[str, ...]] = []
    parse = claims._parse_shapes
    try:
        claims._parse_shapes = lambda kinds: met.append(kinds) or parse(kinds)
        for text in texts:
            claims._PARSES.clear()
            claims.parse_claims(text, extract(text), lexicon(vocabulary))
    finally:
        claims._parse_shapes = parse
    assert len(set(met)) > 50  # (the distinct shapes of the sentences with a marker: 78 today)
    for kinds in met:
        assert parse(kinds) == lark_shapes(kinds), kinds
