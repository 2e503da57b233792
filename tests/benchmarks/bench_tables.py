"""Time to read the largest corpus report, next to the time to extract and check its tables.

Run by hand (not part of the test suite):  PYTHONPATH=. python tests/benchmarks/bench_tables.py [N]
"""
from __future__ import annotations

import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT))

from linter.settings.config import Config  # noqa: E402
from linter.checks.context import Context  # noqa: E402
from linter.engine.run import run_rules, selected_rules, Analysis  # noqa: E402
from linter.document.readers import read_document  # noqa: E402
from linter.outline.parser import parse_outline  # noqa: E402
from linter.tables import build_tables  # noqa: E402


def best(fn, n: int) -> float:
    times = []
    for _ in range(n):
        t0 = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t0)
    return min(times)


def main() -> None:
    n = int(sys.argv[1]) if len(sys.argv) > 1 else 20
    corpus = ROOT / "tests" / "fixtures" / "corpus"
    reports = [p for p in corpus.iterdir() if p.suffix in (".txt", ".md", ".html") and p.name != "SOURCES.md"]
    path = max(reports, key=lambda p: p.stat().st_size)
    data = path.read_bytes()
    config = Config()
    rules = [r for r in selected_rules(config) if r.id.startswith(("TABLE", "T2-", "T3-", "T4-"))]
    document = read_document(data, str(path))
    outline = parse_outline(document)

    read = best(lambda: read_document(data, str(path)), n)
    parse = best(lambda: parse_outline(document), n)
    extract = best(lambda: build_tables(Context(document, outline, config)), n)
    check = best(lambda: run_rules(Analysis(document, Context(document, outline, config)), rules), n)
    print(f"{path.name} ({len(data)} bytes, best of {n})")
    print(f"  read the file              {read * 1000:8.2f} ms")
    print(f"  parse the structure        {parse * 1000:8.2f} ms")
    print(f"  extract the tables         {extract * 1000:8.2f} ms")
    print(f"  extract + check ({len(rules)} rules) {check * 1000:8.2f} ms")


if __name__ == "__main__":
    main()
