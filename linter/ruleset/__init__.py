"""Stage 5 — rules as data: a `Rule`, rule files loaded and validated against the parameters each check
kind declares, `when:` conditions, safe patterns, rule documentation and rule examples.  Imports the
stages below it (document … tables), never checks or the engine."""
