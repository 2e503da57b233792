"""The cyclic garbage collector around a lint: paused while a small report is read and checked, on while a long
text is checked (what its cycles hold must stay bounded), and on again after the lint whatever happened in it."""
from __future__ import annotations

import gc

import pytest

from linter.engine import run
from linter.engine.run import lint, load_rules
from linter.settings.config import Config

REPORT = "一、总体情况\n2023年，本机关主动公开政府信息12条。\n二、主动公开政府信息情况\n本年新制作规章0件。\n"


@pytest.fixture()
def config() -> Config:
    config = Config()
    load_rules(config)
    return config


@pytest.fixture(autouse=True)
def collector_on():
    was = gc.isenabled()
    gc.enable()
    yield
    if not was:
        gc.disable()


def _collector_while_checked(data: bytes, path: str, config: Config) -> list[bool]:
    seen: list[bool] = []  # `on_analysis` is called as the checks begin
    lint(data, path, config, on_analysis=lambda analysis: seen.append(gc.isenabled()))
    return seen


def test_a_small_report_is_checked_with_the_collector_paused_and_it_is_on_again_after(config):
    assert _collector_while_checked(REPORT.encode(), "report.txt", config) == [False]
    assert gc.isenabled()


def test_a_long_text_is_checked_with_the_collector_on(config):
    long_report = (REPORT * (run._CHECKED_WITHOUT_COLLECTOR // len(REPORT) + 1)).encode()
    assert len(long_report.decode()) > run._CHECKED_WITHOUT_COLLECTOR
    assert _collector_while_checked(long_report, "report.txt", config) == [True]
    assert gc.isenabled()


def test_the_collector_is_on_again_after_a_check_that_fails(config, monkeypatch):
    def failing(*args):
        raise RuntimeError("a check failed")

    monkeypatch.setattr(run, "run_rules", failing)
    with pytest.raises(RuntimeError):
        lint(REPORT.encode(), "report.txt", config)
    assert gc.isenabled()


def test_an_unreadable_file_leaves_the_collector_on(config):
    result = lint(b"\x00\x01\x02 binary", "report.txt", config)
    assert result.error
    assert gc.isenabled()
