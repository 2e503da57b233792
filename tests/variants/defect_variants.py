"""Defect classes real reports carry (issue 29), injected into every report they apply to — the project's corpus and
the modern reports of the ecosystem corpus — and found at their line; their look-alikes, written the way reports
write them correctly, stay silent.  The rewrites register with `reading_variants`, whose tests
(tests/variants/test_reading.py) run them: no warning or error added by a look-alike, the finding at its line for a
defect."""
from __future__ import annotations

import re
from pathlib import Path

from reading_variants import defect, neutral

# ── 4. a character doubled after a number, or where no word has it twice ────────────────────────────────
_YEAR_IN_TEXT_RE = re.compile(r"(?<=[，。；\s])(?P<year>20\d\d)年(?=[，、\u4e00-\u9fff])")


def _first_year(text: str) -> re.Match | None:
    """A year at the start of a clause in the body (2023年，我县…), well after the title."""
    m = _YEAR_IN_TEXT_RE.search(text, len(text) // 5)
    return m


@defect("a unit doubled after a number (2023年年累计)", "WORDING-DOUBLED-ORPHAN")
def unit_doubled(text: str, path: Path):
    m = _first_year(text)
    if m is None:
        return None
    inserted = f"截至{m['year']}年年累计公开信息300条，"
    return text[:m.start()] + inserted + text[m.start():], inserted


@neutral("time-word-after-year", "a year followed by a time word it opens (2023年年底前), and units reduplicated to "
                                 "mean 'every' (件件有回音、月月查)")
def time_word_after_year(text: str, path: Path) -> str | None:
    m = _first_year(text)
    if m is None:
        return None
    return text[:m.start()] + f"{m['year']}年年底前，确保件件有回音、月月查问题，" + text[m.start():]


# ── 1. work of another level or place spoken of as the agency's own ─────────────────────────────────────
_PLACE_RE = re.compile(r"^(?:[\u4e00-\u9fff]{2,9}?(?:省|市|县|区|镇|乡))+")
_ZONE_RE = re.compile(r"(?:开发|实验|新|园|示范|试验)区")
_OTHER_NAMES = ["清江浦", "涟水", "盱眙", "金湖", "鼓楼"]


def _agency(text: str, path: Path) -> str | None:
    """The agency as the report is read (its reading is tested on its own)."""
    from linter.engine.run import analyse
    from linter.settings.config import Config

    agency = analyse(text.encode("utf-8"), path.name, Config()).context.outline.agency
    return re.sub(r"\s", "", agency) if agency else None


def _places(text: str, path: Path) -> str | None:
    """The places the agency's name opens with (淮安市洪泽区), when it names any and is below a province."""
    agency = _agency(text, path)
    m = _PLACE_RE.match(agency or "")
    return m.group() if m and "省" not in m.group() else None


def _in_section_one(text: str, sentence: str) -> tuple[str, str] | None:
    """The sentence put after the first full stop of section 一."""
    from reading_variants import _heading_title

    m = _heading_title(text, "一")
    stop = text.find("。", m.end()) if m else -1
    if stop < 0:
        return None
    return text[:stop + 1] + sentence + text[stop + 1:], sentence


@defect("the province's work spoken of as the agency's own (做好全省政府信息公开工作)", "WORDING-SCOPE-LEVEL")
def province_work_as_own(text: str, path: Path):
    return _in_section_one(text, "我们认真做好全省政府信息公开工作。") if _places(text, path) else None


@defect("a city's work in a report of a county, district or township (强化对全市政务公开工作的统筹)",
        "WORDING-SCOPE-LEVEL")
def city_work_as_own(text: str, path: Path):
    places = _places(text, path)
    if not places or not places.endswith(("县", "区", "镇", "乡")) or _ZONE_RE.search(places):
        return None
    return _in_section_one(text, "我们进一步强化对全市政务公开工作的统筹。")


@defect("another place of the agency's own kind where its name belongs (洪泽区: 推进清江浦区政务公开工作)",
        "WORDING-SCOPE-LEVEL")
def other_place_as_own(text: str, path: Path):
    places = _places(text, path)
    if not places or not places.endswith(("县", "区")) or _ZONE_RE.search(places):
        return None
    other = next(n for n in _OTHER_NAMES if not set(n) & set(places))
    return _in_section_one(text, f"我们扎实推进{other}{places[-1]}政务公开工作。")


@neutral("scope-of-superior", "the superior's work followed, joined or quoted (按照全省统一部署, 参加全省政务公开工作"
                              "会议, 《2023年全省政务公开工作要点》), and the agency's own scope and place (做好全区…工作)")
def scope_of_superior(text: str, path: Path) -> str | None:
    places = _places(text, path)
    if not places:
        return None
    made = _in_section_one(text, f"按照全省统一部署，参加全国政务公开工作会议，印发《2023年全省政务公开工作要点》"
                                 f"分解表；认真做好全{places[-1]}政府信息公开工作，推进{places}政务公开工作。")
    return made[0] if made else None


# ── 7a. two titles run together in the list of the report's parts ───────────────────────────────────────
_PART_LIST_RE = re.compile(r"(?:本报告|全文)[^。\n]{0,12}(?:包括|由|分为)[^。\n]{20,300}?。")
_BEFORE_LAST_PART_RE = re.compile(r"(?<=情况)(?:、|和|及|以及)(?=其他)")


def _last_joint(text: str) -> re.Match | None:
    """The separator before 其他需要报告的事项 in the opening's list of the parts."""
    found = _PART_LIST_RE.search(text)
    return _BEFORE_LAST_PART_RE.search(text, found.start(), found.end()) if found else None


@defect("two titles run together in the list of the parts (…改进情况其他需要报告的事项)", "STRUCT-PART-LIST-JOINED")
def part_titles_joined(text: str, path: Path):
    m = _last_joint(text)
    if m is None:
        return None
    return text[:m.start()] + text[m.end():], text[m.start() - 8:m.start()] + text[m.end():m.end() + 8]


@neutral("part-list-joined-by-conjunction", "the last two parts of the list joined by a conjunction (…改进情况以及其他"
                                            "需要报告的事项)")
def part_list_conjunction(text: str, path: Path) -> str | None:
    m = _last_joint(text)
    return text[:m.start()] + "以及" + text[m.end():] if m else None


# ── 6. one quantity, two numbers ──────────────────────────────────────────────────────────────────────
_PUBLISHED_RE = re.compile(r"(?<=[，。；\s])(?P<clause>(?:(?!其中)[^，。；\s（）()“”]){0,16}主动公开政府信息\s*)(?P<n>\d+)(?P<unit>\s*[条件])"
                           r"(?P<rest>[^。]{0,200}?。)")


_SINCE_RE = re.compile(r"截至|累计|历年|至今|(?<!今年|本年|年初)以来")


def _published(text: str) -> re.Match | None:
    """A clause stating how much information was published proactively in the year (2022年全区共主动公开政府信息
    14571条) — not a running total (截至…, 累计…), nor an item of a list (其他应主动公开政府信息856条, in brackets)."""
    for m in _PUBLISHED_RE.finditer(text):
        sentence = text[max(text.rfind("。", 0, m.start()), 0):m.start("n")]
        if not _SINCE_RE.search(sentence) and "其他" not in m["clause"] and sentence.count("（") <= sentence.count("）") \
                and sentence.count("(") <= sentence.count(")"):
            return m
    return None


def _after_published(text: str, make) -> tuple[str, str] | None:
    m = _published(text)
    if m is None:
        return None
    sentence = make(m)
    return text[:m.end()] + sentence + text[m.end():], sentence


@defect("the total published stated again with another number (…共主动公开政府信息24条 … 37条)", "TX-CLAIM-CONFLICT")
def published_twice(text: str, path: Path):
    return _after_published(text, lambda m: f"{m['clause']}{int(m['n']) + 7}{m['unit']}。")


@neutral("published-restated", "the total published restated with its number, and a count of one channel "
                               "(通过微信公众号主动公开政府信息37条)")
def published_restated(text: str, path: Path) -> str | None:
    made = _after_published(text, lambda m: f"{m['clause']}{m['n']}{m['unit']}，通过微信公众号主动公开政府信息"
                                            f"{int(m['n']) + 7}{m['unit']}。")
    return made[0] if made else None
