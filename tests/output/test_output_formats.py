"""Output formats for CI and tools: SARIF (validated against the official schema), GitHub annotations,
JUnit, JSON Lines, concise; relative paths; -o/--output."""
from __future__ import annotations

import json
import xml.etree.ElementTree as ET

import jsonschema
import pytest
from conftest import EXAMPLE, ROOT

SCHEMA = ROOT / "tests" / "schemas" / "sarif-schema-2.1.0.json"
EX_REL = "examples/2023-wendeng-zetou-town.txt"


@pytest.fixture
def in_root(monkeypatch):
    monkeypatch.chdir(EXAMPLE.parent.parent)


def _json_findings(run_cli):
    _, out, _ = run_cli("check", "--format", "json", EXAMPLE)
    return json.loads(out)["files"][0]["findings"]


def test_sarif_is_valid_against_the_official_schema(run_cli, in_root):
    code, out, _ = run_cli("check", "--format", "sarif", EXAMPLE)
    log = json.loads(out)
    schema = json.loads(SCHEMA.read_text(encoding="utf-8"))
    validator = jsonschema.validators.validator_for(schema)(schema, format_checker=jsonschema.FormatChecker())
    errors = sorted(validator.iter_errors(log), key=str)
    assert not errors, errors[0]
    assert log["version"] == "2.1.0"
    (run,) = log["runs"]
    rules = run["tool"]["driver"]["rules"]
    ids = [r["id"] for r in rules]
    for r in rules:
        assert r["shortDescription"]["text"] and r["fullDescription"]["text"] and r["help"]["text"]
    results = run["results"]
    expected = _json_findings(run_cli)
    assert [(r["ruleId"], r["locations"][0]["physicalLocation"]["region"]["startLine"]) for r in results] == \
        [(f["rule"], f["line"]) for f in expected]
    missing = next(r for r in results if r["ruleId"] == "STRUCT-ORDINAL-MISSING")
    assert ids[missing["ruleIndex"]] == "STRUCT-ORDINAL-MISSING"
    assert missing["level"] == "warning"
    location = missing["locations"][0]["physicalLocation"]
    assert location["artifactLocation"] == {"uri": EX_REL, "uriBaseId": "%SRCROOT%"}
    assert location["region"]["startLine"] == 47 and location["region"]["startColumn"] == 2
    assert missing["partialFingerprints"]["reportLint/v1"]
    assert str(EXAMPLE.parent) not in out  # no absolute machine path anywhere


def test_sarif_uri_is_relative_even_for_a_file_outside_the_working_directory(run_cli, tmp_path, in_root):
    f = tmp_path / "报告.txt"
    f.write_text(EXAMPLE.read_text(encoding="utf-8"), encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "sarif", f)
    uri = json.loads(out)["runs"][0]["results"][0]["locations"][0]["physicalLocation"]["artifactLocation"]["uri"]
    assert not uri.startswith("/") and "%E6%8A%A5" in uri  # percent-encoded 报


def test_sarif_fingerprints_survive_lines_shifting(run_cli, tmp_path):
    text = EXAMPLE.read_text(encoding="utf-8")
    a, b = tmp_path / "a.txt", tmp_path / "b.txt"
    a.write_text(text, encoding="utf-8")
    lines = text.split("\n")
    b.write_text("\n".join(lines[:7] + ["", "（补充说明一段文字。）", ""] + lines[7:]), encoding="utf-8")

    def prints(path):
        _, out, _ = run_cli("check", "--format", "sarif", path)
        return {(r["ruleId"], r["partialFingerprints"]["reportLint/v1"], r["locations"][0]["physicalLocation"]["region"]["startLine"])
                for r in json.loads(out)["runs"][0]["results"]}

    pa, pb = prints(a), prints(b)
    assert {(r, fp) for r, fp, _ in pa} == {(r, fp) for r, fp, _ in pb}
    assert {line for *_, line in pa} != {line for *_, line in pb}


def test_github_annotations(run_cli, in_root):
    code, out, _ = run_cli("check", "--format", "github", EXAMPLE)
    lines = out.splitlines()
    expected = _json_findings(run_cli)
    assert len(lines) == len(expected)
    missing = next(line for line in lines if "title=STRUCT-ORDINAL-MISSING" in line)
    assert missing.startswith(f"::warning file={EX_REL},line=47,col=2,endLine=47,")
    assert "::" in missing.split("title=STRUCT-ORDINAL-MISSING", 1)[1]
    for line, f in zip(lines, expected):
        level = {"error": "error", "warning": "warning", "info": "notice"}[f["severity"]]
        assert line.startswith(f"::{level} file={EX_REL},line={f['line']},col={f['column']},")


def test_github_escapes_newlines_and_property_separators():
    from linter.engine.findings import FileResult, Finding
    from linter.output import render
    from linter.output.options import OutputOptions

    f = Finding(rule="X-Y", category="structure", severity="info", message="a\nb 100%", line=3, column=1,
                end_line=3, end_column=4)
    out = render("github", [FileResult(path="dir/a,b:c.txt", format="txt", findings=[f])], {}, OutputOptions())
    assert out == "::notice file=dir/a%2Cb%3Ac.txt,line=3,col=1,endLine=3,endColumn=4,title=X-Y::a%0Ab 100%25\n"


def test_junit_has_one_failing_case_per_finding_at_the_fail_level(run_cli, in_root, tmp_path):
    clean = tmp_path / "empty-ok.txt"
    clean.write_text("本文件没有标题。\n", encoding="utf-8")  # (an empty file is an input finding)
    _, out, _ = run_cli("check", "--format", "junit", "--select", "STRUCT-ORDINAL-MISSING", "--fail-level", "warning",
                        EXAMPLE, clean)
    root = ET.fromstring(out)
    suites = root.findall("testsuite")
    assert [s.get("name") for s in suites] == [EX_REL, str(clean)]
    (case,) = suites[0].findall("testcase")
    assert case.get("name") == "STRUCT-ORDINAL-MISSING 47:2"
    assert case.find("failure").get("type") == "STRUCT-ORDINAL-MISSING"
    (ok,) = suites[1].findall("testcase")
    assert ok.find("failure") is None
    assert root.get("failures") == "1"


def test_junit_below_the_fail_level_is_a_passed_case_with_its_message(run_cli, in_root):
    """The exit code is 0 (the warning is below the default fail level error): no failure in the report."""
    code, out, _ = run_cli("check", "--format", "junit", "--select", "STRUCT-ORDINAL-MISSING", EXAMPLE)
    root = ET.fromstring(out)
    (case,) = root.find("testsuite").findall("testcase")
    assert code == 0 and root.get("failures") == "0" and case.find("failure") is None
    assert "STRUCT-ORDINAL-MISSING" in case.find("system-out").text and "第五部分" in case.find("system-out").text
    code, out, _ = run_cli("check", "--format", "junit", EXAMPLE)
    root = ET.fromstring(out)
    assert code == 1 and int(root.get("failures")) == sum(
        1 for c in root.iter("testcase") if c.find("failure") is not None) == 4  # the four errors


def test_json_lines_and_concise(run_cli, in_root):
    expected = _json_findings(run_cli)
    _, out, _ = run_cli("check", "--format", "json-lines", EXAMPLE)
    rows = [json.loads(line) for line in out.splitlines()]
    assert [(r["path"], r["rule"], r["line"]) for r in rows] == [(EX_REL, f["rule"], f["line"]) for f in expected]
    _, out, _ = run_cli("check", "--format", "concise", EXAMPLE)
    assert f"{EXAMPLE}:47:2: warning[STRUCT-ORDINAL-MISSING]" in out
    assert " | " not in out  # no source excerpt


def test_output_option_writes_the_file(run_cli, in_root, tmp_path):
    target = tmp_path / "out.sarif"
    code, out, _ = run_cli("check", "--format", "sarif", "-o", target, EXAMPLE)
    assert out == ""
    assert json.loads(target.read_text(encoding="utf-8"))["version"] == "2.1.0"
