"""Prose checks (PROSE-*, WORDING-* and TX-*, i.e. tokenisation, quantities and the rules) on the largest corpus
report, next to one jieba cut of the same text.  Not part of the default test run:

    python tests/benchmarks/bench_prose.py
"""
from __future__ import annotations

import sys

from _util import ROOT, figure, interleaved_medians, largest_corpus_report

sys.path.insert(0, str(ROOT))


def main() -> None:
    from linter.settings.config import Config
    from linter.engine.run import analyse, load_rules, run_rules
    from linter.language import claims
    from linter.language.segmentation import segmenter

    config = Config()
    rules = [r for r in load_rules(config) if r.id.startswith(("PROSE-", "WORDING-", "TX-"))]
    path = largest_corpus_report()
    data = path.read_bytes()
    text = data.decode("utf-8")
    jieba_tk = segmenter().jieba_tokenizer()  # the same dictionary the rules use

    def prose():  # a fresh document each time: nothing cached between runs (bench_warm.py says why the
        claims._PARSES.clear()  # claim reader's memory of list shapes is emptied too)
        run_rules(analyse(data, str(path), config), rules)

    def parse_only():
        analyse(data, str(path), config)

    # interleaved rounds: a change in the machine's load hits the cut and the checks alike
    cut, parse, total = interleaved_medians([lambda: list(jieba_tk.cut(text, HMM=False)), parse_only, prose],
                                            repeat=21, warmup=2)
    figure(f"jieba cut {path.name} ({len(text)} chars)", cut)
    figure(f"read+parse {path.name}", parse)
    figure(f"prose checks ({len(rules)} rules) incl. read+parse", total, ratio=total / cut,
           against="jieba cut (target ≤ 1)")
    figure("prose checks alone", total - parse, ratio=(total - parse) / cut, against="jieba cut")


if __name__ == "__main__":
    main()
