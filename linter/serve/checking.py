"""Checking an upload as `report-lint check` checks a file: `run_batch` — a worker process forked for it, killed
past the time or memory budget, an unreadable or hostile file turned into its `input` finding — and then its
downloads, made in another budgeted worker (`batch.pool.Pool`).  The server stays up whatever a file does.

At most `jobs` checks run at once; further uploads wait for a turn, and past `waiting` of them the server is
busy (503).  The server warms the engine up before it serves (`warm_up`), so each worker is forked with the
rules, the grammar and the word list already loaded — and no other thread holds their locks when it forks.
"""
from __future__ import annotations

import os
import threading
from dataclasses import dataclass, field

from linter.engine.findings import FileResult
from linter.output.options import OutputOptions
from linter.serve.configs import Choices, UploadConfigs
from linter.serve.downloads import DownloadStore
from linter.serve.options import ServeOptions
from linter.serve.uploads import Upload

WARM_UP_REPORT = "某县人民政府2023年政府信息公开工作年度报告\n一、总体情况\n本年度共收到申请5件。\n"


@dataclass
class Checked:
    """What an answer shows: the result (with the document's tables), the rules, the JSON of the CLI, and the
    downloads' token and names (none when they could not be made)."""

    result: FileResult
    rules: dict
    choices: Choices
    json: str
    token: str | None = None
    downloads: dict[str, str] = field(default_factory=dict)


class Busy(Exception):
    """Too many uploads are waiting for a turn."""


class Checker:
    def __init__(self, options: ServeOptions, configs: UploadConfigs, store: DownloadStore) -> None:
        self.options, self.configs, self.store = options, configs, store
        self.jobs = options.jobs or os.cpu_count() or 1
        self._turns = threading.BoundedSemaphore(self.jobs)
        self._lock = threading.Lock()
        self._waiting = 0

    def warm_up(self) -> None:
        """Lint a small report in this process: rules, grammar and jieba's dictionary loaded once, before any
        worker is forked and before the server has threads."""
        from linter.engine.run import lint

        cfg, _ = self.configs.for_choices(Choices(lang=self.options.lang))
        lint(WARM_UP_REPORT.encode("utf-8"), "warm-up.txt", cfg)

    def check(self, upload: Upload, choices: Choices, downloads: bool = True) -> Checked:
        """Check the upload (blocking: call it from a worker thread); `Busy` when too many wait already."""
        with self._lock:
            if self._waiting >= self.options.waiting + self.jobs:
                raise Busy()
            self._waiting += 1
        try:
            with self._turns:
                return self._check(upload, choices, downloads)
        finally:
            with self._lock:
                self._waiting -= 1

    def _check(self, upload: Upload, choices: Choices, downloads: bool) -> Checked:
        from linter.batch.run import BatchOptions, run_batch
        from linter.serve.making import cli_json

        cfg, rules = self.configs.for_choices(choices)
        options = BatchOptions(jobs=1, timeout=self.options.timeout, memory=self.options.memory, tables=True,
                               extract=True)
        [result] = [r for r in run_batch([(str(upload.path), cfg)], cfg, options) if not r.supplement]
        shown = OutputOptions(lang=cfg.lang, base_dir=str(upload.directory))
        checked = Checked(result, rules, choices, cli_json(result, rules, shown))
        if downloads:
            self._downloads(checked, upload, shown)
        return checked

    def _downloads(self, checked: Checked, upload: Upload, shown: OutputOptions) -> None:
        """Make the downloads in a worker under the budget; the page goes without them if that fails."""
        from functools import partial

        from linter.batch.pool import Budget, Pool
        from linter.serve.making import make_downloads

        token, directory = self.store.reserve()
        pool = Pool(1, partial(make_downloads, checked.rules), lambda item, reason: (False, reason),
                    Budget(seconds=self.options.timeout, memory=self.options.memory))
        item = (checked.result, upload.name, str(directory), shown.lang, shown.base_dir)
        ok, names = next(pool.imap([item]))
        if not ok:
            self.store.discard(directory)
            return
        self.store.keep(token, directory, names)
        checked.token, checked.downloads = token, names

