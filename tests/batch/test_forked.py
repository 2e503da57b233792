"""A forked child and its pipes (`linter.batch.forked`), what the worker pool stands on: messages of any size
both ways, the end of a child seen as the end of its pipe, and its exit code as the operating system gives it."""
from __future__ import annotations

import os
import signal
import subprocess
import sys

import pytest
from conftest import ROOT

from linter.batch.forked import Child

pytestmark = pytest.mark.skipif(not hasattr(os, "fork"), reason="no fork() on this platform")


def _echo(channel, times):
    for _ in range(times):
        channel.send(channel.recv())


def test_messages_larger_than_a_pipe_holds_go_both_ways_whole():
    child = Child(_echo, (3,))
    try:
        for message in (b"x" * 5_000_000, {"text": "政府信息公开" * 100_000, "n": 7}, None):
            child.channel.send(message)
            assert child.channel.recv() == message
        child.join(10)
        assert child.exitcode == 0
    finally:
        child.kill()
        child.channel.close()


def _fail(channel, how):
    if how == "exit":
        sys.exit(3)
    if how == "raise":
        raise RuntimeError("broken")
    if how == "wait":
        channel.recv()


@pytest.mark.parametrize("how, code", [("exit", 3), ("raise", 1), ("return", 0)])
def test_a_child_ends_with_the_code_its_target_gives(how, code):
    child = Child(_fail, (how,))
    with pytest.raises(EOFError):
        child.channel.recv()   # it ended without sending
    child.join(10)
    assert child.exitcode == code and not child.is_alive()
    child.channel.close()


def test_a_killed_child_is_seen_as_the_end_of_its_pipe_and_its_signal():
    child = Child(_fail, ("wait",))
    assert child.is_alive()
    child.kill()
    with pytest.raises(EOFError):
        child.channel.recv()
    child.join(10)
    assert child.exitcode == -signal.SIGKILL
    child.channel.close()
    with pytest.raises(OSError):
        child.channel.send("after close")


def test_what_the_parent_printed_before_the_fork_is_written_once():
    code = ("import sys; from linter.batch.forked import Child\n"
            "print('before', end='')\n"
            "c = Child(lambda ch: print('child'), ()); c.join(10); print(c.exitcode)\n")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True,
                         env=dict(os.environ, PYTHONPATH=str(ROOT))).stdout
    assert out.count("before") == 1 and "child" in out and out.rstrip().endswith("0")
