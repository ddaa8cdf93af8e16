"""Where an attribution's cue and content begin and end, by PolNeAR's span conventions.

Kept apart from :mod:`storyline.read.attributions`, which decides what is a cue, a source and a
content: these helpers only move the edges of spans already found. Each rule's effect was
measured on PolNeAR's ``train`` split (mean exact F1 of source, cue and content).
"""

from __future__ import annotations

from spacy.tokens import Doc, Token

from storyline.read import cues
from storyline.read.statement_phrases import trailing_statement

CUE_LEFT_DEPS = frozenset({"aux", "auxpass", "neg", "advmod"})
"""Children left of a cue verb that belong to the cue (``has not yet said``)."""

_CUE_RIGHT_DEPS = frozenset({"prep", "advmod", "npadvmod"})
_NONRESTRICTIVE = frozenset({"which", "where", "who", "whose", "when"})
_GOVERNORS = frozenset({"VERB", "AUX", "ADJ"})
_GOVERNED_DEPS = frozenset({"aux", "auxpass", "neg", "advmod", "prt"})


def is_cue_verb(token: Token) -> bool:
    """True for a verb of the cue lexicon used as a verb (not "the said report", not "regarding
    efforts to ...": a participle attached as a preposition introduces a topic, not a claim)."""
    lemma = token.lemma_.lower()
    if token.dep_ == "prep" or token.lower_ in ("regarding", "concerning") or token.pos_ != "VERB":
        return False
    if lemma in cues.CUE_VERBS or lemma in cues.CLAUSE_VERBS:
        return True
    return lemma in cues.PHRASAL_CUES and phrasal_completion(token) is not None


def phrasal_completion(verb: Token) -> Token | None:
    """The particle or noun that makes a verb of :data:`cues.PHRASAL_CUES` a cue ("out" of
    "laid out", "aim" of "took aim at"), right after it; else None."""
    words = cues.PHRASAL_CUES.get(verb.lemma_.lower())
    if not words:
        return None
    doc, at = verb.doc, verb.i + 1
    if "it" in words and at < len(doc) and doc[at].lower_ == "it":
        return doc[at] if doc[at].head.i == verb.i else None  # ``as Kask put it``
    if at + 1 < len(doc) and doc[at].lower_ == "it":
        at += 1  # ``made it clear``
    if at >= len(doc):
        return None
    return doc[at] if doc[at].head.i == verb.i and doc[at].lower_ in words else None


def cue_range(verb: Token, extra: int | None, content_start: int) -> tuple[int, int]:
    """Token range of the cue: the verb with its auxiliaries, negation and adverbs, its particle,
    the verb its ``to`` hangs from (``went on to say``: +0.5 cue F1 on train), and the adverbials
    between it and a content that follows (``said in a statement that``) except a date
    (``said on Monday that``: +0.16); after a content, a bare date (``“…,” she said Tuesday``:
    +0.05; PolNeAR keeps it there about twice as often as not)."""
    doc, left, right = verb.doc, verb.i, verb.i
    while left > 0 and doc[left - 1].head.i == verb.i and doc[left - 1].dep_ in CUE_LEFT_DEPS:
        if doc[left - 1].tag_ == "WRB":
            break  # ``when asked``: the clause's "when" is no part of the cue (32 of 33 on train)
        left -= 1
    governor = _governor(verb)
    if governor is not None:
        left = cue_range(governor, None, 0)[0]
    while right + 1 < len(doc) and doc[right + 1].head.i == verb.i and doc[right + 1].dep_ == "prt":
        right += 1
    if extra is not None:
        right = max(right, extra)
    if content_start > doc[right].idx:
        for child in verb.rights:
            if child.i != right + 1 or child.right_edge.idx >= content_start:
                break
            if child.dep_ not in _CUE_RIGHT_DEPS or has_quote(child) or is_date_phrase(child):
                break
            right = child.right_edge.i
    else:
        after = next((c for c in verb.rights if c.i == right + 1), None)
        if after is not None and after.dep_ == "npadvmod" and after.ent_type_ in ("DATE", "TIME"):
            right = after.right_edge.i  # ``“…,” she said Tuesday.``
        right = trailing_statement(verb, right) or right
    return left, right


def _governor(verb: Token) -> Token | None:
    """The verb a cue's ``to`` hangs from when PolNeAR counts it in the cue (``went on to say``,
    ``was quick to point out``): before the cue, itself no cue, nothing of its own between. The
    parse makes the cue a complement or, for ``went on to``, a purpose clause; taking those too
    added 0.03 to mean exact F1 on train."""
    head = verb.head
    if head.i >= verb.i or is_cue_verb(head) or head.pos_ not in _GOVERNORS:
        return None
    infinitive = any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.lefts)
    if verb.dep_ != "xcomp" and not (verb.dep_ == "advcl" and infinitive):
        return None
    chain = {head.i, verb.i}
    if head.pos_ == "ADJ" and head.dep_ == "acomp" and head.head.i < head.i:
        head = head.head  # ``was quick to``: the cue starts at "was"
        chain.add(head.i)
    between = [t for t in verb.doc[head.i + 1 : verb.i] if t.i not in chain]
    if any(t.head.i not in chain or t.dep_ not in _GOVERNED_DEPS for t in between):
        return None  # ``urged Congress to act``: an object of its own between them
    return head


def is_date_phrase(child: Token) -> bool:
    """``on Monday``, ``in 2011``: a prepositional date PolNeAR leaves out of a cue."""
    return child.dep_ == "prep" and any(
        c.dep_ == "pobj" and c.ent_type_ in ("DATE", "TIME") for c in child.children
    )


def tail_cut(head: Token, end: int) -> int:
    """Where a clausal content ends: before a trailing ``, which ...`` that comments on it, a
    trailing cue participle or a trailing ``, according to X`` (+0.02 mean exact F1 on train;
    PolNeAR leaves all three out), or a trailing ``, though ...`` (:func:`_trailing_concession`),
    else at ``end``. Cutting other trailing ``, reflecting ...`` clauses and appositions was tried
    and lowered content F1 on train."""
    doc, last = head.doc, head.right_edge.i
    for token in doc[head.i + 1 : last + 1]:
        dep = token.dep_
        if dep == "relcl" and token.right_edge.i >= last - 1:
            before = doc[token.left_edge.i - 1]
            if before.text in (",", "—", "–") and token.left_edge.lower_ in _NONRESTRICTIVE:
                return min(end, before.idx)
        if dep == "advcl" and _trailing_cue(token, last):
            return min(end, _phrase_start(token))
        if dep == "conj" and _coordinated_cue(token, head, last):
            return min(end, _before_conjunction(token))
        if dep == "prep" and token.lower_ == "according" and _set_off_to(token, last):
            return min(end, doc[token.i - 1].idx)
        if _trailing_concession(token, last):
            return min(end, doc[token.left_edge.i - 1].idx)
    return end


_CONCESSIVE_MARKS = frozenset({"though", "whereas"})
"""Words opening a trailing concessive clause that PolNeAR leaves out of a clausal content."""


def _trailing_concession(token: Token, last: int) -> bool:
    """Whether ``token`` heads a trailing ``, though ...`` or ``, whereas ...`` after a comma that
    runs to ``last``: a remark of the writer's on the reported clause, which PolNeAR leaves out
    (+0.018 mean exact F1 on train, +0.047 on dev; the same cut before ``while`` gained on train
    but lost on dev, before ``despite``, ``although``, ``even`` or ``with`` lost on one or both)."""
    first = token.left_edge
    if token.dep_ not in ("advcl", "prep") or first.lower_ not in _CONCESSIVE_MARKS or first.i == 0:
        return False
    return token.right_edge.i >= last - 1 and token.doc[first.i - 1].text == ","


def _set_off_to(token: Token, last: int) -> bool:
    """Whether ``token`` opens a phrase after a comma or dash that runs to ``last``."""
    return token.right_edge.i >= last - 1 and token.doc[token.i - 1].text in (",", "—", "–")


def _coordinated_cue(token: Token, clause: Token, last: int) -> bool:
    """Whether ``token`` heads a trailing ``... and said that ...``: a cue verb without a subject
    of its own, coordinated with the content's ``clause`` itself (the parse hangs the speaker's
    second verb on the reported clause), that runs to ``last``. PolNeAR marks it as the
    speaker's second attribution (+0.02 mean exact F1 on train, +0.07 on dev, with the source
    taken from the outer cue); cutting every coordinated cue deeper in the content lost 0.1."""
    if token.right_edge.i < last - 1 or not is_cue_verb(token):
        return False
    host = token.head
    while host.dep_ == "conj" and host.i != clause.i:
        host = host.head
    if host.i != clause.i:
        return False
    return not any(c.dep_ in ("nsubj", "nsubjpass", "csubj", "expl") for c in token.children)


def _before_conjunction(token: Token) -> int:
    """Where a coordinated clause begins, with the comma and conjunction before it."""
    doc, first = token.doc, token.left_edge.i
    while first > 0 and (doc[first - 1].dep_ == "cc" or doc[first - 1].is_punct):
        first -= 1
    return doc[first].idx


def _trailing_cue(token: Token, last: int) -> bool:
    """Whether ``token`` heads a trailing ``, adding that ...``: a cue participle without its own
    subject that runs to ``last``, after a comma. PolNeAR marks it as its own attribution of the
    outer source (+0.05 mean exact F1 on train; cutting ``... and called ...`` the same way lowered
    it by 0.2)."""
    if token.dep_ not in ("advcl", "acl") or token.right_edge.i < last - 1 or not is_cue_verb(token):
        return False
    if any(c.dep_ in ("nsubj", "nsubjpass", "mark") for c in token.children):
        return False
    return _set_off(token)


def _phrase_start(token: Token) -> int:
    """Where a set-off trailing phrase begins: at its comma, or at the quotation mark that
    closes before it."""
    doc, before = token.doc, token.left_edge.i - 1
    return doc[before].idx if not doc[before].is_quote else doc[before - 1].idx + 1


def _set_off(token: Token) -> bool:
    """Whether a comma or dash comes right before ``token``'s phrase, also inside a closing
    quotation mark (``has “expanded the party,” claiming``: +0.09 mean exact F1 on train)."""
    doc, before = token.doc, token.left_edge.i - 1
    if before > 0 and doc[before].is_quote:
        before -= 1
    return before >= 0 and doc[before].text in (",", "—", "–")


def aside_cut(doc: Doc, lo: int, hi: int, end: int) -> int:
    """Where an object content ends: before a trailing ``, which ...`` clause or apposition that
    comments on the object (``accused Kask of delays, which he denies``). PolNeAR leaves it out,
    and an attribution inside it (``which he denies``) is then its own (+0.12 mean exact F1 on
    train, unlike the same cut on clausal contents). A trailing cue participle the parse hangs
    on the object (``denounced the farmers who ..., saying ...``) is cut the same way (+0.01 on
    train, +0.07 on dev)."""
    for token in doc[lo : hi + 1]:
        if token.dep_ == "relcl" and token.right_edge.i >= hi - 1 and token.left_edge.i > lo:
            before = doc[token.left_edge.i - 1]
            if before.text in (",", "—", "–") and token.left_edge.lower_ in _NONRESTRICTIVE:
                return min(end, before.idx)
        if token.dep_ in ("acl", "advcl") and token.left_edge.i > lo and _trailing_cue(token, hi):
            return min(end, _phrase_start(token))
        if token.dep_ == "appos" and token.right_edge.i >= hi - 1 and token.left_edge.i > lo:
            before = doc[token.left_edge.i - 1]
            if before.text in (",", "—", "–"):
                return min(end, before.idx)
    return end


def has_quote(token: Token) -> bool:
    """Whether a quotation mark lies in ``token``'s subtree: a quote is a content, never a cue."""
    return any(t.is_quote for t in token.subtree)


_LEADING_CONJUNCTIONS = frozenset({"and", "but", "yet", "so", "or", "nor"})


def lead_cut(doc: Doc, lo: int, hi: int) -> int:
    """Where a content taken from a whole sentence or clause starts: after a leading ``And`` or
    ``But`` that ties the sentence to the one before (``But the levy is doomed, according to
    aides``, ``And the dam, Kask said, will open``); PolNeAR leaves it out of the content (+0.002
    mean exact F1 on train, +0.07 on dev). Cutting it from a clausal complement before its cue
    lost 0.02 on train, and cutting a leading adverbial set off by a comma too lost 0.09."""
    if lo < hi and doc[lo].lower_ in _LEADING_CONJUNCTIONS:
        lo += 1
        while lo < hi and (doc[lo].is_punct or doc[lo].is_space):
            lo += 1
    return lo


def paragraph_of(text: str, at: int) -> tuple[int, int]:
    """Characters of the paragraph (line) holding character ``at``."""
    end = text.find("\n", at)
    return text.rfind("\n", 0, at) + 1, end if end >= 0 else len(text)
