"""The synthetic corpus of ``bench/scale.py``: N articles derived from the benchmark texts.

The public sets hold only 1,282 news texts (982 ECB+ documents, 300 BASIL articles), so a
100k corpus has to reuse them; how it does so decides what the stages downstream see:

- **Events.** Each event instance takes one gold story of ECB+ or BASIL, a random start day
  over the corpus span (10 articles a day, from 2020-01-01) and 3–12 of its articles dated
  within two days of the start, as ``bench/grouping.py --scale`` does. The same gold story
  recurs at other start days as a different event, which only the dates tell apart.
- **Rewrites, not copies.** Every article is a variant of its base text: ~20% of the sentences
  after the first dropped, two paragraphs after the first swapped, half of the remaining
  sentences edited (two adjacent words swapped or one word dropped), and half of the numbers
  that are not years moved by up to ±30%. Without the word edits two variants of one base share
  ~85% of the shorter one's word 5-shingles, the ingest's near-copy threshold, so it would call
  most of the corpus copies; with them 11 of 200 variant pairs of one base were still
  near-copies, so nearly all articles are stored and read as distinct ones.
- **Syndication.** After each original, with probability 0.1, an exact copy of its text under
  another outlet and URL, dated up to a day later: ingest finds these as copies (~10% of N).
- **Outlets and URLs.** 500 fictional outlets (``harborcityledger.example``…); every article
  has a unique URL ``https://<outlet>.example/YYYY/MM/DD/<slug>-<n>``.

Articles are written in publication order, cut into ``files`` consecutive parts (JSON Lines, or
WARC.gz with one HTML page per response record) so an engine has inputs to spread over its
workers. Everything derives from ``seed``: the same parameters give byte-identical files, and a
folder already built with them (its ``manifest.json`` matches) is reused.
"""

from __future__ import annotations

import hashlib
import html
import io
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import date, datetime, timedelta
from pathlib import Path

from storyline.evaluate.grouping import load_basil, load_ecbplus
from storyline.model import Article

BUILDER_VERSION = 1
"""Bumped whenever the generated text changes, so an old folder is rebuilt, not reused."""
ARTICLES_PER_DAY = 10
SYNDICATED_SHARE = 0.1
START = date(2020, 1, 1)
_PLACES = (
    "Harbor City", "Northfield", "Riverton", "Lakeside", "Eastbrook", "Granite Falls", "Millbay",
    "Westport", "Oakridge", "Cedar Valley", "Stonebridge", "Fairhaven", "Kingsford", "Redmoor",
    "Silverton", "Bayview", "Ashford", "Pinecrest", "Clearwater", "Maple Hill", "Brookdale",
    "Highgate", "Sunport", "Elmstead", "Foxhollow",
)  # fmt: skip
_PAPERS = (
    "Ledger", "Courier", "Gazette", "Herald", "Tribune", "Sentinel", "Post", "Chronicle", "Times",
    "Observer", "Dispatch", "Examiner", "Journal", "Record", "Bulletin", "Mirror", "Star", "Daily",
    "Monitor", "Register",
)  # fmt: skip
_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?(?![\w.])")
_SENTENCE = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"'])")


@dataclass(frozen=True)
class Slot:
    """One article of the plan: its base text, its date, and which variant it carries."""

    day: float
    base: int
    variant_seed: int
    copy: bool


def outlets() -> list[tuple[str, str]]:
    """The 500 fictional outlets as (name, host)."""
    names = [f"{place} {paper}" for place in _PLACES for paper in _PAPERS]
    return [(name, re.sub(r"[^a-z]", "", name.lower()) + ".example") for name in names]


def load_bases(data: Path) -> tuple[list[Article], list[list[int]]]:
    """The benchmark articles, and the indices of each gold story's articles."""
    bases: list[Article] = []
    stories: dict[str, list[int]] = {}
    for bench in (load_ecbplus(data), load_basil(data)):
        for article in bench.articles:
            stories.setdefault(f"{bench.name}:{bench.gold[article.id]}", []).append(len(bases))
            bases.append(article)
    return bases, [stories[key] for key in sorted(stories)]


def plan(stories: list[list[int]], total: int, seed: int) -> list[Slot]:
    """``total`` slots in publication order (see the module docstring)."""
    rng = random.Random(seed)
    span = max(1, total // ARTICLES_PER_DAY)
    slots: list[Slot] = []
    while len(slots) < total:
        members = rng.choice(stories)
        first = rng.uniform(0, span)
        for base in rng.sample(members, min(len(members), rng.randint(3, 12))):
            day = first + rng.uniform(0, 2)
            variant = rng.getrandbits(48)
            slots.append(Slot(day, base, variant, False))
            if rng.random() < SYNDICATED_SHARE:
                slots.append(Slot(day + rng.uniform(0, 1), base, variant, True))
    slots.sort(key=lambda slot: slot.day)
    return slots[:total]


def _move_number(match: re.Match[str], rng: random.Random) -> str:
    token = match.group(0)
    digits = token.replace(",", "")
    if "." in digits or (len(digits) == 4 and digits[:2] in ("19", "20")) or rng.random() < 0.5:
        return token  # years and decimals stay: they date and identify the event
    value = int(digits)
    moved = max(0, round(value * rng.uniform(0.7, 1.3)))
    return f"{moved:,}" if "," in token else str(moved)


def _edit_sentence(sentence: str, rng: random.Random) -> str:
    words = sentence.split(" ")
    if len(words) < 6 or rng.random() < 0.5:
        return sentence
    i = rng.randrange(1, len(words) - 2)
    if rng.random() < 0.5:
        words[i], words[i + 1] = words[i + 1], words[i]
    else:
        del words[i]
    return " ".join(words)


def variant_text(text: str, variant_seed: int) -> str:
    """One rewrite of ``text``: sentences dropped, swapped and edited, numbers moved."""
    rng = random.Random(variant_seed)
    paragraphs: list[str] = []
    first = True
    for paragraph in (p for p in text.split("\n") if p.strip()):
        kept = []
        for sentence in _SENTENCE.split(paragraph.strip()):
            if not first and rng.random() < 0.2:
                continue
            kept.append(sentence if first else _edit_sentence(sentence, rng))
            first = False
        if kept:
            paragraphs.append(" ".join(kept))
    if len(paragraphs) > 3:
        i, j = rng.sample(range(1, len(paragraphs)), 2)
        paragraphs[i], paragraphs[j] = paragraphs[j], paragraphs[i]
    return _NUMBER.sub(lambda m: _move_number(m, rng), "\n\n".join(paragraphs))


def _title(base: Article) -> str:
    if base.title:
        return base.title
    line = base.text.strip().split("\n", 1)[0]
    return line if len(line) <= 90 else line[:90].rsplit(" ", 1)[0] + "…"


def records(data: Path, total: int, seed: int) -> Iterator[dict[str, str]]:
    """The corpus as JSON-ready records in publication order (see the module docstring)."""
    bases, stories = load_bases(data)
    hosts = outlets()
    rng = random.Random(seed + 1)
    for n, slot in enumerate(plan(stories, total, seed)):
        base = bases[slot.base]
        name, host = hosts[rng.randrange(len(hosts))]
        when = datetime.combine(START, datetime.min.time()) + timedelta(days=slot.day)
        title = _title(base)
        slug = re.sub(r"[^a-z0-9]+", "-", title.lower())[:50].strip("-")
        yield {
            "title": title,
            "text": variant_text(base.text, slot.variant_seed),
            "outlet": name,
            "published": when.strftime("%Y-%m-%dT%H:%M:%SZ"),
            "url": f"https://{host}/{when:%Y/%m/%d}/{slug}-{n}",
        }


def _page(record: dict[str, str]) -> str:
    """A plain news page around the record: what the HTML extractor has to cut it out of."""
    esc = {k: html.escape(v) for k, v in record.items()}
    body = "".join(f"<p>{html.escape(p)}</p>" for p in record["text"].split("\n\n"))
    return (
        f'<!doctype html><html lang="en"><head><meta charset="utf-8"><title>{esc["title"]}</title>'
        f'<meta property="og:site_name" content="{esc["outlet"]}">'
        f'<meta property="article:published_time" content="{esc["published"]}">'
        f'<link rel="canonical" href="{esc["url"]}"></head><body>'
        f'<header><a href="/">{esc["outlet"]}</a><nav><a href="/world">World</a> '
        '<a href="/politics">Politics</a> <a href="/business">Business</a></nav></header>'
        f'<main><article><h1>{esc["title"]}</h1><p class="byline">By Staff Reporter</p>'
        f'<time datetime="{esc["published"]}">{esc["published"][:10]}</time>{body}</article></main>'
        f"<footer>© {esc['outlet']}. All rights reserved.</footer></body></html>"
    )


def _write_warc(path: Path, part: list[dict[str, str]]) -> None:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    with path.open("wb") as stream:
        writer = WARCWriter(stream, gzip=True)
        for record in part:
            headers = StatusAndHeaders(
                "200 OK", [("Content-Type", "text/html; charset=utf-8")], protocol="HTTP/1.1"
            )
            payload = io.BytesIO(_page(record).encode("utf-8"))
            writer.write_record(
                writer.create_warc_record(record["url"], "response", payload=payload, http_headers=headers)
            )


def build(data: Path, folder: Path, total: int, files: int, seed: int, fmt: str) -> dict[str, object]:
    """Write the corpus into ``folder`` (reused when its manifest matches); return the manifest."""
    wanted = {"builder": BUILDER_VERSION, "articles": total, "files": files, "seed": seed, "format": fmt}
    manifest_path = folder / "manifest.json"
    if manifest_path.exists():
        manifest: dict[str, object] = json.loads(manifest_path.read_text(encoding="utf-8"))
        if all(manifest.get(k) == v for k, v in wanted.items()):
            return manifest
    folder.mkdir(parents=True, exist_ok=True)
    for old in folder.glob("part-*"):
        old.unlink()
    stream = records(data, total, seed)
    digests: set[bytes] = set()
    words = 0
    paths = []
    for k in range(files):  # streamed part by part: memory holds one part, not the corpus
        part = [next(stream) for _ in range((k + 1) * total // files - k * total // files)]
        for record in part:
            digests.add(hashlib.blake2b(record["text"].encode("utf-8"), digest_size=16).digest())
            words += len(record["text"].split())
        if fmt == "jsonl":
            path = folder / f"part-{k:05d}.jsonl"
            path.write_text("".join(json.dumps(r) + "\n" for r in part), encoding="utf-8")
        else:
            path = folder / f"part-{k:05d}.warc.gz"
            _write_warc(path, part)
        paths.append(str(path))
    manifest = {
        **wanted,
        "paths": paths,
        "exact_copies": total - len(digests),
        "mean_words": round(words / max(1, total)),
        "bytes": sum(Path(p).stat().st_size for p in paths),
    }
    manifest_path.write_text(json.dumps(manifest, indent=1), encoding="utf-8")
    return manifest
