"""The places an agency's name opens with, and how far its own work reaches.

福建省福州市仓山区财政局 is three places (福建省, 福州市, 仓山区) and a body; the most specific place decides
the agency's rank (province 1 … township 4): a 仓山区 body does the work of 全区, not of 全市 or 全省.  The units,
their ranks and the zones are the rule's data (`units`, `zones`, `municipalities`); a name whose places cannot be
read (国家税务总局福建省税务局, 中共…工委) has no rank, and nothing is said of it.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

_NOT_IN_A_PLACE_NAME = set("和与及、的局厅署委办院会共")  # 住房和城乡建设局 holds no place 住房和城乡, nor 国家税务总局福建省 one


@dataclass(frozen=True)
class Place:
    name: str   # 洪泽
    unit: str   # 区

    @property
    def full(self) -> str:
        return self.name + self.unit


@dataclass(frozen=True)
class Reach:
    """How far an agency's own work reaches: its rank, and the units whose 全X it may call its own."""
    rank: int
    own_units: frozenset[str]
    places: tuple[Place, ...]


@lru_cache(maxsize=64)
def _segment_re(units: tuple[str, ...]) -> re.Pattern:
    alternatives = "|".join(sorted(map(re.escape, units), key=len, reverse=True))
    return re.compile(rf"([\u4e00-\u9fff]{{2,9}}?)({alternatives})")


def places_of(name: str, units: tuple[str, ...]) -> tuple[Place, ...]:
    """The places a name opens with, in order (福建省, 福州市, 仓山区 | 财政局)."""
    pattern, found, at = _segment_re(units), [], 0
    while True:
        m = pattern.match(name, at)
        if m is None or _NOT_IN_A_PLACE_NAME & set(m.group(1)):
            break
        found.append(Place(m.group(1), m.group(2)))
        at = m.end()
    return tuple(found)


def reach_of(name: str | None, ranks: dict[str, int], zones: tuple[str, ...], municipalities: tuple[str, ...],
             national: tuple[str, ...]) -> Reach | None:
    """The reach of an agency by its name, or None when its places cannot be read."""
    if not name:
        return None
    name = re.sub(r"\s", "", name)
    units = tuple(ranks)
    places = places_of(name, units)
    if not places:
        if name.startswith(national) and not any(u in name for u in units):
            return Reach(0, frozenset(), ())
        return None
    last = places[-1]
    if last.full.endswith(zones):
        return Reach(ranks.get("市", 2), frozenset(), places)  # 开发区, 实验区: within a province, level not said
    rank = ranks[last.unit]
    if last.unit == "市" and len(places) == 1 and last.full in municipalities:
        return Reach(ranks.get("省", 1), frozenset({last.unit}), places)
    if last.unit == "市" and len(places) > 1 and ranks[places[-2].unit] <= rank:
        rank = rank + 1  # a 市 inside a 市 or 州: a county-level city
    return Reach(rank, frozenset({last.unit}), places)
