"""Generate a folder of reports for batch tests and benchmarks: real corpus reports (2021 format), renamed to
many agencies, two consecutive years each, with mutations — and with cross-year defects injected where the
manifest says, so a test can check every one is found and nothing else is.

- carry: this year's 上年结转 row (R2) differs from last year's 结转下年度继续办理 row (R25) — XY-CARRY.
- dup: this year's report is last year's with the numbers changed — XY-DUP.
"""
from __future__ import annotations

import random
import re
from dataclasses import dataclass, field
from pathlib import Path

CORPUS = Path(__file__).resolve().parent / "fixtures" / "corpus"
# (file, the agency name the report uses for itself)
BASES = [
    ("2022-pingtan-gwh.md", "平潭综合实验区"),
    ("2023-huaian-hongzequ-qzf.md", "洪泽区人民政府"),
    ("2023-shuyang-fgj.md", "沭阳县发展和改革局"),
    ("2024-huaian-hongzequ-qzf.md", "淮安市洪泽区人民政府"),
    ("2024-huaian-szf.md", "淮安市人民政府"),
]
# the two 洪泽区 reports really are close to each other (46 % shared text): never pair them
_SIMILAR = {frozenset({1, 3})}
_CITIES = "江河湖海山川原野松竹梅兰青白金银"
_BODIES = ["人民政府", "发展和改革局", "教育局", "财政局", "自然资源和规划局", "卫生健康委员会", "市场监督管理局"]
_TITLE_RE = re.compile(r"^#\s*(.+?)(\d{4})年度?政府信息公开(工作)?年度报告\s*$", re.M)
_R2_RE = re.compile(r"^\|\s*二、上年结转政府信息公开申请数量\s*\|.*$", re.M)
_R25_RE = re.compile(r"^\|\s*四、结转下年度继续办理\s*\|.*$", re.M)
_PROSE_NUM_RE = re.compile(r"(?<=[^\d|年月日第])(\d{1,4})(?=\s*(?:条|件|个|次|期|场|篇))")


@dataclass
class Manifest:
    files: list[Path] = field(default_factory=list)
    pairs: dict[str, str] = field(default_factory=dict)      # this year's file -> last year's file
    carry: set[str] = field(default_factory=set)             # this year's files with an injected R2/R25 mismatch
    dup: set[str] = field(default_factory=set)               # this year's files copied from last year's


def _agency(i: int) -> str:
    city = _CITIES[i % len(_CITIES)] + _CITIES[(i // len(_CITIES)) % len(_CITIES)]
    return f"{city}{i}县{_BODIES[i % len(_BODIES)]}"


def _row(label: str, values: list[int]) -> str:
    return "| " + label + " | " + " | ".join(str(v) for v in values) + " |"


def _retitle(text: str, own_name: str, agency: str, year: int) -> str:
    text = _TITLE_RE.sub(lambda m: f"# {agency}{year}年政府信息公开工作年度报告", text, count=1)
    return text.replace(own_name, agency)


def _mutate_prose(text: str, rng: random.Random) -> str:
    """Change some numbers in the prose (not in tables), as a new year's report would."""
    return _PROSE_NUM_RE.sub(lambda m: str(int(m.group(1)) + rng.randint(0, 9)) if rng.random() < 0.5 else m.group(1), text)


def generate(folder: Path, agencies: int, seed: int = 8, carry_every: int = 7, dup_every: int = 11) -> Manifest:
    """Write 2 × `agencies` reports into `folder` (one sub-folder per agency); return the manifest."""
    rng = random.Random(seed)
    bases = [((CORPUS / name).read_text(encoding="utf-8"), own) for name, own in BASES]
    manifest = Manifest()
    for i in range(agencies):
        agency = _agency(i)
        year = 2021 + i % 3
        while True:
            a, b = rng.randrange(len(bases)), rng.randrange(len(bases))
            if a != b and frozenset({a, b}) not in _SIMILAR:
                break
        carried = [rng.randint(0, 5)] + [0] * 5
        carried.append(sum(carried))
        prev_text = _retitle(bases[a][0], bases[a][1], agency, year - 1)
        prev_text = _R25_RE.sub(_row("四、结转下年度继续办理", carried), prev_text, count=1)
        if i % dup_every == 3:
            cur_text = _mutate_prose(prev_text.replace(f"{year - 1}年", f"{year}年"), rng)
            cur_text = _R25_RE.sub(_row("四、结转下年度继续办理", [0] * 7), cur_text, count=1)
        else:
            cur_text = _mutate_prose(_retitle(bases[b][0], bases[b][1], agency, year), rng)
        now = list(carried)
        if i % carry_every == 5:
            now[0] += 1 + rng.randint(0, 3)
            now[6] = sum(now[:6])
        cur_text = _R2_RE.sub(_row("二、上年结转政府信息公开申请数量", now), cur_text, count=1)
        sub = folder / f"a{i:04d}"
        sub.mkdir(parents=True, exist_ok=True)
        prev_path, cur_path = sub / f"{year - 1}.md", sub / f"{year}.md"
        prev_path.write_text(prev_text, encoding="utf-8")
        cur_path.write_text(cur_text, encoding="utf-8")
        manifest.files += [prev_path, cur_path]
        manifest.pairs[str(cur_path)] = str(prev_path)
        if now != carried:
            manifest.carry.add(str(cur_path))
        if i % dup_every == 3:
            manifest.dup.add(str(cur_path))
    return manifest
