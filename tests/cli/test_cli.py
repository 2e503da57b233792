"""The command line end to end: output formats, exit codes, and bad input."""
from __future__ import annotations

import json

from conftest import EXAMPLE, FIXTURES

EX = str(EXAMPLE)


def test_check_text_output_shows_place_source_and_basis(run_cli):
    code, out, _ = run_cli("check", "--fail-level", "warning", EX)
    assert code == 1
    assert f"{EX}:47:2: warning[STRUCT-ORDINAL-MISSING]" in out
    assert "47 |  政府信息公开工作存在的主要问题及改进情况" in out
    assert "= 依据:" in out


def test_check_json_follows_the_contract(run_cli, monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent.parent)
    code, out, _ = run_cli("check", "--format", "json", EX)
    data = json.loads(out)
    assert data["version"] == 1
    (file,) = data["files"]
    # paths are shown relative to the working directory, never as an absolute machine path
    assert file["path"] == "examples/2023-wendeng-zetou-town.txt" and file["format"] == "txt" and file["error"] is None
    keys = {"rule", "category", "severity", "message", "line", "column", "end_line", "end_column", "section", "basis", "context"}
    for finding in file["findings"]:
        assert keys <= set(finding)
        assert finding["category"] in {"input", "structure", "table", "arithmetic", "consistency", "disclosure", "date", "wording"}
    missing = [f for f in file["findings"] if f["rule"] == "STRUCT-ORDINAL-MISSING"]
    assert [(f["line"], f["column"], f["section"]) for f in missing] == [(47, 2, "五")]
    summary = data["summary"]
    assert summary["files"] == 1
    assert summary["errors"] == sum(f["severity"] == "error" for f in file["findings"])
    assert code == (1 if summary["errors"] else 0)


def test_english_messages(run_cli):
    _, out, _ = run_cli("check", "--lang", "en", "--select", "STRUCT-ORDINAL-MISSING", EX)
    assert "lacks its ordinal" in out


def test_select_and_ignore_by_prefix(run_cli):
    _, out, _ = run_cli("check", "--format", "json", "--select", "STRUCT", "--ignore", "STRUCT-TITLE", EX)
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert rules == {"STRUCT-ORDINAL-MISSING"}


def test_unknown_rule_id_is_a_usage_error(run_cli):
    code, _, err = run_cli("check", "--select", "NO-SUCH-RULE", EX)
    assert code == 2 and "NO-SUCH-RULE" in err


def test_binary_file_is_an_input_finding(run_cli, tmp_path):
    f = tmp_path / "report.txt"
    f.write_bytes(b"\x00\xff\x00\x10" * 100)
    code, out, _ = run_cli("check", "--format", "json", f)
    data = json.loads(out)
    (finding,) = data["files"][0]["findings"]
    assert code == 1
    assert finding["category"] == "input" and "binary" in finding["message"]
    assert data["files"][0]["error"]


def test_empty_file_is_one_input_finding_not_a_crash(run_cli, tmp_path):
    f = tmp_path / "empty.txt"
    f.write_bytes(b" \n")
    code, out, _ = run_cli("check", "--format", "json", f)
    entry = json.loads(out)["files"][0]
    assert code == 1
    assert entry["error"] == "the file is empty"
    assert [x["rule"] for x in entry["findings"]] == ["INPUT-UNREADABLE"]


def test_gbk_file_is_read(run_cli, tmp_path):
    f = tmp_path / "gbk.txt"
    f.write_bytes(EXAMPLE.read_text(encoding="utf-8").encode("gbk"))
    _, out_gbk, _ = run_cli("check", "--format", "json", f)
    _, out_utf8, _ = run_cli("check", "--format", "json", EX)
    strip = lambda s: [(x["rule"], x["line"], x["column"]) for x in json.loads(s)["files"][0]["findings"]]  # noqa: E731
    assert strip(out_gbk) == strip(out_utf8)


def test_directory_without_reports_is_a_usage_error(run_cli, tmp_path):
    (tmp_path / "notes.bin").write_bytes(b"x")
    code, _, err = run_cli("check", tmp_path)
    assert code == 2 and "没有找到" in err


def test_directory_is_searched_for_reports(run_cli, tmp_path):
    (tmp_path / "sub").mkdir()
    (tmp_path / "sub" / "a.txt").write_bytes(EXAMPLE.read_bytes())
    (tmp_path / "b.md").write_bytes(EXAMPLE.read_bytes())
    _, out, _ = run_cli("check", "--format", "json", tmp_path)
    assert sorted(f["path"].rsplit("/", 1)[-1] for f in json.loads(out)["files"]) == ["a.txt", "b.md"]


def test_missing_path_is_a_usage_error(run_cli, tmp_path):
    code, _, err = run_cli("check", tmp_path / "nope.txt")
    assert code == 2 and "nope.txt" in err


def test_rule_file_with_yaml_syntax_error(run_cli):
    d = FIXTURES / "rules-bad" / "syntax"
    code, _, err = run_cli("check", "--rules", d, EX)
    assert code == 2
    assert f"{d / 'broken.yaml'}:" in err and "YAML 语法错误" in err  # in the run's language
    code, _, err = run_cli("check", "--lang", "en", "--rules", d, EX)
    assert code == 2 and "YAML syntax error" in err


def test_rule_with_unknown_check_kind(run_cli):
    d = FIXTURES / "rules-bad" / "unknown-kind"
    code, _, err = run_cli("check", "--rules", d, EX)
    assert code == 2
    assert f"{d / 'rule.yaml'}:6:" in err and "telepathy" in err


def test_rules_lists_every_rule(run_cli):
    code, out, _ = run_cli("rules")
    assert code == 0
    assert "STRUCT-SECTION-MISSING" in out and "error" in out


def test_explain_a_disclosure_rule_in_both_languages(run_cli):
    code, out, _ = run_cli("explain", "DISC-FEE")
    assert code == 0
    assert out.startswith("DISC-FEE")
    for heading in ("规则说明", "依据", "反例", "正例"):
        assert heading in out
    assert "国办函〔2020〕109号" in out
    code, out, _ = run_cli("explain", "--lang", "en", "DISC-FEE")
    assert code == 0 and "What it does" in out and "Bad" in out and "Good" in out


def test_explain(run_cli):
    code, out, _ = run_cli("explain", "STRUCT-ORDINAL-MISSING")
    assert code == 0 and "依据" in out and "反例" in out
    code, out, _ = run_cli("explain", "--lang", "en", "STRUCT-ORDINAL-MISSING")
    assert "basis" in out


def test_parse_prints_the_section_tree(run_cli):
    code, out, _ = run_cli("parse", EX)
    assert code == 0
    assert "五 L47: [-] 政府信息公开工作存在的主要问题及改进情况" in out
    code, out, _ = run_cli("parse", "--format", "json", EX)
    assert [s["ordinal"] for s in json.loads(out)["sections"]] == ["一", "二", "三", "四", "五", "六"]


def test_test_command_on_builtin_and_custom_rules(run_cli):
    from linter.resources import builtin_ruleset

    code, out, _ = run_cli("test", builtin_ruleset())
    assert code == 0 and out.strip().splitlines()[-1].endswith(" passed, 0 failed")
    code, out, _ = run_cli("test", FIXTURES / "rules-custom")
    assert code == 0 and "2 passed, 0 failed" in out
    assert "LOCAL-POSTCODE" in out and "LOCAL-KEYPOINTS" in out


def test_test_command_reports_a_failing_example(run_cli, tmp_path):
    text = (FIXTURES / "rules-custom" / "local.yaml").read_text(encoding="utf-8")
    (tmp_path / "local.yaml").write_text(text.replace("any: [工作要点]", "any: [信息处理费]"), encoding="utf-8")
    code, out, _ = run_cli("test", tmp_path)
    assert code == 1
    assert "0 passed, 1 failed" in out


def test_custom_rule_directory_runs_with_builtin_rules(run_cli):
    _, out, _ = run_cli("check", "--format", "json", "--rules", FIXTURES / "rules-custom", EX)
    rules = {f["rule"] for f in json.loads(out)["files"][0]["findings"]}
    assert "LOCAL-KEYPOINTS" not in rules  # the example reports 上级政务公开工作要点 in section 六
    assert "LOCAL-POSTCODE" in rules       # … but gives no postcode


def test_rules_reference_page_is_up_to_date(run_cli):
    from conftest import ROOT

    code, out, _ = run_cli("rules", "--format", "markdown")
    assert code == 0
    committed = (ROOT / "docs" / "rules.md").read_text(encoding="utf-8")
    assert out == committed, "docs/rules.md is stale: run `report-lint rules --format markdown > docs/rules.md`"
