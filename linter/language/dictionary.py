"""jieba's prefix dictionary in the per-user cache, read a piece at a time.

Cutting a block of text, jieba looks up only strings of that block: each character, then the longer strings
that start at it for as long as they are prefixes of a word (`Tokenizer.get_DAG`, `calc`).  So the entries a
text needs are its characters and the words that begin with each pair of adjacent characters in it.  The file
holds them in that order — by first character, then by second — behind a small index; it is memory-mapped,
and a process unmarshals only the pieces of the pairs it meets: a report needs a few thousand of the
dictionary's 350 000 entries, and the segmentation of any text is the same as with the whole dictionary.

Layout: `MAGIC`, the index's length (4 bytes), the index — marshal of (total, the first characters, the
offsets of their regions, the lengths of their records) — then one region per first character: a record
(the character's own frequency or None, the second characters, the offsets of their pieces) followed by one
marshalled {word: frequency} piece per second character.
"""
from __future__ import annotations

import marshal
import mmap
from array import array
from pathlib import Path

MAGIC = b"RLPD1\n"
_HEAD = len(MAGIC) + 4


class PrefixDictionary:
    """An open dictionary file; `fill(text, freq)` adds to `freq` every entry a cut of `text` can look up."""

    def __init__(self, total: int, chars: str, offsets: array, lengths: array, data: mmap.mmap, base: int) -> None:
        self.total = total
        self._chars, self._offsets, self._lengths = chars, offsets, lengths
        self._data, self._base = data, base
        self._records: dict[str, tuple | None] = {}   # first character -> (seconds, piece offsets, start) or None
        self._pairs: set[str] = set()

    @classmethod
    def open(cls, path: Path) -> "PrefixDictionary | None":
        """The dictionary in `path`, or None when it is missing, of another format or damaged."""
        try:
            with path.open("rb") as fh:
                head = fh.read(_HEAD)
                if len(head) != _HEAD or not head.startswith(MAGIC):
                    return None
                size = int.from_bytes(head[len(MAGIC):], "little")
                total, chars, offsets, lengths = marshal.loads(fh.read(size))
                data = mmap.mmap(fh.fileno(), 0, access=mmap.ACCESS_READ)
            offsets, lengths = array("Q", offsets), array("I", lengths)
        except (OSError, ValueError, EOFError, TypeError):
            return None
        if not isinstance(total, int) or not isinstance(chars, str) or len(offsets) != len(chars) + 1 \
                or len(lengths) != len(chars) or _HEAD + size + offsets[-1] != len(data):
            return None
        return cls(total, chars, offsets, lengths, data, _HEAD + size)

    def fill(self, text: str, freq: dict[str, int]) -> None:
        """Add the entries of `text`'s characters and of the words beginning with its adjacent pairs."""
        records = self._records
        for ch in set(text).difference(records):
            record = records[ch] = self._record(ch)
            if record is not None and record[0] is not None:
                freq[ch] = record[0]
        pairs = {text[i:i + 2] for i in range(len(text) - 1)}
        pairs.difference_update(self._pairs)
        data = self._data
        for pair in pairs:
            record = records[pair[0]]
            if record is None:
                continue
            j = record[1].find(pair[1])
            if j >= 0:
                piece_offsets, start = record[2], record[3]
                freq.update(marshal.loads(data[start + piece_offsets[j]:start + piece_offsets[j + 1]]))
        self._pairs |= pairs

    def _record(self, ch: str) -> tuple | None:
        """(own frequency or None, second characters, piece offsets, where the pieces start), or None when no
        word begins with `ch`."""
        i = self._chars.find(ch)
        if i < 0:
            return None
        start = self._base + self._offsets[i]
        own, seconds, piece_offsets = marshal.loads(self._data[start:start + self._lengths[i]])
        return own, seconds, array("I", piece_offsets), start + self._lengths[i]


def dictionary_bytes(freq: dict[str, int], total: int) -> bytes:
    """The file of a whole prefix dictionary ({word or prefix: frequency}, and jieba's total)."""
    by_first: dict[str, dict[str, dict[str, int]]] = {}
    for word, f in freq.items():
        by_first.setdefault(word[0], {}).setdefault(word[1:2], {})[word] = f
    chars = "".join(sorted(by_first))
    regions, offsets, lengths = [], array("Q", [0]), array("I")
    for ch in chars:
        groups = by_first[ch]
        own = groups.pop("", {}).get(ch)
        seconds = "".join(sorted(groups))
        pieces = [marshal.dumps(groups[s]) for s in seconds]
        piece_offsets = array("I", [0])
        for piece in pieces:
            piece_offsets.append(piece_offsets[-1] + len(piece))
        record = marshal.dumps((own, seconds, piece_offsets.tobytes()))
        regions.append(record + b"".join(pieces))
        lengths.append(len(record))
        offsets.append(offsets[-1] + len(regions[-1]))
    index = marshal.dumps((total, chars, offsets.tobytes(), lengths.tobytes()))
    return MAGIC + len(index).to_bytes(4, "little") + index + b"".join(regions)
