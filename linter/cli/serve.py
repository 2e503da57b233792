"""`report-lint serve`: the web page for the people who draft the reports (extra `serve`)."""
from __future__ import annotations

import click

from linter.cli.common import fail, lang_option, lang_or_default, rules_option, size_option


@click.command()
@click.option("--host", default="127.0.0.1", show_default=True,
              help="Address to listen on (default: this machine only; 0.0.0.0 for every network interface).")
@click.option("--port", type=click.IntRange(0, 65535), default=8000, show_default=True, help="Port (0: any free one).")
@click.option("--max-bytes", type=str, default=None, help="Refuse uploads larger than this (default 20M).")
@click.option("--timeout", type=click.FloatRange(min=0), default=60.0, show_default=True,
              help="Time budget per check in seconds (0: none), as for check.")
@click.option("-j", "--jobs", type=click.IntRange(min=0), default=0, show_default=True,
              help="Checks running at once (0: all cores); further uploads wait for a turn.")
@click.option("--keep-downloads", "keep_seconds", type=click.FloatRange(min=0), default=3600.0, show_default=True,
              help="Seconds an answer's downloads stay available (0: only while the answer is made).")
@click.option("--keep-answers", type=click.IntRange(min=1), default=100, show_default=True,
              help="Answers whose downloads are kept at most; the oldest go first.")
@click.option("--config", "config_file", type=click.Path(dir_okay=False, exists=True), default=None,
              help="A configuration file for every upload (default: the built-in configuration).")
@rules_option
@lang_option
def serve(host: str, port: int, max_bytes: str | None, timeout: float, jobs: int, keep_seconds: float,
          keep_answers: int, config_file: str | None, rules_dirs: tuple[str, ...], lang: str | None) -> None:
    """Serve the web page for checking one report at a time (needs the `serve` extra)."""
    from linter.serve import missing_package

    lang = lang_or_default(lang)
    missing = missing_package()
    if missing:
        fail(f"report-lint serve 需要安装 {missing}：pip install 'report-lint[serve]'" if lang == "zh" else
             f"report-lint serve needs {missing}: pip install 'report-lint[serve]'")
    from linter.serve.options import ServeOptions
    from linter.serve.run import StartError, run

    size = size_option(max_bytes, lang)
    options = ServeOptions(host=host, port=port, timeout=timeout, jobs=jobs, keep_seconds=keep_seconds,
                           keep_answers=keep_answers, config_file=config_file, rules_dirs=list(rules_dirs), lang=lang)
    if size is not None:
        options.max_bytes = size
    try:
        run(options)
    except StartError as exc:
        fail(f"report-lint serve: {exc}")
