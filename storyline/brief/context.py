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

    def __post_init__(self) -> None:
        self.names = outlet_names(self.report)
        self.order = {source.article_id: index for index, source in enumerate(self.report.sources)}
        self.proper = proper_names(self.report)

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
        return BriefingSentence(text, tuple(Citation(aid, (span[0], span[1])) for aid, span in ordered))

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


def fact_words(ctx: Context, fact: Fact, refs: list[Ref]) -> str | None:
    """The words that state a fact: its statement when a cited span holds it verbatim, else the
    shortest cited span (the most compact wording a source used), cut to excerpt length."""
    spans = [(ref, words) for ref in refs if (words := ctx.words(ref)) is not None and excerpt(words)]
    if not spans:
        return None
    if excerpt(fact.statement) and any(found_verbatim(fact.statement, words) for _, words in spans):
        return excerpt(fact.statement)
    shortest = min(spans, key=lambda item: (len(excerpt(item[1])), ctx.order[item[0][0]], item[0][1]))
    return excerpt(shortest[1])
