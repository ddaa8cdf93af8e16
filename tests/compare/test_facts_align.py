"""Aligning claims through the index weighs only the groups that can match, with the same result
as weighing every group; embeddings made on first use score pairs as eager ones did; and the
one-pass pair score is the largest of the three rules it stands for."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.compare import fact_scores, facts
from storyline.compare.report import _publication_order
from storyline.compare.sources import origin_map
from storyline.model import Article, Claim, Reading, Span

GOLD = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "gold.json").read_text(encoding="utf-8")
)


def _candidates(examples: dict[str, tuple[Article, Reading]], story: int) -> list[fact_scores.Candidate]:
    items = [examples[label] for label, entry in GOLD["articles"].items() if entry["story"] == story]
    canonical = sorted((item for item in items if item[0].copy_of is None), key=_publication_order)
    return facts._candidates(canonical, origin_map(canonical))


def _scan_align(candidates: list[fact_scores.Candidate]) -> list[facts._Group]:
    """The greedy pass weighing every group in order, without the index."""
    groups: list[facts._Group] = []
    links: dict[int, list[facts._Group]] = {}
    for candidate in candidates:
        best, best_score = None, facts.SAME_FACT_OVERLAP
        linked = links.setdefault(id(candidate), [])
        for group in groups:
            if candidate.article.id in group.articles():
                continue
            score = max(fact_scores.score(candidate, m) for m in group.members)
            if score >= facts.SAME_FACT_OVERLAP:
                linked.append(group)
            if score >= best_score:
                best, best_score = group, score
        if best is None:
            groups.append(facts._Group([candidate]))
        else:
            best.members.append(candidate)
    refined = facts._refine(groups, links)
    return [g for g in refined if len(g.members) > 1 or not g.members[0].stance_only]


def _eager_close_meaning(a: fact_scores.Candidate, b: fact_scores.Candidate) -> float:
    """``_close_meaning`` as written when every candidate carried its vector from the start."""
    if a.vector is None or b.vector is None or not a.names & b.names or a.claim.negated != b.claim.negated:
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    return fact_scores.SAME_FACT_OVERLAP if float(a.vector @ b.vector) >= fact_scores.CLOSE_MEANING else 0.0


def _shape(groups: list[facts._Group]) -> list[list[tuple[str, int, int]]]:
    return [[(m.article.id, m.claim.span.start, m.claim.span.end) for m in g.members] for g in groups]


def _claim(
    words: str, names: frozenset[str] = frozenset(), speaker: str | None = None
) -> fact_scores.Candidate:
    article = Article(id="a", text="x", origin="test")
    claim = Claim(Span("a", 0, 1), "x", "", "outlet")
    return fact_scores.Candidate(article, claim, frozenset(words), "o", names=names, speaker=speaker)


def test_rivals_need_enough_shared_words_or_a_name_or_the_speaker() -> None:
    by_word = {"a": {0, 1, 2}, "b": {0, 1}, "c": {0, 1}, "d": {0}, "e": {3}}
    by_name = {"Voren": {3}}
    by_speaker = {"Voren": {4}}
    assert facts._rivals(_claim("abcd"), by_word, by_name, by_speaker) == [0]
    assert facts._rivals(_claim("dcba", frozenset({"Voren"})), by_word, by_name, by_speaker) == [0, 3]
    assert facts._rivals(_claim("e", frozenset({"Nobody"}), "Voren"), by_word, by_name, by_speaker) == [4]
    assert facts._rivals(_claim("ab"), by_word, by_name, by_speaker) == []
    assert facts._rivals(_claim(""), {}, {}, {}) == []


@pytest.mark.parametrize("story", [1, 2, 3])
def test_indexed_alignment_equals_a_scan_of_every_group(
    examples_read: dict[str, tuple[Article, Reading]], story: int
) -> None:
    candidates = _candidates(examples_read, story)
    assert len(candidates) > 10
    assert _shape(facts._align(candidates)) == _shape(_scan_align(candidates))


@pytest.mark.parametrize("story", [1, 2, 3])
def test_embeddings_on_first_use_score_as_eager_ones(
    examples_read: dict[str, tuple[Article, Reading]], story: int
) -> None:
    candidates = _candidates(examples_read, story)
    lazy = [[fact_scores.close_meaning(a, b) for b in candidates] for a in candidates]
    assert lazy == [[_eager_close_meaning(a, b) for b in candidates] for a in candidates]
    assert any(score > 0 for row in lazy for score in row)


@pytest.mark.parametrize("story", [1, 2, 3])
def test_one_pass_score_is_the_largest_rule(
    examples_read: dict[str, tuple[Article, Reading]], story: int
) -> None:
    candidates = _candidates(examples_read, story)
    rules = (fact_scores.similar, fact_scores.close_meaning, fact_scores.same_stance)
    scores = []
    for a in candidates:
        for b in candidates:
            expected = (
                fact_scores.same_stance(a, b)
                if a.stance_only or b.stance_only
                else max(rule(a, b) for rule in rules)
            )
            scores.append(fact_scores.score(a, b))
            assert scores[-1] == expected
    assert any(0 < score < 1 for score in scores) and any(score >= 1 for score in scores)


def test_meaning_pieces_are_the_pieces_of_the_whole_text() -> None:
    embedder = fact_scores.static_embedder()
    for text in (
        "Prime Minister Aldo Voren said the talks would continue.",
        "  double  spaces, tabs\tand\nlines — “quoted” words; naïve café über-long-hyphenated-word",
        "",
        "中文 mixed with English, 3.5% and $12,000",
    ):
        assert fact_scores.meaning_pieces(text) == embedder.pieces(text)
