"""Compiled regular expressions kept between runs (linter.regexcache): a pattern built from the table is the
pattern the standard library compiles, in every process, and a damaged or switched-off table changes nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

# Patterns of the kinds the linter compiles: Chinese ranges, named groups, flags inline and given, bytes.
PROBE = r"""
import json, re, sys
from linter import regexcache
installed = regexcache.install()
import _sre
cases = [(r"[\u4e00-\u9fff]+(?P<n>\d+)[件条篇]", 0), (r"(?i)annual\s+report", 0), (r"^\s*[一二三四五六]\s*[、．.]", re.M),
         (rb"\x00+[a-z]{2,}", 0), (r"(?x) a b  # comment", re.I)]
out = []
for pattern, flags in cases:
    got = re.compile(pattern, flags)
    text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
    out.append([text, got.flags, got.groups, dict(got.groupindex), repr(got.search(pattern if isinstance(pattern, str) else pattern))])
regexcache.save()
print(json.dumps({"installed": installed, "results": out, "added": len(regexcache._state.get("added", {}))}))
"""


def _run(env: dict) -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE], env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _reference() -> list:
    """The same probe with the table switched off: what `re` makes of the patterns on its own."""
    return _run({"REPORT_LINT_NO_RULE_CACHE": "1"})


def test_patterns_from_the_table_are_the_ones_re_compiles(tmp_path):
    env = {"REPORT_LINT_CACHE_DIR": str(tmp_path)}
    reference = _reference()
    assert reference["installed"] is False
    first = _run(env)
    (table,) = tmp_path.glob("regex-*.marshal")
    written = table.stat().st_mtime_ns
    second = _run(env)
    assert first["installed"] and second["installed"]
    assert first["results"] == second["results"] == reference["results"]
    assert second["added"] == 0 and table.stat().st_mtime_ns == written  # all found: nothing to write


def test_a_pattern_from_the_table_equals_a_fresh_compilation(tmp_path):
    """`Pattern.__eq__` compares the compiled code: the table's pattern is byte for byte the library's."""
    code = ("import re, sys; from linter import regexcache; regexcache.install(); "
            "p = re.compile(r'[\\u4e00-\\u9fa5A-Za-z0-9]+(?:件|条)', re.I); "
            "regexcache.uninstall(); re.purge(); print(p == re.compile(p.pattern, re.I), regexcache.save())")
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_CACHE_DIR=str(tmp_path))
    for _ in range(2):  # the first run fills the table, the second builds the pattern from it
        run = subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True, check=True)
        assert run.stdout.split()[0] == "True"


def test_a_damaged_table_is_ignored_and_rewritten(tmp_path):
    env = {"REPORT_LINT_CACHE_DIR": str(tmp_path)}
    reference = _reference()
    _run(env)
    (table,) = tmp_path.glob("regex-*.marshal")
    table.write_bytes(b"\x00damaged")
    assert _run(env)["results"] == reference["results"]
    assert table.read_bytes() != b"\x00damaged"


def test_a_check_writes_the_table_once(tmp_path):
    """The patterns of a whole `check` are the same in every process (none built from an unordered set), so
    a second run finds every one and writes nothing."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_CACHE_DIR=str(tmp_path))
    example = ROOT / "examples" / "2023-wendeng-zetou-town.txt"
    outputs = []
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", str(example)],
                             env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, cwd=ROOT)
        outputs.append(run.stdout)
        if seed == "1":
            (table,) = tmp_path.glob("regex-*.marshal")
            written = table.stat().st_mtime_ns
    assert outputs[0] == outputs[1] and '"findings"' in outputs[0]
    assert table.stat().st_mtime_ns == written
