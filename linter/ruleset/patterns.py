"""Regular expressions from rule files, compiled so that no pattern can hang the linter.

Rule files are untrusted input (a user's `--rules DIR`, a shared rule set), and the shipped rule sets
are held to the same standard.  Python's `re` backtracks: `(a+)+$` against a line of a's takes
exponential time.  Every pattern of every rule file is therefore run by RE2 (the `google-re2` package),
whose matching time is linear in the text, whatever the pattern.  RE2 does not support backreferences or
look-around; a rule using them is rejected when the rule file is loaded, with the reason, so the author
can rewrite it (check kinds offer context parameters such as `not_after` instead of look-behind).

Where RE2 is not installed, patterns run on Python's `re` after a static check that refuses the shapes
that backtrack catastrophically (a repetition inside an unbounded repetition, an alternation under an
unbounded repetition, backreferences, look-around) — the same patterns RE2 would run are accepted, minus
those that could be slow.

Rules are validated through their check kind's declared parameters (`ruleset.params.Pattern`), which
compile every pattern here; checks use the returned object like a compiled `re` pattern: `search`,
`match`, `finditer` (with `pos` and `endpos`), `groupindex`; matches have `group`, `start`, `end`,
`span`, `groupdict` with character offsets, named groups included.
"""
from __future__ import annotations

import re
from functools import lru_cache
from typing import Any, Iterator

MAX_PATTERN_LENGTH = 2000
# Memory RE2 may use for one compiled pattern; a pattern needing more is rejected.
MAX_PROGRAM_MEMORY = 8 << 20


class UnsafePattern(ValueError):
    """A pattern that cannot be compiled safely; the message says why."""


class SafeMatch:
    """A match with `re.Match`'s interface (character offsets; groups by number or name)."""

    __slots__ = ("_spans", "_index", "re", "string")

    def __init__(self, spans: list[tuple[int, int]], pattern: "SafePattern", string: str) -> None:
        self._spans = spans    # (start, end) of every group, character offsets into `string`; (-1, -1): unset
        self._index = pattern.groupindex
        self.re = pattern
        self.string = string

    def _g(self, group: int | str) -> int:
        index = self._index[group] if isinstance(group, str) else group
        if not 0 <= index < len(self._spans):
            raise IndexError("no such group")
        return index

    def _text(self, index: int) -> str | None:
        a, b = self._spans[index]
        return None if a < 0 else self.string[a:b]

    def group(self, *groups: int | str) -> Any:
        if not groups:
            return self._text(0)
        if len(groups) == 1:
            return self._text(self._g(groups[0]))
        return tuple(self._text(self._g(g)) for g in groups)

    def __getitem__(self, group: int | str) -> Any:
        return self.group(group)

    def start(self, group: int | str = 0) -> int:
        return self._spans[self._g(group)][0]

    def end(self, group: int | str = 0) -> int:
        return self._spans[self._g(group)][1]

    def span(self, group: int | str = 0) -> tuple[int, int]:
        return self._spans[self._g(group)]

    def groups(self, default: Any = None) -> tuple:
        return tuple(default if (text := self._text(i)) is None else text for i in range(1, len(self._spans)))

    def expand(self, template: str) -> str:
        """`re.Match.expand`: \\g<name>, \\g<1> and \\1 take groups; other escapes as in `re`."""
        def repl(t: re.Match) -> str:
            ref = t.group(1) or t.group(2)
            if ref is not None:
                group = int(ref) if ref.isdigit() else ref
                return self.group(group) or ""
            return {"n": "\n", "t": "\t", "\\": "\\"}.get(t.group(3), "\\" + t.group(3))

        return re.sub(r"\\(?:g<(\w+)>|(\d{1,2})|(.))", repl, template)

    def groupdict(self, default: Any = None) -> dict[str, Any]:
        return {name: (text if (text := self._text(i)) is not None else default) for name, i in self._index.items()}


class _Encoded:
    """The UTF-8 bytes of the texts last searched whole: rules search one scope text after another (the body,
    the whole document, a section, the body again …), and each is encoded once, not once per pattern.  A few
    texts are kept, the latest first; a long one (a page of megabytes) only alone; a short one (a sentence)
    not at all — the sentences a rule reads one after another would put the scope texts out.  (One tuple,
    replaced whole: threads may share it.)"""

    KEPT = 4
    LONG = 1 << 20  # characters
    SHORT = 512  # characters: a shorter text (a sentence a rule reads) is encoded anew, and keeps no longer one out
    last: tuple[tuple[str, bytes, bool], ...] = ()

    @classmethod
    def of(cls, text: str) -> tuple[bytes, bool]:
        if len(text) < cls.SHORT:
            return text.encode("utf-8"), text.isascii()
        kept = cls.last
        for entry in kept:
            if entry[0] is text:
                return entry[1], entry[2]
        entry = (text, text.encode("utf-8"), text.isascii())
        short = len(text) < cls.LONG
        cls.last = (entry, *(e for e in kept[:cls.KEPT - 1] if short and len(e[0]) < cls.LONG))
        return entry[1], entry[2]


class SafePattern:
    """A compiled rule pattern: RE2 when available, else a statically checked Python pattern."""

    def __init__(self, pattern: str, compiled: Any, engine: str) -> None:
        self.pattern = pattern
        self.engine = engine
        self._compiled = compiled
        self.groupindex: dict[str, int] = dict(compiled.groupindex)
        self.groups: int = compiled.groups
        # RE2's own matcher, called directly: the binding's Python layer builds several objects per match
        self._matcher = _low_level(compiled) if engine == "re2" else None
        self._required: tuple[tuple[str, ...], ...] | None = None  # found at the first search (`_needs`)

    def _needs(self) -> tuple[tuple[str, ...], ...]:
        """`required_texts` of the pattern, worked out when it is first searched: a cold run compiles every
        pattern of the rule set and searches with a few of them."""
        if self._required is None:
            from linter.compiled import derived

            self._required = derived(_DERIVED, _this_revision(), self.pattern,
                                     lambda: required_texts(self.pattern))
        return self._required

    def _window(self, text: str, pos: int, endpos: int | None) -> tuple[str, int, int, int]:
        """(window, pos and endpos in it, where it starts).  RE2's binding converts the whole text to
        bytes at every call, so a call on a window of a long text (a sentence of a one-line page) runs
        on that window alone: from one character before `pos` (so `^` and `\\b` see what precedes it)
        to `endpos` (where `$` matches, as in Python's `re`)."""
        end = len(text) if endpos is None else max(0, min(endpos, len(text)))
        if self.engine != "re2" or (pos <= 0 and end == len(text)):
            return text, pos, end, 0
        start = max(0, min(pos, end) - 1)
        return text[start:end], pos - start, end - start, start

    def _run(self, anchor: str, text: str, pos: int, endpos: int | None) -> Iterator[Any]:
        """The matches of RE2 in text[pos:endpos] as `SafeMatch`es, or of Python's `re` as they are."""
        needs = self._needs()
        if needs and not _holds_needs(needs, text, pos, endpos):
            return iter(())  # a text without the texts every match holds: no search of it
        if self.engine != "re2":
            compiled = self._compiled
            end = len(text) if endpos is None else endpos
            if anchor == "search":
                m = compiled.search(text, pos, end)
                return iter(() if m is None else (m,))
            if anchor == "match":
                m = compiled.match(text, pos, end)
                return iter(() if m is None else (m,))
            return compiled.finditer(text, pos, end)
        window, a, b, shift = self._window(text, pos, endpos)
        if self._matcher is None:  # a binding without the matcher this module knows: its public interface
            found = {"search": lambda: [m for m in (self._compiled.search(window, a, b),) if m is not None],
                     "match": lambda: [m for m in (self._compiled.match(window, a, b),) if m is not None],
                     "finditer": lambda: self._compiled.finditer(window, a, b)}[anchor]()
            return (SafeMatch([(x + shift if x >= 0 else x, y + shift if y >= 0 else y)
                               for x, y in (m.span(g) for g in range(self.groups + 1))], self, text) for m in found)
        return self._matches(anchor, window, a, b, shift, text)

    def _first(self, anchor: str, text: str, pos: int, endpos: int | None) -> Any:
        """The first match of `search` or `match`: what `_run` finds first, without a generator and its state
        (rules ask this of short texts thousands of times per report; the wrapper cost more than RE2's match)."""
        if self._matcher is None or self.engine != "re2":
            return next(self._run(anchor, text, pos, endpos), None)
        found = self._byte_match(anchor, text, pos, endpos)
        if found is None:
            return None
        spans, data, ascii_only, shift = found
        return SafeMatch(_char_spans(spans, data, ascii_only, shift, 0, 0)[0], self, text)

    def _byte_match(self, anchor: str, text: str, pos: int, endpos: int | None) -> tuple | None:
        """RE2's first match in text[pos:endpos], as the byte spans of its groups with the bytes they are offsets
        into, whether those are ASCII and the window's place in `text`; None for no match."""
        needs = self._needs()
        if needs and not _holds_needs(needs, text, pos, endpos):
            return None
        window, pos, endpos, shift = self._window(text, pos, endpos)
        bounds = _byte_bounds(window, pos, endpos, shift)
        if bounds is None:
            return None
        data, ascii_only, bpos, bend = bounds
        match, anchors = self._matcher
        spans = match(anchors[anchor], data, bpos, bend)
        return None if spans[0][0] < 0 else (spans, data, ascii_only, shift)

    def found_in(self, text: str, pos: int = 0, endpos: int | None = None) -> bool:
        """Whether `search` finds a match, without working out where (for a rule that asks only whether: the
        character offsets of a match far into a long text cost a decoding of the text before it)."""
        if self._matcher is None or self.engine != "re2":
            return self._first("search", text, pos, endpos) is not None
        return self._byte_match("search", text, pos, endpos) is not None

    def _matches(self, anchor: str, window: str, pos: int, endpos: int, shift: int, text: str) -> Iterator[SafeMatch]:
        bounds = _byte_bounds(window, pos, endpos, shift)
        if bounds is None:
            return
        data, ascii_only, bpos, bend = bounds
        match, anchors = self._matcher
        kind = anchors["match" if anchor == "match" else "search"]
        last_b, last_c = 0, 0  # byte offsets decode from the last one decoded: one pass over the text in all
        while bpos <= bend:
            spans = match(kind, data, bpos, bend)
            first = spans[0]
            if first[0] < 0:
                return
            decoded, last_b, last_c = _char_spans(spans, data, ascii_only, shift, last_b, last_c)
            yield SafeMatch(decoded, self, text)
            if anchor != "finditer" or bpos == bend:
                return
            if first[1] == bpos:  # an empty match: move on by one character
                bpos += 1 if ascii_only else _RE2_LOW.CharLenToBytes(data, bpos, 1)
            else:
                bpos = first[1]

    def search(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._first("search", text, pos, endpos)

    def match(self, text: str, pos: int = 0, endpos: int | None = None) -> Any:
        return self._first("match", text, pos, endpos)

    def finditer(self, text: str, pos: int = 0, endpos: int | None = None) -> Iterator[Any]:
        return self._run("finditer", text, pos, endpos)

    def __repr__(self) -> str:
        return f"SafePattern({self.pattern!r}, engine={self.engine})"


def _holds_needs(needs: tuple[tuple[str, ...], ...], text: str, pos: int, endpos: int | None) -> bool:
    """Whether text[pos:endpos] holds one of the texts of each group (`required_texts`)."""
    pos, end = max(pos, 0), len(text) if endpos is None else max(0, min(endpos, len(text)))
    whole = pos == 0 and end == len(text)
    for group in needs:  # (loops, not generators: asked before every search)
        for x in group:
            if (x in text) if whole else text.find(x, pos, end) >= 0:
                break
        else:
            return False
    return True


def _byte_bounds(window: str, pos: int, endpos: int, shift: int) -> tuple[bytes, bool, int, int] | None:
    """The window's UTF-8 bytes, whether it is ASCII, and `pos` and `endpos` as byte offsets (None: an empty
    range, no match)."""
    pos, endpos = max(0, min(pos, len(window))), max(0, min(endpos, len(window)))
    if pos > endpos:
        return None
    data, ascii_only = _Encoded.of(window) if shift == 0 else (window.encode("utf-8"), window.isascii())
    if ascii_only:
        return data, True, pos, endpos
    bpos = _RE2_LOW.CharLenToBytes(data, 0, pos) if pos else 0
    bend = len(data) if endpos == len(window) else bpos + _RE2_LOW.CharLenToBytes(data, bpos, endpos - pos)
    return data, False, bpos, bend


_DECODED_STEP = 1 << 16  # bytes: longer stretches are counted without a decoded copy (a page of megabytes)


def _char_spans(spans, data: bytes, ascii_only: bool, shift: int, last_b: int,
                last_c: int) -> tuple[list[tuple[int, int]], int, int]:
    """RE2's byte spans of every group as character spans ((-1, -1): unset), decoding onward from byte `last_b`
    (character `last_c`), which must not pass the match's start; with the new pair to decode onward from."""
    if ascii_only:
        return [(x + shift, y + shift) if x >= 0 else (-1, -1) for x, y in spans], last_b, last_c
    chars: dict[int, int] = {}
    for offset in sorted({o for span in spans for o in span if o >= 0}):
        if offset - last_b <= _DECODED_STEP:  # decoding a short stretch is quicker than the binding's count
            last_c += len(data[last_b:offset].decode("utf-8"))
        else:
            last_c += _RE2_LOW.BytesToCharLen(data, last_b, offset)
        last_b = offset
        chars[offset] = last_c + shift
    return [(chars[x], chars[y]) if x >= 0 else (-1, -1) for x, y in spans], last_b, last_c


# The table (`compiled.derived`) of what is worked out from a pattern and kept between runs: the texts its matches
# hold (keyed by the pattern), its groups unnamed (keyed by ("unnamed", pattern)).
_DERIVED = "pattern-needs"
_MAX_NEEDS = 3  # groups kept per pattern: the longest texts (the rarest) decide; more would cost a search each


@lru_cache(maxsize=1)
def _this_revision() -> str:
    """This module's size and time: the texts `required_texts` found are kept between runs under it."""
    import os

    status = os.stat(__file__)
    return f"{status.st_size}:{status.st_mtime_ns}"


def required_texts(pattern: str) -> tuple[tuple[str, ...], ...]:
    """Texts every match of `pattern` holds, as groups: each match holds one text of every group.  A search of a
    text missing a group is skipped, where RE2 would read the whole text to find nothing ("检索费|复制费|邮寄费"
    needs one of the three; "国令第492号" needs 492).  Only what both engines read alike counts: literal
    characters and sets of literal characters (a character with case, under IGNORECASE, counts for nothing),
    in a sequence, a group, a repetition of at least one, or every branch of an alternation."""
    from re import _constants as c, _parser as sre_parse  # Python ≥ 3.11, as elsewhere in this module

    if _POSIX_CLASS_RE.search(pattern):  # a POSIX class: RE2 reads [[:alpha:]] as a class, `re` as characters
        return ()
    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return ()

    def plain(ch: int, nocase: bool) -> str | None:
        char = chr(ch)
        if nocase and not ("\u3400" <= char <= "\u9fff" or (not char.isalpha() and char.lower() == char == char.upper())):
            return None
        return char

    def sequence(items, nocase: bool) -> list[frozenset[str]]:
        groups: list[frozenset[str]] = []
        run = ""
        for op, av in items:
            char = plain(av, nocase) if op == c.LITERAL else None
            if char is not None:
                run += char
                continue
            if run:
                groups.append(frozenset((run,)))
                run = ""
            if op == c.SUBPATTERN:
                _, add, remove, body = av
                groups += sequence(body, (nocase or bool(add & c.SRE_FLAG_IGNORECASE))
                                   and not remove & c.SRE_FLAG_IGNORECASE)
            elif op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)) and av[0] >= 1:
                groups += sequence(av[2], nocase)
            elif op == c.BRANCH:
                each = [sequence(branch, nocase) for branch in av[1]]
                if all(each):
                    groups.append(frozenset().union(*(max(g, key=_weight) for g in each)))
            elif op == c.IN and av and all(o == c.LITERAL for o, _ in av):
                chars = [plain(ch, nocase) for _, ch in av]
                if None not in chars:
                    groups.append(frozenset(chars))
        if run:
            groups.append(frozenset((run,)))
        return groups

    found = sequence(parsed, bool(parsed.state.flags & c.SRE_FLAG_IGNORECASE))
    best = sorted(set(found), key=_weight, reverse=True)[:_MAX_NEEDS]
    return tuple(tuple(sorted(g)) for g in best)


# A POSIX class in a set of characters ([[:alpha:]]): RE2 reads it as a class, `re` as characters.  (Only a
# "[:" that ends in ":]" is one: a set that opens with a colon, [:：], is read alike.)
_POSIX_CLASS_RE = re.compile(r"\[:\^?[A-Za-z]*:\]")


def _weight(group: frozenset[str]) -> tuple[int, int]:
    """How much a group says: its shortest text's length, then fewer texts (fewer searches)."""
    return min(map(len, group)), -len(group)


_RE2_LOW: Any = None


def _low_level(compiled: Any) -> tuple[Any, dict[str, Any]] | None:
    """RE2's matcher behind the `google-re2` binding (`Match(anchor, bytes, pos, endpos)` -> the byte spans of
    every group), or None when this binding does not have it."""
    global _RE2_LOW
    try:
        import re2  # type: ignore[import-not-found]

        low, anchor = re2._re2, re2._Anchor
        matcher = compiled._regexp.Match
        anchors = {"search": anchor.UNANCHORED, "match": anchor.ANCHOR_START}
        low.CharLenToBytes, low.BytesToCharLen  # noqa: B018 - both are needed
    except (ImportError, AttributeError):
        return None
    _RE2_LOW = low
    return matcher, anchors


def _re2_module():
    try:
        import re2  # type: ignore[import-not-found]
    except ImportError:
        return None
    return re2


# Python spellings RE2 writes differently: \uXXXX and \UXXXXXXXX become \x{…}; \Z becomes \z.
_ESCAPE_RE = re.compile(r"\\(?:u([0-9a-fA-F]{4})|U([0-9a-fA-F]{8})|(Z)|(.))", re.S)


def _to_re2_syntax(pattern: str) -> str:
    def repl(m: re.Match) -> str:
        if m.group(1) or m.group(2):
            return "\\x{" + (m.group(1) or m.group(2)) + "}"
        if m.group(3):
            return "\\z"
        return m.group(0)

    return _ESCAPE_RE.sub(repl, pattern)


def _explain_re2_error(pattern: str, error: str) -> str:
    if re.search(r"\(\?<?[=!]", pattern):
        return "look-around assertions ((?=…), (?!…), (?<=…), (?<!…)) are not supported in rule patterns"
    if re.search(r"\\[1-9]|\(\?P=", pattern):
        return "backreferences (\\1, (?P=name)) are not supported in rule patterns"
    return error


def compile_pattern(pattern: str) -> SafePattern:
    """Compile a pattern from a rule file, or raise `UnsafePattern` saying why it is refused."""
    return _compile(pattern)


@lru_cache(maxsize=1024)
def _compile(pattern: str) -> SafePattern:
    if not isinstance(pattern, str) or not pattern:
        raise UnsafePattern("a pattern must be a non-empty text")
    if len(pattern) > MAX_PATTERN_LENGTH:
        raise UnsafePattern(f"pattern longer than {MAX_PATTERN_LENGTH} characters")
    return _build(pattern)


def _build(pattern: str) -> SafePattern:
    """`pattern` compiled by RE2, or by `re` after the static check (no limit on its length: see `_compile`)."""
    try:
        re.compile(pattern)
    except re.error as exc:
        raise UnsafePattern(f"invalid pattern: {exc}") from exc
    re2 = _re2_module()
    if re2 is None:
        problem = backtracking_risk(pattern)
        if problem:
            raise UnsafePattern(problem)
        return SafePattern(pattern, re.compile(pattern), "re")
    options = re2.Options()
    options.log_errors = False  # the error is reported to the user through UnsafePattern, not stderr
    options.max_mem = MAX_PROGRAM_MEMORY
    try:
        compiled = re2.compile(_to_re2_syntax(pattern), options)
    except re2.error as exc:
        detail = exc.args[0].decode("utf-8", "replace") if exc.args and isinstance(exc.args[0], bytes) else str(exc)
        raise UnsafePattern(_explain_re2_error(pattern, detail)) from exc
    return SafePattern(pattern, compiled, "re2")


@lru_cache(maxsize=64)
def any_of(patterns: tuple[str, ...]) -> SafePattern | None:
    """One pattern that matches where one of `patterns` does — a text it finds nothing in, none of them finds
    anything in — so that the patterns of several rules read a text once where they have nothing to find (most
    rule patterns find nothing in most reports).  Compiled once per process; None when RE2 is not installed
    or a pattern's groups cannot be unnamed safely (their names would clash in the one pattern)."""
    if _re2_module() is None or not patterns:
        return None
    from linter.compiled import derived

    unnamed = [derived(_DERIVED, _this_revision(), ("unnamed", p), lambda p=p: _unnamed(p)) for p in patterns]
    if None in unnamed:
        return None
    try:
        return _build("|".join(_scoped(p) for p in unnamed))
    except UnsafePattern:
        return None


_NAMED_GROUP_RE = re.compile(r"\(\?P<\w+>")
_GLOBAL_FLAGS_RE = re.compile(r"\(\?([aiLmsux]+)\)")


def _scoped(pattern: str) -> str:
    """`pattern` as one branch of an alternation: in a group, with the flags that open it ((?i)…) scoped to it
    ((?i:…)), as they applied to the whole pattern."""
    flags = ""
    while m := _GLOBAL_FLAGS_RE.match(pattern):
        flags, pattern = flags + m.group(1), pattern[m.end():]
    return f"(?{flags}:{pattern})"


def _unnamed(pattern: str) -> str | None:
    """`pattern` with its named groups made numbered ones — the same pattern to `re`'s parser, which is checked
    (a `(?P<` inside a set of characters or after a backslash is no group) — or None."""
    from re import _parser as sre_parse

    plain = _NAMED_GROUP_RE.sub("(", pattern)
    try:
        same = repr(sre_parse.parse(plain)) == repr(sre_parse.parse(pattern))
    except (re.error, RecursionError, OverflowError):
        return None
    return plain if same else None


def is_local(pattern: str) -> bool:
    """Whether a match of `pattern` depends on the characters it covers alone — no anchor or word boundary
    (^ $ \\A \\Z \\b \\B), no flag for the whole pattern — so that what it matches in a slice of a text it matches
    at the same place of the whole text (and inside a larger pattern)."""
    from re import _constants as c, _parser as sre_parse

    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return False
    if parsed.state.flags & ~c.SRE_FLAG_UNICODE:
        return False

    def ops(part: Any) -> Iterator[Any]:
        if isinstance(part, sre_parse.SubPattern):
            for op, av in part:
                yield op
                yield from ops(av)
        elif isinstance(part, (list, tuple)):
            for x in part:
                yield from ops(x)

    return c.AT not in set(ops(parsed))


def without_anchors(pattern: str) -> str | None:
    """`pattern` with its anchors and word boundaries (^ $ \\A \\Z \\b \\B) taken out — a pattern that matches
    wherever it does, and more (an anchor holds or not; without it nothing is asked) — when it is otherwise
    local (`is_local`); None when it is not, or when taking them out could read otherwise (checked against the
    parse of the pattern itself)."""
    from re import _constants as c, _parser as sre_parse

    out: list[str] = []
    i, n, in_set = 0, len(pattern), False
    while i < n:
        ch = pattern[i]
        if ch == "\\":
            escape = pattern[i:i + 2]
            out.append("(?:)" if not in_set and escape in ("\\A", "\\Z", "\\b", "\\B") else escape)
            i += 2
        elif ch == "[" and not in_set:  # a set opens; a ] right after [ or [^ is one of its characters
            j = i + 1 + (pattern.startswith("^", i + 1))
            j += pattern.startswith("]", j)
            out.append(pattern[i:j])
            i, in_set = j, True
        else:
            in_set = in_set and ch != "]"
            out.append("(?:)" if not in_set and ch in "^$" else ch)
            i += 1
    plain = "".join(out)
    if not is_local(plain):
        return None

    def shape(part: Any) -> Any:  # the parse without its anchors, as plain lists and tuples
        if isinstance(part, sre_parse.SubPattern):
            return [(op, shape(av)) for op, av in part if op != c.AT]
        if isinstance(part, (list, tuple)):
            return [shape(x) for x in part]
        return part

    try:
        same = shape(sre_parse.parse(plain)) == shape(sre_parse.parse(pattern))
    except (re.error, RecursionError, OverflowError):
        return None
    return plain if same else None


def other_character(pattern: str) -> str | None:
    """For a pattern that matches one character — a set ([\\d.]) or a literal character — the pattern that
    matches one character exactly where it does not ([^\\d.]); None for any other pattern."""
    from re import _constants as c, _parser as sre_parse

    try:
        parsed = sre_parse.parse(pattern)
    except (re.error, RecursionError, OverflowError):
        return None
    if parsed.state.flags & ~c.SRE_FLAG_UNICODE or len(parsed) != 1:
        return None
    op, av = parsed[0]
    if op == c.LITERAL and pattern in (chr(av), re.escape(chr(av))):
        return f"[^{re.escape(chr(av))}]"
    inner = pattern[1:-1]
    if (op == c.IN and av and av[0][0] != c.NEGATE and pattern.startswith("[") and pattern.endswith("]")
            and not inner.startswith(("]", "^")) and "[" not in inner):  # (where engines could read a set apart)
        other = f"[^{inner}]"
        try:
            same = list(sre_parse.parse(other)) == [(c.IN, [(c.NEGATE, None), *av])]
        except re.error:
            return None
        return other if same else None
    return None


def pattern_problem(pattern: Any) -> str | None:
    """The reason a rule pattern is refused, or None (for `validate()` functions)."""
    try:
        compile_pattern(pattern)
    except UnsafePattern as exc:
        return str(exc)
    except TypeError:
        return "a pattern must be a non-empty text"
    return None


# ── the static check used without RE2 ───────────────────────────────────────────────────────────


def backtracking_risk(pattern: str) -> str | None:
    """Why `pattern` could backtrack catastrophically on Python's `re`, or None when it cannot."""
    try:
        from re import _parser as sre_parse  # Python ≥ 3.11
    except ImportError:  # pragma: no cover
        import sre_parse  # type: ignore[no-redef]
    from re import _constants as c

    def walk(items, under_unbounded: bool) -> str | None:
        for op, av in items:
            if op in (c.GROUPREF, c.GROUPREF_EXISTS):
                return "backreferences are not supported in rule patterns"
            if op in (c.ASSERT, c.ASSERT_NOT):
                return "look-around assertions are not supported in rule patterns"
            if op in (c.MAX_REPEAT, c.MIN_REPEAT, getattr(c, "POSSESSIVE_REPEAT", None)):
                lo, hi, body = av
                unbounded = hi == c.MAXREPEAT or hi > 100
                if under_unbounded and hi > 1:
                    return "nested repetition (like (a+)+) can take exponential time"
                found = walk(body, under_unbounded or unbounded)
                if found:
                    return found
            elif op == c.SUBPATTERN:
                found = walk(av[-1], under_unbounded)
                if found:
                    return found
            elif op == c.BRANCH:
                if under_unbounded:
                    return "alternation inside a repetition (like (a|ab)*) can take exponential time"
                for branch in av[1]:
                    found = walk(branch, under_unbounded)
                    if found:
                        return found
            elif op == getattr(c, "ATOMIC_GROUP", None):
                found = walk(av, under_unbounded)
                if found:
                    return found
        return None

    return walk(sre_parse.parse(pattern), False)
