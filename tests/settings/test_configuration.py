"""Configuration files: discovery, precedence, validation with file and line, `report-lint config`; stdin."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from conftest import EXAMPLE

TEXT = EXAMPLE.read_text(encoding="utf-8")


@pytest.fixture
def project(tmp_path):
    (tmp_path / "reports").mkdir()
    report = tmp_path / "reports" / "2023.txt"
    report.write_text(TEXT, encoding="utf-8")
    return tmp_path, report


def _rules(out: str) -> set[str]:
    return {f["rule"] for f in json.loads(out)["files"][0]["findings"]}


def test_yaml_config_found_upward_selects_rules(run_cli, project):
    root, report = project
    (root / ".report-lint.yaml").write_text("select: [STRUCT-ORDINAL]\n", encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", report)
    assert _rules(out) == {"STRUCT-ORDINAL-MISSING"}


def test_pyproject_tool_section(run_cli, project):
    root, report = project
    (root / "pyproject.toml").write_text(
        '[project]\nname = "x"\n\n[tool.report-lint]\nselect = ["STRUCT-ORDINAL-MISSING"]\nfail-level = "warning"\n'
        '\n[tool.report-lint.severity]\n"STRUCT-ORDINAL-MISSING" = "error"\n', encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", report)
    (f,) = json.loads(out)["files"][0]["findings"]
    assert f["rule"] == "STRUCT-ORDINAL-MISSING" and f["severity"] == "error"
    assert code == 1


def test_closest_config_wins_and_extend(run_cli, project):
    root, report = project
    (root / ".report-lint.yaml").write_text("select: [STRUCT]\nfail-level: info\n", encoding="utf-8")
    (root / "reports" / ".report-lint.yaml").write_text("extend: ../.report-lint.yaml\nignore: [STRUCT-TITLE]\n",
                                                       encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", report)
    assert _rules(out) == {"STRUCT-ORDINAL-MISSING"}
    assert code == 1  # fail-level info inherited from the extended file
    _, shown, _ = run_cli("config", "--format", "json", report)
    data = json.loads(shown)
    assert data["select"] == ["STRUCT"] and data["ignore"] == ["STRUCT-TITLE"] and data["fail-level"] == "info"
    assert data["sources"][0].endswith("reports/.report-lint.yaml")


def test_cli_options_override_the_file(run_cli, project):
    root, report = project
    (root / ".report-lint.yaml").write_text("select: [STRUCT-TITLE]\nfail-level: info\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--select", "STRUCT-ORDINAL-MISSING", "--fail-level", "error", report)
    assert _rules(out) == {"STRUCT-ORDINAL-MISSING"}
    assert code == 0  # a warning, below the command line's fail level
    _, out, _ = run_cli("check", "--format", "json", "--isolated", "--select", "STRUCT-ORDINAL-MISSING", report)
    assert _rules(out) == {"STRUCT-ORDINAL-MISSING"}


def test_per_file_ignores(run_cli, project):
    root, report = project
    (root / ".report-lint.yaml").write_text('per-file-ignores:\n  "reports/*.txt": [STRUCT-ORDINAL]\n', encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", report)
    assert "STRUCT-ORDINAL-MISSING" not in _rules(out)
    other = root / "2023.txt"
    other.write_text(TEXT, encoding="utf-8")
    _, out, _ = run_cli("check", "--format", "json", other)
    assert "STRUCT-ORDINAL-MISSING" in _rules(out)


def test_report_year_and_agency_kind_reach_the_engine(project):
    from linter.settings.files import config_for

    root, report = project
    (root / ".report-lint.yaml").write_text("report-year: 2022\nagency-kind: department\npublished: 2023-01-20\n"
                                            "rule-dirs: [rules]\n", encoding="utf-8")
    (root / "rules").mkdir()
    cfg = config_for(report)
    assert cfg.report_year == 2022 and cfg.agency_kind == "department" and cfg.published.isoformat() == "2023-01-20"
    assert cfg.rule_dirs == [str((root / "rules").resolve())]


@pytest.mark.parametrize("content,line,needle", [
    ("select: [STRUCT]\nselct: [X]\n", 2, "unknown key `selct`"),
    ("select:\n  - STRUCT\n  - NO-SUCH-RULE\n", 3, "NO-SUCH-RULE"),
    ("severity:\n  STRUCT-ORDINAL-MISSING: fatal\n", 2, "severity"),
    ("fail-level: never\n", 1, "fail-level"),
    ("per-file-ignores:\n  '*.txt': [NOPE-RULE]\n", 2, "NOPE-RULE"),
    ("select: [STRUCT\n", 2, "YAML syntax error"),
    ("deadlines:\n  government.township: 13-01\n", 1, "deadlines"),
])
def test_configuration_errors_name_file_and_line(run_cli, project, content, line, needle):
    root, report = project
    cfg = root / ".report-lint.yaml"
    cfg.write_text(content, encoding="utf-8")
    code, _, err = run_cli("check", "--lang", "en", report)
    assert code == 2
    assert f"{cfg}:{line}:" in err and needle in err


def test_pyproject_errors_name_file_and_line(run_cli, project):
    root, report = project
    (root / "pyproject.toml").write_text('[project]\nname = "x"\n\n[tool.report-lint]\nselect = ["STRUCT"]\nbogus = 1\n',
                                         encoding="utf-8")
    code, _, err = run_cli("check", report)
    assert code == 2 and f"{root / 'pyproject.toml'}:6:" in err and "bogus" in err


def test_stdin_with_a_filename(project):
    from linter.cli.main import main

    root, report = project
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "draft.txt", "--format", "json"],
                                input=TEXT.encode("utf-8"))
    data = json.loads(result.stdout)
    (file,) = data["files"]
    assert file["path"] == "draft.txt" and file["format"] == "txt"
    assert ("STRUCT-ORDINAL-MISSING", 47) in {(f["rule"], f["line"]) for f in file["findings"]}


def test_stdin_uses_the_configuration_of_the_stdin_filename(project, monkeypatch):
    from linter.cli.main import main

    root, report = project
    (root / "reports" / ".report-lint.yaml").write_text("select: [STRUCT-ORDINAL-MISSING]\n", encoding="utf-8")
    monkeypatch.chdir(root)
    result = CliRunner().invoke(main, ["check", "-", "--stdin-filename", "reports/new.txt", "--format", "json"],
                                input=TEXT.encode("utf-8"))
    assert _rules(result.stdout) == {"STRUCT-ORDINAL-MISSING"}


def test_deadlines_in_the_configuration_move_the_publication_deadline(run_cli, project):
    """The `deadlines` setting the README documents: a township whose province allows until 28 February."""
    root, _ = project
    report = root / "reports" / "town.txt"
    report.write_text("某镇人民政府\n2023年政府信息公开工作年度报告\n六、其他需要报告的事项\n本年度未收取信息处理费。\n\n"
                      "某镇人民政府\n2024年2月15日\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--select", "DATE-PUBLISH-DEADLINE", report)
    assert "DATE-PUBLISH-DEADLINE-LOCAL" in _rules(out)
    (root / ".report-lint.yaml").write_text("deadlines:\n  government.township: '02-28'\n", encoding="utf-8")
    code, out, _ = run_cli("check", "--format", "json", "--select", "DATE-PUBLISH-DEADLINE", report)
    assert "DATE-PUBLISH-DEADLINE-LOCAL" not in _rules(out)
    code, out, _ = run_cli("config", report)
    assert "government.township: 02-28" in out
