"""Negation conflicts: a denial and an assertion of one statement by different sources."""

from __future__ import annotations

from storyline.compare.polarity import negation_conflicts
from storyline.model import Article, Reading
from storyline.read.nlp import parse
from storyline.read.reader import read_article


def _read(texts: dict[str, str]) -> list[tuple[Article, Reading]]:
    articles = [Article(id=key, text=text, origin=key) for key, text in texts.items()]
    return [(a, read_article(a, parse(a.text))) for a in articles]


def test_agreed_and_did_not_agree_conflict() -> None:
    items = _read(
        {
            "a1": "Prime Minister Teodor Kask agreed to suspend the corridor levy on grain freight.",
            "a2": "Prime Minister Teodor Kask did not agree to suspend the corridor levy on grain freight.",
            "a3": "Trade Minister Dita Varsh said the talks on the levy would resume in May.",
        }
    )
    (conflict,) = negation_conflicts(items, 3)
    assert (conflict.id, conflict.kind) == ("c3", "negation")
    assert [(v.value, v.article_ids) for v in conflict.values] == [
        ("Prime Minister Teodor Kask agreed to suspend the corridor levy on grain freight", ("a1",)),
        ("Prime Minister Teodor Kask did not agree to suspend the corridor levy on grain freight", ("a2",)),
    ]
    text = items[1][0].text
    start, end = conflict.values[1].spans[0]
    assert text[start:end] == conflict.values[1].value


def test_same_polarity_or_other_statements_do_not_conflict() -> None:
    items = _read(
        {
            "a1": "Prime Minister Teodor Kask did not agree to suspend the corridor levy on grain freight.",
            "a2": "Prime Minister Teodor Kask refused to suspend the corridor levy on grain freight.",
            "a3": "Kask did not attend the dinner in Port Aldine.",
        }
    )
    assert negation_conflicts(items, 1) == []
