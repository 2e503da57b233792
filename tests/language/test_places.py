"""The places an agency's name opens with, and how far its own work reaches (WORDING-SCOPE-LEVEL's data)."""
from __future__ import annotations

import pytest

from linter.language.places import places_of, reach_of
from linter.engine.run import load_rules
from linter.settings.config import Config

_PARAMS = next(r for r in load_rules(Config()) if r.id == "WORDING-SCOPE-LEVEL").params


def _reach(name):
    p = _PARAMS
    return reach_of(name, p["units"], tuple(p["zones"]), tuple(p["municipalities"]), tuple(p["national"]))


@pytest.mark.parametrize("name,places", [
    ("福建省福州市仓山区财政局", ["福建省", "福州市", "仓山区"]),
    ("淮安市洪泽区人民政府", ["淮安市", "洪泽区"]),
    ("威海市文登区泽头镇人民政府", ["威海市", "文登区", "泽头镇"]),
    ("平潭综合实验区市场监督管理局", ["平潭综合实验区"]),           # 市场 is no place
    ("江苏省住房和城乡建设厅", ["江苏省"]),                          # nor 住房和城乡
    ("恩施土家族苗族自治州人民政府", ["恩施土家族苗族自治州"]),
    ("国家税务总局福建省税务局", []),
])
def test_places_of_a_name(name, places):
    assert [p.full for p in places_of(name, tuple(_PARAMS["units"]))] == places


@pytest.mark.parametrize("name,rank,own", [
    ("福建省财政厅", 1, {"省"}),
    ("北京市人民政府", 1, {"市"}),           # a municipality speaks of 全市 at province rank
    ("北京市海淀区人民政府", 3, {"区"}),
    ("淮安市人民政府", 2, {"市"}),
    ("苏州市常熟市人民政府", 3, {"市"}),     # a county-level city
    ("平潭县信访局", 3, {"县"}),
    ("文登区泽头镇人民政府", 4, {"镇"}),
    ("平潭综合实验区财政金融局", 2, set()),  # a zone: below a province, its level not said
    ("国务院办公厅", 0, set()),
])
def test_the_reach_of_an_agency(name, rank, own):
    reach = _reach(name)
    assert (reach.rank, set(reach.own_units)) == (rank, own)


@pytest.mark.parametrize("name", ["国家税务总局福建省税务局", "中共平潭综合实验区工委办公室", "", None])
def test_a_name_whose_places_cannot_be_read_has_no_reach(name):
    assert _reach(name) is None
