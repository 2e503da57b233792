"""Slips outside the fixed lexicon: a word one same-sounding character away from what its phrase usually is, or a
phrase with a stray character in it — where no phrase of the format or the regulation (`near_miss`) and not the
agency's name (`agency_name`) explains it.

What the phrase usually is comes from two places, and a finding needs one of them:

* an idiom or set phrase of the general dictionary (`lexicon.general_dictionary`: used often enough, no names),
  written with one character of the same sound (残差不齐 for 参差不齐), where the written text is no word and the
  repair is read as the expression or takes a character left alone back into a word, leaving none alone that
  was not (经/及/社会 → 经济/社会活动; not 行政诉讼发生率 → 行政诉讼法/生/率);
* a phrase the report itself writes elsewhere (受理群众 beside 授理群众, 为民办实事 beside 为民办实施, 信息发布
  beside 信息开发布): four characters written once or twice one way and at least `min_uses` times the other
  way, one character apart — a same-sounding one, or one added between the phrase's two words — where the
  segmenter shows the slip (`checks.repairs`): it leaves a character alone that the repair takes back into a word
  (真/对 → 针对), the repair changes how the words around it are read (为/民办/实施 → 为民/办实事), or the written
  word is a rare one of the dictionary beside a common one of the same sound (授理 beside 受理); a stray
  character shows as `near_miss.stray_characters` says.

Characters that stand alone in any text (`inside`: adverbs, prepositions, particles) prove nothing as orphans and
are never stray.  A slip the report writes `max_repeats` times or more, counted in any phrase of four characters
that holds it, is taken as meant (a name, a term of its own).  A text of more than `_OWN_LIMIT` characters is no
report: only the general dictionary is compared with it.

Parameters: declared in `PARAMS` below (`report-lint rules --schema` prints them all).
"""
from __future__ import annotations

from array import array
from collections import Counter
from itertools import compress
from operator import itemgetter
from typing import Iterator

from linter.checks.context import Context
from linter.checks.hits import Hit, contiguous
from linter.checks.lexicon import NUMERALS, SOURCES, GeneralDictionary, general_dictionary, lexicon
from linter.checks.near_miss import Slip, corrected, slip_hit, stray_characters, unoverlapped
from linter.checks.repairs import Reading, Repair, read_repaired
from linter.checks.soundview import WINDOW, Windows, kept, scope_sounds, scope_windows
from linter.language.edits import Edit, single_edit
from linter.language.statements import positions
from linter.ruleset.loading import Rule
from linter.ruleset.params import Field, Fields, Integer, ListOf, Str

PARAMS = Fields({
    "tags": Field(ListOf(Str(doc="a part-of-speech tag of jieba's dictionary (i idiom, l set phrase …)")),
                  required=True),
    "min_length": Field(Integer(minimum=4, doc="the shortest expression of the general dictionary (default 4)")),
    "min_frequency": Field(Integer(minimum=1, doc="the fewest uses of an expression in the dictionary (default 20)")),
    "rare": Field(Integer(minimum=0, doc="a dictionary word used at most this often is a rare variant (default 3)")),
    "common": Field(Integer(minimum=1, doc="… of a word of the same sound used at least this often (default 1000)")),
    "min_uses": Field(Integer(minimum=1, doc="the report writes the intended phrase at least this often (default 2)")),
    "max_repeats": Field(Integer(minimum=2, doc="a slip written this often is taken as meant (default 3)")),
    "inside": Field(Str(doc="characters that stand alone inside any phrase: never stray, never an orphan")),
}, doc="a word one same-sounding or stray character away from what its phrase usually is")

_PHRASE = WINDOW  # the length of the report's own phrases compared
_REACH = 30  # how far around a slip a phrase of the domain lexicon is looked for
# A text longer than this is no report (a crawled page repeating itself, a book): its own phrases, which could
# number millions, are not counted, and only the general dictionary's expressions are compared.
_OWN_LIMIT = 200_000


def check(rule: Rule, ctx: Context) -> Iterator[Hit]:
    from linter.language.segmentation import local_tokens

    p = rule.params
    text = ctx.scope_text(rule.scope)
    s = text.text
    local = local_tokens(ctx, rule.scope)
    general = general_dictionary(tuple(p["tags"]), p.get("min_length", 4), p.get("min_frequency", 20),
                                 p.get("rare", 3), p.get("common", 1000))
    inside = p.get("inside", "")
    sounds = scope_sounds(ctx, rule.scope) if kept(s) else None  # a long text is translated a piece at a time
    grams = _Grams(s, sounds, scope_windows(ctx, rule.scope), general.expressions, p.get("min_uses", 2))
    found = [*_expressions(grams, general, local, inside), *_own_sound_slips(grams, general, local, p, inside),
             *_own_stray(text, grams, scope_windows(ctx, rule.scope), local, p, inside)]
    domain = lexicon(rule.ruleset_dir, SOURCES, 4)
    max_repeats = p.get("max_repeats", 3)
    own = tuple(name for name in (ctx.outline.agency,) if name)  # the agency's name is WORDING-AGENCY-NAME's
    shown = [slip for slip in found
             if not _written_at_least(s, slip.found, max_repeats) and contiguous(text, slip.start, slip.end)
             and not any(w in slip.found for w in domain.named) and not _repairs_into(s, slip, domain.phrases)
             and not _repairs_into(s, slip, own)]
    for t, slip in unoverlapped([(text, slip) for slip in shown]):
        yield slip_hit(rule, t, slip)


def _repairs_into(s: str, slip: Slip, phrases) -> bool:
    """Whether the repaired text holds one of the phrases across the repair where the written text does not: a
    near-miss of the format's fixed wording (WORDING-NEAR-MISS's) or of the agency's name (WORDING-AGENCY-NAME's)."""
    lo, hi = max(0, slip.start - _REACH), slip.end + _REACH
    right = corrected(slip.found, slip.edit)
    repaired = s[lo:slip.start] + right + s[slip.end:hi]
    a, b = slip.start - lo, slip.start - lo + len(right)  # the repaired text's place in `repaired`
    for phrase in phrases:
        at = repaired.find(phrase, max(0, a - len(phrase) + 1))
        if 0 <= at < b:
            return True
    return False


class _Grams:
    """The phrases of four Chinese characters of a text, as written and as sounded (`language.pinyin.sound_key`),
    read in one pass a bounded piece at a time (a page of 20 MB holds millions): how often each is written, the
    sound of each spelling, and where the sound of an expression of the general dictionary starts.

    Only the windows whose sound is heard more than once are read as written, since a phrase written twice and
    each of two spellings of one sound are heard twice: `uses` has 0 for a phrase written once (below the
    thresholds, which count repeats), unless `min_uses` is 1 and every window is read.

    `sounds` is the text's sound key, or None for a long text, which is not translated as a whole: the few places
    where a window sounds like an expression are translated when read (`sound`)."""

    def __init__(self, s: str, sounds: str | None, windows: Windows, expressions: dict, min_uses: int) -> None:
        self.text, self._sounds = s, sounds
        self.uses: Counter = Counter()
        self.sounded: dict[str, str] = {}   # each spelling -> its sound
        # where a window sounds like the start of an expression (a long page may have millions: 8 bytes each)
        self.expressions = array("q")
        own = len(s) <= _OWN_LIMIT
        windows = list(windows) if own else windows  # an own text is read twice: its pieces are few
        heard = Counter() if own else None
        for starts, keys in windows:
            self.expressions.extend(compress(starts, map(expressions.__contains__, keys)))
            if own:
                heard.update(keys)
        if not own:
            return
        for starts, keys in windows:
            if min_uses > 1:  # the windows of a sound heard once are phrases written once
                read = [(s[i:i + _PHRASE], key) for i, key in zip(starts, keys) if heard[key] > 1]
            else:
                read = [(s[i:i + _PHRASE], key) for i, key in zip(starts, keys)]
            self.sounded.update(read)
            self.uses.update(map(itemgetter(0), read))

    def sound(self, i: int, n: int) -> str:
        """The sound key of the n characters at i."""
        from linter.language.pinyin import sound_key

        return self._sounds[i:i + n] if self._sounds is not None else sound_key(self.text[i:i + n])

    def repeats(self, at: int) -> int:
        """How often the report writes a phrase that holds the character at `at` as it is written there."""
        return max((self.uses[self.text[j:j + _PHRASE]] for j in range(max(0, at - _PHRASE + 1), at + 1)), default=0)


def _written_at_least(s: str, found: str, times: int) -> bool:
    """Whether `found` is written `times` times in `s` (the search stops there: a long page repeats itself)."""
    at = -1
    for _ in range(times):
        at = s.find(found, at + 1)
        if at < 0:
            return False
    return True


# ── what the phrase usually is: the general dictionary's expressions ────────────────────────────────────

def _expressions(grams: _Grams, general: GeneralDictionary, local, inside: str) -> Iterator[Slip]:
    """Windows one same-sounding character away from an expression of the general dictionary, no word themselves,
    where the repair leaves no character alone that was not and is read as the expression or mends the reading
    (经/及/社会 → 经济/社会活动)."""
    from linter.language.pinyin import sound_key
    from linter.language.segmentation import is_word

    s, expressions = grams.text, general.expressions
    for i in grams.expressions:
        for phrase in expressions[grams.sound(i, _PHRASE)]:
            n = len(phrase)
            window = s[i:i + n]
            if window == phrase or len(window) < n or grams.sound(i, n) != sound_key(phrase):
                continue
            edit = single_edit(window, phrase)
            if edit is None or not _same_sound(edit) or is_word(window):
                continue
            reading = read_repaired(local, Repair(i + edit.at, edit.right))
            lo, hi = _span(reading, (i, i + n))
            if (reading.orphans(lo, hi, after=True) <= reading.orphans(lo, hi)
                    and (reading.token(i, after=True) == (i, i + n) or reading.mends(lo, hi, free=inside))):
                yield Slip(i, i + n, window, {phrase}, edit)


# ── what the phrase usually is: the report's own other uses ─────────────────────────────────────────────

def _own_sound_slips(grams: _Grams, general: GeneralDictionary, local, p: dict, inside: str) -> Iterator[Slip]:
    """Phrases of four characters written rarely one way and often another way of the same sound, where the
    segmenter shows the rare way as the slip.  A slip is taken as meant where any phrase of four characters
    holding it is written `max_repeats` times (应急关理 three times makes 急关理局 once no slip)."""
    spellings = Counter(grams.sounded.values())
    several = {key for key, n in spellings.items() if n > 1}
    forms: dict[str, list[str]] = {}  # each sound of several spellings -> its spellings
    for written in compress(grams.sounded, map(several.__contains__, grams.sounded.values())):
        forms.setdefault(grams.sounded[written], []).append(written)
    # how often a spelling is written: `uses` counts every window of a sound heard again, and so every place
    # (overlapping ones too) of each spelling here; a slip's places are looked for only when it has a repair
    uses = grams.uses
    min_uses, max_repeats = p.get("min_uses", 2), p.get("max_repeats", 3)
    for written in forms.values():
        for slip in written:
            if uses[slip] >= max_repeats:
                continue
            places = None
            for right in written:
                edit = single_edit(slip, right) if uses[right] >= min_uses and uses[right] > uses[slip] else None
                if edit is None or not _same_sound(edit):
                    continue
                if places is None:
                    places = positions(grams.text, slip)
                for i in places:
                    if grams.repeats(i + edit.at) < max_repeats:
                        found = _word_slip(local, i, edit, general, inside)
                        if found is not None:
                            yield found


def _word_slip(local, i: int, edit: Edit, general: GeneralDictionary, inside: str) -> Slip | None:
    """The slip at the phrase starting at i — the words the edit touches before and after the repair — when the
    segmenter shows it: the repair takes an orphan into a word, changes how the words around it are read, or
    replaces a rare word of the dictionary by a common one of the same sound."""
    at = i + edit.at
    reading = read_repaired(local, Repair(at, edit.right))
    before, after = reading.token(at), reading.token(at, after=True)
    s = reading.text
    if before is None or after is None or after[1] - after[0] < 2:
        return None
    repaired = s[after[0]:at] + edit.right + s[at + 1:after[1]]
    rare = s[before[0]:before[1]] in general.variants and repaired in general.variants[s[before[0]:before[1]]]
    if not (reading.mends(i, i + _PHRASE, free=inside) or reading.rereads(i, i + _PHRASE)
            or rare and reading.orphans(i, i + _PHRASE, after=True) <= reading.orphans(i, i + _PHRASE)):
        return None
    lo, hi = _span(reading, after)
    right = s[lo:at] + edit.right + s[at + 1:hi]
    return Slip(lo, hi, s[lo:hi], {right}, Edit("sub", at - lo, edit.written, edit.right))


def _span(reading: Reading, after: tuple[int, int]) -> tuple[int, int]:
    """The repaired word and the words it was read as before the repair, and so on until the words before and
    after the repair end alike (为/民办/实施 and 为民/办实事: all of 为民办实施)."""
    lo, hi = after
    while True:
        wider = (lo, hi)
        for a, b in (*reading.before, *reading.after):
            if a < hi and b > lo:
                lo, hi = min(lo, a), max(hi, b)
        if (lo, hi) == wider:
            return lo, hi


def _own_stray(text, grams: _Grams, windows: Windows, local, p: dict, inside: str) -> list[Slip]:
    """A character added between the two words of a phrase of four characters the report writes elsewhere."""
    from linter.language.segmentation import is_word

    found = added_between(text.text, grams.uses, windows, p.get("min_uses", 2))
    return [slip for slip in stray_characters(text, local, found, inside) if not is_word(slip.found)]


def added_between(s: str, uses: Counter, windows: Windows, min_uses: int) -> list[tuple[int, str, int]]:
    """(start, phrase, 2) of the windows of five Chinese characters whose first two and last two characters are a
    phrase written at least `min_uses` times (`uses`), in order.  They start where windows of four do (one of four
    that ends its run of Chinese characters has no second word of two Chinese characters after the added one).
    Each window is looked at by its first and last characters alone, one slice: few windows share them with a
    repeated phrase, where most begin with the first word of one."""
    half, end = _PHRASE // 2, _PHRASE + 1
    repeated = set(compress(uses, map(min_uses.__le__, uses.values())))
    if not repeated:
        return []  # (nor are a long text's windows made: it counts no phrase)
    outer = {g[::_PHRASE - 1] for g in repeated}  # each repeated phrase's first and last characters
    found = []
    for starts, _ in windows:
        for i in [i for i in starts if s[i:i + end:_PHRASE] in outer]:
            phrase = s[i:i + half] + s[i + half + 1:i + end]
            if phrase in repeated:
                found.append((i, phrase, half))
    return found


def _same_sound(edit: Edit) -> bool:
    from linter.language.pinyin import sound_slip

    return (edit.kind == "sub" and edit.written not in NUMERALS and edit.right not in NUMERALS
            and sound_slip(edit.written, edit.right))
