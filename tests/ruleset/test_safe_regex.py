"""Patterns from rule files: linear-time RE2 for every rule file, the shipped ones included; refused with a
reason when unsupported."""
from __future__ import annotations

import time

import hostile
import pytest

from conftest import EXAMPLE, FIXTURES
from linter.ruleset import patterns as safe_regex
from linter.ruleset.patterns import UnsafePattern, backtracking_risk, compile_pattern, pattern_problem


def test_catastrophic_pattern_runs_in_linear_time():
    p = compile_pattern(r"(a+)+$")
    assert p.engine == "re2"
    found, seconds, stretch = hostile.wall_clock(lambda: p.search("a" * 200_000 + "!"))
    assert found is None and seconds < 1 * stretch, (seconds, stretch)


def test_matches_have_character_offsets_and_named_groups():
    p = compile_pattern(r"电话[:：](?P<tel>\d{3,4}-\d{7,8})")
    m = p.search("联系方式。电话：0631-1234567，邮编")
    assert m.group() == "电话：0631-1234567"
    assert (m.start(), m.end()) == (5, 20)
    assert m.span("tel") == (8, 20) and m.group("tel") == "0631-1234567"
    assert m.groupdict() == {"tel": "0631-1234567"}
    assert p.groupindex == {"tel": 1}
    assert [x.start() for x in compile_pattern("公开").finditer("主动公开，依申请公开")] == [2, 8]


def test_python_escapes_are_translated():
    assert compile_pattern(r"[\u4e00-\u9fff]+\Z").search("abc中文").group() == "中文"


@pytest.mark.parametrize("pattern,reason", [
    (r"(?<!不)公开", "look-around"),
    (r"公开(?=情况)", "look-around"),
    (r"(\d)\1", "backreferences"),
    (r"(?P<x>a)(?P=x)", "backreferences"),
    (r"(", "invalid pattern"),
    (r"a{5000}", "repetition"),
    ("x" * 3000, "longer than"),
])
def test_unsupported_patterns_are_refused_with_a_reason(pattern, reason):
    assert reason in pattern_problem(pattern)
    with pytest.raises(UnsafePattern):
        compile_pattern(pattern)


def test_every_pattern_of_the_shipped_rule_sets_runs_on_re2():
    from linter.checks import registry
    from linter.resources import rules_dir
    from linter.ruleset.loading import load_ruleset
    from linter.ruleset.params import patterns_in

    kinds = registry()
    found = 0
    for rule in load_ruleset(rules_dir() / "gov-2021", kinds):
        spec = kinds[rule.kind].params(rule.aspect)
        for pattern in patterns_in(spec, rule.params):
            assert compile_pattern(pattern).engine == "re2", (rule.id, pattern)
            found += 1
    assert found > 40  # the prose rules read claims with the vocabulary's literal words, not patterns


def test_every_pattern_of_the_shipped_rule_sets_passes_the_check_used_without_re2():
    """Where google-re2 has no wheel the patterns run on `re` after a static check: the shipped rules must pass it,
    or the tool refuses its own rule files there (a host's labels are bounded as DNS bounds them, 63 characters)."""
    from linter.checks import registry
    from linter.resources import rules_dir
    from linter.ruleset.loading import load_ruleset
    from linter.ruleset.params import patterns_in

    kinds = registry()
    refused = []
    for rule_set in sorted(p for p in rules_dir().iterdir() if p.is_dir()):
        for rule in load_ruleset(rule_set, kinds):
            for pattern in patterns_in(kinds[rule.kind].params(rule.aspect), rule.params):
                if backtracking_risk(pattern):
                    refused.append((rule.id, pattern))
    assert refused == []


@pytest.mark.parametrize("pattern,risky", [
    (r"(a+)+$", True), (r"(a|ab)*c", True), (r"(?:\d+年)+", True), (r"(x*)*", True),
    (r"\d+年\d+月", False), (r"(?:甲|乙)+", False), (r"a{1,5}", False), (r"(\d{4})年", False),
    (r"(a)\1", True), (r"(?<=a)b", True),
])
def test_static_check_used_without_re2(pattern, risky):
    assert (backtracking_risk(pattern) is not None) is risky


def test_without_re2_risky_patterns_are_refused_and_others_run_on_re(monkeypatch):
    monkeypatch.setattr(safe_regex, "_re2_module", lambda: None)
    safe_regex._compile.cache_clear()
    try:
        assert "nested repetition" in pattern_problem(r"(a+)+$")
        p = compile_pattern(r"(?P<n>\d+)件")
        assert p.engine == "re" and p.search("共3件").group("n") == "3"
    finally:
        safe_regex._compile.cache_clear()


def test_required_rule_with_lookaround_from_a_user_file_is_refused(run_cli):
    d = FIXTURES / "bad" / "rules-lookbehind"
    code, _, err = run_cli("test", d)
    assert code == 2 and "look-around" in err


def test_user_rule_patterns_run_on_re2(run_cli, tmp_path):
    from linter.checks import registry
    from linter.ruleset.loading import load_ruleset

    rules = load_ruleset(FIXTURES / "bad" / "rules-pathological-regex", registry())
    assert compile_pattern(rules[0].params["regex"][0]).engine == "re2"


@pytest.mark.parametrize("template", [r"\g<n>0000元", r"\1-\g<2>", r"<\g<unit>>\n", r"a\\b", "plain"])
def test_expand_matches_pythons(template):
    pattern, text = r"(?P<n>\d+)(?P<unit>万元|元)", "收费共3万元。"
    assert compile_pattern(pattern).search(text).expand(template) == __import__("re").search(pattern, text).expand(template)


PATTERN_RULE = """rules:
  - id: USER-REDOS
    category: wording
    severity: warning
    scope: document
    check: pattern
    params: {regex: ['(a+)+$']}
    message: 测试
    basis: 无
    when: {agency_name: '(x+)+y'}
    examples: {bad: ["x"], good: ["y"]}
"""


def test_user_pattern_rule_and_agency_condition_are_bounded(run_cli, tmp_path):
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "r.yaml").write_text(PATTERN_RULE, encoding="utf-8")
    report = tmp_path / "r.txt"
    report.write_text("x" * 40 + "人民政府2023年政府信息公开工作年度报告\n" + "a" * 100_000 + "b\n", encoding="utf-8")
    start = time.monotonic()
    code, out, err = run_cli("check", "--rules", rules, report)
    assert time.monotonic() - start < 10
    assert code == 1 and "Traceback" not in err


# ── RE2's matcher called directly agrees with the binding's public interface ─────────────────────────────
_DIFF_PATTERNS = [r"公开", r"\d+", r"(?P<n>\d+)(件|条)?", r"x?", r"a*", r"\b", r"^", r"$", r"(x)|(政务)",
                  r"[\u4e00-\u9fff]{2}", r"(?P<a>申请)(?P<b>\d*)", r"件$", r"^\s*第",
                  # patterns with texts every match holds (searches skip a text without them)
                  r"第\s*(?P<n>\d+)\s*条", r"申请件|公开条", r"(?i)A\d", r"[件条]\d?$", r"政务(?:公开)+"]


def _public(pattern: str, op: str, text: str, pos: int, endpos: int | None):
    import re2

    compiled = re2.compile(safe_regex._to_re2_syntax(pattern))
    end = len(text) if endpos is None else endpos
    found = {"search": lambda: [compiled.search(text, pos, end)], "match": lambda: [compiled.match(text, pos, end)],
             "finditer": lambda: list(compiled.finditer(text, pos, end))}[op]()
    return [[m.span(g) for g in range(compiled.groups + 1)] for m in found if m is not None]


def _ours(pattern: str, op: str, text: str, pos: int, endpos: int | None, direct: bool = True):
    p = compile_pattern(pattern)
    if not direct:  # as with a binding whose matcher this module does not know: its public interface
        p = safe_regex.SafePattern(p.pattern, p._compiled, "re2")
        p._matcher = None
    found = {"search": lambda: [p.search(text, pos, endpos)], "match": lambda: [p.match(text, pos, endpos)],
             "finditer": lambda: list(p.finditer(text, pos, endpos))}[op]()
    return [[m.span(g) for g in range(p.groups + 1)] for m in found if m is not None]


@pytest.mark.parametrize("pattern", _DIFF_PATTERNS)
def test_direct_matcher_agrees_with_the_binding(pattern):
    from hypothesis import given, settings, strategies as st

    texts = st.text(alphabet=st.sampled_from(list("公开政务申请件条第 \n12ax") + ["３", "é"]), max_size=24)

    @settings(max_examples=150, deadline=None)
    @given(texts, st.integers(0, 26), st.one_of(st.none(), st.integers(0, 26)),
           st.sampled_from(["search", "match", "finditer"]))
    def agree(text, pos, endpos, op):
        if endpos is not None and pos > endpos:
            pos, endpos = endpos, pos
        assert _ours(pattern, op, text, pos, endpos) == _ours(pattern, op, text, pos, endpos, direct=False)
        if pos == 0 and endpos is None:
            assert _ours(pattern, op, text, pos, endpos) == _public(pattern, op, text, pos, endpos)
        else:  # a window of the text: offsets shifted, the same matches as the binding finds in that window
            window_start = max(0, min(pos, len(text) if endpos is None else min(endpos, len(text))) - 1)
            end = len(text) if endpos is None else max(0, min(endpos, len(text)))
            window = text[window_start:end]
            expected = [[(a + window_start, b + window_start) if a >= 0 else (a, b) for a, b in m]
                        for m in _public(pattern, op, window, pos - window_start, end - window_start)]
            assert _ours(pattern, op, text, pos, endpos) == expected

    agree()


def test_the_same_text_searched_by_several_patterns_keeps_its_offsets():
    text = "2023年共受理申请12件，办结１２件。" + "政务公开" * 3
    for pattern, expected in ((r"\d+件", [(10, 13)]), (r"政务公开", [(20, 24), (24, 28), (28, 32)]),
                              (r"(?P<y>\d{4})年", [(0, 5)])):
        assert [m.span() for m in compile_pattern(pattern).finditer(text)] == expected
    assert compile_pattern(r"(?P<y>\d{4})年").search(text).group("y") == "2023"
    ascii_text = "call 12345 or 678"
    assert [m.group() for m in compile_pattern(r"\d+").finditer(ascii_text)] == ["12345", "678"]
    assert [m.span() for m in compile_pattern(r"\d+").finditer(text, 10)] == [(10, 12)]


@pytest.mark.parametrize("pattern,needs", [
    (r"检索费|复制费|邮寄费", (("复制费", "检索费", "邮寄费"),)),
    (r"(?:国务院令|国令)第?\s*492\s*号", (("492",), ("国",), ("号",))),
    (r"[;:]", ((":", ";"),)),
    (r"关于(?:做好|编制)?年度", (("关于",), ("年度",))),
    (r"(?i)(?P<at>\bhttps?//)", (("//",),)),    # a letter under IGNORECASE counts for nothing, a slash does
    (r"(?i)abc", ()),
    (r"(?i:k)x", (("x",),)),
    (r"a|b*", ()),                              # a branch that holds nothing: the alternation holds nothing
    (r"[[:alpha:]]年", ()),                      # a POSIX class reads differently in the two engines
    (r"地址\s*[:：]", (("地址",), (":", "："))),     # a set that opens with a colon is no POSIX class
    (r"(?:公开){0,2}x?", ()),                    # a repetition that may be absent
])
def test_required_texts_are_what_every_match_holds(pattern, needs):
    assert set(safe_regex.required_texts(pattern)) == set(needs)


def test_a_text_without_the_required_texts_is_not_searched_and_others_are():
    p = compile_pattern(r"(?:国务院令|国令)第?\s*(?P<n>492)\s*号")
    assert p.search("根据国务院令第711号") is None
    assert p.search("根据国务院令第 492 号").group("n") == "492"
    assert p.search("国令第492号", 0, 6) is None and p.search("国令第492号", 0, 7).span() == (0, 7)
    assert [m.span() for m in p.finditer("国令492号，国务院令第492号", 2)] == [(7, 16)]


def test_the_required_texts_of_the_shipped_patterns_skip_no_match():
    """Every pattern of the shipped rule set finds the same matches in real reports with its required texts
    checked first as without."""
    from linter.checks import registry
    from linter.resources import rules_dir
    from linter.ruleset.loading import load_ruleset
    from linter.ruleset.params import patterns_in

    texts = [path.read_text(encoding="utf-8") for path in sorted((FIXTURES / "corpus").glob("*.txt"))[:6]]
    texts += [EXAMPLE.read_text(encoding="utf-8")]
    kinds, checked, filtered = registry(), 0, 0
    for rule in load_ruleset(rules_dir() / "gov-2021", kinds):
        for pattern in patterns_in(kinds[rule.kind].params(rule.aspect), rule.params):
            p = compile_pattern(pattern)
            plain = safe_regex.SafePattern(p.pattern, p._compiled, p.engine)
            plain._required = ()
            filtered += bool(p._needs())
            for text in texts:
                for at in (0, len(text) // 2):
                    assert [m.span() for m in p.finditer(text, at)] == [m.span() for m in plain.finditer(text, at)]
                    assert (p.search(text, at) or plain.search(text, at)) is None or \
                        p.search(text, at).span() == plain.search(text, at).span()
                checked += 1
    assert checked > 100 and filtered > 20
