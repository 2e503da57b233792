"""Warm path: per-report lint time inside one process (the engine API) for the example and the largest
corpus report, next to one jieba cut of the same text.

    python tests/benchmarks/bench_warm.py
"""
from __future__ import annotations

import sys

from _util import EXAMPLE, ROOT, figure, interleaved_medians, largest_corpus_report

sys.path.insert(0, str(ROOT))


def main() -> None:
    import jieba

    from linter.settings.config import Config
    from linter.engine.run import lint, load_rules

    jieba.setLogLevel(60)
    config = Config()
    load_rules(config)
    for path in (EXAMPLE, largest_corpus_report()):
        data = path.read_bytes()
        text = data.decode("utf-8")
        lint(data, str(path), config)
        cut, warm = interleaved_medians([lambda: list(jieba.cut(text, HMM=False)),
                                         lambda: lint(data, str(path), config)], repeat=15)
        figure(f"jieba cut {path.name}", cut)
        figure(f"warm lint {path.name}", warm, ratio=warm / cut, against="jieba cut (target ≤ 2)")


if __name__ == "__main__":
    main()
