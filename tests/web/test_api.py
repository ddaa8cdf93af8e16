"""The JSON API against a real server: shapes, filters, status codes and the error body."""

from __future__ import annotations

import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from storyline.api import open_storyline

pytestmark = pytest.mark.network


def _stories(client: httpx.Client, **params: Any) -> dict[str, Any]:
    response = client.get("/api/stories", params=params)
    assert response.status_code == 200, response.text
    data: dict[str, Any] = response.json()
    return data


def _first_story(client: httpx.Client, q: str = "Sorvin") -> dict[str, Any]:
    stories = _stories(client, q=q)["stories"]
    assert stories, "the corpus has a Lake Sorvin story"
    first: dict[str, Any] = stories[0]
    return first


def test_health(client: httpx.Client) -> None:
    response = client.get("/api/health")
    assert response.json() == {"status": "ok", "read_only": False}
    assert response.headers["x-content-type-options"] == "nosniff"


def test_openapi_docs(client: httpx.Client) -> None:
    assert client.get("/docs").status_code == 200
    paths = client.get("/openapi.json").json()["paths"]
    for path in ("/api/health", "/api/stories", "/api/stories/{story_id}/report", "/api/ingest"):
        assert path in paths


def test_story_listing_shape_and_counts(client: httpx.Client) -> None:
    data = _stories(client)
    assert data["total"] >= 2 and data["matched"] == data["total"]
    article_keys = {"id", "title", "outlet", "url", "path", "published", "copy_of"}
    for story in data["stories"]:
        assert {"id", "title", "articles"} <= set(story)
        for article in story["articles"]:
            assert set(article) == article_keys


def test_story_listing_filters_and_paging(client: httpx.Client) -> None:
    total = _stories(client)["total"]
    assert _stories(client, q="tram")["matched"] == 1
    assert _stories(client, q="no such title")["stories"] == []
    assert _stories(client, outlet="Orbel Daily")["matched"] == 1
    assert _stories(client, since="2030-03-01")["matched"] == total - 1
    assert _stories(client, until="2030-02-20")["matched"] == 1
    page = _stories(client, limit=1, offset=1)
    assert len(page["stories"]) == 1 and page["offset"] == 1
    bad = client.get("/api/stories", params={"since": "yesterday"})
    assert bad.status_code == 422 and bad.json()["status"] == 422
    assert client.get("/api/stories", params={"limit": 0}).status_code == 422


def test_story_and_report_formats(client: httpx.Client) -> None:
    story = _first_story(client)
    one = client.get(f"/api/stories/{story['id']}").json()
    assert one["id"] == story["id"] and one["articles"]
    report = client.get(f"/api/stories/{story['id']}/report").json()
    assert report["format"] == "storyline.report/1" and report["story"]["id"] == story["id"]
    markdown = client.get(f"/api/stories/{story['id']}/report", params={"format": "md"})
    assert markdown.headers["content-type"].startswith("text/markdown")
    html = client.get(f"/api/stories/{story['id']}/report", params={"format": "html"})
    assert html.headers["content-type"].startswith("text/html") and "<!DOCTYPE html>" in html.text
    assert client.get(f"/api/stories/{story['id']}/report", params={"format": "pdf"}).status_code == 422


def test_article_with_reading(client: httpx.Client) -> None:
    article_id = _first_story(client)["articles"][0]["id"]
    data = client.get(f"/api/articles/{article_id}").json()
    assert data["article"]["id"] == article_id and "text" in data["article"]
    assert data["reading"]["article_id"] == article_id
    assert data["reading"]["quotes"], "the Sorvin articles quote the chief engineer"


@pytest.mark.parametrize(
    "path", ["/api/stories/st-nope", "/api/stories/st-nope/report", "/api/articles/nope", "/api/nothing"]
)
def test_unknown_is_json_404(client: httpx.Client, path: str) -> None:
    response = client.get(path)
    assert response.status_code == 404
    assert response.json()["status"] == 404 and response.json()["error"]


def test_ingest_rejects_private_and_non_http(client: httpx.Client) -> None:
    response = client.post("/api/ingest", json={"urls": ["http://127.0.0.1:9/x", "http://10.0.0.1/y"]})
    assert response.status_code == 200
    rows = response.json()["inputs"]
    assert [row["status"] for row in rows] == ["rejected", "rejected"]
    assert all("non-public" in row["reason"] for row in rows)
    bodies: list[dict[str, Any]] = [{"urls": ["/etc/passwd"]}, {"urls": "http://a.example"}, {"urls": []}]
    for body in [*bodies, {"nope": 1}]:
        bad = client.post("/api/ingest", json=body)
        assert bad.status_code == 422 and bad.json()["status"] == 422
    assert client.post("/api/ingest", content=b"{not json").status_code == 422


def test_ingest_upload_and_outcomes(client: httpx.Client) -> None:
    text = (
        "HARBOUR CITY (Quay Times) - The ferry <b>Marlin</b> ran aground on Tuesday near Quay Point, "
        "the port authority said. All 57 passengers were rescued."
    )
    files = {"file": ("ferry<script>.txt", text.encode(), "text/plain")}
    response = client.post("/api/ingest", files=files)
    assert response.status_code == 200, response.text
    row = response.json()["inputs"][0]
    assert row["status"] == "added" and row["articles"] and row["input"] == "ferry<script>.txt"
    again = client.post("/api/ingest", files=files).json()["inputs"][0]
    assert again["status"] == "unchanged"
    empty = client.post("/api/ingest", files={"file": ("empty.txt", b"", "text/plain")})
    assert empty.status_code == 422


def test_ingest_too_large_is_413(client: httpx.Client) -> None:
    big = b"word " * (70 * 1024 // 5)
    response = client.post("/api/ingest", files={"file": ("big.txt", big, "text/plain")})
    assert response.status_code == 413 and response.json()["status"] == 413
    page = client.post("/ingest", files={"file": ("big.txt", big, "text/plain")})
    assert page.status_code == 413


def test_read_only_refuses_ingest(live_ro_url: str) -> None:
    with httpx.Client(base_url=live_ro_url, timeout=30) as http:
        assert http.get("/api/health").json()["read_only"] is True
        response = http.post("/api/ingest", json={"urls": ["https://example.com/"]})
        assert response.status_code == 403 and response.json() == {
            "error": "this server is read-only: ingest is disabled",
            "status": 403,
        }
        assert http.post("/ingest", files={"file": ("a.txt", b"x", "text/plain")}).status_code == 403
        assert http.get("/api/stories").status_code == 200


def test_chunked_body_over_cap_is_413(client: httpx.Client) -> None:
    def chunks() -> Iterator[bytes]:
        for _ in range(40):
            yield b"x" * 8192

    response = client.post("/api/ingest", content=chunks(), headers={"content-type": "application/json"})
    assert response.status_code == 413 and response.json()["status"] == 413


def test_cached_report_follows_the_store(client: httpx.Client, corpus_db: Path) -> None:
    story = _first_story(client)
    before = client.get(f"/api/stories/{story['id']}/report").json()
    extra = {
        "title": "Lake Sorvin dam: floodgates failed, 40 homes flooded in Mirrow",
        "outlet": "Valley Herald",
        "published": "2030-03-02T12:00:00+00:00",
        "text": (
            "MIRROW (Valley Herald) - Two floodgates of the Lake Sorvin dam failed on Saturday, flooding "
            "40 homes in Mirrow, the regional authority said. Chief Engineer Doran Pell said the "
            "spillway was opened at dawn. Rescuers evacuated 120 residents by boat."
        ),
    }
    path = corpus_db.parent / "extra.jsonl"
    path.write_text(json.dumps(extra) + "\n", encoding="utf-8")
    with open_storyline(str(corpus_db)) as app:  # another writer, as `storyline ingest` would be
        assert app.ingest([str(path)]).ok
    after_story = client.get(f"/api/stories/{story['id']}").json()
    after = client.get(f"/api/stories/{story['id']}/report").json()
    assert len(after_story["articles"]) == len(story["articles"]) + 1, "the new article joins the story"
    assert len(after["sources"]) == len(before["sources"]) + 1, "the cached report was recomputed"
