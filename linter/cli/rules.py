"""Commands about the rules themselves: `rules` (list them), `explain` (one rule's documentation) and
`test` (run every rule's own examples)."""
from __future__ import annotations

import sys
from pathlib import Path

import click

from linter.cli.common import (
    EXIT_FINDINGS, EXIT_OK, build_config, fail, lang_option, lang_or_default, load_rules_or_exit, rules_option,
    unknown_rule_exit,
)
from linter.messages import msg


@click.command(name="rules")
@click.option("--format", "fmt", type=click.Choice(["text", "markdown", "json"]), default="text", show_default=True)
@click.option("--schema", is_flag=True, help="Print the JSON Schema of rule files instead (for editors).")
@rules_option
@lang_option
def list_rules(fmt, schema, rules_dirs, lang):
    """List the rules: id, severity, category and one-line message."""
    from linter.ruleset.docs import rules_json, rules_markdown, rules_text

    if schema:
        import json

        from linter.checks import registry
        from linter.ruleset.schema import json_schema

        click.echo(json.dumps(json_schema(registry()), ensure_ascii=False, indent=2))
        return

    from linter.engine.inputs import input_rules

    cfg = build_config(lang, rules_dirs=rules_dirs)
    rules = list(input_rules().values()) + load_rules_or_exit(cfg)  # the input rules apply whatever the rule set
    render = {"text": rules_text, "markdown": rules_markdown, "json": rules_json}[fmt]
    click.echo(render(rules, cfg.lang), nl=False)


@click.command()
@click.argument("rule_id", required=False)
@click.option("--all", "explain_all", is_flag=True, help="Explain every rule, one after the other.")
@rules_option
@lang_option
def explain(rule_id, explain_all, rules_dirs, lang):
    """Explain one rule (or --all): what it checks, why, its basis and examples."""
    from linter.engine.inputs import input_rules
    from linter.ruleset.docs import explain_rule

    cfg = build_config(lang, rules_dirs=rules_dirs)
    rules = {**input_rules(), **{r.id: r for r in load_rules_or_exit(cfg)}}
    if explain_all:
        click.echo("\n".join(explain_rule(rule, cfg.lang) for rule in rules.values()), nl=False)
        return
    if not rule_id:
        fail(msg("explain_what", cfg.lang))
    if rule_id not in rules:
        unknown_rule_exit(rule_id, rules, cfg.lang)
    click.echo(explain_rule(rules[rule_id], cfg.lang), nl=False)


@click.command(name="test")
@click.argument("directory", type=click.Path(file_okay=False))
@lang_option
def test_rules(directory, lang):
    """Run the examples of every rule in a rule directory."""
    from linter.checks import registry
    from linter.engine.examples import test_rule
    from linter.ruleset.loading import load_ruleset
    from linter.ruleset.rule import RuleError
    from linter.settings.config import Config

    lang = lang_or_default(lang)
    if not Path(directory).is_dir():
        fail(msg("no_path", lang, path=directory))
    try:
        rules = load_ruleset(Path(directory), registry())
    except RuleError as exc:
        fail(msg("rule_error", lang, error=exc))
    passed = failed = 0
    for rule in rules:
        result = test_rule(rule, Config(lang=lang, builtin=False))
        if result.passed:
            passed += 1
            click.echo(f"{msg('test_pass', lang)}  {rule.id}")
        else:
            failed += 1
            click.echo(f"{msg('test_fail', lang)}  {rule.id}")
            for failure in result.failures:
                key = "test_bad_missed" if failure.group == "bad" else "test_good_fired"
                click.echo(f"      {msg(key, lang, n=failure.index, message=failure.detail)}")
    click.echo(f"{passed} passed, {failed} failed")
    sys.exit(EXIT_FINDINGS if failed else EXIT_OK)
