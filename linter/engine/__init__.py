"""Stage 8 — the engine: (document bytes, path, configuration) → findings.  Runs the selected rules' checks
over a report, applies suppressions and baselines, turns hits into `Finding`s, applies safe fixes."""
