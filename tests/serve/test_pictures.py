"""A statistics table pasted as a picture, checked through the page: the page draws what OCR read from it —
every cell's number and confidence — with the total of the failing identity coloured and its parts marked.
The picture is drawn with the CJK font the OCR tests use (tests/tableimages.py)."""
from __future__ import annotations

import re

import pytest

from serving import Server, cli_json


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    running = Server(tmp_path_factory.mktemp("serve-pictures"))
    yield running
    running.stop()


def test_a_picture_table_shows_what_was_read_from_it(server, tmp_path):
    from test_ocr_tables import _t4_picture   # 表四 of 淮安市's report, 行政复议's total written 315 (351)

    picture = _t4_picture(total="315")
    reply = server.check_json("表四.jpg", picture)
    assert reply.status == 200 and reply.body == cli_json(tmp_path, "表四.jpg", picture)
    [finding] = reply.json()["files"][0]["findings"]
    assert finding["rule"] == "T4-SUM" and finding["image"]["name"] == "表四.jpg"

    page = server.upload("表四.jpg", picture).text
    [table] = re.findall(r'<table class="stat from-picture">(.*?)</table>', page, re.S)
    assert "读自图片“表四.jpg”" in page
    cells = re.findall(r'<td class="([^"]*)"[^>]*?title="([^"]*)">([^<]*)</td>', table)
    assert len(cells) == 15 and all("src-image" in c or "src-derived" in c for c, _, _ in cells)
    assert all("识别置信度" in title for c, title, _ in cells if "src-image" in c)
    coloured = [(c, text) for c, _, text in cells if "s-warning" in c]
    assert coloured == [(coloured[0][0], "315")]          # the total of 行政复议, where the finding is
    parts = [text for c, _, text in cells if " part " in f" {c} "]
    assert parts == ["72", "64", "178", "37"]             # 维持, 纠正, 其他, 尚未审结 of the same row
