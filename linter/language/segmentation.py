"""Word segmentation: tokens with offsets, behind one small interface so another segmenter could replace jieba.

`tokenize(text)` returns `Token`s whose `start`/`end` are offsets in the given (normalised) string; map them
to source positions with `Text.source_span`.  The cut is jieba's exact mode with HMM off (new-word guessing would
make rule matching depend on statistics, not on the dictionary), walked here over jieba's dictionary; jieba itself
is imported only when that dictionary is not yet in the per-user cache.

Start-up: jieba's own cache is read whole with `marshal.load(file)` (slow) from a predictable name in the shared
temp directory.  We instead keep our own file of the prefix dictionary — jieba's dictionary plus the domain
user dictionary `rules/dict/*.txt` — in the per-user cache directory (`linter.cache`), written atomically,
memory-mapped and read only in the pieces the texts cut need (`linter.language.dictionary`).  jieba's log lines are silenced and `pkg_resources` is kept out of its import.
"""
from __future__ import annotations

import bisect
from array import array

import hashlib
import re
import sys
import threading
import types
from math import log
from pathlib import Path
from typing import Any, Callable, NamedTuple, Protocol


_CACHE_FORMAT = "3"


class Token(NamedTuple):
    """A token and its offsets (a tuple: a frozen dataclass took longer to make than jieba took to cut a word)."""

    text: str
    start: int
    end: int


class Scoped(Protocol):
    """What segmentation needs of a check's context: a per-document cache and the text of a scope."""

    def cached(self, key: str, compute: Callable[[], Any]) -> Any: ...

    def scope_text(self, scope: str) -> Any: ...


class Segmenter(Protocol):
    def tokenize(self, text: str) -> list[Token]: ...

    def is_word(self, text: str) -> bool: ...


def _import_jieba():
    """Import jieba without letting its `_compat` pull in `pkg_resources` (≈0.1–0.2 s of start-up).

    A `None` entry in sys.modules makes `import pkg_resources` raise ImportError, and jieba then falls back
    to plain `open()` for its data files.  An already imported pkg_resources is left alone.
    """
    if "jieba" in sys.modules:
        return sys.modules["jieba"]
    blocked = "pkg_resources" not in sys.modules
    if blocked:
        sys.modules["pkg_resources"] = None  # type: ignore[assignment]
    lazy_hmm = "jieba.finalseg" not in sys.modules
    if lazy_hmm:
        sys.modules["jieba.finalseg"] = _LazyModule("jieba.finalseg")
    try:
        import jieba
    finally:
        if blocked and sys.modules.get("pkg_resources", 0) is None:
            del sys.modules["pkg_resources"]
    jieba.setLogLevel(60)  # above CRITICAL: no "Building prefix dict…" lines on stderr
    return jieba


class _LazyModule(types.ModuleType):
    """Stands in for jieba's HMM module (≈30 ms of model tables at import) until something really uses it;
    with HMM off we never do, but another caller of jieba in the same process still gets the real module."""

    def __getattr__(self, name: str):
        import importlib

        if sys.modules.get(self.__name__) is self:
            del sys.modules[self.__name__]
        real = importlib.import_module(self.__name__)
        parent, _, child = self.__name__.rpartition(".")
        if parent in sys.modules:
            setattr(sys.modules[parent], child, real)
        return getattr(real, name)


def user_dictionaries() -> list[Path]:
    from linter.resources import rules_dir

    directory = rules_dir() / "dict"
    return sorted(directory.glob("*.txt")) if directory.is_dir() else []


def _read_user_words(paths: list[Path]) -> list[tuple[str, int | None]]:
    words = []
    for path in paths:
        for line in path.read_text(encoding="utf-8").splitlines():
            line = line.strip()
            if not line or line.startswith("#"):
                continue
            parts = line.split()
            freq = int(parts[1]) if len(parts) > 1 and parts[1].isdigit() else None
            words.append((parts[0], freq))
    return words


class _Entries:
    """What the cut reads of jieba's Tokenizer — its entries (`FREQ`) and their total — while the dictionary comes
    from the per-user cache: jieba itself is imported only to build that file (or by `jieba_tokenizer`)."""

    def __init__(self) -> None:
        self.FREQ: dict[str, int] = {}
        self.total = 1


class JiebaSegmenter:
    """jieba's exact mode (HMM off) over jieba's dictionary plus the domain user dictionary.

    The prefix dictionary is kept in the per-user cache as a file read a piece at a time
    (`linter.language.dictionary`): before a text is cut, the entries jieba can look up in it — its characters
    and the words beginning with its pairs of characters — are added to the tokenizer's dictionary, so the
    result is the same as with the whole dictionary, for a few thousand entries instead of 350 000.  The cut
    itself is jieba's algorithm walked here in one pass (`exact_ends`), held to jieba's own by the tests.
    """

    def __init__(self) -> None:
        self._tk: Any = _Entries()
        self._lock = threading.Lock()
        self._file = None
        self._load()

    def _load(self) -> None:
        """The dictionary from the per-user cache, found without importing jieba (its import is a few ms of a
        cold check), else built by jieba and kept there."""
        from importlib.util import find_spec

        from linter.cache import atomic_write, cache_dir
        from linter.language.dictionary import PrefixDictionary, dictionary_bytes

        user_paths = user_dictionaries()
        spec = find_spec("jieba")
        package = Path(spec.origin).parent if spec is not None and spec.origin else None
        key = hashlib.sha256()
        key.update(f"{_CACHE_FORMAT}|{sys.version_info[:2]}|".encode())
        for installed in ("__init__.py", "dict.txt") if package is not None else ():  # jieba's version, its dictionary
            try:
                st = (package / installed).stat()
                key.update(f"{installed}|{st.st_size}|{st.st_mtime_ns}|".encode())
            except OSError:
                pass
        for p in user_paths:
            key.update(p.read_bytes())
        directory = cache_dir()
        path = directory / f"jieba-{key.hexdigest()[:20]}.dict" if directory else None
        if path is not None:
            self._file = PrefixDictionary.open(path)  # None when absent or damaged: rebuilt below
            if self._file is not None:
                self._tk.total = self._file.total
                return
        tk = self._tk = _import_jieba().Tokenizer()
        freq, total = tk.gen_pfdict(tk.get_dict_file())
        tk.FREQ, tk.total, tk.initialized = freq, total, True
        for word, wfreq in _read_user_words(user_paths):
            tk.add_word(word, wfreq)
        if path is not None:  # this process keeps the whole dictionary it has just built
            atomic_write(path, dictionary_bytes(tk.FREQ, tk.total))

    def jieba_tokenizer(self):
        """jieba's own Tokenizer over the entries this segmenter holds (what the tests hold the cut to)."""
        if isinstance(self._tk, _Entries):
            with self._lock:
                tk = _import_jieba().Tokenizer()
                tk.FREQ, tk.total, tk.initialized = self._tk.FREQ, self._tk.total, True
                self._tk = tk
        return self._tk

    def _ensure(self, text: str) -> None:
        """Add the dictionary entries a cut of `text` can look up (lock held)."""
        if self._file is not None:
            self._file.fill(text, self._tk.FREQ)

    def is_word(self, text: str) -> bool:
        """Whether `text` is an entry of the dictionary (jieba's or the domain dictionary)."""
        with self._lock:
            self._ensure(text)
            return self._tk.FREQ.get(text, 0) > 0

    def word_ends(self, text: str, start: int) -> list[int]:
        """The ends of the dictionary words that start at `start` (where jieba's graph of a block lets a token
        of more than one character end)."""
        ends: list[int] = []
        if not 0 <= start < len(text):
            return ends
        with self._lock:
            self._ensure(text[start:start + 2])  # every word looked up begins with these two characters
            freq = self._tk.FREQ
            i, n = start, len(text)
            frag = text[start]
            while i < n and frag in freq:  # jieba's own walk (`get_DAG`): a word's prefixes are all in FREQ
                if freq[frag]:
                    ends.append(i + 1)
                i += 1
                frag = text[start:i + 1]
        return ends

    def tokenize(self, text: str) -> list[Token]:
        """jieba's `cut` (HMM off): each maximal run of `BLOCK_CHARS` cut as `exact_ends` says, every other
        character a token of its own, a Windows line break (\\r\\n) one token."""
        tokens: list[Token] = []
        with self._lock:
            self._ensure(text)
            freq, total = self._tk.FREQ, self._tk.total
            at = 0
            for m in _BLOCK_RUNS.finditer(text):
                _between(text, at, m.start(), tokens)
                start = m.start()
                for end in exact_ends(m.group(), freq, total):
                    tokens.append(Token(text[start:m.start() + end], start, m.start() + end))
                    start = m.start() + end
                at = m.end()
            _between(text, at, len(text), tokens)
        return tokens

    def tokenize_block(self, block: str) -> list[Token]:
        """`tokenize` of one block (a maximal run of `BLOCK_CHARS`): what jieba's `cut` does with such a run
        after splitting the text into runs (`exact_ends`), without the splitting."""
        tokens, start = [], 0
        for end in self.block_ends(block):
            tokens.append(Token(block[start:end], start, end))
            start = end
        return tokens

    def block_ends(self, block: str) -> list[int]:
        """Where the tokens of `tokenize_block` end (all `LocalTokens` keeps of a cut: no `Token` is made)."""
        with self._lock:
            self._ensure(block)
            return exact_ends(block, self._tk.FREQ, self._tk.total)


def _between(text: str, a: int, b: int, tokens: list[Token]) -> None:
    """The tokens jieba makes of text outside the runs it cuts: a character each, a \\r\\n together."""
    i = a
    while i < b:
        j = i + 2 if text.startswith("\r\n", i) else i + 1
        tokens.append(Token(text[i:j], i, j))
        i = j


_ALNUM = re.compile("[a-zA-Z0-9]")  # jieba's `re_eng`: a run of such characters read one by one is one token


def exact_ends(block: str, freq: dict[str, int], total: int) -> list[int]:
    """Where the tokens of jieba's exact mode without HMM (`Tokenizer.__cut_DAG_NO_HMM`) end in one block, with
    the dictionary `freq` (a word's frequency; 0 for a prefix of words only) and jieba's `total`: the same graph
    of the words at each place (`get_DAG`: a character alone where none starts) and the most probable route
    through it (`calc`: the same sums, a tie to the longer word).  jieba builds the whole graph, then walks it
    back looking every word up again; here each place is walked once, from the end, its words looked up as they
    are found — the best routes after them are known by then — and nothing of the graph is kept.
    A run of Latin letters and digits read one by one is one token, as in jieba."""
    n, logtotal = len(block), log(total)
    get = freq.get
    best: list[float] = [0.0] * (n + 1)  # the log-probability of the best route from each place to the end
    last = [0] * n                        # … and the last place of its first word
    for k in range(n - 1, -1, -1):
        top, end = None, k
        i, f = k, get(block[k])
        while f is not None:  # jieba's walk (`get_DAG`): a word's prefixes are all in freq (0: a prefix only)
            if f:  # shorter words first: a tie goes to the longer (jieba's max of (p, i))
                p = log(f) - logtotal + best[i + 1]
                if top is None or p >= top:
                    top, end = p, i
            i += 1
            f = get(block[k:i + 1]) if i < n else None
        if top is None:  # no word starts here: the character alone
            top = log(get(block[k]) or 1) - logtotal + best[k + 1]
        best[k], last[k] = top, end
    ends: list[int] = []
    k, alone = 0, False  # alone: the token before is a run of Latin letters and digits read one by one
    while k < n:
        y = last[k] + 1
        if y - k == 1 and _ALNUM.match(block, k):
            if alone:
                ends[-1] = y
            else:
                ends.append(y)
            alone = True
        else:
            ends.append(y)
            alone = False
        k = y
    return ends


_SEGMENTER: Segmenter | None = None
_SEGMENTER_LOCK = threading.Lock()


def segmenter() -> Segmenter:
    """The process-wide segmenter, built on first use."""
    global _SEGMENTER
    if _SEGMENTER is None:
        with _SEGMENTER_LOCK:
            if _SEGMENTER is None:
                _SEGMENTER = JiebaSegmenter()
    return _SEGMENTER


def is_word(text: str) -> bool:
    """Whether `text` is a word of the segmentation dictionary (a near-miss of a term that is itself a word is
    another word, not a slip)."""
    return bool(text) and segmenter().is_word(text)


def tokenize(text: str) -> list[Token]:
    """Tokens of `text` with offsets into it; their texts concatenate back to `text`."""
    if not text:
        return []
    return segmenter().tokenize(text)


def word_ends(text: str, start: int) -> list[int] | None:
    """The ends of the dictionary words of `text` that start at `start`, or None when the segmenter cannot say."""
    ends = getattr(segmenter(), "word_ends", None)
    return ends(text, start) if ends is not None else None


def tokenize_block(block: str) -> list[Token]:
    """`tokenize` of one maximal run of `BLOCK_CHARS`."""
    seg = segmenter()
    cut = getattr(seg, "tokenize_block", None)
    return cut(block) if cut is not None else seg.tokenize(block)


def block_ends(block: str) -> list[int]:
    """Where the tokens of `tokenize_block` end (what `LocalTokens` cuts a block with)."""
    ends = getattr(segmenter(), "block_ends", None)
    return ends(block) if ends is not None else [t.end for t in tokenize_block(block)]



# jieba segments each maximal run of these characters on its own (everything else is one token per
# character, a \r\n one token), so the tokens inside a run do not depend on the text around it.
BLOCK_CHARS = _BLOCK_CHARS = re.compile(r"[\u4E00-\u9FD5a-zA-Z0-9+#&\._%\-]")
_BLOCK_RUNS = BLOCK_RUN = re.compile(BLOCK_CHARS.pattern + "+")


_RECENT_BLOCKS = 8


class LocalTokens:
    """Token boundaries of a text, segmenting only the blocks that a question is asked about.

    A rule that meets a candidate (扩宽, 的的, 二十三条) asks whether a token starts or ends at an offset;
    only the block around it is cut, so a report pays for segmentation in proportion to its candidates.
    `starts` and `ends` support `in`, like the sets of `boundaries()`.
    """

    def __init__(self, text: str) -> None:
        self.text = text
        # a block's start -> where its tokens end, counted from its start: kept as numbers, and made into
        # `Token`s only when asked for (objects for every token of a long text cost hundreds of MB)
        self._blocks: dict[int, array] = {}
        self._block_starts: list[int] = []  # sorted starts and matching ends of the blocks cut so far
        self._block_ends: list[int] = []
        self._cuts: dict[str, array] = {}  # a block's text -> its token ends (a text met again is not cut again)
        self._recent: dict[int, list[Token]] = {}  # the tokens of the blocks asked for last
        self.starts = _Membership(self, start=True)
        self.ends = _Membership(self, start=False)

    def block_tokens(self, i: int) -> list[Token]:
        """The tokens (offsets into the whole text) of the block holding character i."""
        s = self.text
        if i < 0 or i >= len(s):
            return []
        if not _BLOCK_CHARS.match(s, i):
            return [Token(s[i], i, i + 1)]
        # A block already cut is found by binary search: walking back to its start on every question made
        # a long block with many candidates quadratic (a 1 MB line took minutes).
        k = bisect.bisect_right(self._block_starts, i) - 1
        if k >= 0 and i < self._block_ends[k]:
            return self._tokens(self._block_starts[k])
        a = i
        while a > 0 and _BLOCK_CHARS.match(s, a - 1):
            a -= 1
        b = i
        while b < len(s) and _BLOCK_CHARS.match(s, b):
            b += 1
        self._blocks[a] = self._cut(s[a:b])
        at = bisect.bisect_left(self._block_starts, a)
        self._block_starts.insert(at, a)
        self._block_ends.insert(at, b)
        return self._tokens(a)

    def _cut(self, block: str) -> array:
        """Where the tokens of `block` end, counted from its start.  A block's cut depends on its text alone,
        so a text met again (a page that repeats a phrase a hundred thousand times) is not cut again."""
        ends = self._cuts.get(block)
        if ends is None:
            ends = self._cuts[block] = array("I", block_ends(block))
        return ends

    def _tokens(self, a: int) -> list[Token]:
        """The `Token`s of the block at `a`; those of the last few blocks asked for are kept (a rule asks
        about one long block again and again)."""
        out = self._recent.get(a)
        if out is not None:
            return out
        s, out, prev = self.text, [], 0
        for end in self._blocks[a]:
            out.append(Token(s[a + prev:a + end], a + prev, a + end))
            prev = end
        if len(self._recent) >= _RECENT_BLOCKS:
            del self._recent[next(iter(self._recent))]
        self._recent[a] = out
        return out

    def token_starts_at(self, i: int) -> bool:
        if i <= 0 or i >= len(self.text) or not _BLOCK_CHARS.match(self.text, i) or not _BLOCK_CHARS.match(self.text, i - 1):
            return True
        return any(t.start == i for t in self.block_tokens(i))

    def token_ends_at(self, i: int) -> bool:
        return self.token_starts_at(i)  # tokens tile the text: one ends exactly where the next starts


class _Membership:
    def __init__(self, owner: LocalTokens, start: bool) -> None:
        self._owner, self._start = owner, start

    def __contains__(self, i: int) -> bool:
        return self._owner.token_starts_at(i) if self._start else self._owner.token_ends_at(i)


def local_tokens(ctx: Scoped, scope: str) -> LocalTokens:
    """The scope's lazily segmented tokens, shared by all rules of one document."""
    return ctx.cached(f"local-tokens:{scope}", lambda: LocalTokens(ctx.scope_text(scope).text))


def boundaries(tokens: list[Token]) -> tuple[set[int], set[int]]:
    """The offsets where tokens start and where they end (for matching on token boundaries)."""
    return {t.start for t in tokens}, {t.end for t in tokens}
