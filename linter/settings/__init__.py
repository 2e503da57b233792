"""Stage 6 — what the user configured: the effective `Config`, configuration files, and the kind and level
of the reporting body.  Imports the stages below it."""
