"""Who published a report and for which year, normalised so that one agency's reports group across years.

Titles name the same body differently from year to year ("洪泽区人民政府" in 2023, "淮安市洪泽区人民政府" in
2024), so an agency is kept as its chain of administrative units plus the body's own name, and two names
match when one chain ends the other (the shorter omits the higher levels).  Renamed or merged bodies are
mapped by an optional YAML file (`--agency-map`):

    agencies:
      - name: 淮安市洪泽区人民政府
        aliases: [洪泽县人民政府]
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

_UNIT_RE = re.compile(r"(.+?(?:特别行政区|自治区|自治州|自治县|自治旗|新区|开发区|实验区|省|市|州|盟|县|区|旗|镇|乡|街道))")
_NOISE_RE = re.compile(r"<[^>]*>|[\s\u3000\"“”'‘’《》【】]|[（(][^）)]*[）)]")
_TAIL_ALIASES = {"人民政府办公室": "人民政府办公室", "政府办公室": "人民政府办公室", "政府": "人民政府"}


@dataclass(frozen=True)
class AgencyKey:
    """An agency as (administrative units from the top down, the body's own name)."""

    units: tuple[str, ...]
    body: str

    def matches(self, other: "AgencyKey") -> bool:
        """Same body, and one unit chain ends the other (higher levels may be left out)."""
        if self.body != other.body or not self.units or not other.units:
            return self.body == other.body and self.units == other.units
        short, long_ = sorted((self.units, other.units), key=len)
        return long_[len(long_) - len(short):] == short

    @property
    def label(self) -> str:
        return "".join(self.units) + self.body


def clean_name(name: str) -> str:
    return _NOISE_RE.sub("", name)


def agency_key(name: str | None, mapping: dict[str, str] | None = None) -> AgencyKey | None:
    if not name:
        return None
    clean = clean_name(name)
    if mapping:
        clean = mapping.get(clean, clean)
    units: list[str] = []
    rest = clean
    while True:
        m = _UNIT_RE.match(rest)
        # a unit name has at least two characters ("市场监督管理局" starts with 市 but is no unit)
        if not m or len(m.group(1)) < 2 or m.group(1) == rest and _looks_like_body(rest):
            break
        units.append(m.group(1))
        rest = rest[m.end():]
    body = _TAIL_ALIASES.get(rest, rest) or "人民政府"
    if not units and not rest:
        return None
    return AgencyKey(tuple(units), body)


def _looks_like_body(text: str) -> bool:
    return text.endswith(("局", "委", "办", "室", "厅", "部", "中心", "院", "会"))


@dataclass(frozen=True)
class ReportOrigin:
    """Who published a report and for which year (发布机关与年度): the agency as written and as a key; `path`
    says which file."""

    path: str
    agency: str | None
    key: AgencyKey | None
    year: int | None


def report_origin(ctx, mapping: dict[str, str] | None = None) -> ReportOrigin:
    """Agency and year of a linted report: the title first, else the closing block."""
    outline = ctx.outline
    agency = outline.agency
    if outline.closing and outline.closing.agency is not None:
        closing_name = outline.closing.agency.text.strip()
        if not agency:
            agency = closing_name
        elif closing_name and clean_name(closing_name).endswith(clean_name(agency)) and len(closing_name) > len(agency):
            agency = closing_name  # the closing block often names the body in full
    year = ctx.year
    if year is None and outline.closing and outline.closing.date is not None:
        from linter.language.dates import parse_date

        date = parse_date(outline.closing.date.text)   # 2024年1月6日, 2024-01-06, 二〇二四年一月六日
        if date is not None:
            year = date.year - 1  # a report is published early in the following year
    agency = clean_name(agency) if agency else None
    return ReportOrigin(ctx.document.path, agency, agency_key(agency, mapping), year)


MAX_AGENCY_MAP_BYTES = 16 * 1024 * 1024


def load_agency_map(path: str | Path) -> dict[str, str]:
    """alias → canonical name, from the mapping file (a regular file of at most 16 MB); raises ValueError
    with the reason when unreadable or invalid."""
    import yaml

    from linter.document.readers import ReadError
    from linter.document.source import read_input

    try:
        raw = read_input(path, MAX_AGENCY_MAP_BYTES)
        if len(raw) > MAX_AGENCY_MAP_BYTES:
            raise ReadError(f"larger than {MAX_AGENCY_MAP_BYTES} bytes")
        data = yaml.safe_load(raw.decode("utf-8")) or {}
    except (ReadError, UnicodeDecodeError, yaml.YAMLError) as exc:
        raise ValueError(f"{path}: {exc}") from exc
    entries = data.get("agencies") if isinstance(data, dict) else None
    if not isinstance(entries, list):
        raise ValueError(f"{path}: expected a mapping with a list `agencies:` of {{name, aliases}}")
    out: dict[str, str] = {}
    for i, entry in enumerate(entries, 1):
        if not isinstance(entry, dict) or not isinstance(entry.get("name"), str):
            raise ValueError(f"{path}: entry {i} needs a `name`")
        aliases = entry.get("aliases") or []
        if not isinstance(aliases, list) or not all(isinstance(a, str) for a in aliases):
            raise ValueError(f"{path}: entry {i}: `aliases` must be a list of names")
        for alias in aliases:
            out[clean_name(alias)] = clean_name(entry["name"])
    return out


def canonical_agencies(origins: list[ReportOrigin]) -> dict[str, str]:
    """path → the one name of its agency in this batch: the fullest name among the reports whose keys match
    (洪泽区人民政府 and 淮安市洪泽区人民政府 are one agency), when that name matches every one of them; a
    shorter name that matches two different full names is left as written."""
    groups: dict[tuple, list[ReportOrigin]] = {}
    for o in origins:
        if o.key is not None:
            groups.setdefault((o.key.body, o.key.units[-1] if o.key.units else None), []).append(o)
    names: dict[str, str] = {}
    for members in groups.values():
        for o in members:
            same = [m for m in members if m.key.matches(o.key)]
            fullest = max(same, key=lambda m: (len(m.key.units), m.agency or ""))
            if all(fullest.key.matches(m.key) for m in same) and fullest.agency:
                names[o.path] = fullest.agency
    return names


def previous_year_pairs(origins: list[ReportOrigin]) -> list[tuple[ReportOrigin, ReportOrigin]]:
    """(this year, last year) pairs of the same agency.  Ambiguous matches (two candidates) are left out:
    a cross-year finding against the wrong report would be a false one."""
    by_year: dict[int, list[ReportOrigin]] = {}
    for ident in origins:
        if ident.key is not None and ident.year is not None:
            by_year.setdefault(ident.year, []).append(ident)
    pairs = []
    for year, current in sorted(by_year.items()):
        candidates = by_year.get(year - 1, [])
        if not candidates:
            continue
        for cur in current:
            found = [p for p in candidates if p.key.matches(cur.key)]
            same = [c for c in current if c.key.matches(cur.key)]
            if len(found) == 1 and len(same) == 1:
                pairs.append((cur, found[0]))
    pairs.sort(key=lambda pair: pair[0].path)
    return pairs
