"""Which files `report-lint check DIR` reads, as a ruff user expects: default excludes, .gitignore,
`exclude`/`extend-exclude`, `--exclude`/`--force-exclude`, and files that are no annual report skipped and
counted — while a file named on the command line is always linted."""
from __future__ import annotations

import json
import os
import shutil
import subprocess
import sys
from pathlib import Path

import yaml

from conftest import CORPUS, EXAMPLE, ROOT

CLEAN = ROOT / "rules" / "gov-2021" / "bases" / "county-2023.md"  # the whole rule set finds nothing in it


def _tree(root: Path) -> Path:
    """A repository as people have them: reports, and what else lives beside them."""
    (root / "reports").mkdir(parents=True)
    shutil.copy(EXAMPLE, root / "reports" / "2023.txt")
    shutil.copy(CORPUS / "2024-huaian-szf.md", root / "reports" / "2024.md")
    for folder in (".venv/lib", "node_modules/pkg", ".git/x", "build", "dist", "__pycache__", ".pytest_cache",
                   ".hidden", "venv"):
        (root / folder).mkdir(parents=True, exist_ok=True)
        shutil.copy(EXAMPLE, root / folder / "copy.txt")
    shutil.copy(ROOT / "README.md", root / "README.md")
    (root / "requirements.txt").write_text("lark>=1.1\npyyaml>=6.0\n", encoding="utf-8")
    (root / "notes.md").write_text("# 会议记录\n\n讨论了年报的编制进度。\n", encoding="utf-8")
    return root


def _paths(run_cli, *args) -> tuple[int, list[str], str]:
    code, out, err = run_cli("check", "--format", "json", *args)
    return code, sorted(Path(f["path"]).as_posix() for f in json.loads(out)["files"]), err


def test_a_walk_skips_the_usual_folders_and_counts_what_is_no_report(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    code, paths, err = _paths(run_cli, root)
    assert [p.rsplit("/", 2)[-2:] for p in paths] == [["reports", "2023.txt"], ["reports", "2024.md"]]
    assert "跳过 3 个不是年度报告的文件" in err  # README.md, requirements.txt, notes.md
    _, _, err = run_cli("check", "--lang", "en", "--format", "concise", root)
    assert "skipped 3 files that are not annual reports" in err


def test_a_file_named_on_the_command_line_is_always_linted(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    code, paths, err = _paths(run_cli, root / "README.md", root / ".venv" / "lib" / "copy.txt")
    assert len(paths) == 2 and "跳过" not in err


def test_gitignore_is_respected_unless_told_otherwise(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    (root / ".gitignore").write_text("# drafts\n/reports/2024.md\n", encoding="utf-8")
    (root / "reports" / "old").mkdir()
    shutil.copy(EXAMPLE, root / "reports" / "old" / "2019.txt")
    (root / "reports" / ".gitignore").write_text("old/\n", encoding="utf-8")
    _, paths, _ = _paths(run_cli, root)
    assert [Path(p).name for p in paths] == ["2023.txt"]
    _, paths, _ = _paths(run_cli, "--no-respect-gitignore", root)
    assert sorted(Path(p).name for p in paths) == ["2019.txt", "2023.txt", "2024.md"]


def test_exclude_and_extend_exclude_in_the_configuration_and_on_the_command_line(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    (root / "reports" / "archive").mkdir()
    shutil.copy(EXAMPLE, root / "reports" / "archive" / "2019.txt")
    (root / ".report-lint.yaml").write_text("extend-exclude: [archive]\n", encoding="utf-8")
    _, paths, _ = _paths(run_cli, root)
    assert [Path(p).name for p in paths] == ["2023.txt", "2024.md"]
    _, paths, _ = _paths(run_cli, "--extend-exclude", "*.md", root)
    assert [Path(p).name for p in paths] == ["2023.txt"]
    # `exclude` replaces the defaults (as in ruff): the copies under node_modules are found again
    (root / ".report-lint.yaml").write_text("exclude: [archive, .git]\n", encoding="utf-8")
    _, paths, _ = _paths(run_cli, root)
    assert "node_modules/pkg/copy.txt" in {p.split("repo/", 1)[1] for p in paths}
    # --exclude replaces `exclude`; a glob with a slash is relative to the configuration's directory
    _, paths, _ = _paths(run_cli, "--exclude", "reports/archive,.*/,node_modules,venv,build,dist,__pycache__", root)
    assert [Path(p).name for p in paths] == ["2023.txt", "2024.md"]
    code, out, err = run_cli("config", root / "reports" / "2023.txt")
    assert yaml.safe_load(out)["exclude"] == ["archive", ".git"]


def test_force_exclude_applies_the_excludes_and_the_report_test_to_named_files(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    code, paths, err = _paths(run_cli, "--force-exclude", root / "README.md", root / "requirements.txt",
                              root / "node_modules" / "pkg" / "copy.txt", root / "reports" / "2023.txt")
    assert [Path(p).name for p in paths] == ["2023.txt"] and "跳过 2 个" in err


def test_the_pre_commit_hook_passes_on_a_repository_with_a_readme_and_requirements(tmp_path):
    """The hook as .pre-commit-hooks.yaml declares it, given every file of a commit as pre-commit does."""
    root = _tree(tmp_path / "repo")
    shutil.rmtree(root / "reports")
    (root / "reports").mkdir()
    shutil.copy(CLEAN, root / "reports" / "2023.md")
    hook = next(h for h in yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
                if h["id"] == "report-lint")
    import re

    files = [p for p in ("README.md", "requirements.txt", "notes.md", "reports/2023.md") if re.search(hook["files"], p)]
    assert "README.md" in files and "reports/2023.md" in files
    entry = hook["entry"].split()
    assert entry[:2] == ["report-lint", "check"]
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    proc = subprocess.run([sys.executable, "-m", "linter", *entry[1:], *files], cwd=root, env=env,
                          capture_output=True, text=True)
    assert proc.returncode == 0, proc.stdout + proc.stderr
    assert "检查文件 1 个" in proc.stdout


def test_a_directory_whose_files_are_all_excluded_still_says_so(run_cli, tmp_path):
    root = _tree(tmp_path / "repo")
    shutil.rmtree(root / "reports")
    code, out, err = run_cli("check", root / "node_modules")  # named: walked, whatever its own name
    assert code == 1 and "copy.txt" in out
    (root / "README.md").unlink()
    (root / "requirements.txt").unlink()
    (root / "notes.md").unlink()
    code, out, err = run_cli("check", root)
    assert code == 2 and "没有找到可检查的报告文件" in err


def test_force_exclude_does_not_exclude_a_project_that_lives_in_a_hidden_folder(run_cli, tmp_path, monkeypatch):
    root = _tree(tmp_path / ".config" / "repo")
    monkeypatch.chdir(root)
    code, paths, err = _paths(run_cli, "--force-exclude", "reports/2023.txt", ".venv/lib/copy.txt")
    assert paths == ["reports/2023.txt"]


def test_the_projects_own_clone_lints_its_reports_and_not_its_hostile_inputs(run_cli, monkeypatch):
    """This repository's `[tool.report-lint]` (pyproject.toml) excludes the hostile test inputs and the docs:
    `report-lint check .` in a clone lints the example and the corpus in seconds."""
    monkeypatch.chdir(ROOT)
    _, paths, _ = _paths(run_cli, ".")
    paths = [p.removeprefix("./") for p in paths]
    assert "examples/2023-wendeng-zetou-town.txt" in paths
    assert sum(p.startswith("tests/fixtures/corpus/") for p in paths) == len(list(CORPUS.glob("20*")))
    assert not [p for p in paths if p.startswith(("tests/fixtures/bad/", "docs/"))]
