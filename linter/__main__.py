"""`python -m linter` and the `report-lint` program.

Every command serves its regular expressions and dataclass methods from the per-user tables of compiled ones
(`linter.compiled`); `check` starts up without the cyclic garbage collector and ends without the interpreter's
teardown (`_leave`).
"""
import gc
import os
import sys


def run() -> None:
    checking = sys.argv[1:2] == ["check"]
    if checking:
        # Starting up creates objects that live as long as the process: the cyclic collector would walk them
        # again and again (a tenth of a cold check's time).  The batch turns it back on, those objects frozen,
        # before it forks a worker (`batch.run._map`).
        gc.disable()
    from linter import compiled

    compiled.install()
    from linter.cli.main import main

    if not checking:
        main()
        return
    try:
        main()
    except SystemExit as exc:
        _leave(exc)


def _leave(exc: SystemExit) -> None:
    """End `check` as `sys.exit` would, less the teardown of every module and object, which cost a cold run
    about a tenth of its time: the exit handlers run and the standard streams are flushed, then the process
    ends.  `check` starts no thread that could still be running.  When a stream cannot be flushed (a closed
    pipe), the ordinary exit reports it as before."""
    import atexit

    code = exc.code
    if code is not None and not isinstance(code, int):
        raise exc  # a message to print: the ordinary exit does that
    run_handlers = getattr(atexit, "_run_exitfuncs", None)
    if run_handlers is None:
        raise exc
    run_handlers()
    try:
        sys.stdout.flush()
        sys.stderr.flush()
    except (OSError, ValueError):
        raise exc from None
    os._exit(code or 0)


if __name__ == "__main__":
    run()
