"""Whether a change to start-up or loading left the findings alone: `report-lint check --format json` of
every file of `tests/fixtures/corpus` and `examples`, each file alone (the single-file path) and all of them
in one batch (the multi-file path, with the cross-year pairs), written to a directory; a second directory
given is compared with it byte for byte.

    python tests/benchmarks/same_output.py OUT_DIR [REFERENCE_DIR]

Exit code 0 when every output equals the reference's (or when there is no reference), 1 otherwise.
Run from any directory: the files are named relative to the repository root, so outputs made in two
checkouts compare equal.
"""
from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from _util import CORPUS, PY, ROOT

EXAMPLES = ROOT / "examples"
SUFFIXES = (".txt", ".md", ".html", ".docx", ".pdf", ".xlsx")


def inputs() -> list[Path]:
    found = [p for d in (CORPUS, EXAMPLES) for p in sorted(d.iterdir()) if p.suffix in SUFFIXES]
    return [p.relative_to(ROOT) for p in found if p.name != "README.md"]


def check_json(paths: list[Path]) -> bytes:
    """The JSON report of one run over `paths` (with its exit code appended: it is part of the result)."""
    done = subprocess.run([PY, "-m", "linter", "check", "--format", "json", *map(str, paths)],
                          cwd=ROOT, capture_output=True, check=False)
    return done.stdout + f"\nexit code {done.returncode}\n".encode()


def main(argv: list[str]) -> int:
    if not argv or len(argv) > 2:
        print(__doc__, file=sys.stderr)
        return 2
    out = Path(argv[0])
    out.mkdir(parents=True, exist_ok=True)
    files = inputs()
    runs = {f"{p.name}.json": [p] for p in files} | {"batch.json": files}
    for name, paths in runs.items():
        (out / name).write_bytes(check_json(paths))
    if len(argv) == 1:
        print(f"{len(runs)} outputs written to {out}")
        return 0
    reference = Path(argv[1])
    differing = [name for name in runs if not (reference / name).is_file()
                 or (reference / name).read_bytes() != (out / name).read_bytes()]
    for name in differing:
        print(f"differs: {name}")
    print(f"{len(runs) - len(differing)} of {len(runs)} outputs identical to {reference}")
    return 1 if differing else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
