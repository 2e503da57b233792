"""Stage 9 — many files: a process pool with per-file time budgets, each report's origin (agency and year),
and the cross-year pass over consecutive reports of the same agency."""
