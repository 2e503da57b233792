"""The claims of a report's prose, as text or JSON, for `report-lint parse --claims` (debugging the claim
vocabulary and the rules over claims: what each sentence was read to state)."""
from __future__ import annotations

from linter.engine.run import Analysis


def vocabulary_of(rules) -> dict | None:
    """The claim vocabulary the configured rules read the prose with (the first rule that has one)."""
    return next((r.params["vocabulary"] for r in rules if isinstance(r.params.get("vocabulary"), dict)), None)


def _claim_json(analysis: Analysis, claim, text) -> dict:
    pos = analysis.document.position(text.source_span(*claim.at)[0])
    out = {
        "kind": claim.kind, "measures": list(claim.measures), "value": _number(claim.value), "unit": claim.unit,
        "line": pos.line, "column": pos.column, "text": text.text[claim.start:claim.end].strip(" ，,；;"),
        "topic": claim.topic, "scope": claim.scope, "subject": claim.subject, "applicant": claim.applicant,
        "approximate": claim.approximate,
        "total": claim.total, "qualified": claim.qualified, "parents": list(claim.parents),
    }
    if claim.share is not None:
        out["share"] = {"value": _number(claim.share.value), "places": claim.share.places}
    if claim.addition is not None:
        out["before_additions"] = _number(claim.addition.value)
    return out


def claims_json(analysis: Analysis, claim_set, text) -> dict:
    index = {id(c): i for i, c in enumerate(claim_set.claims)}
    return {
        "path": analysis.document.path,
        "claims": [_claim_json(analysis, c, text) for c in claim_set.claims],
        "enumerations": [{
            "head": index.get(id(e.head)) if e.head is not None else None,
            "parts": [index[id(p)] for p in e.parts], "marker": e.marker, "separator": e.separator,
            "whole": e.whole, "open": e.open, "closed": e.closed, "catch_all": e.catch_all, "complete": e.complete,
        } for e in claim_set.enumerations],
    }


def claims_text(analysis: Analysis, claim_set, text) -> str:
    data = claims_json(analysis, claim_set, text)
    lines = [f"{data['path']}: {len(data['claims'])} claims, {len(data['enumerations'])} enumerations"]
    for i, c in enumerate(data["claims"]):
        what = "+".join(c["measures"]) or "-"
        value = "" if c["value"] is None else f"{c['value']}{c['unit']}"
        notes = [f"topic={c['topic']}"] if c["topic"] else []
        notes += [k for k in ("approximate", "total") if c[k]]
        notes += [f"scope={c['scope']}"] if c["scope"] != "year" else []
        notes += [f"applicants={c['applicant']}"] if c["applicant"] else []
        notes += ["unqualified"] if not c["qualified"] else []
        notes += [f"of={'+'.join(c['parents'])}"] if c["parents"] else []
        notes += [f"share={c['share']['value']}%"] if "share" in c else []
        notes += [f"before_additions={c['before_additions']}"] if "before_additions" in c else []
        lines.append(f"  [{i}] {c['line']}:{c['column']} {c['kind']} {what} {value} {' '.join(notes)}  “{c['text']}”")
    for e in data["enumerations"]:
        head = "?" if e["head"] is None else f"[{e['head']}]"
        parts = ", ".join(f"[{p}]" for p in e["parts"])
        state = [k for k in ("whole", "open", "closed", "catch_all", "complete") if e[k]]
        lines.append(f"  enumeration {head} “{e['marker']}” {e['separator'] or ' '} {parts}  {' '.join(state)}")
    return "\n".join(lines)


def _number(value):
    if value is None:
        return None
    return int(value) if value == value.to_integral_value() else float(value)
