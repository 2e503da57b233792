"""Fixes as a ruff user types them: `--diff` that `git apply` and `patch` accept, `--fix` that says what it
fixed and what remains, `[*]` and the replacement in text output, `--show-fixes`, `--exit-zero`, `--quiet`,
and `--add-noqa`, which writes a suppression comment for every finding of a file."""
from __future__ import annotations

import shutil
import subprocess

import pytest

from conftest import EXAMPLE


def _report(tmp_path, newline_at_end: bool = True):
    """The example report with a second fixable slip on its last line."""
    text = EXAMPLE.read_text(encoding="utf-8").rstrip("\n") + "\n我们将继续扩宽公开渠道。"
    target = tmp_path / "r.txt"
    target.write_text(text + ("\n" if newline_at_end else ""), encoding="utf-8")
    return target


@pytest.mark.parametrize("newline_at_end", [True, False])
def test_diff_is_a_patch_git_and_patch_accept(run_cli, tmp_path, monkeypatch, newline_at_end):
    target = _report(tmp_path, newline_at_end)
    before = target.read_bytes()
    monkeypatch.chdir(tmp_path)
    code, out, err = run_cli("check", "--diff", "r.txt")
    assert code == 1 and target.read_bytes() == before  # something to fix; nothing written
    assert out.startswith("--- a/r.txt\n+++ b/r.txt\n")
    assert ("\\ No newline at end of file\n" in out) is not newline_at_end
    (tmp_path / "fix.diff").write_text(out, encoding="utf-8")
    if shutil.which("git"):
        subprocess.run(["git", "init", "-q", str(tmp_path)], check=True)
        assert subprocess.run(["git", "apply", "--check", "fix.diff"], cwd=tmp_path).returncode == 0
        assert subprocess.run(["git", "apply", "fix.diff"], cwd=tmp_path).returncode == 0
    elif shutil.which("patch"):
        assert subprocess.run(["patch", "-p1", "-i", "fix.diff"], cwd=tmp_path).returncode == 0
    else:
        pytest.fail("neither git nor patch is installed")
    fixed = target.read_text(encoding="utf-8")
    assert "扩宽" not in fixed and fixed.endswith("我们将继续拓宽公开渠道。" + ("\n" if newline_at_end else ""))
    code, out, err = run_cli("check", "--diff", "r.txt")
    assert code == 0 and out == "" and "没有可自动修复的问题" in err


def test_patch_accepts_the_diff_too(run_cli, tmp_path, monkeypatch):
    assert shutil.which("patch"), "the patch program is needed (Debian package patch)"
    target = _report(tmp_path, newline_at_end=False)
    monkeypatch.chdir(tmp_path)
    _, out, _ = run_cli("check", "--diff", "r.txt")
    (tmp_path / "fix.diff").write_text(out, encoding="utf-8")
    assert subprocess.run(["patch", "-p1", "-i", "fix.diff"], cwd=tmp_path, capture_output=True).returncode == 0
    assert target.read_text(encoding="utf-8").endswith("我们将继续拓宽公开渠道。")  # applied, no newline added


def test_text_output_marks_fixable_findings_and_shows_the_replacement(run_cli, tmp_path):
    code, out, err = run_cli("check", _report(tmp_path))
    marked = [line for line in out.splitlines() if "[*]" in line]
    assert len(marked) == 2 and all("warning[WORDING-KUOKUAN] [*]" in line for line in marked)
    assert out.count("= 修复: 改为“拓宽”") == 2
    assert "其中 2 个可用 --fix 自动修复。" in out
    _, out, _ = run_cli("check", "--lang", "en", _report(tmp_path))
    assert "2 fixable with the --fix option." in out and 'fix: replace with \u201c拓宽\u201d' in out


def test_fix_says_what_it_fixed_and_what_remains(run_cli, tmp_path):
    target = _report(tmp_path)
    _, before, _ = run_cli("check", "--format", "json", target)
    code, out, err = run_cli("check", "--fix", "--show-fixes", target)
    assert "扩宽" not in target.read_text(encoding="utf-8")
    import json

    remaining = len(json.loads(before)["files"][0]["findings"]) - 2
    assert f"已修复 2 处，剩余 {remaining} 个问题。" in err
    assert "r.txt:" in err and "2 × WORDING-KUOKUAN" in err
    assert "[*]" not in out and code == 1  # the errors that remain are not fixable


def test_exit_zero_and_quiet(run_cli, tmp_path):
    target = _report(tmp_path)
    code, out, err = run_cli("check", target)
    assert code == 1 and "共 " in out
    code, out, err = run_cli("check", "--exit-zero", target)
    assert code == 0 and "error[" in out
    code, out, err = run_cli("check", "--quiet", target)
    assert code == 1 and "error[" in out and "共 " not in out and "其中" not in out and err == ""
    code, out, err = run_cli("check", "--quiet", "--exit-zero", "--format", "concise", tmp_path)
    assert code == 0 and err == "" and all(line.startswith(str(target)) for line in out.splitlines())


def test_add_noqa_writes_a_suppression_comment_for_every_finding(run_cli, tmp_path):
    target = _report(tmp_path)
    code, out, err = run_cli("check", "--format", "json", target)
    import json

    findings = json.loads(out)["files"][0]["findings"]
    code, out, err = run_cli("check", "--add-noqa", target)
    assert code == 0 and "已在 1 个文件中加入" in err
    text = target.read_text(encoding="utf-8")
    assert text.count("<!-- report-lint: ignore ") >= 1 and "理由：请填写" in text
    assert "<!-- report-lint: ignore WORDING-KUOKUAN 理由：请填写 -->\n我们将继续扩宽公开渠道。" in text
    code, out, err = run_cli("check", "--format", "json", target)
    left = json.loads(out)["files"][0]["findings"]
    assert code == 0 and left == [], [f["rule"] for f in left]
    assert findings  # there were findings to suppress
