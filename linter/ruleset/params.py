"""Parameters as data: each check kind declares the `params` its rules take, and one validator checks
every rule against the declaration.

A declaration is built from a few value types — `Str`, `Pattern`, `Integer`, `Number`, `Flag`,
`Choice`, `ListOf`, `MapOf`, `Fields`, `AnyOf` — plus `Checked` for values with a grammar of their own
(an identity expression, a date).  The same declaration

* validates a rule's parameters, naming the path of the offending value (`params.items[0].regex`);
* compiles every pattern through the one linear-time compiler (`ruleset.patterns`), so no rule file —
  shipped or a user's — reaches a backtracking regex engine;
* becomes JSON Schema (`schema()`), published with `report-lint rules --schema` for editors.
"""
from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any, Callable

Path = tuple  # a path into the rule's data: ("params", "items", 0, "regex")


@dataclass
class Problem:
    path: Path
    message: str

    def where(self) -> str:
        out = ""
        for part in self.path:
            out += f"[{part}]" if isinstance(part, int) else (f".{part}" if out else str(part))
        return out


class Spec:
    """One kind of value.  `problems()` lists what is wrong with a value; `schema()` describes it."""

    doc: str = ""

    def problems(self, value: Any, path: Path) -> list[Problem]:
        raise NotImplementedError

    def schema(self) -> dict:
        raise NotImplementedError

    def _described(self, schema: dict) -> dict:
        if self.doc:
            schema["description"] = self.doc
        return schema


@dataclass
class Str(Spec):
    """A text."""

    doc: str = ""
    empty: bool = False  # may the text be empty?

    def problems(self, value, path):
        if not isinstance(value, str) or (not self.empty and not value.strip()):
            return [Problem(path, "must be a non-empty text" if not self.empty else "must be a text")]
        return []

    def schema(self):
        return self._described({"type": "string"} if self.empty else {"type": "string", "minLength": 1})


@dataclass
class Pattern(Spec):
    """A regular expression, compiled through the linear-time compiler; `placeholders` are replaced by
    their stand-ins before compiling (a claim's `{N}` stands for a number)."""

    doc: str = ""
    placeholders: dict[str, str] = field(default_factory=dict)
    groups: tuple[str, ...] = ()  # named groups the pattern must define

    def compiled_form(self, value: str) -> str:
        for name, stand_in in self.placeholders.items():
            value = value.replace(name, stand_in)
        return value

    def problems(self, value, path):
        from linter.ruleset.patterns import UnsafePattern, compile_pattern

        if not isinstance(value, str) or not value:
            return [Problem(path, "must be a pattern (a non-empty text)")]
        try:
            compiled = compile_pattern(self.compiled_form(value))
        except UnsafePattern as exc:
            return [Problem(path, f"pattern {value!r} refused: {exc}")]
        missing = [g for g in self.groups if g not in compiled.groupindex]
        if missing:
            return [Problem(path, f"pattern {value!r} lacks the named group {missing[0]!r}")]
        return []

    def schema(self):
        return self._described({"type": "string", "minLength": 1, "format": "regex"})


@dataclass
class Integer(Spec):
    doc: str = ""
    minimum: int | None = None
    maximum: int | None = None

    def problems(self, value, path):
        ok = isinstance(value, int) and not isinstance(value, bool)
        if ok and self.minimum is not None and value < self.minimum:
            ok = False
        if ok and self.maximum is not None and value > self.maximum:
            ok = False
        if not ok:
            return [Problem(path, f"must be an integer{_range(self.minimum, self.maximum)}")]
        return []

    def schema(self):
        out: dict = {"type": "integer"}
        if self.minimum is not None:
            out["minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return self._described(out)


@dataclass
class Number(Spec):
    doc: str = ""
    minimum: float | None = None
    maximum: float | None = None
    exclusive_minimum: bool = False

    def problems(self, value, path):
        ok = isinstance(value, (int, float)) and not isinstance(value, bool)
        if ok and self.minimum is not None:
            ok = value > self.minimum if self.exclusive_minimum else value >= self.minimum
        if ok and self.maximum is not None:
            ok = value <= self.maximum
        if not ok:
            low = f"above {self.minimum}" if self.exclusive_minimum else None
            return [Problem(path, f"must be a number{_range(self.minimum, self.maximum, low)}")]
        return []

    def schema(self):
        out: dict = {"type": "number"}
        if self.minimum is not None:
            out["exclusiveMinimum" if self.exclusive_minimum else "minimum"] = self.minimum
        if self.maximum is not None:
            out["maximum"] = self.maximum
        return self._described(out)


def _range(low, high, low_words: str | None = None) -> str:
    parts = [low_words] if low_words else ([f"≥ {low}"] if low is not None else [])
    if high is not None:
        parts.append(f"≤ {high}")
    return (" " + " and ".join(parts)) if parts else ""


@dataclass
class Flag(Spec):
    doc: str = ""

    def problems(self, value, path):
        return [] if isinstance(value, bool) else [Problem(path, "must be true or false")]

    def schema(self):
        return self._described({"type": "boolean"})


@dataclass
class Date(Spec):
    """A date: YYYY-MM-DD (YAML reads an unquoted one as a date already)."""

    doc: str = ""

    def problems(self, value, path):
        import datetime as _dt

        if isinstance(value, _dt.date):
            return []
        try:
            _dt.date.fromisoformat(str(value))
        except ValueError:
            return [Problem(path, f"must be a date YYYY-MM-DD, not {value!r}")]
        return []

    def schema(self):
        return self._described({"type": "string", "format": "date"})


@dataclass
class Choice(Spec):
    values: tuple = ()
    doc: str = ""

    def problems(self, value, path):
        if value not in self.values:
            return [Problem(path, f"must be one of {', '.join(map(str, self.values))}, not {value!r}")]
        return []

    def schema(self):
        return self._described({"enum": list(self.values)})


@dataclass
class ListOf(Spec):
    item: Spec = field(default_factory=Str)
    doc: str = ""
    min_items: int = 1
    length: int | None = None  # exactly this many items (a pair, a range)

    def problems(self, value, path):
        if not isinstance(value, list):
            return [Problem(path, "must be a list")]
        if self.length is not None and len(value) != self.length:
            return [Problem(path, f"must be a list of {self.length} items")]
        if len(value) < self.min_items:
            return [Problem(path, "must be a non-empty list" if self.min_items == 1 else f"needs {self.min_items} items or more")]
        out: list[Problem] = []
        for i, item in enumerate(value):
            out += self.item.problems(item, (*path, i))
        return out

    def schema(self):
        out: dict = {"type": "array", "items": self.item.schema()}
        if self.length is not None:
            out["minItems"] = out["maxItems"] = self.length
        elif self.min_items:
            out["minItems"] = self.min_items
        return self._described(out)


@dataclass
class MapOf(Spec):
    """A mapping from free keys (texts) to values of one kind."""

    value: Spec = field(default_factory=Str)
    doc: str = ""
    key: Spec | None = None

    def problems(self, value, path):
        if not isinstance(value, dict) or not value:
            return [Problem(path, "must be a non-empty mapping")]
        out: list[Problem] = []
        for k, v in value.items():
            if self.key is not None:
                out += self.key.problems(k, (*path, k))
            out += self.value.problems(v, (*path, k))
        return out

    def schema(self):
        out = {"type": "object", "minProperties": 1, "additionalProperties": self.value.schema()}
        if self.key is not None:
            out["propertyNames"] = self.key.schema()
        return self._described(out)


@dataclass
class Field:
    spec: Spec
    required: bool = False


@dataclass
class Fields(Spec):
    """A mapping with named keys; unknown keys are refused.  `one_of_required` names keys of which at
    least one must be present; `check` adds a rule that ties several keys together."""

    fields: dict[str, Field] = field(default_factory=dict)
    doc: str = ""
    one_of_required: tuple[str, ...] = ()
    check: Callable[[dict], list[str]] | None = None

    def problems(self, value, path):
        if value is None:
            value = {}
        if not isinstance(value, dict):
            return [Problem(path, "must be a mapping")]
        out: list[Problem] = []
        for key in value:
            if key not in self.fields:
                known = ", ".join(self.fields) or "none"
                out.append(Problem((*path, key), f"unknown parameter {key!r} (known: {known})"))
        for key, f in self.fields.items():
            if key in value:
                out += f.spec.problems(value[key], (*path, key))
            elif f.required:
                out.append(Problem(path, f"needs `{key}`"))
        if self.one_of_required and not any(k in value for k in self.one_of_required):
            out.append(Problem(path, f"needs at least one of {', '.join(f'`{k}`' for k in self.one_of_required)}"))
        if not out and self.check is not None:
            out += [Problem(path, message) for message in self.check(value)]
        return out

    def schema(self):
        out: dict = {
            "type": "object",
            "properties": {k: f.spec.schema() for k, f in self.fields.items()},
            "additionalProperties": False,
        }
        required = [k for k, f in self.fields.items() if f.required]
        if required:
            out["required"] = required
        if self.one_of_required:
            out["anyOf"] = [{"required": [k]} for k in self.one_of_required]
        return self._described(out)


@dataclass
class AnyOf(Spec):
    """A value of one of several kinds (a pattern, or a list of patterns)."""

    options: tuple[Spec, ...] = ()
    doc: str = ""

    def problems(self, value, path):
        """None when one option fits; else the problems of the option that fit best — the one whose
        problems lie deepest (a mapping with one bad key fits the mapping option better than a text)."""
        best: list[Problem] | None = None
        for option in self.options:
            found = option.problems(value, path)
            if not found:
                return []
            if best is None or _depth(found) > _depth(best):
                best = found
        return best or [Problem(path, "has the wrong form")]

    def schema(self):
        return self._described({"anyOf": [o.schema() for o in self.options]})


def _depth(problems: list[Problem]) -> int:
    return max(len(p.path) for p in problems)


@dataclass
class Checked(Spec):
    """A value of `base` kind that must also pass `check` (which returns a problem, or None)."""

    base: Spec = field(default_factory=Str)
    check: Callable[[Any], str | None] = lambda value: None
    doc: str = ""
    json: dict = field(default_factory=dict)  # what JSON Schema can say of the check (a "pattern")

    def problems(self, value, path):
        found = self.base.problems(value, path)
        if found:
            return found
        problem = self.check(value)
        return [Problem(path, problem)] if problem else []

    def schema(self):
        out = {**self.base.schema(), **self.json}
        if self.doc:
            out["description"] = self.doc
        return out


def texts(doc: str = "", min_items: int = 1) -> ListOf:
    """A list of non-empty texts (words to find, labels to accept)."""
    return ListOf(Str(), doc=doc, min_items=min_items)


def patterns(doc: str = "", **options: Any) -> ListOf:
    """A list of patterns."""
    return ListOf(Pattern(**options), doc=doc)


def patterns_in(spec: Spec, value: Any) -> list[str]:
    """Every pattern of `value` declared by `spec`, in their compiled form (for warming caches and tests)."""
    if isinstance(spec, Pattern):
        return [spec.compiled_form(value)] if isinstance(value, str) else []
    if isinstance(spec, ListOf) and isinstance(value, list):
        return [p for v in value for p in patterns_in(spec.item, v)]
    if isinstance(spec, MapOf) and isinstance(value, dict):
        return [p for v in value.values() for p in patterns_in(spec.value, v)]
    if isinstance(spec, Fields) and isinstance(value, dict):
        return [p for k, v in value.items() if k in spec.fields for p in patterns_in(spec.fields[k].spec, v)]
    if isinstance(spec, AnyOf):
        for option in spec.options:
            if not option.problems(value, ()):
                return patterns_in(option, value)
    if isinstance(spec, Checked):
        return patterns_in(spec.base, value)
    return []
