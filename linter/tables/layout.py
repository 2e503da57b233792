"""The three statistics tables of the national format (国办公开办函〔2021〕30号): row and column keys, the
official labels, and the patterns that recognise a label however a report wrote it.

Patterns are matched against a *squashed* label: whitespace removed, brackets folded to （）, commas to
、 (see `squash`).  Rows are matched in the official order, so a generic label ("3.其他") is only taken
for the row that can follow the rows already found.
"""
from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from typing import Collection


@dataclass(frozen=True)
class Spec:
    key: str
    label: str            # the official label (for messages)
    pattern: str          # regex on the squashed label
    formats: tuple[str, ...] = ("2019", "2021")


def squash(label: str) -> str:
    s = "".join(label.split())   # every whitespace character gone (str.split's whitespace is the regex \s)
    return s.replace("(", "（").replace(")", "）").replace(",", "、").replace("，", "、").replace("．", ".")


# ── 表三 收到和处理政府信息公开申请情况 ──────────────────────────────────────────────────────────────
T3_ROWS: tuple[Spec, ...] = (
    Spec("R1", "一、本年新收政府信息公开申请数量", r"新收"),
    Spec("R2", "二、上年结转政府信息公开申请数量", r"上年结转|上年度结转"),
    Spec("R3", "（一）予以公开", r"予以公开"),
    Spec("R4", "（二）部分公开", r"部分公开"),
    Spec("R5", "1.属于国家秘密", r"国家秘密"),
    Spec("R6", "2.其他法律行政法规禁止公开", r"其他法律|法规禁止"),
    Spec("R7", "3.危及“三安全一稳定”", r"三安全"),
    Spec("R8", "4.保护第三方合法权益", r"第三方"),
    Spec("R9", "5.属于三类内部事务信息", r"内部事务"),
    Spec("R10", "6.属于四类过程性信息", r"过程性"),
    Spec("R11", "7.属于行政执法案卷", r"执法案卷"),
    Spec("R12", "8.属于行政查询事项", r"行政查询|查询事项"),
    Spec("R13", "1.本机关不掌握相关政府信息", r"不掌握"),
    Spec("R14", "2.没有现成信息需要另行制作", r"另行制作|没有现成"),
    Spec("R15", "3.补正后申请内容仍不明确", r"补正后|仍不明确"),
    Spec("R16", "1.信访举报投诉类申请", r"信访|举报投诉"),
    Spec("R17", "2.重复申请", r"重复申请"),
    Spec("R18", "3.要求提供公开出版物", r"出版物"),
    Spec("R19", "4.无正当理由大量反复申请", r"大量反复"),
    Spec("R20", "5.要求行政机关确认或重新出具已获取信息", r"重新出具|确认或重"),
    # 2019 format (and some 2021 reports): one row for （六）其他处理
    Spec("OTHER", "（六）其他处理", r"其他处理$"),
    Spec("R21", "1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公开申请", r"逾期不补|不补正"),
    Spec("R22", "2.申请人逾期未按收费通知要求缴纳费用、行政机关不再处理其政府信息公开申请", r"收费通知|缴纳费用|逾期不缴费"),
    Spec("R23", "3.其他", r"(?:^|[\d一二三][.、])其他$|（六）其他处理/3"),
    Spec("R24", "（七）总计", r"总计$|合计$"),
    Spec("R25", "四、结转下年度继续办理", r"结转下|继续办理"),
)

T3_COLUMNS: tuple[Spec, ...] = (
    Spec("NP", "自然人", r"自然人"),
    Spec("BE", "商业企业", r"商业企业|商业"),
    Spec("RI", "科研机构", r"科研"),
    Spec("SO", "社会公益组织", r"公益"),
    Spec("LS", "法律服务机构", r"法律服务"),
    Spec("OT", "其他", r"其他$"),
    Spec("SUB", "小计", r"小计"),
    Spec("T", "总计", r"总计|合计"),
)
APPLICANT_COLUMNS = ("NP", "BE", "RI", "SO", "LS", "OT")
LEGAL_PERSON_COLUMNS = ("BE", "RI", "SO", "LS", "OT")

T3_GROUPS: dict[str, tuple[str, ...]] = {
    "DENY": tuple(f"R{i}" for i in range(5, 13)),
    "UNABLE": ("R13", "R14", "R15"),
    "NOPROC": tuple(f"R{i}" for i in range(16, 21)),
    "OTHER": ("R21", "R22", "R23"),
}
T3_GROUP_LABELS = {"DENY": "（三）不予公开", "UNABLE": "（四）无法提供", "NOPROC": "（五）不予处理", "OTHER": "（六）其他处理"}

# ── 表四 行政复议、行政诉讼 ─────────────────────────────────────────────────────────────────────────
T4_BLOCKS: tuple[Spec, ...] = (
    Spec("LR", "行政诉讼（复议后起诉）", r"复议后"),
    Spec("LD", "行政诉讼（未经复议直接起诉）", r"未经复议|直接起诉|直接诉讼"),
    Spec("RV", "行政复议", r"复议"),
)
T4_FIELDS: tuple[Spec, ...] = (
    Spec("M", "结果维持", r"维持"),
    Spec("C", "结果纠正", r"纠正"),
    Spec("O", "其他结果", r"其他"),
    Spec("U", "尚未审结", r"尚未|未审结"),
    Spec("T", "总计", r"总计|合计"),
)
T4_ORDER = ("RV", "LD", "LR")

# ── 表二 主动公开政府信息情况 ───────────────────────────────────────────────────────────────────────
T2_ROWS: tuple[Spec, ...] = (
    Spec("regulations", "规章", r"^规章$|^[\d.、]*规章$"),
    Spec("normative", "行政规范性文件", r"规范性文件"),
    Spec("licensing", "行政许可", r"行政许可"),
    Spec("other_services", "其他对外管理服务事项", r"其他对外管理服务", ("2019",)),
    Spec("punishment", "行政处罚", r"行政处罚"),
    Spec("coercion", "行政强制", r"行政强制"),
    Spec("fees", "行政事业性收费", r"事业性收费"),
    Spec("procurement", "政府集中采购", r"集中采购", ("2019",)),
)
T2_COLUMNS: tuple[Spec, ...] = (
    Spec("issued", "本年制发件数", r"制发", ("2021",)),
    Spec("repealed", "本年废止件数", r"废止", ("2021",)),
    Spec("current", "现行有效件数", r"现行有效", ("2021",)),
    Spec("decisions", "本年处理决定数量", r"处理决定"),
    Spec("amount", "本年收费金额（单位：万元）", r"收费金额"),
    Spec("made", "本年新制作数量", r"新制作", ("2019",)),
    Spec("published", "本年新公开数量", r"新公开", ("2019",)),
    Spec("total_published", "对外公开总数量", r"公开总数", ("2019",)),
    Spec("previous", "上一年项目数量", r"上一年", ("2019",)),
    Spec("change", "本年增/减", r"增/?减", ("2019",)),
    Spec("purchase_count", "采购项目数量", r"采购项目", ("2019",)),
    Spec("purchase_amount", "采购总金额", r"采购总金额", ("2019",)),
)
# The cells of the 2021 表二 (10 numbers)
T2_CELLS_2021: tuple[tuple[str, str], ...] = (
    ("regulations", "issued"), ("regulations", "repealed"), ("regulations", "current"),
    ("normative", "issued"), ("normative", "repealed"), ("normative", "current"),
    ("licensing", "decisions"), ("punishment", "decisions"), ("coercion", "decisions"), ("fees", "amount"),
)

# Text of a table that a crawled page ran together: a label directly followed by digits
RUN_TOGETHER = {
    "t2": r"(?:规章|规范性文件)\s*\d[\d ]{2,}(?![\d ]*[件条个项])",
    "t3": r"(?:本年新收政府信息公开申请数量|上年结转政府信息公开申请数量|予以公开)\s*\d[\d ]{4,}(?![\d ]*[件条个项人次%])",
    "t4": r"审结\s*总计\s*\d[\d ]{4,}(?![\d ]*[件条个项])",
}

TABLE_NAMES = {"t2": "表二", "t3": "表三", "t4": "表四"}
TABLE_TITLES = {"t2": "主动公开政府信息情况", "t3": "收到和处理政府信息公开申请情况", "t4": "政府信息公开行政复议、行政诉讼情况"}
TABLE_SECTIONS = {"t2": "二", "t3": "三", "t4": "四"}


_ORDINAL_PREFIX_RE = re.compile(r"^(?:[一二三四五六七八九十]+、|（[一二三四五六七八九十]+）|\d+\.)")
_QUOTES_RE = re.compile(r"[“”\"'‘’「」『』]")


@lru_cache(maxsize=None)   # (asked of the official labels only: a few dozen, worked out once per process)
def _core(label: str) -> str:
    """A label without its ordinal, spaces, quotes and bracket or comma width: what its words are."""
    return _QUOTES_RE.sub("", _ORDINAL_PREFIX_RE.sub("", squash(label)))


def nonstandard_labels(table) -> list[tuple[str, str, str]]:
    """(row key, label as written, official label) of the rows of 表二/表三 whose label does not hold the
    official one's words (规范性文件 for 行政规范性文件 in a 2021 表二; a typo such as 其他法律行政止公开)."""
    specs = {"t2": T2_ROWS, "t3": T3_ROWS}.get(table.name)
    if specs is None or table.picture is not None or {"aligned", "run-together"} & set(table.layout):
        return []   # labels rebuilt from wrapped lines, digit runs or a picture are not the report's own
    out = []
    for row in table.rows:
        official = label_of(specs, row)
        if table.name == "t2" and row == "normative" and table.format == "2019":
            official = "规范性文件"   # the 2019 (试行) format's own label
        written = table.row_labels.get(row, "")
        if written and _core(official) not in _QUOTES_RE.sub("", squash(written)):
            out.append((row, re.split(r"\s*/\s*", written)[-1], official))
    return out


_LABELS: dict[int, tuple[tuple[Spec, ...], dict[str, str]]] = {}


def label_of(specs: tuple[Spec, ...], key: str) -> str:
    entry = _LABELS.get(id(specs))
    if entry is None or entry[0] is not specs:
        labels: dict[str, str] = {}
        for spec in specs:
            labels.setdefault(spec.key, spec.label)
        entry = _LABELS[id(specs)] = (specs, labels)
    return entry[1].get(key, key)


_PATTERNS: dict[str, re.Pattern] = {}


def pattern(spec: Spec) -> re.Pattern:
    """A spec's pattern, compiled once per process."""
    compiled = _PATTERNS.get(spec.pattern)
    if compiled is None:
        compiled = _PATTERNS[spec.pattern] = re.compile(spec.pattern)
    return compiled


def match(specs: tuple[Spec, ...], label: str) -> Spec | None:
    s = squash(label)
    return next((spec for spec in specs if pattern(spec).search(s)), None)


_SPEC_PATTERNS: dict[int, tuple[tuple[Spec, ...], tuple[re.Pattern, ...]]] = {}


def _patterns(specs: tuple[Spec, ...]) -> tuple[re.Pattern, ...]:
    """The compiled patterns of a tuple of specs, in order, worked out once per process."""
    entry = _SPEC_PATTERNS.get(id(specs))
    if entry is None or entry[0] is not specs:
        entry = _SPEC_PATTERNS[id(specs)] = (specs, tuple(pattern(spec) for spec in specs))
    return entry[1]


_ANY_PATTERNS: dict[int, tuple[tuple[Spec, ...], re.Pattern]] = {}


def any_pattern(specs: tuple[Spec, ...]) -> re.Pattern:
    """One pattern that matches where any of the specs' patterns does (their alternation), compiled once per
    process: a label that names none of them is told apart by one search instead of one per spec."""
    entry = _ANY_PATTERNS.get(id(specs))
    if entry is None or entry[0] is not specs:
        either = "|".join(f"(?:{spec.pattern})" for spec in specs)
        entry = _ANY_PATTERNS[id(specs)] = (specs, re.compile(either))
    return entry[1]


def assign_row(specs: tuple[Spec, ...], candidates: list[str], after: int,
               taken: Collection[str] | None = None) -> int | None:
    """The first spec after index `after` whose pattern matches a candidate label (tried in turn); failing
    that, a spec not yet taken that the row's own label matches (a row printed out of order)."""
    patterns = _patterns(specs)
    own = ""
    for k, cand in enumerate(candidates):
        s = squash(cand)
        if k == 0:
            own = s
        if not s:
            continue
        for idx in range(after + 1, len(specs)):
            if patterns[idx].search(s):
                return idx
    if own and taken is not None:
        taken = set(taken)   # (looked up for every spec before `after`)
        for idx in range(0, after + 1):
            if specs[idx].key not in taken and patterns[idx].search(own):
                return idx
    return None


def aligned_t3_columns(n: int, header: str) -> list[str] | None:
    """Official column order of a 表三 row of n numbers whose header lost its columns (7, or 8 with a 小计
    column: where the header writes 小计 says which columns it sums)."""
    base = list(APPLICANT_COLUMNS)
    if n == 7:
        return [*base, "T"]
    if n == 8 and "小计" in header:
        h = squash(header)
        at = h.find("小计")
        if 0 <= h.find("商业") < at or 0 <= h.find("其他", h.find("组织") + 2) < at:
            return [*base, "SUB", "T"]
        return ["NP", "SUB", *LEGAL_PERSON_COLUMNS, "T"]
    return None
