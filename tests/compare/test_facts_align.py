"""Aligning claims through the index weighs only the groups that can match, with the same result
as weighing every group; and embeddings made on first use score pairs as eager ones did."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from storyline.compare import facts
from storyline.compare.report import _publication_order
from storyline.compare.sources import origin_map
from storyline.model import Article, Reading

GOLD = json.loads(
    (Path(__file__).resolve().parents[2] / "examples" / "gold.json").read_text(encoding="utf-8")
)


def _candidates(examples: dict[str, tuple[Article, Reading]], story: int) -> list[facts._Candidate]:
    items = [examples[label] for label, entry in GOLD["articles"].items() if entry["story"] == story]
    canonical = sorted((item for item in items if item[0].copy_of is None), key=_publication_order)
    return facts._candidates(canonical, origin_map(canonical))


def _scan_align(candidates: list[facts._Candidate]) -> list[facts._Group]:
    """The greedy pass weighing every group in order, without the index."""
    groups: list[facts._Group] = []
    links: dict[int, list[facts._Group]] = {}
    for candidate in candidates:
        best, best_score = None, facts.SAME_FACT_OVERLAP
        linked = links.setdefault(id(candidate), [])
        for group in groups:
            if candidate.article.id in group.articles():
                continue
            score = max(facts._score(candidate, m) for m in group.members)
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


def _eager_close_meaning(a: facts._Candidate, b: facts._Candidate) -> float:
    """``_close_meaning`` as written when every candidate carried its vector from the start."""
    if a.vector is None or b.vector is None or not a.names & b.names or a.claim.negated != b.claim.negated:
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    return facts.SAME_FACT_OVERLAP if float(a.vector @ b.vector) >= facts.CLOSE_MEANING else 0.0


def _shape(groups: list[facts._Group]) -> list[list[tuple[str, int, int]]]:
    return [[(m.article.id, m.claim.span.start, m.claim.span.end) for m in g.members] for g in groups]


def test_rivals_need_enough_shared_words_or_a_name_or_the_speaker() -> None:
    index = {
        "w:a": {0, 1, 2},
        "w:b": {0, 1},
        "w:c": {0, 1},
        "w:d": {0},
        "w:e": {3},
        "n:Voren": {3},
        "s:Voren": {4},
    }
    assert facts._rivals(["w:a", "w:b", "w:c", "w:d"], index) == [0]
    assert facts._rivals(["w:d", "w:c", "w:b", "w:a", "n:Voren"], index) == [0, 3]
    assert facts._rivals(["w:e", "s:Voren", "n:Nobody"], index) == [4]
    assert facts._rivals(["w:a", "w:b"], index) == []
    assert facts._rivals([], {}) == []


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
    lazy = [[facts._close_meaning(a, b) for b in candidates] for a in candidates]
    assert lazy == [[_eager_close_meaning(a, b) for b in candidates] for a in candidates]
    assert any(score > 0 for row in lazy for score in row)
