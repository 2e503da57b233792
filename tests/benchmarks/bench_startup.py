"""Cold start: the whole `report-lint check` process on the example, next to the floor processes
`python -c pass` and `python -c 'import jieba; jieba.initialize()'`, measured in the same run, in interleaved
rounds (one of each per round).  The ratio is the median of the rounds' own ratios: the two processes of a
round run moments apart, so a change in the machine's load between rounds (another job starting on a shared
machine) moves both and the ratio keeps still, where the ratio of the two medians would swing with it.

The linter's per-user caches (rules, parse tables, jieba's dictionary, compiled patterns and dataclass
methods) are warm after the first run, and the package's bytecode is compiled first, as an installation has
it (with PYTHONDONTWRITEBYTECODE set, a checkout would otherwise compile its changed modules in every run).

    python tests/benchmarks/bench_startup.py
"""
from __future__ import annotations

import compileall
import os
import statistics

from _util import EXAMPLE, PY, ROOT, figure, interleaved_times, process_runner

TARGET = 0.25
ROUNDS = 15


def main() -> None:
    compileall.compile_dir(str(ROOT / "linter"), quiet=1)
    load = os.getloadavg()[0]
    times = interleaved_times([process_runner([PY, "-c", "pass"]),
                               process_runner([PY, "-c", "import jieba; jieba.initialize()"]),
                               process_runner([PY, "-m", "linter", "check", str(EXAMPLE)])], repeat=ROUNDS)
    floor, jieba, check = (statistics.median(t) for t in times)
    ratio = statistics.median(c / j for c, j in zip(times[2], times[1]))
    figure("python -c pass", floor)
    figure("python -c 'import jieba; jieba.initialize()'", jieba)
    figure("report-lint check example (cold)", check, ratio=ratio,
           against=f"jieba init (target ≤ {TARGET}; median of {ROUNDS} rounds' ratios)")
    print(f"{os.cpu_count()} CPUs, load average {load:.2f} at start, {os.getloadavg()[0]:.2f} at end", flush=True)


if __name__ == "__main__":
    main()
