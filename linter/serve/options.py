"""What `report-lint serve` was told: where to listen, and the budgets every upload is held to."""
from __future__ import annotations

from dataclasses import dataclass, field

from linter.batch.pool import MEMORY_BUDGET

LOOPBACK_HOSTS = ("127.0.0.1", "localhost", "::1")


@dataclass
class ServeOptions:
    host: str = "127.0.0.1"
    port: int = 8000                  # 0: any free port (the one chosen is printed)
    max_bytes: int = 20 * 1024 * 1024  # an upload larger than this is refused (413), as `check --max-bytes`
    timeout: float = 60.0             # seconds per check, as `check --timeout` (the worker is killed past it)
    memory: int = MEMORY_BUDGET       # bytes a check's worker may grow by, as in a batch
    jobs: int = 0                     # checks running at once (0: all cores); more uploads wait for a turn
    waiting: int = 32                 # uploads that may wait for a turn; past that the answer is 503
    upload_seconds: float = 120.0     # an upload must arrive within this time (a stalled client gets 408)
    keep_seconds: float = 3600.0      # how long an answer's downloads stay available
    keep_answers: int = 100           # how many answers' downloads are kept at most (the oldest go first)
    lang: str = "zh"                  # the page's language (the form may choose the other)
    config_file: str | None = None    # a configuration file for every upload (else the built-in one, as --isolated)
    rules_dirs: list[str] = field(default_factory=list)  # extra rule directories for every upload

    @property
    def loopback(self) -> bool:
        return self.host in LOOPBACK_HOSTS or self.host.startswith("127.")
