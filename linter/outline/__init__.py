"""Stage 3 — the report's outline: title, preamble, the six sections with their sub-items, and the closing
block, parsed from a `Document` by the lark grammar `grammar/report.lark` against the section catalogue
(`grammar/sections.yaml`).  Imports `document` and `language`."""
