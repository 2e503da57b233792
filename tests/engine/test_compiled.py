"""Compiled forms kept between runs (linter.compiled): a pattern or a dataclass built from the tables behaves
as the standard library makes it, in every process, and a damaged or switched-off table changes nothing."""
from __future__ import annotations

import json
import os
import subprocess
import sys

from conftest import ROOT

# Patterns of the kinds the linter compiles (Chinese ranges, named groups, flags inline and given, bytes) and
# a dataclass with defaults, a factory, ordering and a frozen twin: what each does is printed.
PROBE = r"""
import json, re, sys
from linter import compiled
installed = compiled.install()
from dataclasses import dataclass, field
cases = [(r"[\u4e00-\u9fff]+(?P<n>\d+)[件条篇]", 0), (r"(?i)annual\s+report", 0), (r"^\s*[一二三四五六]\s*[、．.]", re.M),
         (rb"\x00+[a-z]{2,}", 0), (r"(?x) a b  # comment", re.I)]
patterns = []
for pattern, flags in cases:
    got = re.compile(pattern, flags)
    text = pattern if isinstance(pattern, str) else pattern.decode("latin-1")
    patterns.append([text, got.flags, got.groups, dict(got.groupindex), repr(got.search(pattern))])

@dataclass(order=True)
class Count:
    value: int
    unit: str = "件"
    parts: list = field(default_factory=list)

@dataclass(frozen=True, slots=True)
class Span:
    start: int
    end: int

a, b = Count(3), Count(3, "条", [1])
try:
    Span(1, 2).start = 5
    frozen = "assigned"
except Exception as exc:
    frozen = type(exc).__name__
classes = [repr(a), a == Count(3), a < b, sorted([b, a]) == [a, b], hash(Span(1, 2)) == hash(Span(1, 2)), frozen,
           repr(Count.__init__.__annotations__)]  # objects, not strings: no future feature leaked into the code
added = {name: len(table.added) for name, table in (("patterns", compiled._state.get("patterns")),
                                                    ("methods", compiled._state.get("methods"))) if table}
compiled.save()
print(json.dumps({"installed": installed, "patterns": patterns, "classes": classes, "added": added}))
"""


def _run(env: dict) -> dict:
    run = subprocess.run([sys.executable, "-c", PROBE], env=dict(os.environ, PYTHONPATH=str(ROOT), **env),
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def _reference() -> dict:
    """The same probe with the tables switched off: what `re` and `dataclasses` make on their own."""
    return _run({"REPORT_LINT_NO_RULE_CACHE": "1"})


def test_patterns_and_classes_from_the_tables_are_the_ones_the_library_makes(tmp_path):
    env = {"REPORT_LINT_CACHE_DIR": str(tmp_path)}
    reference = _reference()
    assert reference["installed"] is False
    first = _run(env)
    tables = sorted(tmp_path.glob("*.marshal"))
    assert [t.name.split("-")[0] for t in tables] == ["dataclass", "regex"]
    written = [t.stat().st_mtime_ns for t in tables]
    second = _run(env)
    assert first["installed"] and second["installed"]
    assert first["patterns"] == second["patterns"] == reference["patterns"]
    assert first["classes"] == second["classes"] == reference["classes"]
    assert first["added"]["patterns"] >= 5 and first["added"]["methods"] >= 5
    assert second["added"] == {"patterns": 0, "methods": 0}  # all found: nothing written
    assert [t.stat().st_mtime_ns for t in tables] == written


def test_a_pattern_from_the_table_equals_a_fresh_compilation(tmp_path):
    """`Pattern.__eq__` compares the compiled code: the table's pattern is byte for byte the library's."""
    code = ("import re, sys; from linter import compiled; compiled.install(); "
            "p = re.compile(r'[\\u4e00-\\u9fa5A-Za-z0-9]+(?:件|条)', re.I); "
            "n = len(compiled._state['patterns'].added); compiled.uninstall(); re.purge(); "
            "print(p == re.compile(p.pattern, re.I), n); compiled.save()")
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_CACHE_DIR=str(tmp_path))
    outputs = [subprocess.run([sys.executable, "-c", code], env=env, capture_output=True, text=True,
                              check=True).stdout.split() for _ in range(2)]
    assert outputs[0][0] == outputs[1][0] == "True"
    assert int(outputs[0][1]) >= 1 and outputs[1][1] == "0"  # compiled and recorded, then built from the table


def test_damaged_tables_are_ignored_and_rewritten(tmp_path):
    env = {"REPORT_LINT_CACHE_DIR": str(tmp_path)}
    reference = _reference()
    _run(env)
    for table in tmp_path.glob("*.marshal"):
        table.write_bytes(b"\x00damaged")
    again = _run(env)
    assert again["patterns"] == reference["patterns"] and again["classes"] == reference["classes"]
    assert all(t.read_bytes() != b"\x00damaged" for t in tmp_path.glob("*.marshal"))


def test_a_check_writes_the_tables_once(tmp_path):
    """What a whole `check` compiles is the same in every process (no pattern is built from an unordered set),
    so a second run, under another hash seed, finds everything and writes nothing."""
    env = dict(os.environ, PYTHONPATH=str(ROOT), REPORT_LINT_CACHE_DIR=str(tmp_path))
    example = ROOT / "examples" / "2023-wendeng-zetou-town.txt"
    outputs, written = [], None
    for seed in ("1", "2"):
        run = subprocess.run([sys.executable, "-m", "linter", "check", "--format", "json", str(example)],
                             env={**env, "PYTHONHASHSEED": seed}, capture_output=True, text=True, cwd=ROOT)
        outputs.append(run.stdout)
        if written is None:
            written = {t: t.stat().st_mtime_ns for t in tmp_path.glob("*.marshal")}
    assert outputs[0] == outputs[1] and '"findings"' in outputs[0]
    assert sorted(t.name.rsplit("-", 1)[0] for t in written) == ["dataclass-code", "identities", "pattern-needs", "regex"]
    assert {t: t.stat().st_mtime_ns for t in tmp_path.glob("*.marshal")} == written
