"""`linter.lalr.parse` runs a table whose shifts are plain states and reads the end of the stream by a loop of
its own: it must give what the runner of the earlier table form — (True, state) for a shift, (False, reduction)
for a reduction, the end read as one more token — gives, kept here as the reference, on every stream of up to
four tokens and on random ones, for both grammars, with and without a reader of the reductions."""
from __future__ import annotations

import itertools
import random

import pytest

from linter import lalr

GRAMMARS = {  # each with the rules its reader reads (as the claim reader and the outline table them)
    "claims.lark": ("HEAD", "COUNT", "STOP", "SHARE", "STATE", "SUBSET", "WHOLE", "OPEN", "WORDS", "COMMA", "SEMI",
                    "COLON", "ENUM", "LPAR", "RPAR"),
    "report.lark": ("FRONT", "TITLE", "SECTION", "SUBITEM", "PARA", "TABLE", "IMAGE", "NOISE", "SIGNATURE", "DATE"),
}


def earlier_form(grammar_table):
    """The table as the reference runner read it: a shift (True, state), a reduction (False, reduction)."""
    actions, start, accept = grammar_table
    return ({state: {kind: (True, a) if isinstance(a, int) else (False, a) for kind, a in row.items()}
             for state, row in actions.items()}, start, accept)


def reference_parse(grammar_table, kinds, reduced=None):
    """The runner before the shifts became plain states (the reference)."""
    actions, state, accept = grammar_table
    states, values = [state], []
    for i, kind in enumerate((*kinds, "$END")):
        while True:
            action = actions[states[-1]].get(kind)
            if action is None:
                return None
            shift, arg = action
            if shift:
                states.append(arg)
                values.append(i)
                break
            size, name, spliced, goto, read = arg
            children: list = []
            if read:
                if size:
                    for value in values[-size:]:
                        if type(value) is list:
                            children += value
                        else:
                            children.append(value)
                if reduced is not None:
                    reduced(name, children)
            if size:
                del states[-size:], values[-size:]
            states.append(goto[states[-1]])
            values.append(children if spliced else (name, children))
            if kind == "$END" and states[-1] == accept:
                return values[-1][1]
    return None


def both(grammar_table, kinds):
    seen_new, seen_old = [], []
    new = lalr.parse(grammar_table, kinds, lambda name, children: seen_new.append((name, list(children))))
    old = reference_parse(earlier_form(grammar_table), kinds,
                          lambda name, children: seen_old.append((name, list(children))))
    plain_new, plain_old = lalr.parse(grammar_table, kinds), reference_parse(earlier_form(grammar_table), kinds)
    return (new, seen_new, plain_new), (old, seen_old, plain_old)


READ_FROM = {"claims.lark": "enumeration", "report.lark": None}


@pytest.mark.parametrize("grammar", sorted(GRAMMARS))
def test_every_short_stream_runs_as_the_reference_runs_it(grammar):
    grammar_table = lalr.table(grammar, read_from=READ_FROM[grammar])
    for n in range(5):
        for kinds in itertools.product(GRAMMARS[grammar], repeat=n):
            new, old = both(grammar_table, kinds)
            assert new == old, kinds


@pytest.mark.parametrize("grammar", sorted(GRAMMARS))
def test_random_streams_run_as_the_reference_runs_them(grammar):
    rng = random.Random(10)
    grammar_table = lalr.table(grammar, read_from=READ_FROM[grammar])
    accepted = 0
    for _ in range(3000):
        kinds = tuple(rng.choices(GRAMMARS[grammar], k=rng.randint(1, 60)))
        new, old = both(grammar_table, kinds)
        assert new == old, kinds
        accepted += new[0] is not None
    assert accepted > 50  # not only rejected streams
