"""Who said what: attributions found by rules over spaCy's dependency parse.

An attribution is a source ("The Israeli daily Haaretz"), a cue ("wrote") and a content ("that
Netanyahu emerged ... “empty-handed,”"). A cue is a verb of :data:`cues.CUE_VERBS` or the phrase
``according to``. For a cue verb the content is, by the first rule that applies:

1. its clausal complement (``ccomp``), widened to the whole quotation when it sits inside
   quotation marks (``“A. B,” he said`` gives both sentences);
2. a quotation right before (``“…,” X said``) and/or right after (``X said: “…”``); a split
   quote gives one attribution per part, and quotations that follow the cue's sentence with
   nothing between carry it on (``“A,” he said. “B.”``, also across paragraphs);
3. for ``Y, X said, Z`` and ``Y, as X reported``, the clause the cue hangs from;
4. for a passive (``the meetings were described as productive``), the subject through its
   complement, the cue inside it;
5. its object, ``to``-clause or prepositional object (``accused X of Y``, ``referring to Y``).

The source is the verb's subject, the agent of a passive, the subject of the verb a participle
hangs from (``..., arguing that``), or nothing (``were described as``: source ``None``, kind
"unknown"). ``according to X`` makes X the source and the rest of the sentence the content.

Span conventions follow PolNeAR (measured on its ``train`` split): a source is the noun phrase
with determiner, titles and appositions (relative clauses dropped); a cue keeps auxiliaries,
negation, adverbs before the verb, a particle and the adverbials between verb and content
(``has said``, ``did not say``, ``reportedly affirmed``, ``said in a statement that``) but not
the addressee (``told`` in ``told reporters that``); a content keeps ``that``. Spans stay in the
cue's paragraph, except quotations. Direct quotations are the words inside the marks, with
``direct=True``. Nested attributions are all returned (``Haaretz wrote that Trump signaled that``
gives two); PolNeAR marks only the outer one, and its scorer projects ours the same way.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from spacy.attrs import LOWER, POS  # type: ignore[import-not-found]  # a .pyx without stub
from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.model import Attribution, Span
from storyline.read import cues
from storyline.read.cues import Quotation, quotations, quote_at
from storyline.read.source_phrase import antecedent_of, source_range, token_chars, trim_tokens

_GAP_OK_RE = re.compile(r"[\s,:—–-]*")
_CONTINUATION_GAP_RE = re.compile(r"[\s.]*")
_CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
_CUE_RIGHT_DEPS = frozenset({"prep", "advmod", "npadvmod"})
_OBJECT_DEPS = ("dobj", "xcomp", "dative", "attr", "oprd", "acomp")
_NONRESTRICTIVE = frozenset({"which", "where", "who", "whose", "when"})
_OBJECT_PREPOSITIONS = frozenset({"of", "for", "as", "to", "about", "over", "against", "with", "from"})
_PASSIVE_COMPLEMENT_DEPS = frozenset({"prep", "oprd", "xcomp", "acomp", "attr"})
_INHERIT_DEPS = frozenset({"conj", "advcl", "xcomp", "pcomp"})


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


@dataclass(frozen=True)
class _Content:
    """One content: its characters, whether quoted, and a preposition that joins the cue."""

    chars: tuple[int, int]
    direct: bool = False
    cue_extra: int | None = None
    clausal: bool = True


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
    according, verb = doc.vocab.strings["according"], doc.vocab.strings["VERB"]
    found: list[Attribution] = []
    # This loop sees every token of the article: compare the integer columns of Doc.to_array
    # and build a Token only for candidates (building one per token cost more than the rules).
    tags, lowers = doc.to_array(POS).tolist(), doc.to_array(LOWER).tolist()
    for index, (tag, lower) in enumerate(zip(tags, lowers, strict=True)):
        if tag == verb and is_cue_verb(token := doc[index]):
            found.extend(_from_verb(token, context))
        elif lower == according and index + 1 < len(doc) and doc[index + 1].lower_ == "to":
            found.extend(_according_to(doc[index], context))
    found.extend(_continuations(context, found))
    return sorted(found, key=lambda a: (a.cue_span.start, a.content_span.start))


def is_cue_verb(token: Token) -> bool:
    """True for a verb of the cue lexicon used as a verb (not "the said report", not "regarding
    efforts to ...": a participle attached as a preposition introduces a topic, not a claim)."""
    lemma = token.lemma_.lower()
    if token.dep_ == "prep" or token.lower_ in ("regarding", "concerning"):
        return False
    return token.pos_ == "VERB" and (lemma in cues.CUE_VERBS or lemma in cues.CLAUSE_VERBS)


def _continuations(context: _Context, found: list[Attribution]) -> list[Attribution]:
    """Quotes that carry on a direct quotation after its cue's sentence ends (“A,” he said. “B.”)."""
    doc, text, quotes = context.doc, context.text, context.quotes
    used = {(a.content_span.start, a.content_span.end) for a in found}
    claimed = {q.outer for q in quotes if any(_inside(q.outer, a.cue_span) for a in found)}
    extra: list[Attribution] = []
    for attribution in found:
        if not attribution.direct:
            continue
        end = max(attribution.cue_span.end, attribution.content_span.end)
        sentence_end = doc.char_span(end - 1, end, alignment_mode="expand")
        at = sentence_end.sent.end_char if sentence_end is not None else end
        for quote in quotes:
            if quote.outer[0] < at or quote.outer in claimed or _strip(text, *quote.inner) in used:
                continue
            if not _CONTINUATION_GAP_RE.fullmatch(text[at : quote.outer[0]]):
                break
            extra.append(
                replace(
                    attribution,
                    content_span=Span(attribution.cue_span.article_id, *_strip(text, *quote.inner)),
                )
            )
            used.add(_strip(text, *quote.inner))
            at = quote.outer[1]
    return extra


def _inside(outer: tuple[int, int], span: Span) -> bool:
    return outer[0] <= span.start and span.end <= outer[1]


# --- verbs ---------------------------------------------------------------------------------


def _from_verb(verb: Token, context: _Context) -> list[Attribution]:
    """The attributions a cue verb heads: one per content (a split quote has two)."""
    source = _source_token(verb)
    contents = _contents(verb, context)
    if not contents or (verb.lemma_.lower() in cues.CLAUSE_VERBS and not contents[0].clausal):
        return []
    cue = _cue_range(verb, contents[0].cue_extra, contents[0].chars[0])
    return [_record(context, source, cue, c) for c in contents]


def _source_token(verb: Token) -> Token | None:
    """The subject, passive agent, or subject inherited from the verb a participle depends on."""
    for child in verb.children:
        if child.dep_ == "nsubj" or (child.dep_ == "csubj" and child.i < verb.i):
            return child
        if child.dep_ == "agent":
            return next((c for c in child.children if c.dep_ == "pobj"), None)
    if verb.dep_ == "acl" and verb.head.pos_ in ("NOUN", "PROPN"):
        return verb.head
    inherits = verb.dep_ in _INHERIT_DEPS and verb.head.pos_ in ("VERB", "AUX") and verb.head.i != verb.i
    if inherits and not any(c.dep_ in ("nsubjpass", "mark") for c in verb.children):
        return _source_token(verb.head)
    return None


def _contents(verb: Token, context: _Context) -> list[_Content]:
    """The content of a cue verb, by the rules of the module docstring, tried in order."""
    doc, quotes = verb.doc, context.quotes
    clause = next((c for c in verb.children if c.dep_ == "ccomp"), None)
    if clause is not None:
        start, end = token_chars(doc, clause.left_edge.i, clause.right_edge.i)
        quote = quote_at(quotes, clause.idx)
        if quote is not None and quote.inner[0] <= start + 1 and end <= quote.inner[1] + 1:
            after = [q for q in _adjacent_quotes(verb, context) if q.outer[0] > verb.idx and q != quote]
            return [_Content(q.inner, direct=True) for q in [quote, *after]]
        return [_Content((start, _tail_cut(clause, end)))]
    adjacent = _adjacent_quotes(verb, context)
    if adjacent:
        return [_Content(q.inner, direct=True) for q in adjacent]
    as_clause = verb.dep_ == "advcl" and any(c.dep_ == "mark" and c.lower_ == "as" for c in verb.children)
    if (verb.dep_ == "parataxis" or as_clause) and verb.head.i != verb.i:
        return [_Content(_host_clause(verb))]
    passive = _passive_content(verb)
    if passive is not None:
        return [passive]
    objects = [c for c in verb.rights if c.dep_ in _OBJECT_DEPS]
    if objects:
        preps = [c.right_edge.i for c in verb.rights if c.dep_ == "prep" and c.lower_ in _OBJECT_PREPOSITIONS]
        last = max([objects[-1].right_edge.i, *preps])
        return [_Content(token_chars(doc, objects[0].left_edge.i, last), clausal=False)]
    prep = next((c for c in verb.rights if c.dep_ == "prep" and c.i == verb.i + 1), None)
    pobj = next((c for c in prep.children if c.dep_ in ("pobj", "pcomp")), None) if prep else None
    if prep is not None and pobj is not None:
        return [
            _Content(token_chars(doc, pobj.left_edge.i, pobj.right_edge.i), cue_extra=prep.i, clausal=False)
        ]
    return []


def _tail_cut(head: Token, end: int) -> int:
    """Where a clausal content ends: before a trailing ``, which ...`` that comments on it (PolNeAR
    leaves those out), else at ``end``. Cutting trailing ``, reflecting ...`` clauses and
    appositions the same way was tried and lowered content F1 on train."""
    doc = head.doc
    for token in head.subtree:
        if token.i > head.i and token.dep_ == "relcl" and token.right_edge.i >= head.right_edge.i - 1:
            before = doc[token.left_edge.i - 1]
            if before.text in (",", "—", "–") and token.left_edge.lower_ in _NONRESTRICTIVE:
                return min(end, before.idx)
    return end


def _host_clause(verb: Token) -> tuple[int, int]:
    """For ``Y, as X reported`` and ``Y, X said, Z``: the clause the cue hangs from, without the
    cue's own clause when that sits at its start or end."""
    head = verb.head
    while head.dep_ in ("xcomp", "conj") and head.head.i != head.i:
        head = head.head
    lo, hi = head.left_edge.i, head.right_edge.i
    if verb.left_edge.i <= lo + 1:
        lo = verb.right_edge.i + 1
    elif verb.right_edge.i >= hi - 1:
        hi = verb.left_edge.i - 1
    return token_chars(verb.doc, *(trim_tokens(verb.doc, lo, hi) or (head.i, head.i)))


def _passive_content(verb: Token) -> _Content | None:
    """For ``the meetings were described as productive``: the subject through its complement.

    The range holds the cue; PolNeAR scoring cuts it out, readers see the whole clause.
    """
    subject = next((c for c in verb.lefts if c.dep_ == "nsubjpass"), None)
    if subject is None:
        return None
    complement = [c for c in verb.rights if c.dep_ in _PASSIVE_COMPLEMENT_DEPS and c.lower_ != "by"]
    last = complement[-1].right_edge.i if complement else subject.right_edge.i
    extra = complement[0].i if complement and complement[0].lower_ == "as" else None
    return _Content(token_chars(verb.doc, subject.left_edge.i, last), cue_extra=extra, clausal=False)


def _adjacent_quotes(verb: Token, context: _Context) -> list[Quotation]:
    """Quotations ending just before the cue clause and starting just after the cue."""
    doc, text = verb.doc, context.text
    first = verb.i
    for child in verb.lefts:
        if child.dep_ in _CUE_LEFT_DEPS or child.dep_ in ("nsubj", "npadvmod"):
            first = min(first, child.left_edge.i)
    before_at = doc[first].idx
    last = verb.i
    for child in verb.rights:
        if child.dep_ in ("nsubj", "dative", "npadvmod", "prep", "advmod", "prt") and not _has_quote(child):
            last = max(last, child.right_edge.i)
    after_at = doc[last].idx + len(doc[last])
    found = []
    for quote in context.quotes:
        gap_before = text[quote.outer[1] : before_at]
        if quote.outer[1] <= before_at and _GAP_OK_RE.fullmatch(gap_before) and "\n" not in gap_before:
            found.append(quote)
        gap_after = text[after_at : quote.outer[0]]
        if quote.outer[0] >= after_at and _GAP_OK_RE.fullmatch(gap_after):
            found.append(quote)
    return found


def _has_quote(token: Token) -> bool:
    return any(t.is_quote for t in token.subtree)


def _cue_range(verb: Token, extra: int | None, content_start: int) -> tuple[int, int]:
    """Token range of the cue: the verb with its auxiliaries, negation and adverbs, its particle,
    and the adverbials between it and a content that follows (``said in a statement that``)."""
    doc, left, right = verb.doc, verb.i, verb.i
    while left > 0 and doc[left - 1].head.i == verb.i and doc[left - 1].dep_ in _CUE_LEFT_DEPS:
        left -= 1
    while right + 1 < len(doc) and doc[right + 1].head.i == verb.i and doc[right + 1].dep_ == "prt":
        right += 1
    if extra is not None:
        right = max(right, extra)
    if content_start > doc[right].idx:
        for child in verb.rights:
            if child.i != right + 1 or child.right_edge.idx >= content_start:
                break
            if child.dep_ not in _CUE_RIGHT_DEPS or _has_quote(child):
                break
            right = child.right_edge.i
    return left, right


# --- according to ------------------------------------------------------------------------


def _according_to(according: Token, context: _Context) -> list[Attribution]:
    """``according to X, Y`` and ``Y, according to X``: X the source, the rest of the sentence the
    content (the clause the phrase hangs from scored 0.2 points lower on train)."""
    doc = according.doc
    to = doc[according.i + 1]
    pobj = next((c for c in to.children if c.dep_ == "pobj"), None)
    if pobj is None:
        return []
    phrase_end = max(pobj.right_edge.i, to.i)
    sentence = according.sent
    lo, hi = trim_tokens(doc, sentence.start, sentence.end - 1) or (according.i, according.i)
    if according.i <= lo:
        content = trim_tokens(doc, phrase_end + 1, hi)
    elif phrase_end >= hi:
        content = trim_tokens(doc, lo, according.i - 1)
    else:
        content = trim_tokens(doc, lo, hi)
    if content is None:
        return []
    return [_record(context, pobj, (according.i, to.i), _Content(token_chars(doc, *content)))]


# --- records ----------------------------------------------------------------------------


def _record(context: _Context, source: Token | None, cue: tuple[int, int], content: _Content) -> Attribution:
    """Build the record: spans kept within the cue's paragraph, except for quotations."""
    doc, article_id = context.doc, context.article_id
    line = _line(context.text, doc[cue[0]].idx)
    cue_chars = token_chars(doc, *cue)
    chars = (
        content.chars if content.direct else (max(content.chars[0], line[0]), min(content.chars[1], line[1]))
    )
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
        content_span=Span(article_id, *_strip(context.text, *chars)),
        source_text=source_text,
        cue=context.text[cue_chars[0] : cue_chars[1]],
        source_kind=kind,
        direct=content.direct,
    )


def _line(text: str, at: int) -> tuple[int, int]:
    """Characters of the paragraph (line) holding character ``at``."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)


def _strip(text: str, start: int, end: int) -> tuple[int, int]:
    """A content range without surrounding spaces and the commas or full stop that end a quote."""
    while start < end and (text[start].isspace() or text[start] in ",:"):
        start += 1
    while end > start and (text[end - 1].isspace() or text[end - 1] in ",:;"):
        end -= 1
    return start, end
