"""The smaller habits a ruff or Vale user brings: `explain --all`, "did you mean", `--min-severity`, `config
PATH`, HTML on standard input, `-o` saying where it wrote, findings streaming under the progress bar, a
usable xlsx, related locations in SARIF and JSON, rule tags, `--statistics` alone, `--previous` pairs."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
import time

import yaml

from conftest import CORPUS, EXAMPLE, ROOT


def test_explain_all_explains_every_rule(run_cli):
    code, out, _ = run_cli("rules", "--format", "json")
    ids = [r["id"] for r in json.loads(out)]
    code, out, _ = run_cli("explain", "--all")
    assert code == 0 and all(rule_id in out for rule_id in ids) and "INPUT-UNREADABLE" in out
    code, _, err = run_cli("explain")
    assert code == 2 and "--all" in err


def test_did_you_mean_for_an_unknown_rule_id(run_cli, tmp_path):
    code, _, err = run_cli("check", "--select", "STRUCT-ORDINAL-MISING", EXAMPLE)
    assert code == 2 and err.strip() == "未知的规则编号：STRUCT-ORDINAL-MISING（是否要写 STRUCT-ORDINAL-MISSING？）"
    code, _, err = run_cli("explain", "--lang", "en", "WORDING-KUOKUAM")
    assert code == 2 and "did you mean WORDING-KUOKUAN?" in err
    (tmp_path / ".report-lint.yaml").write_text("ignore: [DISC-PERIDO]\n", encoding="utf-8")
    report = tmp_path / "r.txt"
    shutil.copy(EXAMPLE, report)
    code, _, err = run_cli("check", report)
    assert code == 2 and ".report-lint.yaml:1" in err and "DISC-PERIOD" in err
    code, _, err = run_cli("check", "--select", "NOTHING-LIKE-IT", EXAMPLE)
    assert code == 2 and "是否要写" not in err


def test_min_severity_hides_findings_below_it(run_cli):
    code, out, _ = run_cli("check", "--format", "json", "--min-severity", "warning", EXAMPLE)
    severities = {f["severity"] for f in json.loads(out)["files"][0]["findings"]}
    assert severities == {"error", "warning"}
    code, out, _ = run_cli("check", "--format", "json", "--min-severity", "error", "--fail-level", "info", EXAMPLE)
    assert {f["severity"] for f in json.loads(out)["files"][0]["findings"]} == {"error"} and code == 1


def test_config_refuses_a_missing_path_and_shows_the_ignores_that_apply(run_cli, tmp_path):
    code, _, err = run_cli("config", tmp_path / "nope.txt")
    assert code == 2 and "路径不存在" in err
    (tmp_path / ".report-lint.yaml").write_text('per-file-ignores:\n  "archive/*.txt": [TABLE, DISC-PERIOD]\n',
                                                encoding="utf-8")
    (tmp_path / "archive").mkdir()
    shutil.copy(EXAMPLE, tmp_path / "archive" / "a.txt")
    shutil.copy(EXAMPLE, tmp_path / "b.txt")
    code, out, _ = run_cli("config", tmp_path / "archive" / "a.txt")
    assert code == 0 and yaml.safe_load(out)["ignored-here"] == ["TABLE", "DISC-PERIOD"]
    code, out, _ = run_cli("config", tmp_path / "b.txt")
    assert yaml.safe_load(out)["ignored-here"] == []


def test_html_on_standard_input_is_read_as_html(tmp_path):
    page = (CORPUS / "2023-shuyang-fgj.html").read_bytes()
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    piped = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", "-"], input=page,
                           env=env, capture_output=True)
    named = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json",
                            str(CORPUS / "2023-shuyang-fgj.html")], env=env, capture_output=True)
    piped_entry, named_entry = json.loads(piped.stdout)["files"][0], json.loads(named.stdout)["files"][0]
    assert piped_entry["format"] == "html"
    assert [(f["rule"], f["line"]) for f in piped_entry["findings"]] == \
        [(f["rule"], f["line"]) for f in named_entry["findings"]]


def test_output_file_says_where_it_wrote(run_cli, tmp_path):
    target = tmp_path / "out.json"
    code, out, err = run_cli("check", "--format", "json", "-o", target, EXAMPLE)
    assert out == "" and f"已写入 {target}" in err and json.loads(target.read_text(encoding="utf-8"))["files"]
    _, _, err = run_cli("check", "--quiet", "--format", "json", "-o", target, EXAMPLE)
    assert err == ""


def test_findings_stream_while_the_progress_bar_runs(tmp_path):
    """On a terminal: the first file's findings are shown before the bar reaches the last file."""
    import pty

    for i in range(4):
        shutil.copy(EXAMPLE, tmp_path / f"r{i}.txt")
    controller, terminal = pty.openpty()
    env = {k: v for k, v in os.environ.items() if k not in ("CI", "NO_COLOR")}
    env.update(PYTHONPATH=str(ROOT), TERM="xterm", COLUMNS="200")
    proc = subprocess.Popen([sys.executable, "-m", "linter", "check", "--format", "concise", "--jobs", "1",
                             str(tmp_path)], stdout=terminal, stderr=terminal, env=env)
    os.close(terminal)
    chunks = []
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        try:
            data = os.read(controller, 65536)
        except OSError:
            break
        if not data:
            break
        chunks.append(data)
    proc.wait(timeout=60)
    os.close(controller)
    screen = b"".join(chunks).decode("utf-8", "replace")
    assert "4/4" in screen and "r0.txt:" in screen
    assert screen.index("r0.txt:") < screen.index("4/4"), screen[:2000]


def test_xlsx_has_a_styled_frozen_filtered_header_and_widths(run_cli, tmp_path):
    from openpyxl import load_workbook

    target = tmp_path / "f.xlsx"
    code, _, _ = run_cli("check", "--format", "xlsx", "-o", target, EXAMPLE)
    sheet = load_workbook(target)["findings"]
    assert sheet.freeze_panes == "A2" and sheet.auto_filter.ref.startswith("A1:")
    assert sheet["A1"].value == "path" and sheet["A1"].font.b and sheet["A1"].fill.fgColor.rgb.endswith("305496")
    header = [c.value for c in sheet[1]]
    assert sheet.column_dimensions["A"].width >= 30
    assert sheet.column_dimensions[chr(ord("A") + header.index("message"))].width >= 60
    assert sheet.max_row == 13  # the header and the twelve findings


def test_related_locations_reach_sarif_and_json(run_cli):
    report = CORPUS / "2023-huaian-hongzequ-qzf.md"
    _, out, _ = run_cli("check", "--format", "json", "--select", "T4-SUM", report)
    finding = json.loads(out)["files"][0]["findings"][0]
    assert len(finding["related"]) == 4 and {"line", "column", "end_line", "end_column", "message"} <= set(finding["related"][0])
    assert all(r["line"] == finding["line"] for r in finding["related"])  # the row's other cells
    _, out, _ = run_cli("check", "--format", "sarif", "--select", "T4-SUM", report)
    result = json.loads(out)["runs"][0]["results"][0]
    related = result["relatedLocations"]
    assert [r["physicalLocation"]["region"]["startColumn"] for r in related] == [r["column"] for r in finding["related"]]
    assert related[0]["message"]["text"] and related[0]["physicalLocation"]["artifactLocation"]["uri"].endswith(".md")


def test_rule_tags_are_kept_and_selectable(run_cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "local.yaml").write_text("""rules:
  - id: LOCAL-KUOKUAN
    title: 用词
    category: wording
    severity: warning
    scope: body
    check: pattern
    tags: [style, local]
    params:
      regex: [扩宽]
    message: 用词不当。
    basis: 本单位写作规范
    examples:
      bad: [扩宽渠道。]
      good: [拓宽渠道。]
""", encoding="utf-8")
    code, out, _ = run_cli("check", "--rules", rules, "--select", "tag:style", "--format", "json", EXAMPLE)
    assert {f["rule"] for f in json.loads(out)["files"][0]["findings"]} == {"LOCAL-KUOKUAN"}
    code, out, _ = run_cli("check", "--rules", rules, "--ignore", "tag:local", "--format", "json", EXAMPLE)
    assert "LOCAL-KUOKUAN" not in {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    code, out, _ = run_cli("check", "--rules", rules, "--select", "tag:local", "--format", "sarif", EXAMPLE)
    (descriptor,) = [r for r in json.loads(out)["runs"][0]["tool"]["driver"]["rules"] if r["id"] == "LOCAL-KUOKUAN"]
    assert {"style", "local"} <= set(descriptor["properties"]["tags"])
    code, _, err = run_cli("check", "--rules", rules, "--select", "tag:styel", EXAMPLE)
    assert code == 2 and "tag:style" in err


def test_statistics_prints_the_table_alone(run_cli):
    code, out, err = run_cli("check", "--statistics", EXAMPLE)
    lines = [line for line in out.splitlines() if line.strip()]
    assert code == 1 and all(line.split()[0].isdigit() for line in lines)
    assert any(line.split()[1:] == ["WORDING-KUOKUAN", "警告"] for line in lines)
    assert lines[-1].split() == ["1", "个文件"] and "error[" not in out and "共 " not in out
    _, out, _ = run_cli("check", "--statistics", "--lang", "en", EXAMPLE)
    assert out.splitlines()[-1].split() == ["1", "files"] and "4  error" in out


def test_previous_of_another_agency_or_year_is_not_compared(run_cli, tmp_path):
    current = CORPUS / "2024-huaian-hongzequ-qzf.md"
    code, out, err = run_cli("check", "--select", "XY", "--format", "json", current, "--previous",
                             CORPUS / "2024-huaian-szf.md")
    assert json.loads(out)["files"][0]["findings"] == [] and "不同机关的报告不作跨年度比较" in err
    same_year = tmp_path / "copy.md"
    shutil.copy(current, same_year)
    code, out, err = run_cli("check", "--lang", "en", "--select", "XY", "--format", "json", current,
                             "--previous", same_year)
    assert json.loads(out)["files"][0]["findings"] == [] and "is the report for 2024, not the year before" in err
    code, out, err = run_cli("check", "--select", "XY", "--format", "json", current, "--previous",
                             CORPUS / "2023-huaian-hongzequ-qzf.md")
    assert "跨年度比较" not in err  # last year's report of the same agency is compared


def test_extract_groups_an_agency_written_with_and_without_its_higher_levels(run_cli, tmp_path):
    for name in ("2023-huaian-hongzequ-qzf.md", "2024-huaian-hongzequ-qzf.md"):
        shutil.copy(CORPUS / name, tmp_path / name)
    titles = [(tmp_path / n).read_text(encoding="utf-8").splitlines()[0] for n in
              ("2023-huaian-hongzequ-qzf.md", "2024-huaian-hongzequ-qzf.md")]
    assert "淮安市" not in titles[0] and "淮安市" in titles[1]  # the titles differ
    code, out, _ = run_cli("extract", tmp_path)
    assert {r["agency"] for r in json.loads(out)["reports"]} == {"淮安市洪泽区人民政府"}


def test_streamed_text_output_keeps_the_cross_year_findings(run_cli, tmp_path):
    """Text output shows each file as it is checked; the cross-year findings follow, none lost or doubled."""
    from batchgen import generate

    generate(tmp_path / "r", agencies=4, seed=5, dup_every=2)
    _, out, _ = run_cli("check", "--format", "json", "--select", "XY", tmp_path / "r")
    doc = json.loads(out)
    expected = sorted((f["rule"], f["line"]) for entry in doc["files"] for f in entry["findings"])
    assert expected
    _, text, _ = run_cli("check", "--format", "concise", "--select", "XY", tmp_path / "r")
    shown = sorted((line.split("[")[1].split("]")[0], int(line.split(":")[1])) for line in text.splitlines()
                   if "[XY-" in line)
    assert shown == expected
    assert f"检查文件 {len(doc['files'])} 个" in text
