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

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from itertools import chain

from storyline.compare.claim_words import content_trigrams, content_words
from storyline.compare.events import Anchor, Mention, event_anchors
from storyline.compare.fact_scores import MIN_SHARED_WORDS, SAME_FACT_OVERLAP, Candidate, score
from storyline.compare.sources import origin_of
from storyline.compare.stances import Stance, find_stances
from storyline.model import Article, Claim, Fact, Reading, Span, Support

MIN_CONTENT_WORDS = 4
"""Claims with fewer content words ("He said.", "It was.") state nothing to align."""
REFINE_PASSES = 2
"""Rounds of moving claims between groups after the greedy pass; the examples settle after one."""
ANCHOR_GROUP_SHARE = 0.5
"""A measure anchor extends an existing fact whose every supporter names it when that fact already
holds at least this share of the anchor's articles ("magnitude 6.4": 3 of 4); otherwise, and for
every place anchor, the anchor is a fact of its own ("in Port Aldine", named by 8 of 8)."""


@dataclass
class _Group:
    members: list[Candidate] = field(default_factory=list)

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


def _candidates(items: Sequence[tuple[Article, Reading]], origins: dict[str, str]) -> list[Candidate]:
    found = []
    for article, reading in items:
        names = {e.id: e.name for e in reading.entities if e.kind in ("person", "org", "outlet")}
        own: list[Candidate] = []
        for claim in reading.claims:
            words = content_words(claim.text)
            if len(words) >= MIN_CONTENT_WORDS:
                origin = _origin(article, reading, claim, origins)
                involved = frozenset(names[e] for e in claim.entities if e in names)
                trigrams = content_trigrams(claim.text)
                own.append(Candidate(article, claim, words, origin, trigrams, involved, claim.text))
        found += own + _stance_candidates(article, reading, own, origins)
    return found


def _stance_candidates(
    article: Article, reading: Reading, claims: list[Candidate], origins: dict[str, str]
) -> list[Candidate]:
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
        candidate = Candidate(
            article,
            claim,
            words,
            _origin(article, reading, claim, origins),
            names=frozenset({stance.speaker}),
            meaning=stance.content,
            speaker=stance.speaker,
            stance_only=True,
            stance_negated=stance.negated,
        )
        extra.append(candidate)
    return extra


def _covers(candidate: Candidate, stance: Stance) -> bool:
    """Whether a claim states this stance: it is the attribution's content holding the clause."""
    span = candidate.claim.span
    return (
        candidate.claim.attribution == stance.attribution
        and span.start <= stance.content_span.start
        and stance.content_span.end <= span.end
    )


def _align(candidates: list[Candidate]) -> list[_Group]:
    """Greedy: each claim joins the group it best matches (one claim per article per group).

    Only groups sharing enough content words, a name or the speaker with a claim can score above
    0 with it (see :func:`_rivals`), so those are found through an index and weighed in group
    order, as a scan of every group would (same ties, same result): 60 reports of the scale
    corpus scored 260,000 pairs, most of them sharing nothing. Each group's articles are kept
    beside it, as the pass adds members, rather than gathered again for every rival weighed.
    """
    groups: list[_Group] = []
    present: list[set[str]] = []
    links: dict[int, list[_Group]] = {}
    words: dict[str, set[int]] = {}
    names: dict[str, set[int]] = {}
    speakers: dict[str, set[int]] = {}
    for candidate in candidates:
        best, best_score = None, SAME_FACT_OVERLAP
        linked = links.setdefault(id(candidate), [])
        article_id = candidate.article.id
        best_position = len(groups)
        speaker = candidate.speaker
        for position in _rivals(candidate, words, names, speakers):
            if article_id in present[position]:
                continue
            group = groups[position]
            found = max([score(candidate, m) for m in group.members])
            if found >= SAME_FACT_OVERLAP:
                linked.append(group)
            if found >= best_score:
                best, best_score, best_position = group, found, position
        if best is None:
            groups.append(_Group([candidate]))
            present.append({article_id})
        else:
            best.members.append(candidate)
            present[best_position].add(article_id)
        for word in candidate.words:
            words.setdefault(word, set()).add(best_position)
        for name in candidate.names:
            names.setdefault(name, set()).add(best_position)
        if speaker:
            speakers.setdefault(speaker, set()).add(best_position)
    refined = _refine(groups, links)
    return [g for g in refined if len(g.members) > 1 or not g.members[0].stance_only]


def _rivals(
    candidate: Candidate,
    by_word: dict[str, set[int]],
    by_name: dict[str, set[int]],
    by_speaker: dict[str, set[int]],
) -> list[int]:
    """Positions of the groups that may score above 0 with ``candidate``, in order; the three
    indexes hold the groups by their members' content words, names and speakers.

    :func:`~storyline.compare.fact_scores.similar` needs :data:`MIN_SHARED_WORDS` content words
    shared with one member, so a group whose members together share fewer is skipped unless it
    shares a name or the speaker (see :func:`~storyline.compare.fact_scores.close_meaning` and
    :func:`~storyline.compare.fact_scores.same_stance`): 81,000 pairs scored instead of 182,000
    on 80 stories of the 3k scale corpus. The shared words are counted by ``Counter`` in C.
    """
    shared = Counter(chain.from_iterable([by_word[w] for w in candidate.words if w in by_word]))
    found = {position for position, count in shared.items() if count >= MIN_SHARED_WORDS}
    for name in candidate.names:
        positions = by_name.get(name)
        if positions:
            found.update(positions)
    if candidate.speaker:
        found.update(by_speaker.get(candidate.speaker, ()))
    return sorted(found)


def _mean_score(candidate: Candidate, group: _Group) -> float:
    others = [m for m in group.members if m is not candidate]
    return sum([score(candidate, m) for m in others]) / len(others) if others else 0.0


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
) -> Candidate:
    """The bare words naming an anchor, as a supporter of the anchor's own fact."""
    claim = Claim(Span(article.id, mention.start, mention.end), mention.text, "", "outlet")
    return Candidate(article, claim, content_words(mention.text), _origin(article, reading, claim, origins))


def _anchor(
    anchor: Anchor,
    groups: list[_Group],
    candidates: list[Candidate],
    items: Sequence[tuple[Article, Reading]],
    origins: dict[str, str],
) -> None:
    """Extend the fact that names ``anchor`` in every supporter, or add the anchor as a fact."""

    def names_it(candidate: Candidate) -> bool:
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
