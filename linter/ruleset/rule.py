"""A rule: one entry of a rule file, validated — its id, category, severity, scope, check kind and
parameters, messages, legal basis and examples.  The vocabularies a rule is written in live here too."""
from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

CATEGORIES = ("input", "structure", "table", "arithmetic", "consistency", "disclosure", "date", "wording",
              "suppression")
SEVERITIES = ("error", "warning", "info")
SEVERITY_RANK = {"info": 0, "warning": 1, "error": 2}

SCOPES_FIXED = ("document", "title", "preamble", "opening", "narrative", "closing", "body", "tables")
ID_RE = r"^[A-Z][A-Z0-9]*(-[A-Z0-9]+)+$"


_CJK = "\u3000-\u303f\u3400-\u9fff\uff00-\uffef"
_CJK_GAP = re.compile(f"(?<=[{_CJK}])\\s+(?=[{_CJK}])")


def fold_prose(text: str) -> str:
    """A folded YAML text: the line breaks inside Chinese prose became spaces; remove those (a space has
    no place between two Chinese characters)."""
    return _CJK_GAP.sub("", text.strip()) if text else text


class RuleError(Exception):
    """A rule file is invalid: the message starts with `path:line:`."""


@dataclass
class Rule:
    id: str
    category: str
    severity: str
    scope: str
    check: str
    message: str
    basis: str
    examples: dict[str, list[Any]]
    params: dict[str, Any] = field(default_factory=dict)
    message_en: str = ""
    description: str = ""
    description_en: str = ""
    title: str = ""
    title_en: str = ""
    fix: str = "none"
    when: dict[str, Any] = field(default_factory=dict)
    tags: list[str] = field(default_factory=list)
    path: str = ""
    line: int = 0
    ruleset: str = ""
    ruleset_dir: str = ""  # the rule set's directory (its examples' base reports live in bases/)

    @cached_property
    def kind(self) -> str:
        """The check kind (`structure` for `check: structure.order`); asked of every rule for every report."""
        return self.check.partition(".")[0]

    @cached_property
    def aspect(self) -> str | None:
        """The aspect of a kind with sub-kinds (`order` for `check: structure.order`)."""
        return self.check.partition(".")[2] or None

    def text(self, lang: str, name: str) -> str:
        """A text field in the requested language, falling back to Chinese."""
        if lang == "en":
            value = getattr(self, f"{name}_en", "")
            if value:
                return value
        return getattr(self, name)
