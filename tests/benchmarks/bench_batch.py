"""Batch throughput: reports per second for a generated folder of 1,000 reports (500 agencies, two years
each, real corpus text) with --jobs 1 and --jobs 2, and the peak RSS of the CLI and its workers.

    python tests/benchmarks/bench_batch.py [--reports 1000]
"""
from __future__ import annotations

import argparse
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from _util import PY, ROOT, figure

sys.path.insert(0, str(ROOT))

_MEASURE = ("import resource, subprocess, sys; subprocess.run(sys.argv[1:]); "
            "print(resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss)")


def run(folder: Path, jobs: int, out: Path) -> tuple[float, int]:
    """(wall seconds, peak RSS in KiB) of one `check` over the folder."""
    import os

    env = dict(os.environ, PYTHONPATH=str(ROOT))
    env.pop("CI", None)
    start = time.perf_counter()
    proc = subprocess.run([PY, "-c", _MEASURE, PY, "-m", "linter", "check", str(folder), "--jobs", str(jobs),
                           "--format", "json", "-o", str(out)], cwd=ROOT, env=env, capture_output=True, text=True)
    return time.perf_counter() - start, int(proc.stdout.split()[-1])


def main() -> None:
    from tests.batchgen import generate

    parser = argparse.ArgumentParser()
    parser.add_argument("--reports", type=int, default=1000)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        folder = Path(tmp) / "reports"
        generate(folder, agencies=args.reports // 2)
        n = 2 * (args.reports // 2)
        for jobs in (1, 2):
            seconds, rss = run(folder, jobs, Path(tmp) / f"out{jobs}.json")
            figure(f"batch {n} reports --jobs {jobs}", n / seconds, unit="reports/s")
            figure(f"batch {n} reports --jobs {jobs} peak RSS", rss / 1024, unit="MiB")


if __name__ == "__main__":
    main()
