"""The web app: JSON API, pages, security headers, one error shape; and :func:`serve`.

Errors: :class:`~storyline.web.site.WebError` carries its status; FastAPI's validation errors
become 422 and unknown routes 404, all as ``{"error": "...", "status": N}`` under ``/api`` and as
an escaped page elsewhere (datasette's single ``handle_exception`` idea).
Every response gets a Content-Security-Policy with no script source at all (the pages need none;
the only inline style allowed is the report stylesheet, by hash), ``nosniff`` and no framing.
"""

from __future__ import annotations

import logging

from fastapi import FastAPI, Request, Response
from fastapi.exceptions import RequestValidationError
from fastapi.responses import HTMLResponse, JSONResponse
from starlette.datastructures import MutableHeaders
from starlette.exceptions import HTTPException as StarletteHTTPException
from starlette.types import ASGIApp, Message, Receive, Scope, Send

from storyline.brief.style import CSS, css_hash
from storyline.web.api_routes import api_router
from storyline.web.intake import FORM_OVERHEAD_BYTES, MAX_UPLOAD_BYTES
from storyline.web.pages import error_page
from storyline.web.site import Site, WebError
from storyline.web.ui_routes import ui_router

LOG = logging.getLogger(__name__)

EXTRA_CSS = """
nav { margin: 0.5rem 1rem; }
.article-text { white-space: pre-wrap; max-width: 46rem; line-height: 1.6; }
.quote { background: #e8f0ff; } .attr { text-decoration: underline; } .num { background: #eaf7e6; }
.loaded { background: #fff1cc; } mark.cited, .cited { background: #ffd84d; outline: 2px solid #b58900; }
.legend span { padding: 0 0.3rem; margin-right: 0.3rem; } .error, .rejected { color: #a00; }
form label { margin-right: 0.6rem; }
"""
STYLESHEET = CSS + EXTRA_CSS

# The pages load /static/style.css; /docs (Swagger UI) loads its own script from a CDN, so the docs
# pages get a looser policy of their own below, and every other response forbids script outright.
CSP = (
    "default-src 'none'; "
    f"style-src 'self' {css_hash()}; "
    "img-src 'self'; script-src 'none'; object-src 'none'; base-uri 'none'; "
    "form-action 'self'; frame-ancestors 'none'"
)
DOCS_CSP = (
    "default-src 'none'; script-src 'self' https://cdn.jsdelivr.net; "
    "style-src 'self' https://cdn.jsdelivr.net 'unsafe-inline'; "
    "img-src 'self' https://fastapi.tiangolo.com data:; "
    "connect-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'none'"
)


class Guard:
    """Pure ASGI middleware: security headers on every response, and a cap on request bodies.

    The cap counts bytes as they arrive, so a chunked upload without ``Content-Length`` cannot
    stream past it into the multipart parser's spool file; going over raises a 413
    :class:`WebError` inside the handler that is reading. Pure ASGI rather than
    ``@app.middleware`` because that wrapper costs a task and a stream per request.
    """

    def __init__(self, app: ASGIApp, max_body_bytes: int) -> None:
        self.app = app
        self.max_body_bytes = max_body_bytes

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        policy = DOCS_CSP if scope["path"] in ("/docs", "/redoc") else CSP
        seen = 0

        async def counted() -> Message:
            nonlocal seen
            message = await receive()
            seen += len(message.get("body", b""))
            if seen > self.max_body_bytes:
                raise WebError(413, f"request body over the {self.max_body_bytes} byte limit")
            return message

        started = False

        async def with_headers(message: Message) -> None:
            nonlocal started
            if message["type"] == "http.response.start":
                started = True
                headers = MutableHeaders(scope=message)
                headers["Content-Security-Policy"] = policy
                headers["X-Content-Type-Options"] = "nosniff"
                headers["Referrer-Policy"] = "no-referrer"
                headers["X-Frame-Options"] = "DENY"
            await send(message)

        try:
            await self.app(scope, counted, with_headers)
        except Exception:
            # An unexpected failure still answers with the security headers and a JSON error,
            # rather than reaching the server's bare 500 page outside this middleware.
            LOG.exception("unhandled error on %s", scope.get("path"))
            if started:
                raise
            body = b'{"error": "internal server error", "status": 500}'
            await with_headers(
                {
                    "type": "http.response.start",
                    "status": 500,
                    "headers": [
                        (b"content-type", b"application/json"),
                        (b"content-length", str(len(body)).encode()),
                    ],
                }
            )
            await with_headers({"type": "http.response.body", "body": body})


def _error(request: Request, status: int, message: str) -> Response:
    if request.url.path.startswith("/api"):
        return JSONResponse({"error": message, "status": status}, status_code=status)
    return HTMLResponse(error_page(status, message), status_code=status)


def create_app(db: str, read_only: bool = False, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> FastAPI:
    """The storyline web app over the store at ``db``; ``read_only`` disables ingest (403)."""
    site = Site(db, read_only)
    app = FastAPI(
        title="storyline",
        summary="Stories, articles and cited reports of the news in a storyline store.",
        version="1",
    )
    app.state.site = site
    app.include_router(api_router(site, max_upload_bytes))
    app.include_router(ui_router(site, max_upload_bytes))

    @app.get("/static/style.css", include_in_schema=False)
    def stylesheet() -> Response:
        return Response(STYLESHEET, media_type="text/css; charset=utf-8")

    @app.exception_handler(WebError)
    async def web_error(request: Request, error: WebError) -> Response:
        return _error(request, error.status, error.message)

    @app.exception_handler(RequestValidationError)
    async def bad_input(request: Request, error: RequestValidationError) -> Response:
        details = "; ".join(
            f"{'.'.join(str(p) for p in e.get('loc', ()))}: {e.get('msg', 'invalid')}" for e in error.errors()
        )
        return _error(request, 422, details or "invalid input")

    @app.exception_handler(StarletteHTTPException)
    async def http_error(request: Request, error: StarletteHTTPException) -> Response:
        return _error(request, error.status_code, str(error.detail))

    app.add_middleware(Guard, max_body_bytes=max_upload_bytes + FORM_OVERHEAD_BYTES)
    return app


def serve(
    db: str, host: str = "127.0.0.1", port: int = 8000, read_only: bool = False, access_log: bool = True
) -> None:
    """Run the app with uvicorn until interrupted (what ``storyline serve`` calls)."""
    import uvicorn

    uvicorn.run(create_app(db, read_only), host=host, port=port, log_level="info", access_log=access_log)
