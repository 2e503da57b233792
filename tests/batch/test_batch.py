"""Batch runs: a generated folder of 1,000 reports (real corpus reports renamed to 500 agencies, two years
each, with cross-year defects injected), the same results with any number of jobs, flat memory, one bad file
never stopping the batch, statistics and the progress bar."""
from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

import pytest

from tests.batchgen import generate
from conftest import ROOT

CORPUS = ROOT / "tests" / "fixtures" / "corpus"
ENV = {**os.environ, "PYTHONPATH": str(ROOT)}
ENV.pop("CI", None)

_MEASURE = ("import resource, subprocess, sys; rc = subprocess.run(sys.argv[1:]).returncode; "
            "print(rc, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run_measured(args: list[str]) -> tuple[int, int]:
    """Run the CLI in a fresh wrapper process: (exit code, peak RSS in KiB of the CLI and its workers)."""
    proc = subprocess.run([sys.executable, "-c", _MEASURE, sys.executable, "-m", "linter", *args], cwd=ROOT, env=ENV,
                          capture_output=True, text=True)
    rc, rss = proc.stdout.split()[-2:]
    return int(rc), int(rss)


def cli(*args: str) -> subprocess.CompletedProcess:
    return subprocess.run([sys.executable, "-m", "linter", *args], cwd=ROOT, env=ENV, capture_output=True, text=True)


@pytest.fixture(scope="module")
def big(tmp_path_factory):
    folder = tmp_path_factory.mktemp("batch1000")
    manifest = generate(folder / "reports", agencies=500)
    assert len(manifest.files) == 1000
    return folder, manifest


def _rule_paths(doc: dict, rule: str) -> set[str]:
    return {f["path"] for f in doc["files"] for x in f["findings"] if x["rule"] == rule}



@pytest.mark.slow
def test_batch_of_1000_finds_every_injected_cross_year_mismatch_with_flat_memory(big):
    folder, manifest = big
    out = folder / "all.json"
    # a first run after the code changed builds the per-user caches (the slip rules' dictionary): not measured
    run_measured(["check", str(manifest.files[0]), "--format", "json", "-o", str(folder / "warm.json")])
    rc, rss_1000 = run_measured(["check", str(folder / "reports"), "--jobs", "2", "--format", "json", "-o", str(out)])
    assert rc in (0, 1)
    doc = json.loads(out.read_text(encoding="utf-8"))
    assert doc["summary"]["files"] == 1000
    assert [f["path"] for f in doc["files"]] == sorted(str(p) for p in manifest.files)  # stable order
    assert not [f for f in doc["files"] if f["error"]]
    assert _rule_paths(doc, "XY-DUP") == manifest.dup
    assert _rule_paths(doc, "XY-CARRY") == manifest.carry
    # memory: the same run over 200 of the reports peaks no lower than this one by more than noise
    small = folder / "small"
    small.mkdir()
    for sub in sorted((folder / "reports").iterdir())[:100]:
        sub.rename(small / sub.name)
    rc, rss_200 = run_measured(["check", str(small), "--jobs", "2", "--format", "json", "-o", str(folder / "s.json")])
    assert rc in (0, 1)
    for sub in small.iterdir():  # put them back for the other tests
        sub.rename(folder / "reports" / sub.name)
    assert rss_1000 <= rss_200 * 1.15 + 8 * 1024, (rss_200, rss_1000)


def test_results_are_identical_with_one_and_two_jobs(tmp_path):
    manifest = generate(tmp_path / "r", agencies=30, seed=3)
    one = cli("check", str(tmp_path / "r"), "--jobs", "1", "--format", "json")
    two = cli("check", str(tmp_path / "r"), "--jobs", "2", "--format", "json")
    assert one.stdout == two.stdout
    doc = json.loads(one.stdout)
    assert len(doc["files"]) == len(manifest.files)
    assert _rule_paths(doc, "XY-DUP") == manifest.dup


def test_a_file_over_its_time_budget_becomes_an_input_finding_and_the_batch_goes_on(tmp_path):
    for name in ("2023-huaian-hongzequ-qzf.md", "2024-huaian-szf.md", "2022-pingtan-gwh.md"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    proc = cli("check", str(tmp_path), "--jobs", "2", "--timeout", "0.000001", "--format", "json")
    assert proc.returncode == 1
    files = json.loads(proc.stdout)["files"]
    assert len(files) == 3
    for f in files:
        assert [x["rule"] for x in f["findings"]] == ["INPUT-UNREADABLE"]
        assert f["findings"][0]["category"] == "input" and "time budget" in f["error"]


def test_a_crash_in_one_file_does_not_stop_the_batch(tmp_path, monkeypatch):
    import linter.engine.run as engine
    from linter.batch.run import BatchOptions, run_batch
    from linter.settings.config import Config

    for name in ("2023-huaian-hongzequ-qzf.md", "2024-huaian-szf.md"):
        (tmp_path / name).write_bytes((CORPUS / name).read_bytes())
    real = engine.parse_outline

    def flaky(document):
        if "szf" in document.path:
            raise RecursionError("maximum recursion depth exceeded")
        return real(document)

    monkeypatch.setattr(engine, "parse_outline", flaky)
    for jobs in (1, 2):
        results = list(run_batch(sorted(tmp_path.iterdir()), Config(), BatchOptions(jobs=jobs)))
        assert [Path(r.path).name for r in results] == ["2023-huaian-hongzequ-qzf.md", "2024-huaian-szf.md"]
        assert results[0].error is None
        assert results[1].error and "RecursionError" in results[1].error
        assert [f.category for f in results[1].findings] == ["input"]


def test_a_file_that_cannot_be_read_becomes_an_input_finding(tmp_path):
    from linter.batch.run import BatchOptions, run_batch
    from linter.settings.config import Config

    good = tmp_path / "good.md"
    good.write_bytes((CORPUS / "2024-huaian-szf.md").read_bytes())
    gone = tmp_path / "gone.md"  # listed, then deleted before it is read
    results = list(run_batch([good, gone], Config(), BatchOptions(jobs=2)))
    assert [r.error is None for r in results] == [True, False]
    assert [f.rule for f in results[1].findings] == ["INPUT-UNREADABLE"]


def test_statistics_counts_per_rule_and_severity(tmp_path):
    generate(tmp_path / "r", agencies=12, seed=5, dup_every=4)
    doc = json.loads(cli("check", str(tmp_path / "r"), "--format", "json", "--jobs", "2").stdout)
    proc = cli("check", str(tmp_path / "r"), "--statistics", "--jobs", "2", "--lang", "en")
    counts: dict[str, int] = {}
    for f in doc["files"]:
        for x in f["findings"]:
            counts[x["rule"]] = counts.get(x["rule"], 0) + 1
    # the table alone (as ruff): every line of it is a count and a name
    assert all(line.split()[0].isdigit() for line in proc.stdout.splitlines() if line.strip())
    stats = {line.split()[1]: int(line.split()[0]) for line in proc.stdout.splitlines() if len(line.split()) >= 2}
    for rule, n in counts.items():
        assert stats[rule] == n
    assert stats["warning"] == doc["summary"]["warnings"] and stats["files"] == 24
    assert counts["XY-DUP"] == 3


def test_progress_bar_only_on_a_terminal(tmp_path, monkeypatch):
    import io

    from linter.batch.run import ProgressBar

    (tmp_path / "a.md").write_bytes((CORPUS / "2024-huaian-szf.md").read_bytes())
    proc = cli("check", str(tmp_path), "--jobs", "1")
    assert "\r" not in proc.stderr and "[" not in proc.stderr  # a pipe: no bar

    class Tty(io.StringIO):
        def isatty(self):
            return True

    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setenv("TERM", "xterm")
    assert ProgressBar.wanted(Tty()) and not ProgressBar.wanted(io.StringIO())
    monkeypatch.setenv("CI", "true")
    assert not ProgressBar.wanted(Tty())
    stream = Tty()
    bar = ProgressBar(stream)
    bar("check", 1, 2)
    assert "1/2" in stream.getvalue()


def test_cross_year_pairs_compared_in_forked_processes_give_the_findings_of_one_process(tmp_path, monkeypatch):
    """Many pairs of years are compared in as many processes as the batch's jobs (each reads its views from the
    spool by position); the findings, and their order, are those of the comparison in one process."""
    import linter.batch.run as batch
    from linter.settings.config import Config

    manifest = generate(tmp_path / "r", agencies=12, seed=5)
    files = sorted(str(p) for p in manifest.files)
    monkeypatch.setattr(batch, "_PAIRS_PER_PROCESS", 3)  # 12 pairs: four processes' worth

    def findings(jobs: int) -> list:
        results = batch.run_batch(files, Config(), batch.BatchOptions(jobs=jobs))
        return [(r.path, [f.to_json() for f in r.findings]) for r in results]

    forked, alone = findings(2), findings(1)
    assert forked == alone
    crossyear = {path for path, found in forked for f in found if f["rule"].startswith("XY-")}
    assert manifest.dup <= crossyear and crossyear  # cross-year findings were made, not only the others


def test_a_file_whose_lint_runs_out_of_memory_gets_the_finding_that_says_so(monkeypatch, tmp_path):
    """A MemoryError while one file is linted becomes that file's one finding naming memory (made once the
    handler has let go of the lint's memory), and the batch goes on."""
    from linter.batch import run
    from linter.engine.run import OUT_OF_MEMORY
    from linter.settings.config import Config

    def exhausted(*args, **kwargs):
        raise MemoryError

    path = tmp_path / "report.txt"
    path.write_text("一、总体情况\n", encoding="utf-8")
    monkeypatch.setattr("linter.engine.run.lint", exhausted)
    result, origin, view = run.lint_one((str(path), Config()))
    ((finding,),) = [result.findings]
    assert finding.rule == "INPUT-UNREADABLE" and finding.data["reason"] == OUT_OF_MEMORY, finding
    assert origin is None and view is None
