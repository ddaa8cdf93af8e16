"""The HTML pages: each calls the same :class:`~storyline.web.site.Site` method as its JSON twin."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Query, Request
from fastapi.responses import HTMLResponse
from starlette.concurrency import run_in_threadpool

from storyline.model import Report
from storyline.web import pages
from storyline.web.api_routes import read_ingest_body, run_ingest, story_filter
from storyline.web.intake import MAX_UPLOAD_BYTES
from storyline.web.site import Site, WebError


def _story_page(report: Report, texts: dict[str, str]) -> str:
    return pages.story_page(report)


def ui_router(site: Site, max_upload_bytes: int = MAX_UPLOAD_BYTES) -> APIRouter:
    """The page routes over ``site``."""
    router = APIRouter(include_in_schema=False)

    @router.get("/", response_class=HTMLResponse)
    def stories(
        q: str | None = None,
        outlet: str | None = None,
        since: str | None = None,
        until: str | None = None,
        limit: Annotated[int, Query(ge=1, le=500)] = 50,
        offset: Annotated[int, Query(ge=0)] = 0,
    ) -> str:
        listing = site.stories(story_filter(q, outlet, since, until, limit, offset))
        summaries = [site.summary(s["id"]) for s in listing["stories"]]
        given = {"q": q, "outlet": outlet, "since": since, "until": until}
        params = {k: v for k, v in given.items() if v}
        return pages.stories_page(summaries, listing, params)

    @router.get("/stories/{story_id}", response_class=HTMLResponse)
    async def story(story_id: str) -> str:
        text = site.peek(story_id, "page")
        if text is None:
            text = await run_in_threadpool(site.rendered, story_id, "page", _story_page)
        return text

    @router.get("/articles/{article_id}", response_class=HTMLResponse)
    def article(article_id: str, span: str | None = None) -> str:
        found, reading = site.article(article_id)
        return pages.article_page(found, reading, pages.parse_span(span, len(found.text)))

    @router.get("/ingest", response_class=HTMLResponse)
    def ingest_form() -> str:
        return pages.ingest_page(site.read_only)

    @router.post("/ingest", response_class=HTMLResponse)
    async def ingest(request: Request) -> HTMLResponse:
        if site.read_only:
            return HTMLResponse(pages.ingest_page(True), status_code=403)
        try:
            items = await read_ingest_body(request, max_upload_bytes)
            outcome = await run_in_threadpool(run_ingest, site, items, max_upload_bytes)
        except WebError as error:
            return HTMLResponse(pages.ingest_page(False, error=error.message), status_code=error.status)
        return HTMLResponse(pages.ingest_page(False, outcome))

    return router
