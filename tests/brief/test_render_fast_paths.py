"""The rendering helpers made faster in the second pass give exactly what their earlier forms gave.

``esc`` spells out ``html.escape``'s replacements, ``md`` looks for an active character before
substituting, ``dumps_indented`` writes a pair of integers (a span) in one piece, and
``fact_label`` can look facts up in :func:`facts_by_id` instead of scanning the report.
"""

from __future__ import annotations

import dataclasses
import html
import json
import re

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.brief import brief, text
from storyline.brief.html_kit import el, esc
from storyline.brief.jsontext import dumps_indented
from storyline.brief.markdown import md
from storyline.brief.text import squash
from storyline.brief.views import citation_numbers, citation_refs, fact_label, facts_by_id, sentence_citations
from storyline.model import Report

_ACTIVE = re.compile(r"([\\`*_\[\]<>|~])")


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("", ""),
        ("plain words", "plain words"),
        ("<a href=\"x\">'&'</a>", "&lt;a href=&quot;x&quot;&gt;&#x27;&amp;&#x27;&lt;/a&gt;"),
        ("&amp; stays escaped once more", "&amp;amp; stays escaped once more"),
    ],
)
def test_esc_examples(value: str | None, expected: str) -> None:
    assert esc(value) == expected


@given(st.text(alphabet=st.sampled_from("ab &<>\"'“”\n")) | st.text())
def test_esc_is_html_escape(value: str) -> None:
    assert esc(value) == html.escape(value, quote=True)


def test_el_escapes_attribute_values_and_drops_none() -> None:
    assert el("td", "✓", {"class": "mark yes", "title": 'a "b" <c>', "id": None}) == (
        '<td class="mark yes" title="a &quot;b&quot; &lt;c&gt;">✓</td>'
    )
    assert el("li", "x") == "<li>x</li>"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, ""),
        ("  two\n lines ", "two lines"),
        ("a_b *c* [d](e) <f> | ~g~ `h` \\", "a\\_b \\*c\\* \\[d\\](e) \\<f\\> \\| \\~g\\~ \\`h\\` \\\\"),
    ],
)
def test_md_examples(value: str | None, expected: str) -> None:
    assert md(value) == expected


@given(st.text(alphabet=st.sampled_from("ab \n\\`*_[]<>|~")) | st.text())
def test_md_is_the_substitution(value: str) -> None:
    assert md(value) == _ACTIVE.sub(r"\\\1", squash(value))


@pytest.mark.parametrize(
    "value",
    [
        [1, 2],
        {"span": [0, 12], "spans": [[3, 4], [5, 6]]},
        [True, 1],
        [1, False],
        [1, 2.0],
        (7, 8),
        [[1, 2]],
        {"a": [-1, 10**30]},
        {"span": [True, 1], "other": [1, 2.0], "deep": {"span": [3, 4]}, "pair": (5, 6)},
        {"span": [1, 2, 3], "empty": [], "one": [1]},
        [1, 2, 3],
        ["1", 2],
        [{"k": [1, 2]}, [3, 4]],
    ],
)
def test_dumps_indented_pairs_of_integers(value: object) -> None:
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


class _Int(int):
    """An int subclass: written by the general path, as json.dumps writes it."""


def test_dumps_indented_int_subclass_pairs() -> None:
    value = [_Int(1), _Int(2)]
    assert dumps_indented(value) == json.dumps(value, ensure_ascii=False, indent=2)


def test_fact_label_with_the_index_equals_the_scan(bare_report: Report) -> None:
    facts = facts_by_id(bare_report)
    assert list(facts) == [fact.id for fact in bare_report.facts]
    for fact_id in [*facts, "f999"]:
        for limit in (20, 90, 140):
            assert fact_label(bare_report, fact_id, limit, facts) == fact_label(bare_report, fact_id, limit)
    assert fact_label(bare_report, "f999", facts=facts) == "f999"


def test_facts_by_id_keeps_the_first_of_an_id(bare_report: Report) -> None:
    first = bare_report.facts[0]
    twin = dataclasses.replace(first, statement="A later fact with the same id.")
    report = dataclasses.replace(bare_report, facts=(*bare_report.facts, twin))
    assert facts_by_id(report)[first.id] is first
    assert fact_label(report, first.id, facts=facts_by_id(report)) == fact_label(report, first.id)


def test_citation_numbers_and_refs(bare_report: Report, texts: dict[str, str]) -> None:
    report = brief(bare_report, texts)
    numbers = citation_numbers(report)
    assert len(numbers) > 3
    expected: dict[tuple[str, tuple[int, int]], int] = {}
    for sentence in report.briefing:
        for citation in sentence.citations:
            expected.setdefault(
                (citation.article_id, (citation.span[0], citation.span[1])), len(expected) + 1
            )
    assert numbers == expected
    for index, sentence in enumerate(report.briefing):
        keys = [(c.article_id, (c.span[0], c.span[1])) for c in sentence.citations]
        assert citation_refs(report, numbers, index) == list(dict.fromkeys(numbers[k] for k in keys))
    assert sentence_citations(report, numbers) == [
        citation_refs(report, numbers, index) for index in range(len(report.briefing))
    ]


def _unwrap_as_written(words: str) -> str:
    """``text._unwrap`` before it returned early for a span with no mark at an edge."""
    while True:
        opened = words.count("“") + (1 if words.count('"') % 2 and words.startswith('"') else 0)
        closed = words.count("”") + (1 if words.count('"') % 2 and words.endswith('"') else 0)
        if (
            words[:1] in ("“", '"')
            and words[-1:] in ("”", '"')
            and len(words) > 1
            and text._pair(words[1:-1])
        ):
            words = words[1:-1].strip()
        elif words[:1] in ("“", '"') and opened > closed:
            words = words[1:].strip()
        elif words[-1:] in ("”", '"') and closed > opened:
            words = words[:-1].strip()
        else:
            return words


@pytest.mark.parametrize(
    "words", ["", "plain", "“whole”", '"straight"', "“open", "close”", "a “b” c", "“a” and “b”", '"']
)
def test_unwrap_examples(words: str) -> None:
    assert text._unwrap(words) == _unwrap_as_written(words)


@given(st.text(alphabet=st.sampled_from('ab “”" ')))
def test_unwrap_is_the_loop_as_written(words: str) -> None:
    assert text._unwrap(words) == _unwrap_as_written(words)
