"""The HTML pages against a real server: hostile text stays text, headers forbid script."""

from __future__ import annotations

import re
from html.parser import HTMLParser

import httpx
import pytest

pytestmark = pytest.mark.network


class _Elements(HTMLParser):
    """Collects what a browser would build: tag names and attributes (escaped text stays text)."""

    def __init__(self) -> None:
        super().__init__()
        self.problems: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in ("script", "img", "svg", "iframe", "object", "embed"):
            self.problems.append(f"<{tag}>")
        for name, value in attrs:
            if name.startswith("on"):
                self.problems.append(f"{tag} {name}=")
            if name in ("href", "src", "action") and (value or "").strip().lower().startswith(
                ("javascript:", "data:", "vbscript:")
            ):
                self.problems.append(f"{tag} {name}={value}")


def _problems(html: str) -> list[str]:
    parser = _Elements()
    parser.feed(html)
    parser.close()
    return parser.problems


def _crawl(client: httpx.Client) -> dict[str, httpx.Response]:
    """Every page reachable from the story list, plus the report HTML and the error pages."""
    pages: dict[str, httpx.Response] = {}
    todo = ["/", "/ingest", "/stories/st-nope", "/articles/nope", "/articles/x?span=1-2"]
    for story in client.get("/api/stories").json()["stories"]:
        todo.append(f"/api/stories/{story['id']}/report?format=html")
    while todo:
        path = todo.pop()
        if path in pages:
            continue
        pages[path] = response = client.get(path)
        for href in re.findall(r'href="(/(?:stories|articles)/[^"#]*)', response.text):
            todo.append(href.replace("&amp;", "&"))
    return pages


def test_every_page_escapes_hostile_input(client: httpx.Client) -> None:
    pages = _crawl(client)
    assert any(p.startswith("/articles/") and "span=" in p for p in pages), "citations link to spans"
    assert sum(1 for p in pages if p.startswith("/stories/st-") and pages[p].status_code == 200) >= 2
    for path, response in pages.items():
        assert response.headers["content-type"].startswith("text/html"), path
        body = response.text
        assert "<script" not in body.lower(), path
        assert _problems(body) == [], path


def test_hostile_title_is_shown_as_text(client: httpx.Client) -> None:
    body = client.get("/").text
    assert "&lt;script&gt;window.__pwned=1&lt;/script&gt;" in body


def test_security_headers_on_every_response(client: httpx.Client) -> None:
    for path in ("/", "/ingest", "/api/health", "/api/stories", "/static/style.css", "/articles/nope"):
        response = client.get(path)
        csp = response.headers["content-security-policy"]
        assert "script-src 'none'" in csp and "unsafe-inline" not in csp, path
        assert response.headers["x-content-type-options"] == "nosniff", path


def test_story_list_columns(client: httpx.Client) -> None:
    body = client.get("/").text
    for column in ("Outlets", "Independent origins", "Conflicts", "Last update"):
        assert column in body
    assert "Sorvin Ledger" in body and "Orbel Daily" in body
    filtered = client.get("/", params={"q": "tram"}).text
    assert "tram line" in filtered and "Sorvin" not in filtered


def test_article_page_marks_span_and_reading(client: httpx.Client) -> None:
    story = client.get("/api/stories", params={"q": "Sorvin"}).json()["stories"][0]
    article_id = story["articles"][0]["id"]
    text = client.get(f"/api/articles/{article_id}").json()["article"]["text"]
    start = text.index("Rescuers")
    page = client.get(f"/articles/{article_id}", params={"span": f"{start}-{start + 8}"}).text
    assert re.search(r'<mark class="[^"]*cited[^"]*" id="cited">Rescuers</mark>', page)
    assert 'class="quote' in page and 'class="num' in page
    plain = client.get(f"/articles/{article_id}", params={"span": "junk"})
    assert plain.status_code == 200 and 'id="cited"' not in plain.text


def test_story_page_citations_open_the_cited_words(client: httpx.Client) -> None:
    story = client.get("/api/stories", params={"q": "Sorvin"}).json()["stories"][0]
    page = client.get(f"/stories/{story['id']}").text
    links = re.findall(r'href="/articles/([^"?]+)\?span=(\d+)-(\d+)#cited"', page)
    assert links, "the briefing cites spans"
    article_id, start, end = links[0]
    text = client.get(f"/api/articles/{article_id}").json()["article"]["text"]
    cited = client.get(f"/articles/{article_id}", params={"span": f"{start}-{end}"}).text
    first_words = text[int(start) : int(end)].split()[0]
    assert 'id="cited"' in cited and first_words.replace("&", "&amp;") in cited


def test_ingest_form_reports_each_input(client: httpx.Client) -> None:
    form = client.get("/ingest").text
    assert 'enctype="multipart/form-data"' in form and 'name="url"' in form and 'name="file"' in form
    response = client.post("/ingest", data={"url": "http://127.0.0.1:9/private"})
    assert response.status_code == 200
    assert "rejected" in response.text and "non-public" in response.text
    bad = client.post("/ingest", data={"url": "javascript:alert(1)"})
    assert bad.status_code == 422 and 'href="javascript:' not in bad.text
    upload = client.post(
        "/ingest", files={"file": ("<svg onload=x>.txt", b"Quay news: 3 boats sank.", "text/plain")}
    )
    assert upload.status_code == 200 and "&lt;svg onload=x&gt;.txt" in upload.text
