"""Cold start: the whole `report-lint check` process on the example, next to the floor processes
`python -c pass` and `python -c 'import jieba; jieba.initialize()'`, measured in the same run.

    python tests/benchmarks/bench_startup.py
"""
from __future__ import annotations

from _util import EXAMPLE, PY, figure, process_seconds


def main() -> None:
    floor = process_seconds([PY, "-c", "pass"])
    jieba = process_seconds([PY, "-c", "import jieba; jieba.initialize()"])
    check = process_seconds([PY, "-m", "linter", "check", str(EXAMPLE)])
    figure("python -c pass", floor)
    figure("python -c 'import jieba; jieba.initialize()'", jieba)
    figure("report-lint check example (cold)", check, ratio=check / jieba, against="jieba init (target ≤ 0.45)")


if __name__ == "__main__":
    main()
