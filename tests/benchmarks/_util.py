"""Shared helpers of the benchmark scripts: medians of repeated runs, figures printed one per line."""
from __future__ import annotations

import os
import statistics
import subprocess
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "2023-wendeng-zetou-town.txt"
CORPUS = ROOT / "tests" / "fixtures" / "corpus"


def largest_corpus_report() -> Path:
    candidates = [p for p in CORPUS.iterdir() if p.suffix in (".txt", ".md", ".html")]
    return max(candidates, key=lambda p: p.stat().st_size)


def median_seconds(fn, repeat: int = 7, warmup: int = 1) -> float:
    for _ in range(warmup):
        fn()
    times = []
    for _ in range(repeat):
        t = time.perf_counter()
        fn()
        times.append(time.perf_counter() - t)
    return statistics.median(times)


def interleaved_medians(fns: list, repeat: int = 7, warmup: int = 1) -> list[float]:
    """Median time of each function, run in rounds (one of each per round) so that a change in the
    machine's load affects all of them alike — the ratios stay meaningful on a busy machine."""
    return [statistics.median(t) for t in interleaved_times(fns, repeat, warmup)]


def interleaved_times(fns: list, repeat: int = 7, warmup: int = 1) -> list[list[float]]:
    """The times of each function in every round (one of each per round), in the order of the rounds."""
    for _ in range(warmup):
        for fn in fns:
            fn()
    times: list[list[float]] = [[] for _ in fns]
    for _ in range(repeat):
        for i, fn in enumerate(fns):
            t = time.perf_counter()
            fn()
            times[i].append(time.perf_counter() - t)
    return times


def process_runner(argv: list[str], env: dict | None = None):
    """A function running `argv` as a whole process (output discarded) from the repository root."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))

    def run():
        subprocess.run(argv, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    return run


def process_seconds(argv: list[str], repeat: int = 7, env: dict | None = None) -> float:
    """Median wall time of a whole process."""
    full_env = dict(os.environ, PYTHONPATH=str(ROOT), **(env or {}))

    def run():
        subprocess.run(argv, cwd=ROOT, env=full_env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False)

    return median_seconds(run, repeat=repeat, warmup=1)


def figure(name: str, value: float, unit: str = "s", ratio: float | None = None, against: str | None = None) -> None:
    text = f"{name:<48} {value * 1000:9.1f} ms" if unit == "s" else f"{name:<48} {value:9.1f} {unit}"
    if ratio is not None:
        text += f"   ratio {ratio:5.2f}" + (f" × {against}" if against else "")
    print(text, flush=True)


PY = sys.executable
