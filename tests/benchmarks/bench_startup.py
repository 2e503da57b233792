"""Cold start: the whole `report-lint check` process on the example, next to the floor processes
`python -c pass` and `python -c 'import jieba; jieba.initialize()'`, measured in the same run, in interleaved rounds (one of each per round) so that load changes hit all alike.
The linter's per-user caches (rules, grammar tables, jieba's dictionary) are warm after the first run.

    python tests/benchmarks/bench_startup.py
"""
from __future__ import annotations

from _util import EXAMPLE, PY, figure, interleaved_medians, process_runner


def main() -> None:
    floor, jieba, check = interleaved_medians([
        process_runner([PY, "-c", "pass"]),
        process_runner([PY, "-c", "import jieba; jieba.initialize()"]),
        process_runner([PY, "-m", "linter", "check", str(EXAMPLE)]),
    ], repeat=9)
    figure("python -c pass", floor)
    figure("python -c 'import jieba; jieba.initialize()'", jieba)
    figure("report-lint check example (cold)", check, ratio=check / jieba, against="jieba init (target ≤ 0.45)")


if __name__ == "__main__":
    main()
