"""The ecosystem check in the test run: what the tool says about the raw crawled reports of
`tests/ecosystem/corpus/` is exactly the committed snapshot, and its findings are held to the judgements.

- A change of behaviour on real reports fails here until `python tests/ecosystem/scan.py --update` writes the
  snapshot anew, so the change arrives with its diff in the same commit.
- `judgements.yaml` judges every error-level finding and a seeded sample of up to 15 findings of every warning
  rule, by reading the report: no error may be judged false, no error may be unjudged, and every warning rule's
  sample must be at least 90 % true.  A rule firing in more than a third of the reports is explained there.
"""
from __future__ import annotations

import hashlib
from collections import defaultdict

import pytest
import yaml

import scan

JUDGEMENTS = yaml.safe_load((scan.HERE / "judgements.yaml").read_text(encoding="utf-8"))
SAMPLE_SIZE = 15
PRECISION_FLOOR = 0.9


@pytest.fixture(scope="module")
def findings() -> list[dict]:
    return scan.lint_corpus(jobs=2)


def identity(record: dict) -> tuple:
    return record["file"], record["rule"], record["line"], record["column"]


def judged() -> dict[tuple, tuple[bool, str]]:
    """(file, rule, line, column) → (true defect?, why), from judgements.yaml."""
    out = {}
    for name, entries in (JUDGEMENTS.get("findings") or {}).items():
        for rule, line, column, verdict, why in entries:
            out[(name, rule, line, column)] = (verdict, why)
    return out


def sample(records: list[dict]) -> list[dict]:
    """Up to SAMPLE_SIZE findings of one rule, chosen by a seeded hash of each finding's identity: the sample
    stays the same when other findings come and go."""
    def draw(r):
        return hashlib.sha256(("ecosystem-sample|" + "|".join(map(str, identity(r)))).encode()).hexdigest()
    return sorted(records, key=draw)[:SAMPLE_SIZE]


def test_the_corpus_is_the_indexed_one():
    listed = scan.report_files()
    assert len(listed) == 99
    assert all((scan.CORPUS / name).is_file() for name in listed)


def test_findings_are_the_snapshot(findings):
    changes = scan.diff(scan.load_snapshot(), findings)
    assert not changes, ("what the tool says about the ecosystem corpus changed; read the diff and run "
                         "`python tests/ecosystem/scan.py --update`:\n" + "\n".join(changes[:80]))


def test_every_error_is_judged_and_none_is_false(findings):
    verdicts = judged()
    errors = [r for r in findings if r["severity"] == "error"]
    unjudged = [identity(r) for r in errors if identity(r) not in verdicts]
    assert not unjudged, f"errors not judged in judgements.yaml: {unjudged}"
    false = [(identity(r), verdicts[identity(r)][1]) for r in errors if verdicts[identity(r)][0] is not True]
    assert not false, f"errors judged false: {false}"


def test_every_warning_rule_is_precise_on_its_judged_sample(findings):
    verdicts = judged()
    by_rule = defaultdict(list)
    for r in findings:
        if r["severity"] == "warning":
            by_rule[r["rule"]].append(r)
    unjudged, imprecise = [], []
    for rule, records in sorted(by_rule.items()):
        drawn = sample(records)
        unjudged += [identity(r) for r in drawn if identity(r) not in verdicts]
        true = sum(1 for r in drawn if verdicts.get(identity(r), (False,))[0] is True)
        if true < PRECISION_FLOOR * len(drawn):
            imprecise.append(f"{rule}: {true} of {len(drawn)} sampled findings true")
    assert not unjudged, f"sampled warnings not judged in judgements.yaml: {unjudged}"
    assert not imprecise, imprecise


def test_judgements_name_findings_the_tool_gives(findings):
    present = {identity(r) for r in findings}
    stale = sorted(k for k in judged() if k not in present)
    assert not stale, f"judged findings the tool no longer gives (remove them from judgements.yaml): {stale}"
    assert all(isinstance(v, bool) and why.strip() for v, why in judged().values())


def test_rules_firing_in_a_third_of_the_reports_are_explained(findings):
    reports = len(scan.report_files())
    firing = defaultdict(set)
    for r in findings:
        firing[r["rule"]].add(r["file"])
    frequent = sorted(rule for rule, files in firing.items() if len(files) > reports * scan.FREQUENT_SHARE)
    explained = JUDGEMENTS.get("frequent") or {}
    assert [rule for rule in frequent if not (explained.get(rule) or "").strip()] == []
