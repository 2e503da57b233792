"""Identities as data: parse an identity expression (`grammar/identity.lark`) and evaluate it exactly
(Decimal) over the table models.

An identity is evaluated once per binding of its `for` variables.  An instance whose cells are not all
numbers is not judged: a blank cell is reported by the blank-cell rule (T3-EMPTY), an unreadable one by
the integer rule, a missing row by the shape rule — never as a false arithmetic error.
"""
from __future__ import annotations

import itertools
import operator
from dataclasses import dataclass, field
from decimal import Decimal
from functools import lru_cache
from typing import Callable, Iterator

from linter.cache import lalr_parser
from linter.tables import layout
from linter.tables.cells import TypedCell
from linter.tables.model import StatisticsTables, TableModel


class IdentityError(ValueError):
    """The expression is not a valid identity."""


@dataclass(frozen=True)
class Ref:
    table: str
    row: str
    col: str


@dataclass(frozen=True)
class Comparison:
    lhs: tuple[tuple[int, object], ...]   # (sign, Ref | Decimal)
    op: str
    rhs: tuple[tuple[int, object], ...]


@dataclass(frozen=True)
class Identity:
    comparison: Comparison
    loops: tuple[tuple[str, tuple[str, ...] | str], ...]  # (variable, list of keys | named domain)
    condition: Comparison | None

    @property
    def table(self) -> str:
        for _, term in self.comparison.lhs + self.comparison.rhs:
            if isinstance(term, Ref):
                return term.table
        raise IdentityError("an identity needs at least one cell reference")


@dataclass(slots=True)  # slots: a report's identities make a few hundred instances
class Instance:
    """One evaluation of an identity under one binding of its variables."""

    bindings: dict[str, str]
    status: str                        # ok | fail | blank | unread | missing | invalid | skipped
    lhs: Decimal | None = None
    rhs: Decimal | None = None
    # (coefficient in lhs − rhs, cell) for every cell involved
    terms: list[tuple[int, TypedCell]] = field(default_factory=list)
    anchor: TypedCell | None = None    # where to report: a lone total cell, else the first cell

    @property
    def diff(self) -> Decimal | None:
        return None if self.lhs is None or self.rhs is None else self.lhs - self.rhs

    def cells(self) -> list[TypedCell]:
        return [c for _, c in self.terms]


DOMAINS = ("applicant_columns", "all_columns", "rows", "blocks", "fields", "legal_person_columns")

# The identities the national format builds into its tables (as in rules/gov-2021/tables.yaml): they fix an
# unread cell of a picture (`pictures.fill_forced`) and the value of a blank total whose parts are filled.
FORMAT_IDENTITIES = {
    "t3": ("t3[r, T] == t3[r, NP] + t3[r, BE] + t3[r, RI] + t3[r, SO] + t3[r, LS] + t3[r, OT] for r in rows",
           "t3[R24, c] == t3[R3, c] + t3[R4, c] + t3[DENY, c] + t3[UNABLE, c] + t3[NOPROC, c] + t3[OTHER, c] for c in all_columns",
           "t3[R1, c] + t3[R2, c] == t3[R24, c] + t3[R25, c] for c in all_columns"),
    "t4": ("t4[b, M] + t4[b, C] + t4[b, O] + t4[b, U] == t4[b, T] for b in blocks",),
}


@lru_cache(maxsize=None)
def _parser():
    return lalr_parser("identity.lark")


@lru_cache(maxsize=1024)
def parse_identity(expression: str) -> Identity:
    """The identity an expression writes, or IdentityError.  What the grammar made of an expression is kept
    between runs as plain data (`linter.compiled.derived`): a run that finds it there imports no part of lark."""
    from linter.compiled import derived

    return _from_plain(derived("identities", _revision(), expression, lambda: _to_plain(_parse(expression))))


@lru_cache(maxsize=1)
def _revision() -> str:
    """The sizes and times of this module and of the grammar: what `parse_identity` keeps is kept under them."""
    import os

    from linter.resources import grammar_path

    files = (os.stat(__file__), os.stat(grammar_path("identity.lark")))
    return "|".join(f"{st.st_size}:{st.st_mtime_ns}" for st in files)


def _to_plain(identity: Identity) -> tuple:
    """An identity as texts and tuples (what `marshal` writes): a cell reference as (table, row, column), a
    number as its text."""
    def side(terms):
        return tuple((sign, (t.table, t.row, t.col) if isinstance(t, Ref) else str(t)) for sign, t in terms)

    def comparison(c: Comparison | None):
        return None if c is None else (side(c.lhs), c.op, side(c.rhs))

    return comparison(identity.comparison), identity.loops, comparison(identity.condition)


def _from_plain(plain: tuple) -> Identity:
    def side(terms):
        return tuple((sign, Ref(*t) if isinstance(t, tuple) else Decimal(t)) for sign, t in terms)

    def comparison(c):
        return None if c is None else Comparison(side(c[0]), c[1], side(c[2]))

    comparison_, loops, condition = plain
    return Identity(comparison(comparison_), tuple((var, dom) for var, dom in loops), comparison(condition))


def _parse(expression: str) -> Identity:
    """The identity parsed by the grammar, and checked."""
    from lark.exceptions import LarkError

    try:
        tree = _parser().parse(expression)
    except LarkError as exc:
        raise IdentityError(str(exc).splitlines()[0]) from exc
    children = tree.children
    comparison = _comparison(children[0])
    loops, condition = [], None
    for node in children[1:]:
        if node.data == "loop":
            var, dom = node.children
            if dom.data == "named_domain":
                name = str(dom.children[0])
                if name not in DOMAINS:
                    raise IdentityError(f"unknown domain {name!r}; one of {', '.join(DOMAINS)}")
                loops.append((str(var), name))
            else:
                loops.append((str(var), tuple(str(t) for t in dom.children)))
        else:
            condition = _comparison(node.children[0])
    identity = Identity(comparison, tuple(loops), condition)
    _ = identity.table
    for table in {t.table for side in (comparison.lhs, comparison.rhs) for _, t in side if isinstance(t, Ref)}:
        if table not in ("t2", "t3", "t4"):
            raise IdentityError(f"unknown table {table!r}; one of t2, t3, t4")
    return identity


def _comparison(node) -> Comparison:
    lhs, op, rhs = node.children
    return Comparison(_sum(lhs), str(op), _sum(rhs))


def _sum(node) -> tuple[tuple[int, object], ...]:
    out: list[tuple[int, object]] = []
    sign = 1
    for child in node.children:
        if getattr(child, "type", None) == "SIGN":
            sign = 1 if str(child) == "+" else -1
            continue
        if child.data == "ref":
            t, r, c = (str(x) for x in child.children)
            out.append((sign, Ref(t, r, c)))
        else:
            out.append((sign, Decimal(str(child.children[0]))))
        sign = 1
    return tuple(out)


def _domain(dom, table: TableModel) -> tuple[str, ...]:
    if isinstance(dom, tuple):
        return dom
    if dom == "applicant_columns":
        return layout.APPLICANT_COLUMNS
    if dom == "legal_person_columns":
        return layout.LEGAL_PERSON_COLUMNS
    if dom == "all_columns":
        return tuple(c for c in (*layout.APPLICANT_COLUMNS, "SUB", "T") if c in table.columns)
    if dom == "rows":
        return tuple(table.rows)
    if dom == "blocks":
        return layout.T4_ORDER
    if dom == "fields":
        return tuple(s.key for s in layout.T4_FIELDS)
    raise IdentityError(dom)  # pragma: no cover - rejected when parsed


def evaluate(identity: Identity, tables: StatisticsTables, remember: bool = False) -> list[Instance]:
    """Every instance of the identity over the report's tables (none when its table is absent).

    A condition is judged once per binding of the variables it names (`t3[R1, c] + t3[R2, c] == 0` once
    per column, not once per cell of the table).  With `remember`, the instances of an identity over its own
    table alone are kept on the table and given again (for a table whose cells no longer change: built)."""
    table = tables.get(identity.table)
    if table is None:
        return []
    plan = _plan(identity)
    if remember and plan.over_one_table:
        found = table.evaluations.get(plan)   # (by plan: hashing the identity itself costs more than a lookup)
        if found is None:
            found = table.evaluations[plan] = evaluate(identity, tables)
        return found
    refs = _Refs(tables)
    return [_compare(plan, combo, refs) for combo in _combos(plan, table, refs)]


def failing(identity: Identity, tables: StatisticsTables, cells: _Refs | None = None) -> list[Instance]:
    """The instances of `evaluate` that fail, the others judged without being made: what a rule reports (表三's
    zero rows are a hundred instances a report, and most of a table's identities hold).  `cells`: the
    `cell_lookup` of the tables, shared by the identities judged over them once they are built."""
    table = tables.get(identity.table)
    if table is None:
        return []
    plan = _plan(identity)
    if not all(col in table.columns for col in plan.fixed_columns):
        return []   # (every instance has a missing cell: none is judged)
    refs = _Refs(tables) if cells is None else cells
    holds = plan.holds
    if plan.sums is not None:   # every binding at once
        combos = _bindings(plan, table, refs)
        lhs = _totals(plan.sums[0], combos, refs)
        if all(left is None for left in lhs):
            return []   # (a column the table does not have: nothing judged)
        rhs = _totals(plan.sums[1], combos, refs)
        return [_compare(plan, combo, refs) for combo, left, right in zip(combos, lhs, rhs)
                if left is not None and right is not None and not holds(left, right)]
    found = []
    for combo in _combos(plan, table, refs):
        lhs = _value(plan.lhs, combo, refs)
        if lhs is None:
            continue
        rhs = _value(plan.rhs, combo, refs)
        if rhs is not None and not holds(lhs, rhs):
            found.append(_compare(plan, combo, refs))
    return found


# A cell reference compiled against the identity's variables: (sign, table, row, position of the row's variable
# in a binding or -1 for a fixed row, column, position of the column's variable or -1).  A number of the
# expression is (sign, None, value, -1, None, -1).  A side of numbers alone is compiled into its value.
_Term = tuple[int, "str | None", object, int, "str | None", int]
_Side = "tuple[_Term, ...] | Decimal"


@dataclass(frozen=True, eq=False)  # eq=False: compared and hashed as the one object it is
class _Plan:
    """An identity compiled for evaluation, once per process: a binding is the tuple of its variables' values
    in loop order, and each cell reference knows where in it its row and column stand, so an instance looks
    its cells up without resolving names."""

    names: tuple[str, ...]                 # the loop variables, in order
    domains: tuple[tuple[str, ...] | str, ...]
    lhs: _Side
    holds: Callable[[Decimal, Decimal], bool]   # the comparison's operator
    rhs: _Side
    singles: tuple[int, ...]               # `_single_cell_sides` of the comparison
    condition: tuple[_Side, Callable[[Decimal, Decimal], bool], _Side] | None
    condition_depth: int                   # how many of the first loop variables the condition's cells name
    over_one_table: bool
    # `_sums` of (lhs, rhs): each side's value over all bindings at once, or None when a side is neither a number
    # alone nor a sum of cells (a cell taken away, a number added): those are judged binding by binding
    sums: tuple[_Sum, _Sum] | None
    condition_sums: tuple[_Sum, _Sum] | None   # the condition's sides as `sums`
    # the columns the references to the identity's own table name by key, not by a variable: a table without one
    # of them has no instance that can be judged (T3-SUBTOTAL's 小计 column, printed by few reports)
    fixed_columns: tuple[str, ...]


_PLANS: dict[int, tuple[Identity, _Plan]] = {}
_MAX_PLANS = 1024   # as many as `parse_identity` keeps identities


def _plan(identity: Identity) -> _Plan:
    """The identity's plan, compiled on first use (identities are parsed once per process: `parse_identity`)."""
    entry = _PLANS.get(id(identity))
    if entry is None or entry[0] is not identity:
        if len(_PLANS) >= _MAX_PLANS:
            _PLANS.clear()
        entry = _PLANS[id(identity)] = (identity, _compile(identity))
    return entry[1]


def _compile(identity: Identity) -> _Plan:
    names = tuple(var for var, _ in identity.loops)

    def at(name: str) -> int:
        return names.index(name) if name in names else -1

    def side(terms) -> _Side:
        if not any(isinstance(t, Ref) for _, t in terms):
            return _side(tuple((sign, None, t, -1, None, -1) for sign, t in terms), 1, (), {})
        return tuple((sign, t.table, t.row, at(t.row), t.col, at(t.col)) if isinstance(t, Ref)
                     else (sign, None, t, -1, None, -1) for sign, t in terms)

    comp, cond = identity.comparison, identity.condition
    condition = None if cond is None else (side(cond.lhs), _OPS[cond.op], side(cond.rhs))
    named = () if cond is None else [i for i, var in enumerate(names) if var in _variables(cond)]
    lhs, rhs = side(comp.lhs), side(comp.rhs)
    sums = _sum_of_cells(lhs, identity.loops), _sum_of_cells(rhs, identity.loops)
    condition_sums = None if condition is None else (_sum_of_cells(condition[0], identity.loops),
                                                     _sum_of_cells(condition[2], identity.loops))
    fixed_columns = tuple(dict.fromkeys(
        t.col for c in (comp, cond) if c is not None for side in (c.lhs, c.rhs) for _, t in side
        if isinstance(t, Ref) and t.table == identity.table and t.col not in names))
    return _Plan(names, tuple(dom for _, dom in identity.loops), lhs, _OPS[comp.op], rhs,
                 _single_cell_sides(comp), condition, max(named, default=-1) + 1, _over_one_table(identity),
                 _both(sums), _both(condition_sums), fixed_columns)


def _both(sums: tuple[_Sum | None, _Sum | None] | None) -> tuple[_Sum, _Sum] | None:
    return None if sums is None or any(side is None for side in sums) else sums


# A side compiled for judging every binding at once: its value when it is a number alone, else its cell references,
# all added: (table, row, position of the row's variable or -1, column, position of the column's variable or -1,
# whether the row may be a group of 表三's rows).
_Sum = "Decimal | tuple[tuple[str, str, int, str, int, bool], ...]"


def _sum_of_cells(side: _Side, loops) -> _Sum | None:
    if side.__class__ is Decimal:
        return side
    if not all(sign == 1 and table is not None for sign, table, *_ in side):
        return None
    return tuple((table, row, row_at, col, col_at, _may_be_group(table, row, row_at, loops))
                 for _, table, row, row_at, col, col_at in side)


def _may_be_group(table: str, row: str, row_at: int, loops) -> bool:
    """Can a reference's row name a group of 表三 (DENY …): a group named, or a variable over a list naming one (the
    named domains hold rows, blocks and columns only)."""
    if table != "t3":
        return False
    rows = (row,) if row_at < 0 else loops[row_at][1]
    return isinstance(rows, tuple) and any(r in layout.T3_GROUPS for r in rows)


def _totals(side: _Sum, combos: list[tuple[str, ...]], refs: _Refs) -> list[Decimal | None]:
    """A side's value under each binding (`_value` of each, in one pass per cell reference rather than one pass
    per binding): None where a cell is missing or not a number.  Each binding's total is made by the same additions,
    in the same order, as `_side` makes it — from zero, the cells of each reference in turn (a group's rows in
    order) — so a value past the precision of Decimal rounds as it would there."""
    if side.__class__ is Decimal:
        return [side] * len(combos)
    totals: list[Decimal | None] = [_ZERO] * len(combos)
    for table, row, row_at, col, col_at, group in side:
        look = refs.groups(table).__getitem__ if group else refs.numbers(table).get
        if row_at < 0 and col_at < 0:
            found = [look((row, col))] * len(combos)
        elif col_at < 0:
            found = [look((combo[row_at], col)) for combo in combos]
        elif row_at < 0:
            found = [look((row, combo[col_at])) for combo in combos]
        else:
            found = [look((combo[row_at], combo[col_at])) for combo in combos]
        if group:   # the values of a group's rows, added in turn
            totals = [None if total is None or values is None else sum(values, total)
                      for total, values in zip(totals, found)]
        else:
            totals = [None if total is None or value is None else total + value
                      for total, value in zip(totals, found)]
    return totals


def _combos(plan: _Plan, table: TableModel, refs: _Refs) -> Iterator[tuple[str, ...]]:
    """Each binding of the identity's variables (in loop order) under which its condition (if any) holds."""
    domains = [_domain(dom, table) for dom in plan.domains]
    if plan.condition is None:
        return itertools.product(*domains)
    return _where_condition_holds(plan, domains, refs)


def _bindings(plan: _Plan, table: TableModel, refs: _Refs) -> list[tuple[str, ...]]:
    """`_combos` as a list, the condition (when its sides are sums of cells) judged over all its bindings at once."""
    if plan.condition is None or plan.condition_sums is None:
        return list(_combos(plan, table, refs))
    domains = [_domain(dom, table) for dom in plan.domains]
    depth = plan.condition_depth
    heads = list(itertools.product(*domains[:depth]))
    lhs, rhs = (_totals(side, heads, refs) for side in plan.condition_sums)
    holds = plan.condition[1]
    tails = list(itertools.product(*domains[depth:]))
    return [head + tail for head, left, right in zip(heads, lhs, rhs)
            if left is not None and right is not None and holds(left, right) for tail in tails]


def _where_condition_holds(plan: _Plan, domains: list[tuple[str, ...]], refs: _Refs) -> Iterator[tuple[str, ...]]:
    """The bindings in loop order, the condition judged once for each binding of the first variables it names
    (`condition_depth`): the bindings of the others are made only under those where it holds."""
    lhs, holds_op, rhs = plan.condition
    depth = plan.condition_depth
    for head in itertools.product(*domains[:depth]):
        left = _value(lhs, head, refs)
        right = None if left is None else _value(rhs, head, refs)
        if right is not None and holds_op(left, right):
            for tail in itertools.product(*domains[depth:]):
                yield head + tail


def cell_lookup(tables: StatisticsTables) -> _Refs:
    """Where identities look the cells of built tables up (by table and row), for `failing` to share: the rows
    of a table are found once for all its identities, not once for each."""
    return _Refs(tables)


class _Refs(dict):
    """The cells of the rows a reference names, a list of column -> cell per row, by (table, row) — a group's
    rows in 表三 — or None when the table or a row of the group is missing: worked out once per evaluation,
    not per instance."""

    __slots__ = ("tables", "_numbers", "_groups")

    def __init__(self, tables: StatisticsTables) -> None:
        super().__init__()
        self.tables = tables
        self._numbers: dict[str, dict[tuple[str, str], Decimal]] = {}
        self._groups: dict[str, _GroupNumbers] = {}

    def numbers(self, name: str) -> dict[tuple[str, str], Decimal]:
        """The value of each number cell of table `name` by (row, column): what `_totals` adds up for a reference
        to one row.  Made once for the identities judged over the tables."""
        found = self._numbers.get(name)
        if found is None:
            table = self.tables.get(name)
            found = self._numbers[name] = {} if table is None else {
                key: cell.value for key, cell in table.cells.items() if cell.status == "number"}
        return found

    def groups(self, name: str) -> _GroupNumbers:
        """The values of the cells a reference to a row or a group of table `name` names, as `_GroupNumbers`."""
        found = self._groups.get(name)
        if found is None:
            found = self._groups[name] = _GroupNumbers(self.tables.get(name), self.numbers(name))
        return found

    def __missing__(self, key: tuple[str, str]):
        name, row = key
        table = self.tables.get(name)
        found = self[key] = None if table is None else table.group_cells(row) or None

        return found


class _GroupNumbers(dict):
    """The values of the cells of a (row, column) — a group's rows in 表三 — in order, or None when a row of it is
    missing or a cell is missing or not a number: the rows `TableModel.group_rows` gives, on first use."""

    __slots__ = ("table", "numbers", "members")

    def __init__(self, table: TableModel | None, numbers: dict[tuple[str, str], Decimal]) -> None:
        super().__init__()
        self.table, self.numbers = table, numbers
        self.members: dict[str, list[str]] = {}   # the rows of each row or group named

    def __missing__(self, key: tuple[str, str]) -> tuple[Decimal, ...] | None:
        row, col = key
        members = self.members.get(row)
        if members is None:
            members = self.members[row] = [] if self.table is None else self.table.group_rows(row)
        numbers = self.numbers
        try:
            found = tuple([numbers[member, col] for member in members]) if members else None
        except KeyError:   # a row of it without a number in the column (few: most cells are numbers)
            found = None
        self[key] = found
        return found


def _over_one_table(identity: Identity) -> bool:
    """Does every cell reference of the identity (its condition's too) name the identity's own table?"""
    return all(t.table == identity.table for comp in (identity.comparison, identity.condition) if comp is not None
               for side in (comp.lhs, comp.rhs) for _, t in side if isinstance(t, Ref))


@lru_cache(maxsize=256)
def _variables(comp: Comparison) -> frozenset[str]:
    """Every name a comparison's cell references use as a row or column (variables among them)."""
    return frozenset(name for side in (comp.lhs, comp.rhs) for _, t in side if isinstance(t, Ref)
                     for name in (t.row, t.col))


_OPS = {"==": operator.eq, "!=": operator.ne, ">=": operator.ge, "<=": operator.le, ">": operator.gt, "<": operator.lt}


_ZERO = Decimal(0)


def _value(terms: _Side, combo: tuple[str, ...], refs: _Refs) -> Decimal | None:
    """A side's value under a binding, or None when a cell of it is missing or not a number (such an instance is
    not judged): `_side` without an instance to fill, for the bindings that make none."""
    return _side(terms, 1, combo, refs)


def _side(terms: _Side, sign_of_side: int, combo: tuple[str, ...], refs: _Refs,
          inst: Instance | None = None) -> Decimal | None:
    """A side's value under a binding.  With `inst`, each cell is noted in it with its coefficient in lhs − rhs and
    its status set when a cell is missing or not a number; without, None as soon as one is."""
    if terms.__class__ is Decimal:
        return terms
    total = _ZERO
    for sign, table, row, row_at, col, col_at in terms:
        if table is None:
            total += sign * row
            continue
        found = refs[table, row if row_at < 0 else combo[row_at]]
        if found is None:
            if inst is not None:
                inst.status = "missing"
            return None
        if col_at >= 0:
            col = combo[col_at]
        for cells in found:
            cell = cells.get(col)
            if cell is None:
                if inst is not None:
                    inst.status = "missing"
                return None
            if inst is not None:
                inst.terms.append((sign * sign_of_side, cell))
            if cell.status != "number":
                if inst is None:
                    return None
                if inst.status == "ok":
                    inst.status = cell.status if cell.status in ("blank", "unread") else "invalid"
                continue
            if sign > 0:   # (not `sign * value`: an int times a Decimal makes a Decimal of the int first)
                total += cell.value
            else:
                total -= cell.value
    return total


def _compare(plan: _Plan, combo: tuple[str, ...], refs: _Refs) -> Instance:
    inst = Instance(dict(zip(plan.names, combo)), "ok")
    lhs = _side(plan.lhs, 1, combo, refs, inst)
    if inst.status == "missing":
        return inst
    rhs = _side(plan.rhs, -1, combo, refs, inst)
    if inst.status != "ok":
        return inst
    inst.lhs, inst.rhs = lhs, rhs
    if not plan.holds(lhs, rhs):
        inst.status = "fail"
    # A side made of one cell is the total the others should add up to: report there.
    for sign in plan.singles:
        single = [c for s, c in inst.terms if s == sign]
        if len(single) == 1:
            inst.anchor = single[0]
    if inst.anchor is None and inst.terms:
        inst.anchor = inst.terms[0][1]
    return inst


@lru_cache(maxsize=256)
def _single_cell_sides(comp: Comparison) -> tuple[int, ...]:
    """The signs (−1 right, +1 left, in that order) of the sides that are one cell reference alone."""
    return tuple(sign for side, sign in ((comp.rhs, -1), (comp.lhs, 1))
                 if len(side) == 1 and isinstance(side[0][1], Ref))


def cell_in_common(failing: list[Instance]) -> bool:
    """Do the failing instances (`failing`) share a cell: can `likely_wrong_cell` find one among instances whose
    failing ones they are."""
    cells = [{(c.row, c.col) for c in inst.cells()} for inst in failing if inst.status == "fail" and inst.diff is not None]
    return bool(cells) and bool(set.intersection(*cells))


def likely_wrong_cell(instances: list[Instance]) -> tuple[TypedCell, Decimal] | None:
    """The one cell whose correction would make every failing instance hold without breaking a holding
    one, with the value it would need; None when no single cell explains the failures."""
    failing = [i for i in instances if i.status == "fail" and i.diff is not None]
    if not failing:
        return None
    key = lambda c: (c.row, c.col)  # noqa: E731
    common = set.intersection(*({key(c) for c in i.cells()} for i in failing))
    passing = [i for i in instances if i.status == "ok"]
    found = []
    for k in common:
        if any(key(c) == k for i in passing for c in i.cells()):
            continue
        implied = set()
        cell = None
        for inst in failing:
            coef = sum(s for s, c in inst.terms if key(c) == k)
            cell = next(c for _, c in inst.terms if key(c) == k)
            if coef == 0:
                implied = None
                break
            implied.add(cell.value - inst.diff / coef)
        if implied is not None and len(implied) == 1 and cell is not None:
            value = implied.pop()
            if value >= 0:
                found.append((cell, value))
    return found[0] if len(found) == 1 else None


_STATUS = operator.attrgetter("status")


def blank_totals(model: TableModel) -> dict[tuple[str, str], Decimal]:
    """The blank totals of a table whose parts are all filled, with the sum of their parts.

    A total is the lone cell of one side of a format identity (总计 of a row, （七）总计, 表四's 总计); every
    identity that fixes it must give the same value.  The cell stays blank — the blank-cell rule reports
    it and no identity is judged with it — but a check that needs the total may use the derived value and
    say so, instead of going silent over a cell the report's own numbers fix."""
    if "blank" not in map(_STATUS, model.cells.values()):
        return {}   # no blank cell, no blank total: the identities are left for the rules to judge
    tables = StatisticsTables(**{model.name: model})
    found: dict[tuple[str, str], set[Decimal]] = {}
    for expression in FORMAT_IDENTITIES.get(model.name, ()):
        identity = parse_identity(expression)
        lone = _lone_side(identity.comparison)
        if lone is None:
            continue
        for inst in evaluate(identity, tables, remember=True):  # the rules evaluate the same identities
            derived = _derived_total(inst, lone)
            if derived is not None:
                found.setdefault(derived[0], set()).add(derived[1])
    return {key: values.pop() for key, values in found.items() if len(values) == 1}


def _lone_side(comparison: Comparison) -> int | None:
    """+1 when the left side is one cell and the right a sum of cells (−1 the other way round), else None."""
    if comparison.op != "==":
        return None
    for side, other, sign in ((comparison.lhs, comparison.rhs, 1), (comparison.rhs, comparison.lhs, -1)):
        if len(side) == 1 and isinstance(side[0][1], Ref) and len(other) > 1 and all(s == 1 for s, _ in other):
            return sign
    return None


def _derived_total(inst: Instance, lone: int) -> tuple[tuple[str, str], Decimal] | None:
    if inst.status != "blank":
        return None
    blank = [(coef, cell) for coef, cell in inst.terms if cell.status != "number"]
    if len(blank) != 1 or blank[0][1].status != "blank" or blank[0][0] != lone:
        return None
    parts = sum((cell.value for coef, cell in inst.terms if coef != lone), Decimal(0))
    return (blank[0][1].row, blank[0][1].col), parts
