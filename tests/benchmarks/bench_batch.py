"""Batch: reports per second over a folder of 1,000 reports with `--jobs 1` and `--jobs 2`, and the peak
resident memory of the largest process (main or worker) at 200 and at 1,000 reports.

The folder is generated in a temporary directory from the corpus reports (.txt/.md/.html), copied round
robin under distinct names.  Each run is a whole `report-lint check --jobs N DIR` process started from a
small wrapper that reports `ru_maxrss` of its waited descendants (on Linux, the largest single process).

    python tests/benchmarks/bench_batch.py [repeat]
"""
from __future__ import annotations

import json
import os
import shutil
import statistics
import subprocess
import sys
import tempfile
from pathlib import Path

from _util import CORPUS, PY, ROOT, figure

_WRAPPER = """
import json, resource, subprocess, sys, time
t = time.perf_counter()
rc = subprocess.run(sys.argv[1:], stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL).returncode
elapsed = time.perf_counter() - t
print(json.dumps({"rc": rc, "seconds": elapsed, "maxrss_kb": resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss}))
"""


def has_jobs_option() -> bool:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    out = subprocess.run([PY, "-m", "linter", "check", "--help"], cwd=ROOT, env=env, capture_output=True, text=True)
    return "--jobs" in out.stdout


def make_folder(directory: Path, count: int) -> None:
    reports = sorted(p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.md")
    directory.mkdir()
    for i in range(count):
        src = reports[i % len(reports)]
        shutil.copyfile(src, directory / f"{i:04d}-{src.name}")


def run(folder: Path, jobs: int) -> dict:
    env = dict(os.environ, PYTHONPATH=str(ROOT))
    argv = [PY, "-c", _WRAPPER, PY, "-m", "linter", "check", "--jobs", str(jobs), "--format", "json", str(folder)]
    out = subprocess.run(argv, cwd=ROOT, env=env, capture_output=True, text=True, check=True)
    result = json.loads(out.stdout)
    if result["rc"] not in (0, 1):
        raise SystemExit(f"report-lint check --jobs {jobs} {folder} exited with {result['rc']}")
    return result


def main() -> None:
    repeat = int(sys.argv[1]) if len(sys.argv) > 1 else 3
    if not has_jobs_option():
        print(f"{'batch':<48} skipped: `check --jobs` is not available in this build", flush=True)
        return
    with tempfile.TemporaryDirectory(prefix="report-lint-bench-") as tmp:
        big, small = Path(tmp) / "reports-1000", Path(tmp) / "reports-200"
        make_folder(big, 1000)
        make_folder(small, 200)
        rate = {}
        for jobs in (1, 2):
            runs = [run(big, jobs) for _ in range(repeat)]
            rate[jobs] = 1000 / statistics.median(r["seconds"] for r in runs)
            figure(f"batch 1,000 reports --jobs {jobs}", rate[jobs], unit="reports/s",
                   ratio=rate[jobs] / rate[1] if jobs == 2 else None,
                   against="--jobs 1 (target ≥ 1.7)" if jobs == 2 else None)
            rss_big = statistics.median(r["maxrss_kb"] for r in runs) / 1024
            rss_small = statistics.median(run(small, jobs)["maxrss_kb"] for _ in range(repeat)) / 1024
            figure(f"batch peak RSS --jobs {jobs} at 200 reports", rss_small, unit="MB")
            figure(f"batch peak RSS --jobs {jobs} at 1,000 reports", rss_big, unit="MB", ratio=rss_big / rss_small,
                   against="at 200 (target ≤ 1.10)")


if __name__ == "__main__":
    main()
