"""What every briefing section needs to know about a report: names, order, and which spans it may cite.

The composer only cites spans it can check: the article must be a source of the report and the
span must lie inside the text it was given. Records pointing elsewhere are left out of the
briefing (the checker reports them), so a composed briefing always passes
:func:`storyline.brief.verify.verify_report`'s briefing checks.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

from storyline.brief.labels import join_names, outlet_names, proper_names, span_text
from storyline.brief.text import excerpt, finish, found_verbatim, own_voice_loaded, plain, quote
from storyline.model import BriefingSentence, Citation, Fact, Offsets, Report

Ref = tuple[str, Offsets]
"""A citable place: article id and (start, end)."""

SHOWN_POINTS = 3
"""Points quoted at most where the briefing lists what one outlet alone reports or leaves out: a
briefing is read in a minute or two; the facts table and framing cards keep the full lists."""
LIST_EXCERPT = 120
"""Characters quoted per listed point: enough for a clause, short enough to list three."""


@dataclass
class Context:
    """A report, its article texts, and the lookups the sections share."""

    report: Report
    texts: Mapping[str, str]
    names: dict[str, str] = field(init=False)
    order: dict[str, int] = field(init=False)
    proper: list[str] = field(init=False)

    _citations: dict[Ref, Citation] = field(init=False, default_factory=dict)
    _evidence: dict[int, FactEvidence] = field(init=False, default_factory=dict)
    """Each fact's :class:`FactEvidence` by ``id(fact)`` (the report keeps its facts alive)."""

    def __post_init__(self) -> None:
        self.names = outlet_names(self.report)
        self.order = {source.article_id: index for index, source in enumerate(self.report.sources)}
        self.proper = proper_names(self.report)

    def evidence(self, fact: Fact) -> FactEvidence:
        """The fact's citable places and their words, worked out on first use (see :class:`FactEvidence`)."""
        found = self._evidence.get(id(fact))
        if found is None:
            refs = self.citable(support_refs(fact))
            stated = bool(excerpt(fact.statement))
            spans = [
                (ref, words, stated and found_verbatim(fact.statement, words))
                for ref in refs
                if (words := self.words(ref)) is not None and excerpt(words)
            ]
            found = self._evidence[id(fact)] = FactEvidence(refs, spans)
        return found

    def words(self, ref: Ref) -> str | None:
        """The cited words, or None when the ref may not be cited (not a source, or outside its text)."""
        article_id, span = ref
        if article_id not in self.order:
            return None
        return span_text(self.texts, article_id, span)

    def citable(self, refs: Iterable[Ref]) -> list[Ref]:
        """The refs that may be cited, in input order."""
        return [ref for ref in refs if self.words(ref) is not None]

    def name(self, article_id: str) -> str:
        """The outlet of an article, or its short id when the report does not list it."""
        return self.names.get(article_id, f"unlisted source {article_id[:8]}")

    def outlets(self, article_ids: Iterable[str]) -> str:
        """ "A, B and C" for the outlets of these articles, in source order."""
        ordered = sorted(dict.fromkeys(article_ids), key=lambda aid: self.order.get(aid, len(self.order)))
        return join_names(self.name(aid) for aid in ordered)

    def sentence(self, text: str, refs: Iterable[Ref]) -> BriefingSentence | None:
        """A briefing sentence citing the citable refs, once each, in source then text order.

        None when nothing can be cited or the sentence would judge in its own voice: a sentence
        without evidence or with a loaded word of its own is never emitted.
        """
        text = finish(text)
        cited = dict.fromkeys(self.citable(refs))
        if not cited or own_voice_loaded(text, self.proper):
            return None
        ordered = sorted(cited, key=lambda ref: (self.order[ref[0]], ref[1]))
        return BriefingSentence(text, tuple([self._citation(ref) for ref in ordered]))

    def _citation(self, ref: Ref) -> Citation:
        """The citation of a ref, one record per ref (records are immutable): a briefing cites the
        same places again and again, ~540 citations of a few hundred places per story."""
        found = self._citations.get(ref)
        if found is None:
            article_id, span = ref
            found = self._citations[ref] = Citation(article_id, (span[0], span[1]))
        return found

    def own_words(self, label: str, refs: Iterable[Ref]) -> str | None:
        """A label (a value, a topic) fit for the briefing's own voice.

        Neutral labels are written plainly; a loaded one is quoted from a cited span when it occurs
        there (then it is the source's word, not the briefing's) and otherwise replaced by a
        quotation of the first cited span. None when neither is possible.
        """
        words = plain(label)
        if not words:
            return None
        if not own_voice_loaded(words, self.proper):
            return words
        spans = [text for text in (self.words(ref) for ref in refs) if text is not None]
        for text in spans:
            if found_verbatim(words, text):
                return quote(words)
        fallback = excerpt(spans[0]) if spans else ""
        return quote(fallback) if fallback else None

    def quoted(self, ref: Ref) -> str | None:
        """The cited words as a briefing quotation, or None when the ref may not be cited."""
        words = self.words(ref)
        if words is None or not excerpt(words):
            return None
        return quote(excerpt(words))


def support_refs(fact: Fact) -> list[Ref]:
    """The places a fact is stated."""
    return [(support.article_id, support.span) for support in fact.support]


@dataclass(frozen=True)
class FactEvidence:
    """A fact's citable support and, for each place that has words to quote, the words and whether
    they hold the fact's statement verbatim.

    Worked out once per fact: the omissions of every outlet ask for the words of each fact it
    leaves out, from the other outlets (see :func:`fact_words`), which redid the same
    checks for every outlet that leaves the fact out.
    """

    refs: list[Ref]
    spans: list[tuple[Ref, str, bool]]


def fact_words(ctx: Context, fact: Fact, left_out: str | None = None) -> tuple[list[Ref], str | None]:
    """The fact's citable places (outside article ``left_out``, when given), and the words that
    state the fact there: its statement when a cited span holds it verbatim, else the shortest
    cited span (the most compact wording a source used), cut to excerpt length; None when no
    place has words to quote."""
    evidence = ctx.evidence(fact)
    refs = [ref for ref in evidence.refs if ref[0] != left_out]
    spans = [item for item in evidence.spans if item[0][0] != left_out]
    if not spans:
        return refs, None
    if any(verbatim for _, _, verbatim in spans):  # only where the statement has words to quote
        return refs, excerpt(fact.statement)
    shortest = min(spans, key=lambda item: (len(excerpt(item[1])), ctx.order[item[0][0]], item[0][1]))
    return refs, excerpt(shortest[1])
