"""Facts: the claims of a story's articles aligned across sources, with independent origins.

Two claims state the same fact when they share most of their content words (crudely stemmed,
so "agreed"/"agree" and "commission"/"commissions" meet), or when their sentence embeddings are
close and they name the same people; in both cases their numbers and negation must agree.
Embeddings rate "reached an agreement" and "failed to reach an agreement" alike (see
../shared/models.md), so they only propose: negation and numbers decide. The embedding is the
static distillation of MiniLM (~0.1 ms a claim), because a 50-article story has ~1,500 claims.

Claims are placed greedily, then each claim of a shared fact may move to another fact it
could have joined when it matches that fact's supporters better on average. Last, the story's
event anchors (see events.py: the place most articles locate it in, a defining measure such as
"magnitude 6.4") become facts too: a measure extends the fact whose every supporter names it,
a place is a fact of its own supported by the words naming it ("in Port Aldine").

A fact's independent origins count each supporting article once, except that support inside
a relay of another outlet ("as the Daily Meridian reported, ...") counts as that outlet's
origin: three articles repeating one newspaper's scoop are one origin. An anchor's mention is
taken outside relays where the article has one.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cached_property

from storyline.compare.claim_words import content_trigrams, content_words, numbers_in
from storyline.compare.events import Anchor, Mention, event_anchors
from storyline.compare.sources import origin_of
from storyline.compare.stances import Stance, find_stances, fold
from storyline.language.embeddings import Floats, static_embedder
from storyline.model import Article, Claim, Fact, Reading, Span, Support

MIN_CONTENT_WORDS = 4
"""Claims with fewer content words ("He said.", "It was.") state nothing to align."""
SAME_FACT_OVERLAP = 0.5
"""Share of the smaller claim's content words found in the other: on the example corpus the
planted facts align at ≥ 0.55 and different statements about the same summit stay ≤ 0.45."""
RUN_BONUS = 0.25
"""Added per shared content-word run (at most two): a shared run is strong evidence of one statement."""
CLOSE_MEANING = 0.7
"""Cosine of static embeddings above which two claims naming a shared entity are one fact: on
the seeds "concluded ... without reaching a definitive agreement" and "returned ... without
securing concrete commitments" score 0.75; unrelated claims about the same leaders stay < 0.5."""
MIN_SHARED_WORDS = 4
"""Besides the share, at least this many content words in common (short claims match by chance)."""
REFINE_PASSES = 2
"""Rounds of moving claims between groups after the greedy pass; the examples settle after one."""
STANCE_SHARED = 3
"""Folded content words two stances of one speaker must share (and half the smaller one's):
on seed 000/001 "ongoing negotiations with Iran must proceed, highlighting ... diplomatic
channels" and "diplomatic negotiations with Tehran will continue" share three."""
STANCE_MEANING = 0.6
"""Static-embedding cosine at which two stances of one speaker that share a word are one: on the
seeds "Israel's security requirements" and "safeguarding Israel's security interests" (both
Netanyahu's) score 0.69; other pairs of one speaker's stances on the seeds and the examples
stay below 0.5 unless their polarity differs."""
STANCE_GRADE = 0.1
"""A matching stance scores a little above the bar by how much it shares, so that a claim with
several matching stances of one article joins the closest: seed 000's "negotiations ... must
proceed" shares 3 of 4 words with "diplomatic negotiations with Tehran will continue" and only
3 of 6 with "U.S.-Iran negotiations remain on track"."""
ANCHOR_GROUP_SHARE = 0.5
"""A measure anchor extends an existing fact whose every supporter names it when that fact already
holds at least this share of the anchor's articles ("magnitude 6.4": 3 of 4); otherwise, and for
every place anchor, the anchor is a fact of its own ("in Port Aldine", named by 8 of 8)."""


@dataclass
class _Candidate:
    article: Article
    claim: Claim
    words: frozenset[str]
    origin: str
    trigrams: frozenset[tuple[str, str, str]] = frozenset()
    names: frozenset[str] = frozenset()
    meaning: str | None = None
    """The words embedded for :attr:`vector`; None for a candidate never compared by meaning."""
    speaker: str | None = None
    """The named person or organisation whose stance this is (see stances.py), if any."""
    stance_only: bool = False
    """Found as a stance only (no claim of its own): it joins facts only as a stance."""
    stance_negated: bool = False
    numbers: frozenset[str] = field(init=False)
    folded: frozenset[str] = field(init=False)

    def __post_init__(self) -> None:
        self.numbers = numbers_in(self.claim.text)
        self.folded = frozenset(fold(w) for w in self.words)

    @cached_property
    def vector(self) -> Floats | None:
        """The embedding of :attr:`meaning`, made on first use: only pairs sharing a name or speaker
        compare meanings (56% of the claims of 80 stories of the 3k scale corpus never do)."""
        if self.meaning is None:
            return None
        embedder = static_embedder()
        return embedder.embed(embedder.pieces(self.meaning), {}, 1)


@dataclass
class _Group:
    members: list[_Candidate] = field(default_factory=list)

    def articles(self) -> set[str]:
        return {m.article.id for m in self.members}


def _origin(article: Article, reading: Reading, claim: Claim, origins: dict[str, str]) -> str:
    """Whose reporting a claim is: the relayed outlet's when it sits in that relay's sentence."""
    for relay in reading.relays:
        if not relay.named:
            continue
        sentence_start = article.text.rfind(".", 0, relay.span.start) + 1
        sentence_end = article.text.find(".", relay.span.end)
        sentence_end = len(article.text) if sentence_end < 0 else sentence_end
        if sentence_start <= claim.span.start and claim.span.end <= sentence_end + 1:
            return origin_of(relay.outlet, origins)
    return f"article:{article.id}"


def _candidates(items: Sequence[tuple[Article, Reading]], origins: dict[str, str]) -> list[_Candidate]:
    found = []
    for article, reading in items:
        names = {e.id: e.name for e in reading.entities if e.kind in ("person", "org", "outlet")}
        own: list[_Candidate] = []
        for claim in reading.claims:
            words = content_words(claim.text)
            if len(words) >= MIN_CONTENT_WORDS:
                origin = _origin(article, reading, claim, origins)
                involved = frozenset(names[e] for e in claim.entities if e in names)
                trigrams = content_trigrams(claim.text)
                own.append(_Candidate(article, claim, words, origin, trigrams, involved, claim.text))
        found += own + _stance_candidates(article, reading, own, origins)
    return found


def _stance_candidates(
    article: Article, reading: Reading, claims: list[_Candidate], origins: dict[str, str]
) -> list[_Candidate]:
    """Give each attributed claim its speaker; stances no claim covers become candidates of their own."""
    extra = []
    for stance in find_stances(article, reading):
        covering = next((c for c in claims if _covers(c, stance)), None)
        if covering is not None:
            covering.speaker = covering.speaker or stance.speaker
            continue
        words = content_words(stance.content)
        if len(words) < 2:
            continue
        claim = Claim(stance.span, stance.text, "", "attributed", attribution=stance.attribution)
        candidate = _Candidate(
            article, claim, words, _origin(article, reading, claim, origins), meaning=stance.content
        )
        candidate.speaker, candidate.stance_only, candidate.stance_negated = (
            stance.speaker,
            True,
            stance.negated,
        )
        candidate.names = frozenset({stance.speaker})
        extra.append(candidate)
    return extra


def _covers(candidate: _Candidate, stance: Stance) -> bool:
    """Whether a claim states this stance: it is the attribution's content holding the clause."""
    span = candidate.claim.span
    return (
        candidate.claim.attribution == stance.attribution
        and span.start <= stance.content_span.start
        and stance.content_span.end <= span.end
    )


def _similar(a: _Candidate, b: _Candidate) -> float:
    """Share of content words in common, raised by shared content-word runs; 0 when they disagree."""
    shared = a.words & b.words
    if len(shared) < MIN_SHARED_WORDS:
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    if a.claim.negated != b.claim.negated:
        return 0.0
    overlap = len(shared) / min(len(a.words), len(b.words))
    runs = len(a.trigrams & b.trigrams)
    return overlap + RUN_BONUS * min(runs, 2)


def _close_meaning(a: _Candidate, b: _Candidate) -> float:
    """Embedding similarity of two claims that involve a common named entity and agree on polarity."""
    if not a.names & b.names or a.claim.negated != b.claim.negated:
        return 0.0
    if (a.numbers and b.numbers and not a.numbers & b.numbers) or a.vector is None or b.vector is None:
        return 0.0
    cosine = float(a.vector @ b.vector)
    return SAME_FACT_OVERLAP if cosine >= CLOSE_MEANING else 0.0


def _same_stance(a: _Candidate, b: _Candidate) -> float:
    """Above :data:`SAME_FACT_OVERLAP` when both are one speaker's stance and say the same, else 0."""
    if a.speaker is None or a.speaker != b.speaker or _negated(a) != _negated(b):
        return 0.0
    if a.numbers and b.numbers and not a.numbers & b.numbers:
        return 0.0
    shared = a.folded & b.folded
    if not shared:
        return 0.0
    share = len(shared) / max(1, min(len(a.folded), len(b.folded)))
    cosine = float(a.vector @ b.vector) if a.vector is not None and b.vector is not None else 0.0
    if (len(shared) >= STANCE_SHARED and share >= 0.5) or (bool(shared) and cosine >= STANCE_MEANING):
        return SAME_FACT_OVERLAP + STANCE_GRADE * max(share, cosine)
    return 0.0


def _negated(candidate: _Candidate) -> bool:
    return candidate.stance_negated if candidate.stance_only else candidate.claim.negated


def _score(a: _Candidate, b: _Candidate) -> float:
    if a.stance_only or b.stance_only:
        return _same_stance(a, b)
    return max(_similar(a, b), _close_meaning(a, b), _same_stance(a, b))


def _align(candidates: list[_Candidate]) -> list[_Group]:
    """Greedy: each claim joins the group it best matches (one claim per article per group).

    Only groups sharing enough content words, a name or the speaker with a claim can score above
    0 with it (see :func:`_rivals`), so those are found through an index and weighed in group
    order, as a scan of every group would (same ties, same result): 60 reports of the scale
    corpus scored 260,000 pairs, most of them sharing nothing.
    """
    groups: list[_Group] = []
    links: dict[int, list[_Group]] = {}
    index: dict[str, set[int]] = {}
    for candidate in candidates:
        best, best_score = None, SAME_FACT_OVERLAP
        linked = links.setdefault(id(candidate), [])
        keys = _index_keys(candidate)
        best_position = len(groups)
        for position in _rivals(keys, index):
            group = groups[position]
            if candidate.article.id in group.articles():
                continue
            score = max(_score(candidate, m) for m in group.members)
            if score >= SAME_FACT_OVERLAP:
                linked.append(group)
            if score >= best_score:
                best, best_score, best_position = group, score, position
        if best is None:
            groups.append(_Group([candidate]))
        else:
            best.members.append(candidate)
        for key in keys:
            index.setdefault(key, set()).add(best_position)
    refined = _refine(groups, links)
    return [g for g in refined if len(g.members) > 1 or not g.members[0].stance_only]


def _rivals(keys: list[str], index: dict[str, set[int]]) -> list[int]:
    """Positions of the groups that may score above 0 with the claim of ``keys``, in order.

    :func:`_similar` needs :data:`MIN_SHARED_WORDS` content words shared with one member, so a group
    whose members together share fewer is skipped unless it shares a name or the speaker (see
    :func:`_close_meaning`, :func:`_same_stance`): 81,000 pairs scored instead of 182,000 on 80
    stories of the 3k scale corpus.
    """
    shared: dict[int, int] = {}
    found: set[int] = set()
    for key in keys:
        positions = index.get(key, ())
        if not key.startswith("w:"):
            found.update(positions)
            continue
        for position in positions:
            shared[position] = shared.get(position, 0) + 1
    found.update(position for position, count in shared.items() if count >= MIN_SHARED_WORDS)
    return sorted(found)


def _index_keys(candidate: _Candidate) -> list[str]:
    """What a claim must share with another for :func:`_score` to be above 0."""
    keys = [f"w:{w}" for w in candidate.words] + [f"n:{n}" for n in candidate.names]
    return keys + ([f"s:{candidate.speaker}"] if candidate.speaker else [])


def _mean_score(candidate: _Candidate, group: _Group) -> float:
    others = [m for m in group.members if m is not candidate]
    return sum(_score(candidate, m) for m in others) / len(others) if others else 0.0


def _refine(groups: list[_Group], links: dict[int, list[_Group]]) -> list[_Group]:
    """Move each claim of a shared fact to the linked fact it matches best on average.

    The greedy pass joins a claim to the group with the closest single member; a claim that
    shares its wording with most supporters of another group it could have joined ("to set up a
    joint water commission, which will gather data ...") belongs there. Only the groups a claim
    matched when it was placed are weighed, which keeps the pass near linear.
    """
    for _ in range(REFINE_PASSES):
        moved = False
        for group in groups:
            for candidate in list(group.members):
                linked = [g for g in links[id(candidate)] if g is not group and len(g.members) >= 2]
                if len(group.members) < 2 or not linked:
                    continue
                target, target_score = None, max(_mean_score(candidate, group), SAME_FACT_OVERLAP)
                for other in linked:
                    score = _mean_score(candidate, other)
                    if score > target_score and candidate.article.id not in other.articles():
                        target, target_score = other, score
                if target is not None:
                    group.members.remove(candidate)
                    target.members.append(candidate)
                    moved = True
        if not moved:
            break
    return [g for g in groups if g.members]


def _mention_candidate(
    article: Article, reading: Reading, mention: Mention, origins: dict[str, str]
) -> _Candidate:
    """The bare words naming an anchor, as a supporter of the anchor's own fact."""
    claim = Claim(Span(article.id, mention.start, mention.end), mention.text, "", "outlet")
    return _Candidate(article, claim, content_words(mention.text), _origin(article, reading, claim, origins))


def _anchor(
    anchor: Anchor,
    groups: list[_Group],
    candidates: list[_Candidate],
    items: Sequence[tuple[Article, Reading]],
    origins: dict[str, str],
) -> None:
    """Extend the fact that names ``anchor`` in every supporter, or add the anchor as a fact."""

    def names_it(candidate: _Candidate) -> bool:
        span = candidate.claim.span
        return any(
            span.start <= m.start and m.end <= span.end for m in anchor.mentions.get(candidate.article.id, ())
        )

    needed = len(anchor.mentions) * ANCHOR_GROUP_SHARE
    fitting = [
        g
        for g in groups
        if anchor.is_measure and len(g.members) >= max(2, needed) and all(map(names_it, g.members))
    ]
    extending = bool(fitting)
    target = max(fitting, key=lambda g: len(g.members)) if fitting else _Group()
    if not extending:
        groups.append(target)
    present = target.articles()
    for article, reading in items:
        mentions = anchor.mentions.get(article.id)
        if not mentions or article.id in present:
            continue
        claim = next((c for c in candidates if c.article.id == article.id and names_it(c)), None)
        if claim is None or not extending:
            own = [_mention_candidate(article, reading, m, origins) for m in mentions]
            claim = next((c for c in own if c.origin == f"article:{article.id}"), own[0])
        else:
            for group in groups:
                if len(group.members) == 1 and group.members[0] is claim:
                    group.members.clear()
        target.members.append(claim)
    groups[:] = [g for g in groups if g.members]


def _statement(group: _Group) -> str:
    """The plainest wording: the shortest support that reads as a sentence, else the earliest."""
    sentences = [m.claim.text for m in group.members if m.claim.text[:1].isupper()]
    return min(sentences, key=lambda t: len(t.split())) if sentences else group.members[0].claim.text


def _fact(number: int, group: _Group) -> Fact:
    origins = {m.origin for m in group.members}
    named = (m.article.outlet or f"unnamed source {m.article.id[:8]}" for m in group.members)
    outlets = tuple(dict.fromkeys(named))  # two pages with no outlet are two outlets, not one
    support = tuple(
        Support(m.article.id, (m.claim.span.start, m.claim.span.end), m.claim.text) for m in group.members
    )
    status = "corroborated" if len(origins) >= 2 else "single_source"
    return Fact(f"f{number}", _statement(group), status, len(origins), outlets, support)


def align_facts(items: Sequence[tuple[Article, Reading]], origins: dict[str, str]) -> list[Fact]:
    """The story's facts, corroborated ones first (most origins first), then single-source ones.

    ``items`` are the canonical articles in publication order, so each fact's statement is the
    earliest wording of it.
    """
    candidates = _candidates(items, origins)
    groups = _align(candidates)
    for anchor in event_anchors(items):
        _anchor(anchor, groups, candidates, items, origins)
    ordered = sorted(groups, key=lambda g: (-len({m.origin for m in g.members}), -len(g.members)))
    return [_fact(number, group) for number, group in enumerate(ordered, start=1)]
