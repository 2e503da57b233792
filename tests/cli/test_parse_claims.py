"""`report-lint parse --claims FILE`: what the prose of a real report was read to state."""
from __future__ import annotations

import json

from conftest import CORPUS, EXAMPLE


def test_claims_as_json(run_cli):
    code, out, _ = run_cli("parse", "--claims", "--format", "json", CORPUS / "2024-huaian-szf.md")
    assert code == 0
    data = json.loads(out)
    by_text = {c["text"]: c for c in data["claims"]}
    received = by_text["全市共受理政府信息公开申请3119件"]
    assert (received["kind"], received["measures"], received["value"], received["line"]) == ("count", ["received"], 3119, 15)
    assert by_text["另有103件顺延到下年度答复"]["measures"] == ["carried_over"]
    review = [e for e in data["enumerations"] if data["claims"][e["head"]]["measures"] == ["review"]]
    assert len(review) == 1 and review[0]["closed"] and not review[0]["complete"]  # 其中: some of the total
    assert [data["claims"][i]["parents"] for i in review[0]["parts"]] == [["review"]] * 4


def test_claims_as_text(run_cli):
    code, out, _ = run_cli("parse", "--claims", EXAMPLE)
    assert code == 0
    assert "none received 0 topic=request" in out
    assert "enumeration [0] “从内容分类看” ， [1], [2], [3], [4], [5]  whole closed complete" in out


def test_a_missing_file_is_a_usage_error(run_cli, tmp_path):
    code, _, _ = run_cli("parse", "--claims", tmp_path / "missing.txt")
    assert code == 2
