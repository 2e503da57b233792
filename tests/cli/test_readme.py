"""The README's examples work as written: its sample rule passes `report-lint test`, and its sample
configuration is accepted."""
from __future__ import annotations

import re

from conftest import ROOT

README = (ROOT / "README.md").read_text(encoding="utf-8")


def _block_after(heading: str, lang: str) -> str:
    section = README.split(heading, 1)[1]
    return re.search(rf"```{lang}\n(.*?)```", section, re.S).group(1)


def test_the_sample_rule_passes_its_own_examples(run_cli, tmp_path):
    (tmp_path / "local.yaml").write_text(_block_after("## Writing a rule", "yaml"), encoding="utf-8")
    code, out, err = run_cli("test", tmp_path)
    assert code == 0, out + err
    assert "1 passed, 0 failed" in out


def test_the_sample_configuration_is_accepted(run_cli, tmp_path):
    text = _block_after("## Configuration", "yaml")
    text = re.sub(r"^extend: .*\n", "", text, flags=re.M)          # names a file of the reader's own
    text = re.sub(r"^rule-dirs: .*\n", "", text, flags=re.M)
    (tmp_path / ".report-lint.yaml").write_text(text, encoding="utf-8")
    report = tmp_path / "reports" / "x.txt"
    report.parent.mkdir()
    report.write_text("某县人民政府\n2023年政府信息公开工作年度报告\n", encoding="utf-8")
    code, out, err = run_cli("config", report)
    assert code == 0, err
    assert "STRUCT-ORDINAL-MISSING: error" in out


def test_report_lint_test_on_the_shipped_rule_set(run_cli):
    code, out, err = run_cli("test", ROOT / "rules" / "gov-2021")
    assert code == 0, out + err
    passed = int(re.search(r"^(\d+) passed, 0 failed$", out, re.M).group(1))
    assert passed > 100


def test_the_readme_lists_every_extra():
    import tomllib

    extras = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["optional-dependencies"]
    table = README.split("Optional extras", 1)[1].split("\n\n", 2)[1]
    assert sorted(re.findall(r"^\| `([a-z]+)` \|", table, re.M)) == sorted(extras)
