"""HTML: placeholder until the report page is written."""
def render(results, rules, options) -> str:
    return ""
