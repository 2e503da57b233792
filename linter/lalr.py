"""The grammars' LALR tables run without lark's tokens and trees.

The outline (`grammar/report.lark`) and the claim reader (`grammar/claims.lark`) parse streams of tokens made
beforehand: a report's blocks, a sentence's clauses.  lark's tokens, trees and parser state were most of such a
parse, so each runs lark's LALR table itself (`parse`), building each rule's value as lark's tree builder does.
The table is plain data (states, kinds, numbers, names), kept per user (`linter.cache.cached`): a start-up that
finds it imports no part of lark (15–20 ms of a cold check's 200).  Held to lark's own parse by
tests/outline/test_parse_table.py and tests/language/test_claim_shapes.py.
"""
from __future__ import annotations

from functools import lru_cache
from typing import Callable

from linter.cache import cached, lalr_parser, token_stream_lexer


@lru_cache(maxsize=None)
def table(grammar_file: str, read_from: str | None = None) -> tuple[dict, int, int]:
    """The LALR table of `grammar/<grammar_file>` over a token stream, as ({state: {kind: action}}, start state,
    accepting state); an action is the next state (an int) for a shift, or (size, name, spliced?, {state: the
    state its goto leads to}, read?) for a reduction, where name is the rule's alias or name, a rule named
    with a leading _ (lark's own, for `x*`) is spliced into its parent as lark's tree builder does, and read?
    says whether the rule is `read_from` or one it is made of (all rules when None): a runner need build the
    values of those alone.

    Kept per user, keyed by the grammar file, lark's installed version (by its `__init__`'s time and size) and
    the linter's code (`cached`): built from lark's own analysis of the grammar when any of them changed."""
    from importlib.util import find_spec

    from linter.resources import grammar_path

    lark_spec = find_spec("lark")
    inputs = [grammar_path(grammar_file)] + ([lark_spec.origin] if lark_spec and lark_spec.origin else [])
    stem = grammar_file.rsplit(".", 1)[0]
    return cached(f"{stem}-table", inputs, lambda: _plain_table(grammar_file, read_from), extra=str(read_from))


def parse(grammar_table: tuple[dict, int, int], kinds, reduced: Callable[[str, list], None] | None = None) -> list | None:
    """The children of the start rule for a stream of token kinds, or None where lark would reject the stream.
    A rule's value is its children as lark's tree builder makes them — a token by its index in the stream, a
    rule named with a leading _ spliced into its parent, any other rule a (name, children) node — for the rules
    the table reads (the others are left empty); `reduced(name, children)` sees each of those as it is reduced.
    A shift is the state it leads to (an int): a token's reductions run until its shift, one test of the
    action's type each.  The accepting state has no action: the stream is accepted when its end finds none there."""
    actions, state, accept = grammar_table
    states, values = [state], []
    for i, kind in enumerate((*kinds, "$END")):
        action = actions[states[-1]].get(kind)
        while action.__class__ is not int:
            if action is None:
                return values[-1][1] if kind == "$END" and states[-1] == accept else None
            size, name, spliced, goto, read = action
            children: list = []
            if read:
                if size:
                    for value in values[-size:]:
                        if value.__class__ is list:
                            children += value
                        else:
                            children.append(value)
                if reduced is not None:
                    reduced(name, children)
            if size:
                del states[-size:], values[-size:]
            states.append(goto[states[-1]])
            values.append(children if spliced else (name, children))
            action = actions[states[-1]].get(kind)
        states.append(action)
        values.append(i)
    return None  # (lark never shifts the end of the stream: it accepts on a reduction)


def _plain_table(grammar_file: str, read_from: str | None) -> tuple[dict, int, int]:
    from lark.parsers.lalr_analysis import Shift

    parse_table = lalr_parser(grammar_file, lexer=token_stream_lexer()).parser.parser.parser.parse_table
    states = parse_table.states
    gotos: dict[str, dict[int, int]] = {}   # a rule's name → {state: the state its goto leads to}
    parts: dict[str, set[str]] = {}         # a rule's name → the rules its expansions name
    for state, row in states.items():
        for name, (action, arg) in row.items():
            if not name.isupper():
                gotos.setdefault(str(name), {})[state] = arg
            if action is not Shift:
                parts.setdefault(str(arg.origin.name), set()).update(str(s.name) for s in arg.expansion if not s.is_term)
    read: set[str] | None = None
    if read_from is not None:
        read, todo = set(), [read_from]
        while todo:
            name = todo.pop()
            if name not in read:
                read.add(name)
                todo += parts.get(name, ())
    table: dict[int, dict] = {}
    for state, row in states.items():
        actions = table[state] = {}
        for kind, (action, arg) in row.items():
            if not kind.isupper():
                continue   # a goto, read through `gotos`
            if action is Shift:
                actions[str(kind)] = arg
            else:   # (lark's names may be its Token, a str of its own: plain texts, or the table needs lark to load)
                name = str(arg.origin.name)
                actions[str(kind)] = (len(arg.expansion), str(arg.alias or name), name.startswith("_"),
                                          gotos[name], read is None or name in read)
    return table, parse_table.start_states["start"], parse_table.end_states["start"]
