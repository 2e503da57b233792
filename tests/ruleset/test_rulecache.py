"""The per-user cache of validated rule sets and of the section catalogue (linter.cache)."""
from __future__ import annotations

import os

from linter.checks import registry
from linter.resources import builtin_ruleset
from linter.cache import cached
from linter.ruleset.loading import load_ruleset


def test_builtin_rules_from_the_cache_equal_the_validated_rules(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path))
    monkeypatch.setenv("REPORT_LINT_NO_RULE_CACHE", "1")
    fresh = load_ruleset(builtin_ruleset(), registry())
    monkeypatch.delenv("REPORT_LINT_NO_RULE_CACHE")
    assert not list(tmp_path.glob("rules-*.pickle"))
    first = load_ruleset(builtin_ruleset(), registry())
    assert len(list(tmp_path.glob("rules-*.pickle"))) == 1
    second = load_ruleset(builtin_ruleset(), registry())
    assert first == fresh and second == fresh
    assert [r.id for r in second] == [r.id for r in fresh]
    assert second[0].params == fresh[0].params and second[0].line == fresh[0].line


def test_a_damaged_cache_is_rebuilt(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path))
    expected = load_ruleset(builtin_ruleset(), registry())
    (entry,) = tmp_path.glob("rules-*.pickle")
    entry.write_bytes(b"not a pickle")
    assert load_ruleset(builtin_ruleset(), registry()) == expected
    assert entry.read_bytes() != b"not a pickle"


def test_user_rule_directories_are_not_cached(tmp_path, monkeypatch):
    cache = tmp_path / "cache"
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(cache))
    rules = tmp_path / "mine"
    rules.mkdir()
    (rules / "a.yaml").write_text("rules: []\n", encoding="utf-8")
    assert load_ruleset(rules, registry()) == []
    assert not list(cache.glob("rules-*"))


def test_an_entry_is_rebuilt_when_an_input_changes_and_the_old_one_removed(tmp_path, monkeypatch):
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    calls = []

    def build():
        calls.append(1)
        return source.read_text(encoding="utf-8")

    assert cached("thing", [source], build) == "one"
    assert cached("thing", [source], build) == "one"
    assert len(calls) == 1
    source.write_text("two!", encoding="utf-8")
    os.utime(source, ns=(1, 1))
    assert cached("thing", [source], build) == "two!"
    assert len(calls) == 2
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 1


def test_without_a_cache_directory_values_are_built(tmp_path, monkeypatch):
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(blocker / "sub"))  # cannot be created
    assert cached("thing", [], lambda: 42) == 42


def test_identity_parser_tables_are_cached_and_parse_the_same(tmp_path, monkeypatch):
    from lark import Lark

    from linter.cache import lalr_parser
    from linter.resources import grammar_path

    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path))
    built = lalr_parser("identity.lark")
    (entry,) = tmp_path.glob("identity-grammar-*.lark")
    loaded = lalr_parser("identity.lark")
    reference = Lark(grammar_path("identity.lark").read_text(encoding="utf-8"), parser="lalr")
    expr = "t3[R1, c] + t3[R2, c] == t3[R24, c] + t3[R25, c] for c in applicant_columns"
    assert loaded.parse(expr) == built.parse(expr) == reference.parse(expr)
    entry.write_bytes(b"damaged")
    assert lalr_parser("identity.lark").parse(expr) == reference.parse(expr)



def test_entries_of_another_installation_are_not_removed(tmp_path, monkeypatch):
    """Two installations (two virtual environments, two checkouts) share the cache directory: each keeps its
    own entries instead of removing the other's as stale, and rebuilding them on every run."""
    import linter.cache

    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path / "cache"))
    source = tmp_path / "data.txt"
    source.write_text("one", encoding="utf-8")
    assert cached("thing", [source], lambda: "mine") == "mine"
    monkeypatch.setattr(linter.cache, "_installation", lambda: "another0")
    source.write_text("one!", encoding="utf-8")  # (the other installation's code differs: another key)
    assert cached("thing", [source], lambda: "theirs") == "theirs"
    monkeypatch.undo()
    monkeypatch.setenv("REPORT_LINT_CACHE_DIR", str(tmp_path / "cache"))
    assert len(list((tmp_path / "cache").glob("thing-*.pickle"))) == 2
