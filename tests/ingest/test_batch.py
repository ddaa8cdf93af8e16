"""Whole batches: every input form, copies, no-op re-ingest, and bad input that costs nothing else."""

from __future__ import annotations

import gzip
import json
import sqlite3
from pathlib import Path

import pytest

from storyline.ingest import IngestOptions, ingest
from storyline.ingest.fetch import FetchOptions
from storyline.store import Store, open_store

from support import BODY_A, BODY_B, BODY_C, LocalServer, Route, article_html, build_warc, rss


@pytest.fixture
def store(tmp_path: Path) -> Store:
    return open_store(str(tmp_path / "t.db"))


def _write(path: Path, data: str | bytes) -> str:
    if isinstance(data, str):
        path.write_text(data, encoding="utf-8")
    else:
        path.write_bytes(data)
    return str(path)


def test_every_form_in_one_directory(tmp_path: Path, store: Store) -> None:
    folder = tmp_path / "in"
    folder.mkdir()
    _write(folder / "a.txt", "Trams Return to Brellport\n\n" + BODY_A)
    _write(folder / "b.html", article_html("Floods in Osk", BODY_B))
    _write(
        folder / "c.jsonl",
        json.dumps(
            {"title": "Osk Pumps", "text": BODY_B + "\n\nPumps ran all night.", "url": "https://c.example/1"}
        ),
    )
    _write(
        folder / "d.xml",
        rss(
            [
                (
                    "Harbour Fees Rise",
                    "https://courier.example/fees",
                    "<p>" + BODY_C.replace("\n\n", "</p><p>") + "</p>",
                )
            ]
        ),
    )
    _write(
        folder / "e.warc.gz",
        build_warc(
            [("https://w.example/osk", article_html("Osk Dries Out", BODY_B.replace("Saturday", "Friday")))]
        ),
    )
    _write(folder / "index.json", json.dumps({"generated": "2031-05-02", "files": 5}))
    _write(folder / "notes.csv", "not,an,article")
    result = ingest([str(folder)], store, IngestOptions(follow_feed_links=False))
    assert result.rejected == ()
    assert [a.title for a in result.added] == [
        "Trams Return to Brellport",
        "Floods in Osk",
        "Harbour Fees Rise",
    ]
    assert [a.copy_of for a in result.copies] == [result.added[1].id, result.added[1].id]
    assert sorted(a.origin for a in result.copies) == [
        f"{folder}/c.jsonl",
        f"{folder}/e.warc.gz#https://w.example/osk",
    ]


def test_reingest_is_a_no_op(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "a.txt", "Trams Return\n\n" + BODY_A)
    first = ingest([path], store)
    second = ingest([path], store)
    assert len(first.added) == 1
    assert second.added == () and second.copies == ()
    assert second.unchanged == (first.added[0].id,)
    assert len(list(store.iter_articles())) == 1


def test_same_text_under_another_url_is_a_copy(tmp_path: Path, store: Store) -> None:
    records = [
        {"text": BODY_A, "url": "https://one.example/a"},
        {"text": BODY_A, "url": "https://two.example/a"},
    ]
    path = _write(tmp_path / "r.jsonl", "\n".join(json.dumps(r) for r in records))
    result = ingest([path], store)
    assert len(result.added) == 1
    assert result.copies[0].copy_of == result.added[0].id


def test_syndicated_copy_with_new_headline_and_paragraph(tmp_path: Path, store: Store) -> None:
    a = _write(tmp_path / "a.html", article_html("Trams Return", BODY_A))
    b = _write(
        tmp_path / "b.html",
        article_html(
            "Brellport Trams Roll Again",
            BODY_A + "\n\nThis story was first published by The Lantern Post.",
            outlet="Osk Gazette",
        ),
    )
    result = ingest([a, b], store)
    assert [x.title for x in result.added] == ["Trams Return"]
    assert [(x.title, x.copy_of) for x in result.copies] == [
        ("Brellport Trams Roll Again", result.added[0].id)
    ]


def test_a_near_copy_is_found_by_stored_hashes_and_without_them(tmp_path: Path, store: Store) -> None:
    """Articles keep their shingle hashes; one stored before they were kept is compared by text."""
    original = {"text": BODY_A, "url": "https://one.example/a"}
    syndicated = {"text": BODY_A + "\n\nFirst published by The Lantern Post.", "url": "https://two.example/a"}
    first = ingest([_write(tmp_path / "a.jsonl", json.dumps(original))], store).added[0]
    assert len(store.get_shingles([first.id])[first.id]) > 40
    path = _write(tmp_path / "b.jsonl", json.dumps(syndicated))
    by_hashes = ingest([path], store).copies
    assert [a.copy_of for a in by_hashes] == [first.id]

    old = open_store(str(tmp_path / "old.db"))
    ingest([_write(tmp_path / "a.jsonl", json.dumps(original))], old)
    raw = sqlite3.connect(tmp_path / "old.db")
    raw.execute("DELETE FROM article_shingles")
    raw.commit()
    raw.close()
    assert old.get_shingles([first.id]) == {}
    assert [a.copy_of for a in ingest([path], old).copies] == [first.id]


def test_bad_inputs_are_named_and_the_rest_is_kept(tmp_path: Path, store: Store) -> None:
    good = _write(tmp_path / "good.txt", "Trams Return\n\n" + BODY_A)
    binary = _write(tmp_path / "photo.txt", b"\x89PNG\r\n\x1a\n" + bytes(range(256)))
    undecodable = _write(tmp_path / "garbage.txt", bytes(range(128, 256)) * 40 + b"\x00")
    empty = _write(tmp_path / "empty.html", "<html><body><nav>Home</nav></body></html>")
    blank = _write(tmp_path / "blank.txt", "   \n\n ")
    big = _write(tmp_path / "big.txt", "word " * 1500)
    feed = _write(tmp_path / "broken.rss", "<rss><channel><item><title>x</title>")
    warc = build_warc(
        [
            ("https://w.example/1", article_html("Floods", BODY_B)),
            ("https://w.example/2", article_html("Trams", BODY_A)),
        ]
    )
    truncated = _write(tmp_path / "cut.warc.gz", warc[: len(warc) - 200])
    jsonl = _write(
        tmp_path / "recs.jsonl", json.dumps({"text": BODY_C, "url": "https://j.example/1"}) + "\n42\n"
    )
    result = ingest(
        [good, binary, undecodable, empty, blank, big, feed, truncated, jsonl, str(tmp_path / "missing.txt")],
        store,
        IngestOptions(max_bytes=6000),
    )
    reasons = {r.input.replace(str(tmp_path) + "/", ""): r.reason for r in result.rejected}
    assert reasons["photo.txt"] == "binary data, not text"
    assert reasons["garbage.txt"] == "no character set decodes this input"
    assert reasons["empty.html"] == "no article text found in the page"
    assert reasons["blank.txt"] == "the input is empty"
    assert (
        reasons["big.txt"] == "7,500 bytes is over the size limit of 6,000 bytes (raise it with --max-bytes)"
    )
    assert reasons["broken.rss"].startswith("not a readable RSS or Atom feed")
    assert reasons["cut.warc.gz"] == "archive is truncated: kept its 1 complete record"
    assert reasons["recs.jsonl:2"] == "expected a JSON object, found int"
    assert reasons["missing.txt"] == "no such file, directory or URL"
    assert sorted(a.origin.replace(str(tmp_path) + "/", "") for a in result.added) == [
        "cut.warc.gz#https://w.example/1",
        "good.txt",
        "recs.jsonl:1",
    ]


def test_fifty_megabyte_file_is_refused_by_default(tmp_path: Path, store: Store) -> None:
    path = tmp_path / "huge.txt"
    with path.open("wb") as handle:
        handle.truncate(50 * 1024 * 1024 + 1)
    result = ingest([str(path)], store)
    assert result.rejected[0].reason == (
        "52,428,801 bytes is over the size limit of 52,428,800 bytes (raise it with --max-bytes)"
    )


def test_gzipped_html_is_read(tmp_path: Path, store: Store) -> None:
    path = _write(tmp_path / "page.html.gz", gzip.compress(article_html("Floods in Osk", BODY_B).encode()))
    result = ingest([path], store)
    assert [a.title for a in result.added] == ["Floods in Osk"]


def test_urls_and_feeds_from_a_real_local_server(server: LocalServer, store: Store) -> None:
    server.routes["/a"] = Route(article_html("Trams Return", BODY_A).encode())
    server.routes["/moved"] = Route(status=301, headers={"Location": "/a"})
    server.routes["/loop"] = Route(status=302, headers={"Location": "/loop"})
    server.routes["/slow"] = Route(article_html("Slow", BODY_B).encode(), delay_s=2.0)
    server.routes["/pdf"] = Route(b"%PDF-1.4", headers={"Content-Type": "application/pdf"})
    server.routes["/empty"] = Route(b"<html><body></body></html>")
    server.routes["/b"] = Route(article_html("Floods in Osk", BODY_B).encode())
    teaser_feed = rss([("Floods in Osk", server.url("/b"), "<p>Short teaser.</p>")])
    server.routes["/feed"] = Route(teaser_feed.encode(), headers={"Content-Type": "application/rss+xml"})
    options = IngestOptions(fetch=FetchOptions(timeout_s=0.5, allow_private=True))
    names = ["/moved", "/loop", "/slow", "/pdf", "/empty", "/feed"]
    result = ingest([server.url(n) for n in names], store, options)
    reasons = {r.input.replace(server.base, ""): r.reason for r in result.rejected}
    assert reasons == {
        "/loop": "more than 5 redirects",
        "/slow": "timed out after 0.5 s",
        "/pdf": "content type application/pdf is not an article, feed or archive",
        "/empty": "no article text found in the page",
    }
    assert [(a.title, a.url) for a in result.added] == [
        ("Trams Return", server.url("/a")),
        ("Floods in Osk", server.url("/b")),
    ]


def test_private_addresses_are_refused_without_the_flag(server: LocalServer, store: Store) -> None:
    server.routes["/a"] = Route(article_html("Trams Return", BODY_A).encode())
    result = ingest([server.url("/a"), "http://169.254.169.254/latest/meta-data", "http://[::1]:9/x"], store)
    hint = "; pass --allow-private to fetch it anyway"
    assert [r.reason for r in result.rejected] == [
        "127.0.0.1 resolves to the non-public address 127.0.0.1" + hint,
        "169.254.169.254 resolves to the non-public address 169.254.169.254" + hint,
        "::1 resolves to the non-public address ::1" + hint,
    ]
    assert result.added == ()


def _copy_then_original(tmp_path: Path) -> list[str]:
    """A syndicated copy first, then its original (published a day earlier), then another story."""
    copy = {"text": BODY_A, "url": "https://late.example/a", "published": "2031-05-03"}
    original = {"text": BODY_A, "url": "https://early.example/a", "published": "2031-05-02"}
    other = {"text": BODY_B, "url": "https://early.example/b", "published": "2031-05-02"}
    return [
        _write(tmp_path / "1.jsonl", json.dumps(copy)),
        _write(tmp_path / "2.jsonl", json.dumps(original) + "\n" + json.dumps(other)),
    ]


def test_an_original_after_its_copy_demotes_the_copy(tmp_path: Path, store: Store) -> None:
    result = ingest(_copy_then_original(tmp_path), store)
    assert [a.url for a in result.added] == ["https://early.example/a", "https://early.example/b"]
    assert [(a.url, a.copy_of) for a in result.copies] == [("https://late.example/a", result.added[0].id)]
    assert (result.new_count, result.copy_count, result.unchanged_count) == (2, 1, 0)


def test_counts_only_batch_keeps_no_articles_and_counts_the_same(tmp_path: Path) -> None:
    inputs = _copy_then_original(tmp_path)
    kept = ingest(inputs, open_store(str(tmp_path / "kept.db")))
    counted = ingest(inputs, open_store(str(tmp_path / "counted.db")), keep_articles=False)
    assert counted.added == () and counted.copies == () and counted.unchanged == ()
    assert counted.counts == (2, 1, 0)
    assert (kept.new_count, kept.copy_count, kept.unchanged_count) == (2, 1, 0)
    again = ingest(inputs, open_store(str(tmp_path / "counted.db")), keep_articles=False)
    assert again.counts == (0, 0, 3)
