"""The JSON API under ``/api``: the same data as the pages, in the command-line contract's shapes.

Handlers are plain (sync) functions, so FastAPI runs them in its thread pool and each one opens
and closes its own store connection through :class:`~storyline.web.site.Site`.
"""

from __future__ import annotations

import datetime as dt
import json
from typing import Annotated, Any, Literal

from fastapi import APIRouter, Query, Request, Response
from starlette.concurrency import run_in_threadpool

from storyline.brief import report_document, to_html, to_markdown
from storyline.codec import to_json
from storyline.model import Report
from storyline.web.intake import (
    FORM_OVERHEAD_BYTES,
    MAX_UPLOAD_BYTES,
    Upload,
    check_urls,
    ingest_uploads,
    ingest_urls,
)
from storyline.web.site import Site, StoryFilter, WebError


def _date(value: str | None, name: str) -> str | None:
    if value is None or value == "":
        return None
    try:
        dt.date.fromisoformat(value[:10])
    except ValueError:
        raise WebError(422, f"{name} must be a date such as 2024-05-01, not {value!r}") from None
    return value


def story_filter(
    q: str | None, outlet: str | None, since: str | None, until: str | None, limit: int, offset: int
) -> StoryFilter:
    """Validated listing parameters (shared by the page and the API)."""
    return StoryFilter(q or None, outlet or None, _date(since, "since"), _date(until, "until"), limit, offset)


async def read_ingest_body(request: Request, max_bytes: int) -> list[Upload] | list[str]:
    """The uploads or URLs of an ingest request, with the size cap enforced while reading."""
    declared = request.headers.get("content-length")
    if declared is not None and declared.isdigit() and int(declared) > max_bytes + FORM_OVERHEAD_BYTES:
        raise WebError(413, f"request body over the {max_bytes} byte limit")
    kind = request.headers.get("content-type", "")
    if kind.startswith(("multipart/form-data", "application/x-www-form-urlencoded")):
        form = await request.form(max_files=20, max_fields=20)
        uploads: list[Upload] = []
        for value in form.getlist("file"):
            if isinstance(value, str):
                continue
            content = await value.read(max_bytes + 1)
            if len(content) > max_bytes:
                raise WebError(413, f"upload over the {max_bytes} byte limit")
            if content:
                uploads.append(Upload(value.filename or "upload", content))
        urls = [u for u in (str(v).strip() for v in form.getlist("url") if isinstance(v, str)) if u]
        if uploads:
            return uploads
        return check_urls(urls)
    body = b""
    async for chunk in request.stream():
        body += chunk
        if len(body) > max_bytes:
            raise WebError(413, f"request body over the {max_bytes} byte limit")
    try:
        data = json.loads(body or b"null")
    except ValueError:
        raise WebError(422, 'the body is not JSON (send {"urls": [...]} or a multipart file)') from None
    return check_urls(data.get("urls") if isinstance(data, dict) else None)


def run_ingest(site: Site, items: list[Upload] | list[str], max_bytes: int) -> dict[str, Any]:
    """Ingest what :func:`read_ingest_body` returned."""
    uploads = [i for i in items if isinstance(i, Upload)]
    if uploads:
        return ingest_uploads(site, uploads, max_bytes)
    return ingest_urls(site, [i for i in items if isinstance(i, str)], max_bytes)


REPORT_TYPES = {
    "json": "application/json",
    "md": "text/markdown; charset=utf-8",
    "html": "text/html; charset=utf-8",
}


def _report_json(report: Report, texts: dict[str, str]) -> str:
    return json.dumps(report_document(report), ensure_ascii=False)


def api_router(site: Site, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> APIRouter:
    """The ``/api`` routes over ``site``."""
    router = APIRouter(prefix="/api", tags=["api"])

    @router.get("/health")
    def health() -> dict[str, Any]:
        """Liveness, and whether ingest is allowed."""
        return {"status": "ok", "read_only": site.read_only}

    @router.get("/stories")
    def stories(
        q: Annotated[str | None, Query(description="text in the story title")] = None,
        outlet: Annotated[str | None, Query(description="an outlet that reported it")] = None,
        since: Annotated[str | None, Query(description="last published on or after (YYYY-MM-DD)")] = None,
        until: Annotated[str | None, Query(description="first published on or before (YYYY-MM-DD)")] = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> dict[str, Any]:
        """Stories with their articles (the ``stories --json`` shape), paged and filtered."""
        return site.stories(story_filter(q, outlet, since, until, limit, offset))

    @router.get("/stories/{story_id}")
    def story(story_id: str) -> dict[str, Any]:
        """One story with its articles."""
        return site.story(story_id)

    @router.get("/stories/{story_id}/report", response_model=None)
    async def report(story_id: str, format: Literal["json", "md", "html"] = "json") -> Response:  # noqa: A002
        """The story's ``storyline.report/1`` as JSON, Markdown or HTML."""
        render = {"json": _report_json, "md": to_markdown, "html": to_html}[format]
        text = site.peek(story_id, format)
        if text is None:
            text = await run_in_threadpool(site.rendered, story_id, format, render)
        return Response(text, media_type=REPORT_TYPES[format])

    @router.get("/articles/{article_id}")
    def article(article_id: str) -> dict[str, Any]:
        """The article (``articles --json`` shape) and its reading."""
        found, reading = site.article(article_id)
        return {"article": found.to_json(), "reading": to_json(reading)}

    @router.post("/ingest", status_code=200)
    async def ingest(request: Request) -> Any:
        """Ingest ``{"urls": [...]}`` or multipart ``file`` uploads; one outcome per input."""
        if site.read_only:
            raise WebError(403, "this server is read-only: ingest is disabled")
        items = await read_ingest_body(request, max_upload_bytes)
        return await run_in_threadpool(run_ingest, site, items, max_upload_bytes)

    return router
