"""Warm path: per-report lint time inside one process (the engine API, every rule on) for the example, the
largest corpus report and the largest reports of the ecosystem corpus (crawled pages, a table run into the
text), next to one jieba cut of the same text; then the ecosystem reports together, so that the figure is not
one file's.  The claim reader remembers the parse of each shape of list it meets (a few a report; 30 % of
them met again across the 99 ecosystem reports): a benchmark that lints the same reports again would find every
one remembered, so that memory is emptied before each lint, as a batch of different reports mostly finds it.

    python tests/benchmarks/bench_warm.py
"""
from __future__ import annotations

import sys

from _util import EXAMPLE, ROOT, figure, interleaved_medians, largest_corpus_report

sys.path.insert(0, str(ROOT))

ECOSYSTEM = ROOT / "tests" / "ecosystem" / "corpus"
ECOSYSTEM_REPORTS = 10  # the largest, by size


def largest_ecosystem_reports(n: int = ECOSYSTEM_REPORTS):
    return sorted(ECOSYSTEM.rglob("*.txt"), key=lambda p: (-p.stat().st_size, str(p)))[:n]


def main() -> None:
    import jieba

    from linter.settings.config import Config
    from linter.engine.run import lint as lint_remembering, load_rules
    from linter.language import claims

    def lint(*args):
        claims._PARSES.clear()
        return lint_remembering(*args)

    jieba.setLogLevel(60)
    config = Config()
    load_rules(config)
    ecosystem = largest_ecosystem_reports()
    for path in (EXAMPLE, largest_corpus_report(), *ecosystem[:3]):
        data = path.read_bytes()
        text = data.decode("utf-8")
        lint(data, str(path), config)
        cut, warm = interleaved_medians([lambda: list(jieba.cut(text, HMM=False)),
                                         lambda: lint(data, str(path), config)], repeat=15)
        figure(f"jieba cut {path.name}", cut)
        figure(f"warm lint {path.name}", warm, ratio=warm / cut, against="jieba cut (target ≤ 1)")
    # the reports one after another, as a batch lints them
    reports = [(p.read_bytes(), str(p)) for p in ecosystem]
    texts = [data.decode("utf-8") for data, _ in reports]

    def cut_all():
        for text in texts:
            list(jieba.cut(text, HMM=False))

    def lint_all():
        for data, name in reports:
            lint(data, name, config)

    cut, warm = interleaved_medians([cut_all, lint_all], repeat=9)
    figure(f"jieba cut, {len(reports)} ecosystem reports", cut)
    figure(f"warm lint, {len(reports)} ecosystem reports", warm, ratio=warm / cut, against="jieba cut (target ≤ 1)")


if __name__ == "__main__":
    main()
