"""Run every benchmark script (`bench_*.py` beside this file), each in its own process, and print their
figures: one line per figure, the median of several runs, and its ratio against the floor or target.

    python tests/benchmarks/run_all.py            # all of them
    python tests/benchmarks/run_all.py startup    # only scripts whose name contains a word given

Not part of the test suite: timings depend on the machine and its load (compare ratios, not times).
"""
from __future__ import annotations

import os
import platform
import subprocess
import sys
import time
from pathlib import Path

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
ORDER = ("bench_startup.py", "bench_warm.py", "bench_editor.py", "bench_batch.py")


def scripts(words: list[str]) -> list[Path]:
    found = sorted(HERE.glob("bench_*.py"), key=lambda p: (ORDER.index(p.name) if p.name in ORDER else len(ORDER), p.name))
    return [p for p in found if not words or any(w in p.stem for w in words)]


def main() -> int:
    load = os.getloadavg()[0] if hasattr(os, "getloadavg") else float("nan")
    print(f"# report-lint benchmarks — Python {platform.python_version()}, {os.cpu_count()} CPUs, "
          f"load average {load:.2f} at start; medians of several runs", flush=True)
    env = dict(os.environ, PYTHONPATH=str(ROOT) + os.pathsep + os.environ.get("PYTHONPATH", ""))
    failed = 0
    for script in scripts(sys.argv[1:]):
        print(f"## {script.name}", flush=True)
        start = time.perf_counter()
        rc = subprocess.run([sys.executable, str(script)], cwd=HERE, env=env).returncode
        if rc:
            failed += 1
            print(f"!! {script.name} exited with {rc}", flush=True)
        print(f"   ({time.perf_counter() - start:.0f} s)", flush=True)
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
