"""What kind of body published a report, from its name (or the configuration).

The kind decides which obligations apply: 各级人民政府 must report 工作考核、社会评议和责任追究结果
(条例第五十条第四项); departments of a 县级以上 government publish by 1月31日, the 本级政府 report by
3月31日 (条例第四十九条).  A public institution (公共企事业单位: a school, a hospital, a company) handles no
人大代表建议 or 政协委员提案, and a township has no 政协: rules that expect them are silent there.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from linter.settings.config import Config


@dataclass(frozen=True)
class AgencyInfo:
    name: str | None
    kind: str   # government | department | institution | other | unknown
    level: str  # province | city | county | township | unknown


_GOV_RE = re.compile(r"人民政府$|人民政府办公[室厅]?$")
_TOWNSHIP_RE = re.compile(r"(镇|乡|街道)(人民政府)?$|街道办事处$")
_INSTITUTION_RE = re.compile(r"(公司|集团|银行|学校|大学|学院|中学|小学|幼儿园|医院|卫生院|研究院|研究所|设计院|博物馆|图书馆|电视台|报社)$")
_DEPT_RE = re.compile(r"(局|委员会|委|厅|部|署|办公室|办|中心|院|所|站|队|处)$")


def classify_agency(name: str | None, config: Config) -> AgencyInfo:
    kind = config.agency_kind
    level = config.agency_level
    if name:
        clean = re.sub(r"\s", "", name)
        if not kind:
            if _GOV_RE.search(clean) or re.search(r"(镇|乡)人民政府$", clean) or clean.endswith("街道办事处"):
                kind = "government"
            elif _INSTITUTION_RE.search(clean):
                kind = "institution"
            elif _DEPT_RE.search(clean):
                kind = "department"
            else:
                kind = "other"
        if not level:
            core = re.sub(r"人民政府$", "", clean)
            if _TOWNSHIP_RE.search(core) or clean.endswith("街道办事处"):
                level = "township"
            elif core.endswith(("省", "自治区")) or core in ("北京市", "天津市", "上海市", "重庆市"):
                level = "province"
            elif core.endswith(("区", "县", "旗")) or (core.endswith("市") and re.search(r"[市州盟]", core[:-1])):
                level = "county"
            elif core.endswith(("市", "州", "盟")):
                level = "city"
    return AgencyInfo(name, kind or "unknown", level or "unknown")
