"""`check --fix` / `--diff`: safe wording fixes only, in place for .txt/.md, never numbers."""
from __future__ import annotations

import os
import subprocess
import sys
from conftest import ROOT

EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"


def run(*args):
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    return subprocess.run([sys.executable, "-m", "linter", "check", *args], env=env, capture_output=True, text=True)


def test_diff_shows_the_fix_and_writes_nothing(tmp_path):
    target = tmp_path / "r.txt"
    target.write_bytes(EXAMPLE.read_bytes())
    result = run("--diff", str(target))
    assert result.returncode == 1  # something to fix (ruff's convention)
    assert "-2024年，我们将进一步提升政务公开工作水平。1.坚持以群众需求为导向，扩宽" in result.stdout
    assert "+2024年，我们将进一步提升政务公开工作水平。1.坚持以群众需求为导向，拓宽" in result.stdout
    assert target.read_bytes() == EXAMPLE.read_bytes()


def test_fix_rewrites_wording_but_never_numbers(tmp_path):
    target = tmp_path / "r.txt"
    original = EXAMPLE.read_text(encoding="utf-8") + "加强政府信息的的管理,截止2023年12月31日做出决定。\n"
    target.write_text(original, encoding="utf-8")
    run("--fix", str(target))
    fixed = target.read_text(encoding="utf-8")
    assert "拓宽政务公开内容" in fixed and "扩宽" not in fixed
    assert fixed.endswith("加强政府信息的管理，截至2023年12月31日作出决定。\n")
    # the 54 vs 65 breakdown is an error, but numbers are never edited
    assert "动态政府信息54篇" in fixed and "机构职能25条" in fixed
    changed = [(a, b) for a, b in zip(original.splitlines(), fixed.splitlines()) if a != b]
    assert len(changed) == 2


def test_fix_leaves_other_formats_alone(tmp_path):
    target = tmp_path / "r.html"
    html = "<html><body><p>某县人民政府</p><p>2023年政府信息公开工作年度报告</p><p>一、总体情况</p><p>扩宽政务公开内容。</p></body></html>"
    target.write_text(html, encoding="utf-8")
    run("--fix", str(target))
    assert target.read_text(encoding="utf-8") == html
