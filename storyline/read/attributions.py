"""Who said what: attributions found by rules over spaCy's dependency parse.

An attribution is a source ("The Israeli daily Haaretz"), a cue ("wrote") and a content ("that
Netanyahu emerged ... “empty-handed,”"). A cue is a verb of :data:`cues.CUE_VERBS` or the phrase
``according to``, outside quotation marks: inside them it is the quoted speaker's own word
(``“They told us it was safe,” Kask said`` is Kask's claim), and PolNeAR marks nothing there (16
of 599 such cues on its train split; skipping them added 1.5 points of mean exact F1). For a cue
verb the content is, by the first rule that applies:

1. its clausal complement (``ccomp``), widened to the whole quotation when it sits inside
   quotation marks (``“A. B,” he said`` gives both sentences, ``“A,” X said, “B.”`` both parts;
   not a complement wholly in an earlier paragraph, which the parse may hang on the cue when it
   runs a sentence over the break);
2. a quotation right before (``“…,” X said``) and/or right after (``X said: “…”``); a split
   quote gives one attribution per part, and quotations that follow the cue's sentence with
   nothing between carry it on (``“A,” he said. “B.”``, also across paragraphs and after a
   content that ends in a quotation: ``Y is “A,” he said. “B.”``; :mod:`.quote_runs`);
3. for ``Y, X said, Z`` and ``Y, as X reported``, the clause the cue hangs from, unless the cue
   has an object of its own (``the crowd cheered as Kask praised the dam``: "the dam"; +0.15
   mean exact F1 on train, +0.12 on dev);
4. for a passive (``the meetings were described as productive``), the subject through its
   complement, the cue inside it; for ``the levy, which Kask opposes``, the relative pronoun
   through the cue's complements (PolNeAR's content, +0.08 mean exact F1 on train);
5. for ``the bill, opposed by X``, the noun phrase the participle hangs from;
6. its object, ``to``-clause or prepositional object (``accused X of Y``, ``referring to Y``,
   ``calling for X to Y``), not a date (``replied on Monday`` has none), or a one-word answer
   (``said no``, ``would not say when``).

The source is the verb's subject (one on the cue's line when the parse offers two), the agent of
a passive, the subject of the verb a participle hangs from (``..., arguing that``; through a
preposition or adjective: ``defended it by citing``, ``was able to tout``; for a trailing
``X said Y, adding Z``, X; for ``X said Y and said Z``, where the parse hangs the second "said"
on Y, X), for a quotation before a subjectless cue the noun right after it (``“…,” wrote the
Herald``), or nothing (``were described as``: source ``None``, kind "unknown"); see
:func:`storyline.read.source_phrase.source_token`.
``according to X`` makes X the source and the rest of the sentence the content, and so does a
poll opening a sentence (``In a CBS News poll, ...``: cue "In"; :mod:`storyline.read.phrase_cues`);
"reportedly" on a verb that is no cue is a cue of its own, without a source, its clause the content.
A noun of saying or believing with its ``that`` clause is a cue too (``his warning that``,
``made the argument that``; :mod:`storyline.read.noun_cues`), and so is an adjective of attitude
after "be" with its complement (``is deeply skeptical of``; :mod:`storyline.read.adjective_cues`);
a bare feeling noun after "expressed" joins the cue (``expressed concern that``;
:mod:`storyline.read.feeling_objects`), and so does the verb that issues the document a cue
participle describes (``issued a statement saying``, the issuer the source;
:mod:`storyline.read.document_cues`).

Span conventions follow PolNeAR (measured on its ``train`` split): a source is the noun phrase
with determiner, titles and appositions (relative clauses dropped); a cue keeps auxiliaries,
negation, adverbs before the verb, a particle and the adverbials between verb and content
(``has said``, ``did not say``, ``reportedly affirmed``, ``said in a statement that``) but not
the addressee (``told`` in ``told reporters that``), with the verb its ``to`` hangs from
(``went on to say``); a content keeps ``that`` and drops a trailing ``, which ...``, a
trailing cue participle (``, adding that ...``, its own attribution, also after a quotation's
closing mark and after an object) and a trailing ``and said ...`` of the same speaker, and one
that ends inside a quotation it opened runs on to the closing mark (+0.46 content F1 on train).
The edges are drawn in :mod:`storyline.read.span_edges`. Spans stay in the cue's paragraph,
except quotations. Direct quotations are the words inside the marks, with ``direct=True``.
Nested attributions are all returned (``Haaretz wrote that Trump signaled that`` gives two);
PolNeAR marks only the outer one, and its scorer projects ours the same way.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache

from spacy.attrs import LEMMA, LOWER, POS  # type: ignore[import-not-found]  # a .pyx without stub
from spacy.strings import StringStore
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.model import Attribution, Span
from storyline.read import adjective_cues, cues, noun_cues, phrase_cues
from storyline.read.clauses import Content, has_object, host_clause, other_contents
from storyline.read.cues import Quotation, quotations, quote_at, to_quote_end
from storyline.read.document_cues import issuing_verb
from storyline.read.feeling_objects import feeling_content
from storyline.read.quote_runs import continuations, strip_content
from storyline.read.source_phrase import (
    antecedent_of,
    inverted_subject,
    source_range,
    source_token,
    token_chars,
)
from storyline.read.span_edges import (
    CUE_LEFT_DEPS,
    cue_range,
    has_quote,
    is_cue_verb,
    paragraph_of,
    phrasal_completion,
    tail_cut,
)

_GAP_OK_RE = re.compile(r"[\s,:—–-]*")


@dataclass(frozen=True)
class _Context:
    """What every rule needs about the article being read."""

    doc: Doc
    text: str
    """``doc.text``, kept: spaCy rebuilds that string from the tokens on every access."""
    article_id: str
    quotes: list[Quotation]
    persons: frozenset[str]
    """Lower-cased words of PERSON entities anywhere in the article: "Trump" is a person in a
    sentence where NER calls him an organisation, if it called him a person elsewhere."""


def find_attributions(
    doc: Doc, article_id: str, ents: Sequence[SpacySpan] | None = None, text: str | None = None
) -> list[Attribution]:
    """Every attribution of ``doc`` (article ``article_id``), in text order.

    ``ents`` and ``text`` are ``doc.ents`` and ``doc.text`` when the caller already has them:
    spaCy rebuilds both on every access.
    """
    text = doc.text if text is None else text
    ents = doc.ents if ents is None else ents
    persons = frozenset(t.lower_ for e in ents if e.label_ == "PERSON" for t in e if t.is_alpha)
    context = _Context(doc, text, article_id, quotations(text), persons)
    strings = doc.vocab.strings
    according, in_, verb, noun, adp, adj = (
        strings[s] for s in ("according", "in", "VERB", "NOUN", "ADP", "ADJ")
    )
    found: list[Attribution] = []
    # This loop sees every token of the article: compare the integer columns of Doc.to_array
    # and build a Token only for candidates (building one per token cost more than the rules),
    # and for verbs only where the lemma is a cue's (decided once per distinct lemma).
    tags, lowers, lemmas = doc.to_array([POS, LOWER, LEMMA]).T.tolist()
    cue_lemmas = _cue_lemmas(doc, {lemma for tag, lemma in zip(tags, lemmas, strict=True) if tag == verb})
    noun_lemmas, adjective_lemmas, poll_ids = _word_ids(strings)
    report_ids = {strings.add(w) for w in phrase_cues.REPORT_ADVERBS}
    for index, (tag, lower, lemma) in enumerate(zip(tags, lowers, lemmas, strict=True)):
        if (
            tag == verb
            and lemma in cue_lemmas
            and is_cue_verb(token := doc[index])
            and not _in_quote(token, context)
        ):
            found.extend(_from_verb(token, context))
        elif lower == according and _according_phrase(doc, index, context):
            found.extend(_record(context, *parts) for parts in phrase_cues.according_to(doc[index]))
        elif lower in report_ids and not _in_quote(token := doc[index], context):
            found.extend(_record(context, *parts) for parts in phrase_cues.report_adverb(token))
        elif lower == in_ and tag == adp and not poll_ids.isdisjoint(lowers[index + 1 : index + 17]):
            if not _in_quote(token := doc[index], context):
                found.extend(_record(context, *parts) for parts in phrase_cues.in_poll(token))
        elif (
            tag == noun
            and lemma in noun_lemmas
            and noun_cues.is_noun_cue(token := doc[index])
            and not _in_quote(token, context)
        ):
            found.extend(_from_noun(token, context))
        elif tag == adj and lemma in adjective_lemmas and not _in_quote(token := doc[index], context):
            found.extend(_from_adjective(token, context))
    found.extend(continuations(doc, text, context.quotes, found))
    return sorted(found, key=lambda a: (a.cue_span.start, a.content_span.start))


@lru_cache(maxsize=8)
def _word_ids(strings: StringStore) -> tuple[frozenset[int], frozenset[int], frozenset[int]]:
    """The ids, in a pipeline's ``strings``, of the noun and adjective cue lemmas and of the poll
    words (looked up once, not per article): an "in" with no poll word in the 16 tokens
    after it needs no Token (one "in" in 60 tokens)."""
    return (
        frozenset(strings.add(word) for word in noun_cues.NOUN_CUES),
        frozenset(strings.add(word) for word in adjective_cues.ATTITUDE_ADJECTIVES),
        frozenset(strings.add(word) for word in phrase_cues.POLL_WORDS),
    )


def _cue_lemmas(doc: Doc, lemmas: set[int]) -> set[int]:
    """The lemma ids among the verbs' ``lemmas`` that :func:`is_cue_verb` can accept (it reads
    the same lemma, lower-cased): a verb with any other lemma is no cue, and needs no Token."""
    strings = doc.vocab.strings
    return {
        lemma
        for lemma in lemmas
        if (word := strings[lemma].lower()) in cues.CUE_VERBS
        or word in cues.CLAUSE_VERBS
        or word in cues.PHRASAL_CUES
    }


def _according_phrase(doc: Doc, index: int, context: _Context) -> bool:
    """Whether "according" at ``index`` opens ``according to``, outside quotation marks."""
    return index + 1 < len(doc) and doc[index + 1].lower_ == "to" and not _in_quote(doc[index], context)


def _in_quote(token: Token, context: _Context) -> bool:
    """Whether a cue sits inside quotation marks: ``“I think they said no,” Kask said`` is
    Kask's claim, and "think" and "said" are his words, not the article's attributions
    (PolNeAR marks none there; on its train split 16 of 599 such cues were gold)."""
    return quote_at(context.quotes, token.idx) is not None


# --- verbs ---------------------------------------------------------------------------------


def _from_verb(verb: Token, context: _Context) -> list[Attribution]:
    """The attributions a cue verb heads: one per content (a split quote has two)."""
    source = source_token(verb)
    contents = _contents(verb, context)
    if not contents or (verb.lemma_.lower() in cues.CLAUSE_VERBS and not contents[0].clausal):
        return []
    fits, extra = phrase_cues.phrasal_cue_end(verb, contents[0])
    if not fits:
        return []  # ``put it on the table``
    cue = cue_range(verb, extra, contents[0].chars[0])
    if source is None and contents[0].direct and contents[0].chars[1] <= verb.idx:
        source = inverted_subject(verb)
    issuer = issuing_verb(verb)
    if issuer is not None:  # ``issued a statement saying``: the issuer speaks
        source, cue = source_token(issuer), (cue_range(issuer, None, 0)[0], cue[1])
    return [_record(context, source, cue, c) for c in contents]


def _contents(verb: Token, context: _Context) -> list[Content]:
    """The content of a cue verb, by the rules of the module docstring, tried in order."""
    doc = verb.doc
    feeling = feeling_content(verb)
    if feeling is not None:
        return [feeling]
    completion = phrasal_completion(verb)  # ``made it clear that``: "clear" is no content
    clause = _complement(verb, completion, context)
    if clause is not None:
        start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
        quote = _quoted_clause(verb, clause, context)
        if quote is not None:
            others = [q for q in _adjacent_quotes(verb, context) if q != quote and _joins(q, verb, context)]
            return [Content(q.inner, direct=True) for q in [quote, *others]]
        return [Content((start, tail_cut(clause, end)))]
    adjacent = _adjacent_quotes(verb, context)
    if adjacent:
        return [Content(q.inner, direct=True) for q in adjacent]
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if (verb.dep_ == "parataxis" or as_clause) and verb.head.i != verb.i and not has_object(verb):
        return [Content(host_clause(verb))]
    return other_contents(verb)


def _complement(verb: Token, completion: Token | None, context: _Context) -> Token | None:
    """The cue's clausal complement, not one wholly in an earlier paragraph: the parse may run a
    sentence over a paragraph break (``“A.”`` then ``X said Y``) and hang the quote on "said"
    beside Y (+0.13 mean exact F1 on train, +0.08 on dev, with :func:`_quoted_clause`'s clip)."""
    line_start = paragraph_of(context.text, verb.idx)[0]
    for child in verb.children:
        if child.dep_ == "ccomp" and child != completion and child.right_edge.idx >= line_start:
            return child
    return None


def _joins(quote: Quotation, verb: Token, context: _Context) -> bool:
    """Whether a quotation next to a cue whose complement is quoted is part of the same quote: one
    after it, or the first part of a split quote (``“A,” X said, “B.”``, where the parse makes B
    the complement): ending in a comma, with the speaker named between (not ``, adding, “B”``
    after a quote of another cue). +0.007 mean exact F1 on train, +0.06 on dev."""
    if quote.outer[0] > verb.idx:
        return True
    comma = "," in context.text[quote.inner[1] - 1 : quote.outer[1] + 1]
    return comma and any(c.dep_ == "nsubj" and c.i < verb.i for c in verb.children)


def _quoted_clause(verb: Token, clause: Token, context: _Context) -> Quotation | None:
    """The quotation that holds the whole clausal complement on the cue's paragraph, if one does.

    Only the cue's paragraph counts: the parse may join ``... said that “A.”`` and the next
    paragraph's ``“B,” X said`` into one sentence, and hang the first "said" on the second.
    """
    doc, line = verb.doc, paragraph_of(context.text, verb.idx)
    first, last = clause.left_edge.i, clause.right_edge.i
    while first < last and (doc[first].is_space or doc[first].idx < line[0]):
        first += 1
    inside = first
    while inside < last and (doc[inside].is_punct or doc[inside].is_space):
        inside += 1
    start, end = token_chars(doc, first, last)
    quote = quote_at(context.quotes, doc[inside].idx)
    return quote if quote is not None and quote.outer[0] <= start and end <= quote.outer[1] else None


def _adjacent_quotes(verb: Token, context: _Context) -> list[Quotation]:
    """Quotations ending just before the cue clause and starting just after the cue."""
    doc, text = verb.doc, context.text
    first = verb.i
    for child in verb.lefts:
        if (child.dep_ in CUE_LEFT_DEPS or child.dep_ in ("nsubj", "npadvmod")) and not _quoted(
            child, context
        ):
            first = min(first, child.left_edge.i)
    before_at = doc[first].idx
    last = verb.i
    for child in verb.rights:
        its = child.i == verb.i + 1 and child.lower_ == "it"  # ``as Kask put it, “…”``
        if (child.dep_ in ("nsubj", "dative", "npadvmod", "prep", "advmod", "prt") or its) and not (
            has_quote(child) or _quoted(child, context)
        ):
            last = max(last, child.right_edge.i)
    after_at = doc[last].idx + len(doc[last])
    # Only the last quotation ending before the cue and the first starting after it can qualify:
    # the gap to any other holds one of those two's marks, which no gap allows. So look up those
    # two (a binary search each) rather than test every quotation of the article per cue.
    quotes, found = context.quotes, []
    before = bisect_right(quotes, before_at, key=lambda quote: quote.outer[1]) - 1
    if before >= 0:
        gap_before = text[quotes[before].outer[1] : before_at]
        if _GAP_OK_RE.fullmatch(gap_before) and "\n" not in gap_before:
            found.append(quotes[before])
    after = bisect_left(quotes, after_at, key=lambda quote: quote.outer[0])
    if after < len(quotes) and _GAP_OK_RE.fullmatch(text[after_at : quotes[after].outer[0]]):
        found.append(quotes[after])
    return found


def _quoted(token: Token, context: _Context) -> bool:
    """Whether ``token`` starts inside quotation marks (``“Really,” she added`` or ``she said,
    “as long as ...”``: the parse may hang "Really" or "long" on the cue, but they belong to the
    quote, which then still counts as right before or after the cue)."""
    return quote_at(context.quotes, token.left_edge.idx) is not None


# --- nouns -----------------------------------------------------------------------------


def _from_noun(noun: Token, context: _Context) -> list[Attribution]:
    """A noun cue with its ``that`` clause (:mod:`storyline.read.noun_cues`): the verb holding
    it as object joins the cue and gives the source, unless that verb is a cue itself, whose
    own rule already took the noun (``rejected the notion that``)."""
    chars = noun_cues.content_chars(noun)
    if chars is None:
        return []
    holder = noun_cues.object_verb(noun)
    if holder is not None and is_cue_verb(holder):
        return []
    if holder is not None:
        cue = cue_range(holder, noun.i, chars[0])
        return [_record(context, source_token(holder), cue, Content(chars))]
    cue = noun_cues.noun_cue_range(noun)
    return [_record(context, noun_cues.noun_source(noun), cue, Content(chars))]


def _from_adjective(adjective: Token, context: _Context) -> list[Attribution]:
    """``Kask is critical of the levy`` (:mod:`storyline.read.adjective_cues`): the subject of
    "be" is the source."""
    parts = adjective_cues.attitude_parts(adjective)
    if parts is None:
        return []
    be, last, chars = parts
    cue = cue_range(be, last, chars[0])
    return [_record(context, source_token(be), cue, Content(chars))]


# --- records ----------------------------------------------------------------------------


def _record(context: _Context, source: Token | None, cue: tuple[int, int], content: Content) -> Attribution:
    """Build the record: spans kept within the cue's paragraph, except for quotations."""
    doc, article_id = context.doc, context.article_id
    line = paragraph_of(context.text, doc[cue[0]].idx)
    cue_chars = token_chars(doc, *cue)
    chars = content.chars if content.direct else to_quote_end(context.quotes, *content.chars)
    if not content.direct:
        chars = (max(chars[0], line[0]), min(chars[1], line[1]))
    source_span, source_text, kind = None, "", "unknown"
    trimmed = source_range(source, cue, line) if source is not None else None
    if source is not None and trimmed is not None:
        start, end = token_chars(doc, *trimmed)
        source_span = Span(article_id, start, end)
        phrase = doc[trimmed[0] : trimmed[1] + 1]
        head, source_text = phrase.root, context.text[start:end]
        antecedent = antecedent_of(source)
        if antecedent is not None:
            head, source_text = antecedent[0], context.text[antecedent[1] : antecedent[2]]
        label = "PERSON" if phrase[-1].lower_ in context.persons else head.ent_type_ or None
        kind = cues.source_kind(source_text, label, head.lower_)
    return Attribution(
        source_span=source_span,
        cue_span=Span(article_id, *cue_chars),
        content_span=Span(article_id, *strip_content(context.text, *chars)),
        source_text=source_text,
        cue=context.text[cue_chars[0] : cue_chars[1]],
        source_kind=kind,
        direct=content.direct,
    )
