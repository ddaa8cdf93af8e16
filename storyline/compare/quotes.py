"""The quote ledger: one entry per utterance, and how every source renders it.

``quote_ledger(items)`` takes a story's canonical articles with their readings and returns one
:class:`~storyline.model.QuoteEntry` per utterance. The rules are lexical, because no inference
model is available offline; words are compared through the meaning keys of
:mod:`storyline.compare.worddiff` (contractions expanded, light stems, a small synonym table).

Grouping. Quotations (scare quotes skipped) are taken in publication order, longest first, and
each joins the utterance it resembles most. Resemblance is the share of the shorter text's
content words found in the other, so a short partial quote inside a longer one counts fully. A
quote joins an utterance of the same speaker at ``SAME_SPEAKER_SIMILARITY``; one whose speaker
is unresolved (a pronoun) or another person must reach ``OTHER_SPEAKER_SIMILARITY``, and a
second named speaker sets ``speakers_differ``. Speakers are compared by name, since entity ids
are per article: "Dovic" and "President Maren Dovic" are "Maren Dovic".

Canonical text: the earliest-published version, then the longest, among versions that are not
a contiguous slice of another version (a partial quote is never the reference).

Forms, against the canonical text:

* verbatim: the same words once case, quotation marks and punctuation are set aside, or a
  contiguous slice of them (a partial quote) that neither stops before a condition ("... if they
  release water") nor starts after a negator the article does not itself carry;
* altered: inside quotation marks with the meaning changed: a negation added or dropped, a
  number changed, an antonym swapped in, a qualifier cut ("only", "nearly", "may"), or so many
  content words cut or replaced that too few are shared (``worddiff.meaning_changed``);
* reworded: inside quotation marks, none of the above, but different words;
* paraphrase: no quotation marks: an attribution's content (or an attributed claim) in an
  article that does not quote the utterance, given to the same speaker, sharing at least
  ``PARAPHRASE_MIN_SHARED`` content words and ``PARAPHRASE_OVERLAP`` of the shorter side's.

Each occurrence's ``diff`` is :func:`~storyline.compare.worddiff.word_diff` against the canonical
text: ``[-cut-]`` and ``{+added+}`` words, long unchanged runs shortened to ``...``.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import cache, cached_property

from storyline.compare.when import publication_key
from storyline.compare.worddiff import (
    NEGATORS,
    content_keys,
    is_slice,
    meaning_changed,
    meaning_words,
    slice_cut,
    surface_words,
    word_diff,
)
from storyline.model import Article, Attribution, Offsets, QuoteEntry, QuoteOccurrence, Reading

__all__ = ["quote_ledger"]

SAME_SPEAKER_SIMILARITY = 0.6
"""Share of the shorter quote's content words the same speaker's other quote must hold.

In the examples a reworded quote and an altered one (a dropped "not") keep every key of the
canonical text (1.0); two different sentences of one speaker share at most one key (0)."""

OTHER_SPEAKER_SIMILARITY = 0.85
"""The same bar for an unresolved or different speaker: only nearly the same words qualify."""

MIN_SHARED = 2
"""Content words two quotes must share unless one is a word-for-word slice of the other: a single
shared word (a place name) is chance."""

PARAPHRASE_MIN_SHARED = 3
"""Content words a paraphrase must share with the utterance. In the examples the speaker's other
statements share two ("treaty", "sign": 0.33-0.4 of the shorter side); the true paraphrases
share three (0.75) and six (1.0)."""

PARAPHRASE_OVERLAP = 0.6
"""Share of the shorter side's content words a paraphrase must share with the utterance."""

NEGATION_WINDOW = 40
"""Characters before a partial quote searched for the negator the quote itself leaves out."""

PRONOUNS = frozenset("i we you he she it they him her them us me this that who".split())

SENTENCE_END = re.compile(r"[.!?][\"”’']?\s")


@dataclass
class _Said:
    """Words one article gives to a speaker: a quotation, or a candidate paraphrase."""

    article_id: str
    rank: int
    span: Offsets
    text: str
    speaker: str | None
    before: str = ""

    @cached_property
    def surface(self) -> list[str]:
        """Made on first use, as the two below: 1,711 of 4,461 texts of 80 stories never needed them."""
        return surface_words(self.text)

    @cached_property
    def words(self) -> list[str]:
        return meaning_words(self.text)

    @cached_property
    def keys(self) -> frozenset[str]:
        return content_keys(self.words)

    @property
    def order(self) -> tuple[int, int]:
        return (self.rank, self.span[0])


@dataclass
class _Utterance:
    """Quotations grouped as one utterance, and the speaker names they were given."""

    members: list[_Said]
    paraphrases: list[_Said] = field(default_factory=list)
    speakers: list[str] = field(default_factory=list)
    fewest_keys: int = 0
    """The smallest member's content-key count: bounds how well any member can match."""

    def add(self, said: _Said) -> None:
        self.members.append(said)
        self.speakers += [said.speaker] if said.speaker else []
        self.fewest_keys = min(len(said.keys), self.fewest_keys or len(said.keys))

    @property
    def articles(self) -> set[str]:
        return {m.article_id for m in self.members}


def quote_ledger(items: Sequence[tuple[Article, Reading]]) -> list[QuoteEntry]:
    """One entry per utterance across the story's canonical articles (copies left out by the caller)."""
    ranked = _time_order(items)
    quotes = sorted(
        (said for rank, article, reading in ranked for said in _quotes_of(rank, article, reading)),
        key=lambda s: (s.rank, -len(s.surface), s.span[0]),
    )
    utterances = _group(quotes)
    candidates = [
        c for rank, article, reading in ranked for c in _paraphrase_candidates(rank, article, reading)
    ]
    _attach_paraphrases(utterances, candidates)
    people = Counter(
        name for _, reading in items for name in {e.name for e in reading.entities if e.kind == "person"}
    )
    entries = [(min(m.order for m in u.members), _entry(u, people)) for u in utterances]
    return [entry for _, entry in sorted(entries, key=lambda pair: pair[0])]


# --- who and when ---------------------------------------------------------------------------


def _time_order(items: Sequence[tuple[Article, Reading]]) -> list[tuple[int, Article, Reading]]:
    order = sorted(range(len(items)), key=lambda i: (publication_key(items[i][0].published), i))
    return [(rank, *items[index]) for rank, index in enumerate(order)]


@cache
def same_person(one: str, other: str) -> bool:
    """True when two names may name one person: equal, or the shorter's words end the longer's."""
    short, long = sorted((one.lower().split(), other.lower().split()), key=len)
    return bool(short) and short[-1] == long[-1] and set(short) <= set(long)


def _named(text: str | None) -> str | None:
    """A speaker phrase usable as a name: not empty and not a bare pronoun."""
    if not text or text.lower() in PRONOUNS:
        return None
    return text


def _quotes_of(rank: int, article: Article, reading: Reading) -> list[_Said]:
    names = {entity.id: entity.name for entity in reading.entities}
    found = []
    for quote in reading.quotes:
        if quote.kind == "scare":
            continue
        speaker = names.get(quote.speaker or "") or _named(quote.speaker_text)
        start, end = quote.span.start, quote.span.end
        before = article.text[max(0, start - NEGATION_WINDOW) : start]
        found.append(_Said(article.id, rank, (start, end), quote.text, speaker, before))
    return [said for said in found if said.surface]


# --- grouping quotations into utterances ------------------------------------------------------


def _resemblance(one: _Said, other: _Said) -> float:
    """Share of the smaller key set found in the other; 0 below ``MIN_SHARED`` unless a slice."""
    if not one.keys or not other.keys:
        return 0.0
    shared = len(one.keys & other.keys)
    if shared < MIN_SHARED:
        short, long = sorted((one.surface, other.surface), key=len)
        if is_slice(short, long) is None:
            return 0.0
    return shared / min(len(one.keys), len(other.keys))


def _match(said: _Said, utterance: _Utterance) -> tuple[bool, float] | None:
    """(same speaker, resemblance) when ``said`` may join ``utterance``, else None."""
    score = max(_resemblance(said, member) for member in utterance.members)
    same = said.speaker is not None and any(same_person(said.speaker, s) for s in utterance.speakers)
    bar = SAME_SPEAKER_SIMILARITY if same else OTHER_SPEAKER_SIMILARITY
    return (same, score) if score >= bar else None


def _group(quotes: Sequence[_Said]) -> list[_Utterance]:
    """Each quotation joins its best-matching utterance or starts one.

    An index from content key to utterances counts the keys each shares with the quotation, an
    upper bound on any member's resemblance, so only utterances that could match are compared.
    """
    utterances: list[_Utterance] = []
    by_key: dict[str, set[int]] = {}
    for said in quotes:
        hits = Counter(i for key in said.keys for i in by_key.get(key, ()))
        near = [
            i
            for i, n in hits.items()
            if n >= SAME_SPEAKER_SIMILARITY * min(len(said.keys), utterances[i].fewest_keys)
        ]
        scored = [(m, i) for i in near if (m := _match(said, utterances[i])) is not None]
        index = max(scored)[1] if scored else len(utterances)
        if not scored:
            utterances.append(_Utterance([]))
        utterances[index].add(said)
        for key in said.keys:
            by_key.setdefault(key, set()).add(index)
    return utterances


# --- canonical text and forms -----------------------------------------------------------------


def _canonical(utterance: _Utterance) -> _Said:
    """Earliest-published, then longest, version that is not a slice of a longer one."""
    members = utterance.members
    whole = [
        m
        for m in members
        if not any(
            len(o.surface) > len(m.surface) and is_slice(m.surface, o.surface) is not None for o in members
        )
    ]
    return min(whole or members, key=lambda m: (m.rank, -len(m.surface), m.span[0]))


def _slice_form(said: _Said, canonical: _Said, start: int) -> str:
    """A partial quote is verbatim unless it cuts a condition, or a negation the article omits."""
    cut = slice_cut(canonical.surface, start, len(said.surface))
    if cut == "negation" and set(meaning_words(said.before)) & NEGATORS:
        cut = None  # 'would not "accept a deal"': the negation stands just outside the marks
    return "verbatim" if cut is None else "altered"


def _form(said: _Said, canonical: _Said) -> str:
    """verbatim, reworded or altered: how a quotation renders the canonical text."""
    if [w.lower() for w in said.surface] == [w.lower() for w in canonical.surface]:
        return "verbatim"
    start = is_slice(said.surface, canonical.surface)
    if start is not None:
        return _slice_form(said, canonical, start)
    return "altered" if meaning_changed(canonical.words, said.words) else "reworded"


def _entry(utterance: _Utterance, people: Counter[str]) -> QuoteEntry:
    canonical = _canonical(utterance)
    occurrences = [
        QuoteOccurrence(
            m.article_id, m.span, form, "" if form == "verbatim" else word_diff(canonical.text, m.text)
        )
        for m in utterance.members
        for form in [_form(m, canonical)]
    ]
    occurrences += [
        QuoteOccurrence(p.article_id, p.span, "paraphrase", word_diff(canonical.text, p.text))
        for p in utterance.paraphrases
    ]
    rank = {m.article_id: m.rank for m in [*utterance.members, *utterance.paraphrases]}
    occurrences.sort(key=lambda o: (rank[o.article_id], o.span[0]))
    return QuoteEntry(
        speaker=_entry_speaker(utterance, canonical, people),
        text=canonical.text,
        occurrences=tuple(occurrences),
        speakers_differ=_speakers_differ(utterance.speakers),
    )


def _entry_speaker(utterance: _Utterance, canonical: _Said, people: Counter[str]) -> str | None:
    """The canonical version's speaker (else the commonest), by the story's usual full name.

    "Voss" becomes "Mara Voss" when the story names one person so; a surname two people of the
    story share stays as written.
    """
    names = utterance.speakers
    if not names:
        return None
    base = canonical.speaker or Counter(names).most_common(1)[0][0]
    pool = people + Counter(names)
    fuller = [n for n in pool if same_person(n, base)]
    best = max(fuller, key=lambda n: (len(n.split()) > 1, pool[n], len(n)))
    return best if all(same_person(best, n) for n in fuller) else base


def _speakers_differ(names: Sequence[str]) -> bool:
    return any(not same_person(names[0], other) for other in names[1:])


# --- paraphrases --------------------------------------------------------------------------------


def _attribution_speaker(
    index: int, attributions: Sequence[Attribution], names: dict[str, str], text: str
) -> str | None:
    """Who an attribution's words belong to.

    Its source entity, else a person's phrase; a document ("a short statement promising ...")
    belongs to the person whose attribution precedes it in the same sentence ("Kask said little
    beyond a short statement promising ...").
    """
    attribution = attributions[index]
    if attribution.source_entity is not None:
        return names.get(attribution.source_entity)
    if attribution.source_kind == "person":
        return _named(attribution.source_text)
    if attribution.source_kind != "document":
        return None
    for earlier in reversed(attributions[:index]):
        between = text[earlier.cue_span.start : attribution.cue_span.start]
        if earlier.cue_span.start > attribution.cue_span.start or SENTENCE_END.search(between):
            continue
        if earlier.source_kind == "person" and earlier.source_entity is not None:
            return names.get(earlier.source_entity)
    return None


def _paraphrase_candidates(rank: int, article: Article, reading: Reading) -> list[_Said]:
    """Unquoted words the article gives to a named speaker: attribution contents, attributed claims."""
    names = {entity.id: entity.name for entity in reading.entities}
    quoted = [(q.span.start, q.span.end) for q in reading.quotes if q.kind != "scare"]
    attributions = reading.attributions
    speakers = [_attribution_speaker(i, attributions, names, article.text) for i in range(len(attributions))]
    spans = [
        (a.content_span.start, a.content_span.end, speakers[i])
        for i, a in enumerate(attributions)
        if not a.direct
    ]
    spans += [
        (c.span.start, c.span.end, speakers[c.attribution])
        for c in reading.claims
        if c.voice == "attributed" and c.attribution is not None and 0 <= c.attribution < len(attributions)
    ]
    return [
        _Said(article.id, rank, (start, end), article.text[start:end], speaker)
        for start, end, speaker in spans
        if speaker is not None and not any(start < q_end and q_start < end for q_start, q_end in quoted)
    ]


def _paraphrase_score(said: _Said, keys: frozenset[str]) -> tuple[float, int] | None:
    """(share of the shorter side, shared count) when ``said`` restates words with ``keys``."""
    shared = len(said.keys & keys)
    if shared < PARAPHRASE_MIN_SHARED:
        return None
    share = shared / min(len(said.keys), len(keys))
    return (share, shared) if share >= PARAPHRASE_OVERLAP else None


def _attach_paraphrases(utterances: Sequence[_Utterance], candidates: Sequence[_Said]) -> None:
    """Best-first: each candidate paraphrases at most one utterance, once per article."""
    by_speaker: dict[str, list[_Said]] = {}
    for said in candidates:
        by_speaker.setdefault(said.speaker or "", []).append(said)
    scored = []
    for index, utterance in enumerate(utterances):
        keys = frozenset(k for m in utterance.members for k in m.keys)
        quoting, names = utterance.articles, utterance.speakers
        for speaker, group in by_speaker.items():
            if not any(same_person(speaker, name) for name in names):
                continue
            for said in group:
                score = None if said.article_id in quoting else _paraphrase_score(said, keys)
                if score is not None:
                    scored.append((-score[0], -score[1], index, said.order, said))
    taken: dict[str, list[Offsets]] = {}
    done: set[tuple[int, str]] = set()
    for *_, index, _, said in sorted(scored, key=lambda s: s[:4]):
        used = taken.setdefault(said.article_id, [])
        if (index, said.article_id) in done or any(said.span[0] < e and s < said.span[1] for s, e in used):
            continue
        done.add((index, said.article_id))
        used.append(said.span)
        utterances[index].paraphrases.append(said)
