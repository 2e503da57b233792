"""The web application (Starlette): the upload page, `POST /check`, the downloads, and the page's own style
and script.  Every response forbids loading anything from elsewhere (Content-Security-Policy), so nothing
leaves the machine however a report is written.

`POST /check` (multipart field `file`; optional `agency_kind`, `ruleset`, `lang`) answers the page, or — with
`Accept: application/json` — the document `report-lint check --format json` prints for the file (its path is
the uploaded file's safe name).  A request that is refused is answered 4xx with the reason: on the page, or as
`{"error": {"status": …, "message": …}}`; a file that cannot be read is 422 with its `input` finding.
"""
from __future__ import annotations

from importlib import resources
from pathlib import Path

from linter.serve.checking import Busy, Checker
from linter.serve.configs import AGENCY_KINDS, Choices, UploadConfigs
from linter.serve.downloads import KINDS, DownloadStore
from linter.output.marked import MARK_CSS
from linter.serve.options import ServeOptions
from linter.serve.uploads import UploadError, receive
from linter.serve.words import size_text, word

SECURITY_HEADERS = {
    "content-security-policy": "default-src 'none'; style-src 'self'; script-src 'self'; img-src 'self' data:; "
                               "form-action 'self'; base-uri 'none'; frame-ancestors 'none'",
    "x-content-type-options": "nosniff",
    "referrer-policy": "no-referrer",
    "cache-control": "no-store",
}


class Server:
    """What the routes share: options, configurations, the checker, the download store, the templates."""

    def __init__(self, options: ServeOptions, root: Path) -> None:
        from jinja2 import Environment, PackageLoader, select_autoescape

        from linter.document.readers import supported_extensions

        self.options, self.root = options, root
        self.extensions = supported_extensions(named=True)
        self.configs = UploadConfigs(options)
        self.store = DownloadStore(root, options.keep_seconds, options.keep_answers)
        self.checker = Checker(options, self.configs, self.store)
        self.templates = Environment(loader=PackageLoader("linter.serve", "templates"),
                                     autoescape=select_autoescape(default=True, default_for_string=True))
        static = resources.files("linter.serve") / "static"
        self.static = {"page.css": (MARK_CSS + (static / "page.css").read_text(encoding="utf-8"), "text/css"),
                       "page.js": ((static / "page.js").read_text(encoding="utf-8"), "text/javascript")}

    def render(self, template: str, lang: str, status: int = 200, **values):
        from starlette.responses import HTMLResponse

        page = self.templates.get_template(template).render(
            lang=lang, w=lambda key, **v: word(key, lang, **v), options=self.options, **values)
        return HTMLResponse(page, status_code=status)


def create_app(options: ServeOptions, root: Path):
    """The ASGI application; `root` is the server's private temporary directory (it must exist)."""
    from functools import partial

    from starlette.applications import Starlette
    from starlette.routing import Route

    server = Server(options, root)
    routes = [Route("/", partial(_index, server)),
              Route("/check", partial(_check, server), methods=["POST"]),
              Route("/download/{token}/{kind}", partial(_download, server)),
              Route("/static/{name}", partial(_static, server))]
    app = Starlette(routes=routes, exception_handlers={404: partial(_not_found, server), 405: partial(_not_found, server)})
    app.state.server = server
    return _Secured(app)


class _Secured:
    """ASGI middleware: the security headers on every response."""

    def __init__(self, app) -> None:
        self.app = app
        self.state = app.state

    async def __call__(self, scope, receive, send):
        async def secured(message):
            if message["type"] == "http.response.start":
                headers = [(k, v) for k, v in message.get("headers", []) if k.decode("latin-1") not in SECURITY_HEADERS]
                headers += [(k.encode(), v.encode()) for k, v in SECURITY_HEADERS.items()]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, secured)


# ── routes ───────────────────────────────────────────────────────────────────────────────────────
async def _index(server: Server, request):
    lang = _lang(server, request.query_params.get("lang", ""))
    return server.render("index.html", lang, kinds=AGENCY_KINDS, rulesets=server.configs.rulesets,
                         extensions=server.extensions, max_size=size_text(server.options.max_bytes))


async def _check(server: Server, request):
    import anyio
    from starlette.requests import ClientDisconnect
    from starlette.responses import Response

    as_json = _wants_json(request)
    lang = server.options.lang
    upload = None
    try:
        try:
            with anyio.fail_after(server.options.upload_seconds):
                upload = await receive(request, server.root, server.options.max_bytes, server.extensions)
        except TimeoutError:
            raise UploadError(408, "too_slow") from None
        choices = Choices.from_form(upload.fields, server.options.lang)
        lang = choices.lang
        try:
            checked = await anyio.to_thread.run_sync(server.checker.check, upload, choices, not as_json)
        except Busy:
            raise UploadError(503, "busy") from None
    except UploadError as exc:
        return _refused(server, request, exc.status, exc.key, lang, **exc.values)
    except ClientDisconnect:  # the browser went away mid-upload: nobody to answer
        return Response(status_code=400)
    finally:
        if upload is not None:
            upload.remove()
    status = 200 if checked.result.error is None else 422
    if as_json:
        return Response(checked.json, status_code=status, media_type="application/json")
    from linter.serve.page import answer

    return server.render("answer.html", lang, status, answer=answer(checked, upload.name))


async def _download(server: Server, request):
    from starlette.responses import FileResponse

    found = server.store.find(request.path_params["token"], request.path_params["kind"])
    if found is None:
        return _refused(server, request, 404, "not_found")
    path, name = found
    return FileResponse(path, media_type=KINDS[request.path_params["kind"]][1], filename=name)


async def _static(server: Server, request):
    from starlette.responses import Response

    found = server.static.get(request.path_params["name"])
    if found is None:
        return _refused(server, request, 404, "not_found")
    text, media = found
    return Response(text, media_type=media)


async def _not_found(server: Server, request, exc):
    return _refused(server, request, exc.status_code, "not_found")


# ── helpers ──────────────────────────────────────────────────────────────────────────────────────
def _refused(server: Server, request, status: int, key: str, lang: str | None = None, **values):
    lang = lang or server.options.lang
    if key == "too_large":
        values = {"size": size_text(values.get("limit", server.options.max_bytes))}
    message = word(key, lang, **values)
    if _wants_json(request):
        from starlette.responses import JSONResponse

        return JSONResponse({"error": {"status": status, "message": message}}, status_code=status)
    return server.render("refused.html", lang, status, message=message)


def _wants_json(request) -> bool:
    accept = request.headers.get("accept", "")
    return "application/json" in accept and "text/html" not in accept


def _lang(server: Server, value: str) -> str:
    return value if value in ("zh", "en") else server.options.lang
