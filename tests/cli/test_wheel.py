"""The wheel carries `rules/` and `grammar/`: build it, install it apart from the source tree, lint."""
from __future__ import annotations

import json
import os
import subprocess
import sys
import zipfile

import pytest

from conftest import EXAMPLE, ROOT


@pytest.mark.slow
def test_installed_wheel_finds_its_rules_and_grammar(tmp_path):
    wheels = tmp_path / "wheels"
    subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "-q", "-w", str(wheels), str(ROOT)],
                   check=True, capture_output=True)
    (wheel,) = wheels.glob("report_lint-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    assert "linter/_data/grammar/report.lark" in names
    assert any(n.startswith("linter/_data/rules/gov-2021/") and n.endswith(".yaml") for n in names)
    assert "linter/_data/rules/dict/gov.txt" in names  # the jieba user dictionary
    site = tmp_path / "site"
    subprocess.run([sys.executable, "-m", "pip", "install", "--no-deps", "-q", "--target", str(site), str(wheel)],
                   check=True, capture_output=True)
    env = dict(os.environ, PYTHONPATH=str(site))
    run = subprocess.run(
        [sys.executable, "-c", "import linter, sys; from linter.cli import main; print(linter.__file__, file=sys.stderr); main()",
         "check", "--format", "json", str(EXAMPLE)],
        cwd=tmp_path, env=env, capture_output=True, text=True,
    )
    assert str(site) in run.stderr  # the installed copy ran, not the source tree
    data = json.loads(run.stdout)
    assert any(f["rule"] == "STRUCT-ORDINAL-MISSING" for f in data["files"][0]["findings"])
    assert any(f["rule"] == "WORDING-KUOKUAN" for f in data["files"][0]["findings"])
