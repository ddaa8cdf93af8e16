"""The small rules every output relies on: quoting, verbatim matching, times, diffs and links."""

from __future__ import annotations

import pytest

from storyline.brief.diff import diff_segments
from storyline.brief.labels import between, join_names, plural, when
from storyline.brief.text import (
    excerpt,
    finish,
    found_verbatim,
    own_voice_loaded,
    plain,
    quote,
    quoted_strings,
)
from storyline.brief.views import context_around, safe_url


def test_quote_nests_inner_marks_and_quoted_strings_finds_it() -> None:
    sentence = "X said " + quote("“Go,” he said") + " and " + quote("left")
    assert sentence == "X said “‘Go,’ he said” and “left”"
    assert [words for _, _, words in quoted_strings(sentence)] == ["‘Go,’ he said", "left"]


def test_plain_labels_cannot_hold_double_quotes() -> None:
    assert plain('The  "Daily"\n“Truth”') == "The 'Daily' ‘Truth’"


@pytest.mark.parametrize(
    ("quoted", "source", "expected"),
    [
        ("he said it", "Then he said it twice.", True),
        ("he  said\nit", "he said it", True),
        ("isn't", "isn’t", True),
        ("‘Go,’ he said", "“Go,” he said", True),
        ("Then … twice.", "Then he said it twice.", True),
        ("twice … Then", "Then he said it twice.", False),
        ("he said so", "he said it", False),
        ("…", "…", False),
        ("He said it", "he said it", False),
    ],
)
def test_found_verbatim(quoted: str, source: str, expected: bool) -> None:
    assert found_verbatim(quoted, source) is expected


def test_excerpt_trims_marks_and_cuts_long_text_at_a_word() -> None:
    assert excerpt("  “Twelve died.”  ") == "Twelve died."
    assert excerpt("one two three four", limit=10) == "one two …"
    assert excerpt("“ … ”") == ""


def test_finish_adds_one_full_stop() -> None:
    assert finish("It rose") == "It rose."
    assert finish("He said “go.”") == "He said “go.”"
    assert finish("He said “go”") == "He said “go”."
    assert finish("Done.") == "Done."


def test_own_voice_ignores_quotations_and_names() -> None:
    assert [t.term for t in own_voice_loaded("A shocking “botched” rescue")] == ["shocking"]
    assert own_voice_loaded("The Reckless Review reported it", ["The Reckless Review"]) == []


def test_times_and_lists() -> None:
    assert when("2031-05-12T07:40:00+00:00") == "12 May 2031, 07:40 UTC"
    assert when("2031-05-12T07:40:00+02:00") == "12 May 2031, 07:40 +0200"
    assert when("2031-05-12") == "12 May 2031"
    assert when("last Tuesday") == "last Tuesday"
    assert when(None) == "undated"
    assert (
        between("2031-05-12T07:40:00Z", "2031-05-12T13:05:00Z")
        == "between 07:40 and 13:05 UTC on 12 May 2031"
    )
    assert join_names(["A", "B", "A", "C"]) == "A, B and C"
    assert plural(1, "outlet") == "1 outlet" and plural(2, "origin") == "2 origins"


def test_diff_segments() -> None:
    assert diff_segments("We did [-everything-]{+all+} we could") == [
        ("same", "We did "),
        ("del", "everything"),
        ("ins", "all"),
        ("same", " we could"),
    ]
    assert diff_segments("") == []


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://a.example/x?y=1#z", "https://a.example/x?y=1#z"),
        ("http://a.example/a b", None),
        ("javascript:alert(1)", None),
        (" JavaScript:alert(1)", None),
        ("data:text/html,<b>x</b>", None),
        ("//a.example/x", None),
        ("https:///nohost", None),
        ('https://a.example/"><script>', "https://a.example/%22%3E%3Cscript%3E"),
        (None, None),
    ],
)
def test_safe_url(url: str | None, expected: str | None) -> None:
    assert safe_url(url) == expected


def test_context_around_shows_the_rest_of_the_sentence_only() -> None:
    text = "First sentence here. The ferry carried 212 passengers when it sank. Next one."
    texts = {"a": text}
    start = text.index("212 passengers")
    assert context_around(texts, "a", (start, start + 14)) == (
        "The ferry carried ",
        "212 passengers",
        " when it sank.",
    )
    whole = text.index("The ferry"), text.index(" Next")
    assert context_around(texts, "a", whole) == ("", "The ferry carried 212 passengers when it sank.", "")
    assert context_around(texts, "a", (70, 900)) == ("", "—", "")
