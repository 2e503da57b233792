"""Starting the server: the private temporary directory, the engine warmed up, the listening socket bound
(so a port taken is one line and exit code 2, and `--port 0` prints the port it got), then uvicorn until
Ctrl-C; the temporary directory and everything in it are removed on the way out."""
from __future__ import annotations

import shutil
import signal
import socket
import sys
import tempfile
from pathlib import Path

from linter.serve.options import ServeOptions


class StartError(Exception):
    """The server cannot start (the address cannot be bound, the configuration is bad)."""


class _Stopped(Exception):
    """SIGTERM: uvicorn shuts down gracefully, then raises the signal again, which lands here."""


def _stop(signum, frame):
    raise _Stopped()


def bind(host: str, port: int) -> socket.socket:
    """A listening socket on host:port (IPv4 or IPv6, whichever the host is)."""
    try:
        family, kind, proto, _, address = socket.getaddrinfo(host, port, type=socket.SOCK_STREAM,
                                                             flags=socket.AI_PASSIVE)[0]
        sock = socket.socket(family, kind, proto)
    except (OSError, UnicodeError) as exc:
        raise StartError(f"cannot listen on {host}:{port}: {exc}") from exc
    try:
        sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
        sock.bind(address)
        sock.listen(128)
    except OSError as exc:
        sock.close()
        raise StartError(f"cannot listen on {host}:{port}: {exc.strerror or exc}") from exc
    sock.set_inheritable(True)
    return sock


def url_of(sock: socket.socket) -> str:
    host, port = sock.getsockname()[:2]
    shown = f"[{host}]" if ":" in host else host
    return f"http://{shown}:{port}/"


def reach_notice(options: ServeOptions, sock: socket.socket) -> str | None:
    """Who can reach a server that is not bound to loopback — said when it starts."""
    if options.loopback:
        return None
    port = sock.getsockname()[1]
    everywhere = options.host in ("0.0.0.0", "::", "")
    addresses = _addresses() if everywhere else [options.host]
    where = ", ".join(f"http://{a}:{port}/" for a in addresses) or f"port {port} of this machine"
    return (f"report-lint serve listens on {options.host}, not only on this machine: anyone who can reach "
            f"{'this machine' if everywhere else options.host} on the network ({where}) can upload reports "
            f"to it and see the answers. Use --host 127.0.0.1 to keep it to this machine.")


def _addresses() -> list[str]:
    """This machine's own addresses, as its name resolves (no traffic leaves it)."""
    try:
        infos = socket.getaddrinfo(socket.gethostname(), None)
    except OSError:
        return []
    return sorted({info[4][0] for info in infos if not info[4][0].startswith(("127.", "::1"))})


def run(options: ServeOptions, out=None) -> None:
    """Run the server until interrupted; `StartError` when it cannot start."""
    import uvicorn

    from linter.serve.app import create_app

    out = out or sys.stdout
    sock = bind(options.host, options.port)
    root = Path(tempfile.mkdtemp(prefix="report-lint-serve-"))
    previous = signal.signal(signal.SIGTERM, _stop)
    try:
        app = create_app(options, root)
        server = app.state.server
        try:
            server.configs.validate()
        except Exception as exc:  # a bad configuration or rule file: say it before serving anything
            raise StartError(str(exc)) from exc
        server.checker.warm_up()
        notice = reach_notice(options, sock)
        if notice:
            print(notice, file=sys.stderr, flush=True)
        print(f"report-lint serve: {url_of(sock)} (Ctrl-C to stop)", file=out, flush=True)
        config = uvicorn.Config(app, log_level="warning", timeout_keep_alive=5, lifespan="off",
                                server_header=False, date_header=False)
        uvicorn.Server(config).run(sockets=[sock])
    except (KeyboardInterrupt, _Stopped):
        pass
    finally:
        signal.signal(signal.SIGTERM, previous)
        sock.close()
        shutil.rmtree(root, ignore_errors=True)
