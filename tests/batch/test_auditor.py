"""Report origin (agency and year), cross-year pairs (--previous), and data out: csv/xlsx findings, extract to csv/json/sqlite."""
from __future__ import annotations

import csv
import io
import json
import os
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path

import pytest

from linter.settings.config import Config
from linter.engine.run import analyse
from linter.batch.origin import ReportOrigin, agency_key, load_agency_map, previous_year_pairs, report_origin
from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, env=ENV, capture_output=True, text=True)


def origin_of(name: str, mapping=None) -> ReportOrigin:
    path = CORPUS / name
    return report_origin(analyse(path.read_bytes(), str(path), Config()).context, mapping)


def test_same_agency_groups_across_years_in_the_real_corpus():
    y23, y24 = origin_of("2023-huaian-hongzequ-qzf.md"), origin_of("2024-huaian-hongzequ-qzf.md")
    assert (y23.agency, y23.year) == ("洪泽区人民政府", 2023)
    assert (y24.agency, y24.year) == ("淮安市洪泽区人民政府", 2024)
    assert y23.key.matches(y24.key)
    city = origin_of("2024-huaian-szf.md")
    assert not city.key.matches(y24.key)  # 淮安市人民政府 is not its 洪泽区
    assert previous_year_pairs([y23, y24, city]) == [(y24, y23)]


def test_identity_from_the_closing_block():
    ident = origin_of("2023-shuyang-fgj.md")
    assert (ident.agency, ident.year) == ("沭阳县发展和改革局", 2023)
    text = "一、总体情况\n本机关全年主动公开信息。\n\n淮安市某某局\n2024年1月20日\n"
    ctx = analyse(text.encode("utf-8"), "x.txt", Config()).context
    ident = report_origin(ctx)
    assert (ident.agency, ident.year) == ("淮安市某某局", 2023)


def test_agency_keys():
    assert agency_key("沭阳县市场监督管理局").units == ("沭阳县",)  # 市场… is not a 市
    assert not agency_key("甲县城关镇人民政府").matches(agency_key("乙县城关镇人民政府"))
    assert agency_key("城关镇人民政府").matches(agency_key("甲县城关镇人民政府"))
    assert not agency_key("洪泽区人民政府").matches(agency_key("洪泽区人民政府办公室"))


def test_ambiguous_matches_are_left_out():
    a = ReportOrigin("a.md", "城关镇人民政府", agency_key("城关镇人民政府"), 2024)
    b = ReportOrigin("b.md", "甲县城关镇人民政府", agency_key("甲县城关镇人民政府"), 2023)
    c = ReportOrigin("c.md", "乙县城关镇人民政府", agency_key("乙县城关镇人民政府"), 2023)
    assert previous_year_pairs([a, b, c]) == []
    assert previous_year_pairs([a, b]) == [(a, b)]


def test_mapping_file_joins_a_renamed_agency(tmp_path):
    mapping = tmp_path / "agencies.yaml"
    mapping.write_text("agencies:\n  - name: 淮安市洪泽区人民政府\n    aliases: [洪泽县人民政府]\n", encoding="utf-8")
    table = load_agency_map(mapping)
    assert agency_key("洪泽县人民政府", table).matches(agency_key("淮安市洪泽区人民政府", table))
    assert not agency_key("洪泽县人民政府").matches(agency_key("淮安市洪泽区人民政府"))
    bad = tmp_path / "bad.yaml"
    bad.write_text("agencies: nope\n", encoding="utf-8")
    with pytest.raises(ValueError):
        load_agency_map(bad)
    proc = cli("check", str(CORPUS / "2024-huaian-szf.md"), "--agency-map", str(bad))
    assert proc.returncode == 2


def test_previous_pairs_a_single_report_with_last_years():
    cur, prev = CORPUS / "2024-huaian-hongzequ-qzf.md", CORPUS / "2023-huaian-hongzequ-qzf.md"
    proc = cli("check", str(cur), "--previous", str(prev), "--format", "json", "--select", "XY")
    assert json.loads(proc.stdout)["files"][0]["findings"] == []  # 46 % shared text: under 50 %
    proc = cli("check", str(cur), "--previous", str(prev), "--format", "json", "--select", "XY", "--dup-share", "0.4")
    findings = json.loads(proc.stdout)["files"][0]["findings"]
    assert [(f["rule"], f["line"], f["severity"]) for f in findings] == [("XY-DUP", 1, "warning")]
    assert "46%" in findings[0]["message"]


def test_batch_pairs_the_real_cross_year_reports(tmp_path):
    for name in ("2023-huaian-hongzequ-qzf.md", "2024-huaian-hongzequ-qzf.md", "2024-huaian-szf.md"):
        shutil.copy(CORPUS / name, tmp_path / name)
    proc = cli("check", str(tmp_path), "--format", "json", "--select", "XY", "--dup-share", "0.4")
    fired = {(Path(f["path"]).name, x["rule"]) for f in json.loads(proc.stdout)["files"] for x in f["findings"]}
    assert fired == {("2024-huaian-hongzequ-qzf.md", "XY-DUP")}


def test_check_csv_has_one_row_per_finding_with_agency_and_year():
    proc = cli("check", str(CORPUS / "2024-huaian-szf.md"), str(CORPUS / "2023-shuyang-fgj.md"), "--format", "csv")
    rows = list(csv.DictReader(io.StringIO(proc.stdout.lstrip("\ufeff"))))
    doc = json.loads(cli("check", str(CORPUS / "2024-huaian-szf.md"), str(CORPUS / "2023-shuyang-fgj.md"),
                         "--format", "json").stdout)
    assert len(rows) == sum(len(f["findings"]) for f in doc["files"]) > 0
    assert {(r["agency"], r["year"]) for r in rows} <= {("淮安市人民政府", "2024"), ("沭阳县发展和改革局", "2023")}
    assert all(r["rule"] and r["line"].isdigit() for r in rows)


def test_check_xlsx(tmp_path):
    from openpyxl import load_workbook

    out = tmp_path / "findings.xlsx"
    proc = cli("check", str(CORPUS), "--format", "xlsx", "--output", str(out))
    assert proc.returncode == 1
    sheet = load_workbook(out).active
    rows = list(sheet.iter_rows(values_only=True))
    assert rows[0][:6] == ("path", "agency", "year", "rule", "category", "severity")
    doc = json.loads(cli("check", str(CORPUS), "--format", "json").stdout)
    assert len(rows) - 1 == sum(len(f["findings"]) for f in doc["files"])
    assert ("2013-pingtan-xzf.md" in str(rows[1][0])) and rows[1][1] == "平潭县人民政府" and rows[1][2] == 2013
    assert cli("check", str(CORPUS), "--format", "xlsx").returncode == 2  # needs --output



def test_extract_sqlite_round_trip(tmp_path):
    db_path = tmp_path / "reports.db"
    proc = cli("extract", str(CORPUS), "--format", "sqlite", "--output", str(db_path), "--jobs", "2")
    assert proc.returncode == 0, proc.stderr
    db = sqlite3.connect(db_path)
    reports = dict(db.execute("SELECT path, agency FROM reports").fetchall())
    assert reports[str(CORPUS / "2024-huaian-szf.md")] == "淮安市人民政府"
    by_agency = dict(db.execute("SELECT agency, count(*) FROM findings WHERE year = 2013 GROUP BY agency").fetchall())
    doc = json.loads(cli("check", str(CORPUS / "2013-pingtan-xzf.md"), str(CORPUS / "2013-pingtan-xzf.txt"),
                         "--format", "json").stdout)
    assert by_agency == {"平潭县人民政府": sum(len(f["findings"]) for f in doc["files"])}
    cells = dict(((t, r, c), v) for t, r, c, v in db.execute(
        'SELECT "table", "row", "column", value FROM cells WHERE agency = ? AND year = 2024 AND path LIKE ?',
        ("淮安市人民政府", "%.md")))
    assert cells[("t3", "R2", "NP")] == 34 and cells[("t3", "R2", "T")] == 34
    assert cells[("t3", "R25", "NP")] == 103 and cells[("t3", "R25", "BE")] == 0
    assert (cells[("t2", "regulations", "issued")], cells[("t2", "regulations", "current")]) == (1, 11)
    assert (cells[("t2", "normative", "issued")], cells[("t2", "normative", "repealed")],
            cells[("t2", "normative", "current")]) == (8, 26, 66)
    blanks = db.execute('SELECT count(*) FROM cells WHERE path LIKE ? AND blank = 1 AND "table" = ?',
                        ("%2023-shuyang-fgj.md", "t3")).fetchone()[0]
    assert blanks > 0  # 沭阳县发改局 left the 法人或其他组织 columns blank: kept as blank, not 0


def test_extract_folder_csv_and_json_to_stdout(tmp_path):
    for name in ("2024-huaian-szf.md", "2023-shuyang-fgj.md"):
        shutil.copy(CORPUS / name, tmp_path / name)
    proc = cli("extract", str(tmp_path), "--format", "csv")
    assert proc.returncode == 0
    text = proc.stdout.lstrip("\ufeff")
    assert next(csv.reader(io.StringIO(text)))[:6] == ["path", "agency", "year", "table", "table_format", "section"]
    rows = list(csv.DictReader(io.StringIO(text)))
    doc = json.loads(cli("extract", str(tmp_path), "--format", "json").stdout)
    assert [(r["agency"], r["year"]) for r in doc["reports"]] == [("沭阳县发展和改革局", 2023), ("淮安市人民政府", 2024)]
    assert {r["agency"] for r in rows} == {"沭阳县发展和改革局", "淮安市人民政府"}
    assert len(rows) == sum(len(t["cells"]) for r in doc["reports"] for t in r["tables"]) > 100
    assert cli("extract", str(tmp_path), "--format", "sqlite").returncode == 2
