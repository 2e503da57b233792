"""Resource limits under load: a 20 MB report is refused quickly; 1 MB and 5 MB reports are linted in
time linear in their size and within bounded memory.  Each case runs in its own process, which reports
its wall and CPU time and its peak RSS (resident set size); the 5 MB / 1 MB ratio of CPU time shows
whether the pipeline stays linear.

    python tests/benchmarks/bench_limits.py

Inputs are generated: a real corpus report repeated (every section many times over, ~500 findings per
MB) and the same report as one line (a crawled page), so that the structure parser, the checks and the
outputs all see the size.  Not part of the default test run.
"""
from __future__ import annotations

import json
import os
import subprocess
import sys
import tempfile
from pathlib import Path

from _util import CORPUS, PY, ROOT, figure

MB = 1024 * 1024

CHILD = r"""
import json, resource, sys, time
sys.path.insert(0, sys.argv[1])
from linter.settings.config import Config
from linter.engine.run import lint, load_rules
from linter.output import render
from linter.output.options import OutputOptions
config = Config()
rules = load_rules(config)
path = sys.argv[2]
start, cpu = time.perf_counter(), time.process_time()
if sys.argv[3] == "stat":   # what the CLI does: refuse by size before reading
    import os
    from linter.engine.run import oversized
    result = oversized(path, "txt", config) if os.path.getsize(path) > config.max_bytes else None
else:
    with open(path, "rb") as fh:
        data = fh.read()
    result = lint(data, path, config)
    render("text", [result], {r.id: r for r in rules}, OutputOptions(lang="zh", color=False))
seconds, cpu = time.perf_counter() - start, time.process_time() - cpu
print(json.dumps({"seconds": seconds, "cpu": cpu, "peak_rss_mb": resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,
                  "findings": len(result.findings), "error": result.error}))
"""


def make_report(path: Path, size: int, one_line: bool = False) -> None:
    text = (CORPUS / "2024-huaian-szf.txt").read_text(encoding="utf-8")
    if one_line:
        text = text.replace("\n", " ")
    unit = text.encode("utf-8")
    with path.open("wb") as fh:
        written = 0
        while written < size:
            fh.write(unit)
            written += len(unit)


def run_case(path: Path, mode: str = "lint") -> dict:
    out = subprocess.run([PY, "-c", CHILD, str(ROOT), str(path), mode], capture_output=True, text=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT)), check=True)
    return json.loads(out.stdout.strip().splitlines()[-1])


def main() -> None:
    with tempfile.TemporaryDirectory() as tmp:
        tmpdir = Path(tmp)
        tiny = tmpdir / "tiny.txt"
        make_report(tiny, 1)
        base = run_case(tiny)
        figure("baseline: one report (11 KB)", base["seconds"])
        figure("baseline peak RSS", base["peak_rss_mb"], unit="MB")

        huge = tmpdir / "huge.txt"
        make_report(huge, 20 * MB + 1)
        refused = run_case(huge, "stat")
        assert refused["error"], refused
        figure("20 MB report refused (by size, unread)", refused["seconds"])
        figure("20 MB report refused: peak RSS", refused["peak_rss_mb"], unit="MB")
        read_refused = run_case(huge, "lint")
        assert read_refused["error"], read_refused
        figure("20 MB bytes passed to lint() refused", read_refused["seconds"])
        figure("20 MB bytes passed to lint(): peak RSS", read_refused["peak_rss_mb"], unit="MB")

        results = {}
        for label, size, one_line in (("1 MB report", MB, False), ("5 MB report", 5 * MB, False),
                                      ("1 MB one-line page", MB, True), ("5 MB one-line page", 5 * MB, True)):
            f = tmpdir / f"{label.replace(' ', '-')}.txt"
            make_report(f, size, one_line)
            r = run_case(f)
            assert r["error"] is None, r
            results[label] = r
            figure(f"{label}: lint + text output, wall ({r['findings']} findings)", r["seconds"])
            figure(f"{label}: lint + text output, CPU", r["cpu"])
            figure(f"{label}: peak RSS", r["peak_rss_mb"], unit="MB")
        for kind in ("report", "one-line page"):
            small, big = results[f"1 MB {kind}"], results[f"5 MB {kind}"]
            figure(f"CPU time 5 MB / 1 MB ({kind}; linear = 5)", big["cpu"] / small["cpu"], unit="×")
            figure(f"RSS above baseline per MB ({kind}, 5 MB)",
                   (big["peak_rss_mb"] - base["peak_rss_mb"]) / 5, unit="MB")


if __name__ == "__main__":
    sys.exit(main())
