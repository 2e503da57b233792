"""The server's lint workers and debounce, in this process: the pause after a change follows the document's
recent lint time within its bounds, a lint over the memory budget ends in one diagnostic that says so, and
where `fork` is missing lints run in a thread and a stale result is dropped."""
from __future__ import annotations

import asyncio

import hostile
import pytest
from conftest import EXAMPLE

from linter.batch.pool import Budget
from linter.lsp import debounce, workers
from linter.lsp.debounce import Debounce
from linter.lsp.workers import LintWorkers, lint_text
from linter.settings.config import Config


def test_the_pause_after_a_change_follows_the_documents_recent_lint_time():
    pause = Debounce()
    assert pause.delay("a") == debounce.LONGEST  # nothing linted yet: the longest pause
    pause.record("a", 0.040)
    assert pause.delay("a") == pytest.approx(0.040 * debounce.FACTOR)
    assert pause.delay("b") == pytest.approx(0.040 * debounce.FACTOR)  # a new document: the last lint of any
    pause.record("a", 0.020)  # a moving average: half of the newest
    assert pause.delay("a") == pytest.approx(0.030 * debounce.FACTOR)
    pause.record("big", 12.0)
    assert pause.delay("big") == debounce.LONGEST
    pause.record("tiny", 0.0001)
    assert pause.delay("tiny") == debounce.SHORTEST
    pause.forget("a")
    assert pause.delay("a") == debounce.SHORTEST  # forgotten: the last lint of any document again


def test_a_fixed_pause_from_the_environment(monkeypatch):
    monkeypatch.setenv("REPORT_LINT_LSP_DEBOUNCE", "0.25")
    pause = Debounce(debounce.fixed_debounce())
    pause.record("a", 0.01)
    assert pause.delay("a") == 0.25
    monkeypatch.setenv("REPORT_LINT_LSP_DEBOUNCE", "soon")
    assert debounce.fixed_debounce() is None


def _lint_all(lints: LintWorkers, requests: list[tuple[str, int, str]], expect: int) -> list[tuple]:
    """Run `lints` on an event loop: each (document, version, text) requested in turn; the first `expect`
    results as (document, version, result, seconds)."""
    async def run() -> list[tuple]:
        loop = asyncio.get_running_loop()
        lints.start(loop)
        got: list[tuple] = []
        finished = asyncio.Event()

        def done(key):
            def publish(version, result, seconds):
                got.append((key, version, result, seconds))
                if len(got) == expect:
                    finished.set()
            return publish

        for key, version, text in requests:
            lints.lint(key, version, (text, f"{key}.txt", Config()), done(key))
        await asyncio.wait_for(finished.wait(), 120)
        return got

    try:
        return asyncio.run(run())
    finally:
        lints.close()


def _memory_case(path: str, budget: int, answer) -> None:
    """In a fresh interpreter: a server's workers (forked warm) lint the file under a memory budget."""
    workers.warm()
    text = open(path, encoding="utf-8").read()
    ((key, version, result, _),) = _lint_all(LintWorkers(Budget(seconds=0, memory=budget)), [("crawled", 1, text)], 1)
    answer.send((key, version, [(f.rule, f.data) for f in result.findings]))


def test_a_lint_over_the_memory_budget_is_not_checked(tmp_path):
    """Run in a fresh interpreter: the memory of a worker is watched as it grows beyond the process it was
    forked from, and a test process of many tests has room to grow inside its own heap."""
    import multiprocessing

    page = hostile.one_line_text(tmp_path / "crawled.txt", 4 * hostile.MB)  # far more than 16 MB more to lint
    context = multiprocessing.get_context("spawn")
    answer, sent = context.Pipe(duplex=False)
    process = context.Process(target=_memory_case, args=(str(page), 16 * 1024 * 1024, sent))
    process.start()
    try:
        assert answer.poll(300), "no answer"
        key, version, findings = answer.recv()
    finally:
        process.join(10)
    ((rule, data),) = findings
    assert (key, version, rule) == ("crawled", 1, "INPUT-UNREADABLE")
    assert "memory" in data["reason"], data  # killed by the watch, or stopped by its RLIMIT_DATA


def test_without_fork_lints_run_in_a_thread_and_a_stale_result_is_dropped(monkeypatch):
    monkeypatch.setattr(workers, "fork_available", lambda: False)
    example = EXAMPLE.read_text(encoding="utf-8")
    edited = example + "我们将继续扩宽公开渠道。\n"
    lints = LintWorkers()
    assert lints.pool is None
    got = _lint_all(lints, [("r", 1, example), ("r", 2, edited)], 1)
    ((key, version, result, seconds),) = got
    assert (key, version) == ("r", 2) and seconds > 0
    assert [f.rule for f in result.findings] == [f.rule for f in lint_text(edited, "r.txt", Config()).findings]
    assert "WORDING-KUOKUAN" in {f.rule for f in result.findings}  # the second text's, not the first's


def test_a_lint_that_runs_out_of_memory_gives_the_finding_that_says_so(monkeypatch):
    """A MemoryError in the lint becomes the one finding that names memory, made once the handler has let go of
    the exception (whose traceback holds what the lint allocated)."""
    from linter.engine.run import OUT_OF_MEMORY
    from linter.lsp import workers
    from linter.settings.config import Config

    def exhausted(source, name, cfg):
        raise MemoryError

    monkeypatch.setattr(workers, "lint_text", exhausted)
    result, _ = workers.lint_item(("一、总体情况\n", "draft.txt", Config()))
    ((finding,),) = [result.findings]
    assert finding.rule == "INPUT-UNREADABLE" and finding.data["reason"] == OUT_OF_MEMORY, finding
