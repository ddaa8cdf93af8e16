"""The whole read stage on the real seeds and on the fictional example corpus."""

from __future__ import annotations

import gc
import json
import pickle
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.api import open_storyline
from storyline.ingest.text import parse_text
from storyline.model import Article, Reading
from storyline.read import reader
from storyline.read.nlp import load_pipeline, parse
from storyline.read.reader import read_article

REPO = Path(__file__).resolve().parents[2]
GOLD = json.loads((REPO / "examples" / "gold.json").read_text(encoding="utf-8"))


def _read_seed(shared: Path, prefix: str) -> tuple[Article, Reading]:
    path = next((shared / "seeds").glob(f"{prefix}_*.txt"))
    document = parse_text(path.read_text(encoding="utf-8"), str(path))
    article = Article(id=prefix, text=document.text, origin=str(path), title=document.title)
    return article, read_article(article, parse(article.text))


def _names(reading: Reading) -> dict[str, str]:
    return {e.id: e.name for e in reading.entities}


def test_seed_001(shared: Path) -> None:
    article, reading = _read_seed(shared, "001")
    relayed = {r.outlet for r in reading.relays}
    assert {"Haaretz", "Kan"} <= relayed
    assert any(not r.named for r in reading.relays)
    names = _names(reading)
    quotes = {q.text: (q.kind, q.speaker_text, names.get(q.speaker or "")) for q in reading.quotes}
    assert quotes["empty-handed"][:2] == ("partial", "The Israeli daily Haaretz")
    assert quotes["rational and responsible"][2] == "Donald Trump"
    assert quotes["buy time"][1] == "Some Israeli officials"
    assert quotes["real progress"][2] == "Mike Huckabee"
    trump = next(e for e in reading.entities if e.name == "Donald Trump")
    assert {"Trump", "the American president", "the U.S. president"} <= set(trump.aliases)
    lasted = [q for q in reading.quantities if q.text == "nearly three hours"]
    assert [(q.value, q.unit, q.approx) for q in lasted] == [(3, "hour", "at_most")]
    for quote in reading.quotes:
        assert article.text[quote.span.start : quote.span.end] == quote.text


def test_a_surname_the_ner_missed_still_names_its_speaker(shared: Path) -> None:
    """Seed 001's "Trump reportedly reaffirmed that ..." has no NER entity on "Trump"."""
    _, reading = _read_seed(shared, "001")
    names = _names(reading)
    sources = {(a.source_text, a.cue): names.get(a.source_entity or "") for a in reading.attributions}
    assert sources[("Trump", "reportedly reaffirmed")] == "Donald Trump"
    assert not any(cue.endswith("regarding") for _, cue in sources)


def test_seed_000(shared: Path) -> None:
    article, reading = _read_seed(shared, "000")
    quotes = {q.text: q for q in reading.quotes}
    assert quotes["talks over action"].kind == "scare"
    assert quotes["talks over action"].speaker_text is None
    assert quotes["better deal"].speaker_text == "the Trump administration"
    insisted = next(c for c in reading.claims if "reportedly insisted" in c.text or c.predicate == "proceed")
    assert "reportedly" in insisted.hedges
    passive = next(
        a
        for a in reading.attributions
        if "productive" in article.text[a.content_span.start : a.content_span.end]
    )
    assert passive.source_span is None


@pytest.fixture(scope="module")
def example_readings(tmp_path_factory: pytest.TempPathFactory) -> dict[str, tuple[Article, Reading]]:
    """Gold label → (article, reading) for the example corpus, read through the API."""
    db = tmp_path_factory.mktemp("read") / "examples.db"
    with open_storyline(str(db)) as app:
        app.ingest([str(REPO / "examples")])
        app.read()
        articles = app.articles()
        by_origin = {a.origin: a for a in articles}
        found = {}
        for label, gold in GOLD["articles"].items():
            origin = str(REPO / gold["file"])
            if gold["record"] is not None:
                origin += f":{gold['record']}" if gold["file"].endswith(".jsonl") else f"#{gold['record']}"
            article = by_origin[origin]
            reading = app.reading(article.id)
            assert reading is not None
            found[label] = (article, reading)
    return found


def _spans_of(article: Article, phrase: str) -> list[int]:
    return [i for i in range(len(article.text)) if article.text.startswith(phrase, i)]


def test_every_gold_quote_is_found_with_its_speaker(example_readings: dict[str, Any]) -> None:
    missing = []
    for quote in GOLD["quotes"]:
        for occurrence in quote["occurrences"]:
            if occurrence["form"] == "paraphrase":
                continue
            _, reading = example_readings[occurrence["article"]]
            names = _names(reading)
            hits = [q for q in reading.quotes if q.text == occurrence["text"]]
            speakers = {names.get(q.speaker or "") for q in hits}
            if not hits or quote["speaker"] not in speakers:
                missing.append(
                    (occurrence["article"], occurrence["text"][:30], [q.speaker_text for q in hits])
                )
    assert missing == []


def test_scare_quotes_have_no_speaker(example_readings: dict[str, Any]) -> None:
    for scare in GOLD["scare_quotes"]:
        _, reading = example_readings[scare["article"]]
        assert [q.kind for q in reading.quotes if q.text == scare["text"]] == ["scare"]


def test_every_gold_relay_is_found(example_readings: dict[str, Any]) -> None:
    for relay in GOLD["relays"]:
        article, reading = example_readings[relay["article"]]
        start = article.text.index(relay["text"])
        end = start + len(relay["text"])
        assert [r.outlet for r in reading.relays if r.span.start < end and start < r.span.end] == [
            relay["outlet"]
        ]


def test_every_gold_number_is_found(example_readings: dict[str, Any]) -> None:
    missing = []
    for number in GOLD["numbers"]:
        _, reading = example_readings[number["article"]]
        found = [(q.value, q.unit, q.approx) for q in reading.quantities if q.text == number["text"]]
        if (number["value"], number["unit"], number["approx"]) not in found:
            missing.append((number["article"], number["text"], found))
    assert missing == []


def test_loaded_terms_and_their_voice(example_readings: dict[str, Any]) -> None:
    def found(label: str) -> set[tuple[str, str]]:
        article, reading = example_readings[label]
        return {(article.text[t.span.start : t.span.end].lower(), t.voice) for t in reading.loaded_terms}

    for term in GOLD["loaded_terms"]:
        assert (term["term"], term["voice"]) in found(term["article"])
    for absent in (a for a in GOLD["absent"] if a["kind"] == "loaded_term"):
        assert (absent["term"], absent["voice"]) not in found(absent["article"])


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.sampled_from(
            [
                "“We will not sign,” she said.",
                'Dovic, the president, told reporters that "talks" went on.',
                "He said:",
                "“",
                "According to the Daily Meridian, nearly three hours passed on Wednesday.",
                "The minister, who arrived late, reportedly insisted.",
                "At least 12 people died, officials said, and the toll may rise.",
                "”Odd marks” and ‘single quotes’ here.",
                "\n\n",
                "Kask",
            ]
        ),
        max_size=8,
    )
)
def test_any_text_reads_with_exact_spans(parts: list[str]) -> None:
    text = " ".join(parts)
    article = Article(id="h", text=text, origin="h")
    reading = read_article(article, parse(text))
    spans = [q.span for q in reading.quotes] + [m.span for e in reading.entities for m in e.mentions]
    spans += [q.span for q in reading.quantities] + [c.span for c in reading.claims]
    for span in spans:
        assert 0 <= span.start <= span.end <= len(text)


def _articles(count: int) -> list[Article]:
    texts = [
        "“We will not sign,” President Maren Dovic said on Wednesday. Talks may resume next week.",
        'Officials said at least 12 people died, and the toll "may rise", according to the Daily Meridian.',
        "The minister reportedly insisted that nearly three hours of talks had not delivered a deal.",
    ]
    return [Article(id=f"a{i}", text=texts[i % len(texts)] + f" Item {i}.", origin="t") for i in range(count)]


def test_worker_processes_give_the_readings_of_one_process() -> None:
    """Readings pickled by the workers and unpickled by the parent are the ones read in place."""
    articles = _articles(reader.POOL_CHUNK_MIN + 4)
    assert list(reader.read_articles(articles, processes=2)) == list(reader.read_articles(articles))


def test_a_chunk_is_read_as_each_article_alone() -> None:
    """A chunk passes each article's text as the doc's text: the same readings as read_article."""
    articles = _articles(3)
    assert reader.read_chunk(articles) == [read_article(a, parse(a.text)) for a in articles]


@pytest.mark.parametrize("enabled", [True, False])
def test_unpickling_leaves_the_collector_as_it_was(enabled: bool) -> None:
    readings = [Reading(article_id="a1"), Reading(article_id="a2")]
    blob = pickle.dumps(readings)
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert reader._unpickled(blob) == readings
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()


def test_a_text_past_the_limit_is_read_up_to_its_last_line_break() -> None:
    assert reader.readable("One.\nTwo.\nThree.", limit=100) == "One.\nTwo.\nThree."
    assert reader.readable("One.\nTwo.\nThree.", limit=12) == "One.\nTwo."
    assert reader.readable("One two three four", limit=7) == "One two"  # no line break: at the limit
    assert load_pipeline().max_length >= reader.MAX_READ_CHARS


def test_an_article_past_the_limit_is_read_and_its_spans_point_into_its_text(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(reader, "MAX_READ_CHARS", 160)
    text = (
        'Mayor Ines Vlahos said on Monday that "the tram lines will open in May."\n'
        "The fictional city of Tarvel has 40,000 residents.\n"
        'Council member Juno Harrick said the plan "cannot be paid for."'
    )
    assert len(text) > 160
    (found,) = reader.read_chunk([Article(id="long", text=text, origin="t")])
    # the first two lines are read (124 characters); the third, past the limit, is not
    assert [(q.text, q.span.start, q.span.end, q.speaker_text) for q in found.quotes] == [
        ("the tram lines will open in May", 39, 70, "Mayor Ines Vlahos")
    ]
    assert text[39:70] == "the tram lines will open in May"
    assert [e.name for e in found.entities] == ["Ines Vlahos"]
