"""Entities of one article with their aliases merged.

No coreference model ships offline, so aliases are resolved with rules that news writing
follows closely: a person is introduced with a title and full name ("Prime Minister Benjamin
Netanyahu", "U.S. Ambassador to Israel Mike Huckabee", "Qatar's Emir, Sheikh Tamim ...") and
then named by surname ("Netanyahu") or by role ("the Prime Minister", "the Israeli prime
minister", "the U.S. president"). A role joins the person whose titles hold that role and
whose nationality agrees, the one mentioned last when several do.

The small NER model mislabels surnames now and then ("Trump" as ORG); a name that matches a
person's name is taken as that person whatever its label.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token
from spacy.tokens import Span as SpacySpan

from storyline.model import Entity, Mention, Span

ENTITY_LABELS = {
    "PERSON": "person",
    "ORG": "org",
    "GPE": "place",
    "LOC": "place",
    "FAC": "place",
    "NORP": "group",
}
TITLE_WORDS = frozenset(
    [
        "president",
        "prime",
        "minister",
        "premier",
        "chancellor",
        "ambassador",
        "emir",
        "king",
        "queen",
        "prince",
        "sheikh",
        "secretary",
        "senator",
        "governor",
        "mayor",
        "spokesman",
        "spokeswoman",
        "spokesperson",
        "general",
        "envoy",
        "chief",
        "director",
        "leader",
        "chairman",
        "chairwoman",
        "commissioner",
        "judge",
        "justice",
        "speaker",
        "foreign",
        "defence",
        "defense",
        "finance",
        "interior",
        "vice",
        "deputy",
        "state",
        "head",
        "ceo",
        "mr",
        "mrs",
        "ms",
        "dr",
        "rep",
        "sen",
        "gov",
    ]
)
"""Words that make up a person's title; "foreign", "state" and the like only inside longer titles."""
ROLE_HEADS = (
    "prime minister",
    "foreign minister",
    "defence minister",
    "defense minister",
    "finance minister",
    "president",
    "premier",
    "chancellor",
    "ambassador",
    "emir",
    "king",
    "queen",
    "secretary of state",
    "minister",
    "governor",
    "mayor",
    "envoy",
    "spokesman",
    "spokeswoman",
    "spokesperson",
)
"""Roles that a definite description ("the Israeli prime minister") can use to name a person."""
_LINKERS = frozenset({"to", "of", "for", "the", "'s", "’s"})
_POSSESSIVE = re.compile(r"(?:'s|’s|'|’)$")
_ROLE_PATTERN = re.compile(
    # "T" first and the word edge checked behind it, not ``\b[Tt]he``: the engine then looks for
    # that letter in C instead of trying the whole pattern at every position (0.10 -> 0.06 ms per
    # article, the same matches); the letter is outside the ignored case, as before
    r"(?-i:[Tt])(?<!\w.)he\s+(?:(?P<nation>U\.S\.|US|[A-Z][a-z]+(?:an|ian|i|ese|ish))\s+)?(?P<role>"
    + "|".join(r.replace(" ", r"\s+") for r in ROLE_HEADS)
    + r")\b",
    re.IGNORECASE,
)
_NATION_ALIASES = {
    "u.s.": "united states",
    "us": "united states",
    "american": "united states",
    "america": "united states",
    "british": "united kingdom",
    "uk": "united kingdom",
}


def nation_key(word: str) -> str:
    """A comparable key for a country or its adjective: "Israeli" and "Israel" give "israel"."""
    lowered = word.lower().strip()
    if lowered in _NATION_ALIASES:
        return _NATION_ALIASES[lowered]
    for suffix, replacement in (("ian", "ia"), ("an", "a"), ("ese", ""), ("ish", ""), ("i", "")):
        if lowered.endswith(suffix) and len(lowered) > len(suffix) + 2:
            return lowered[: -len(suffix)] + replacement
    return lowered


@dataclass
class _Cluster:
    """An entity under construction."""

    kind: str
    name: str
    mentions: list[Mention] = field(default_factory=list)
    titles: list[str] = field(default_factory=list)

    @property
    def nations(self) -> set[str]:
        return {nation_key(word) for title in self.titles for word in title.replace("’s", " ").split()}


def _clean(span: SpacySpan, full: str) -> tuple[int, int, str]:
    """Character bounds and text of an entity span without a leading "the" or a possessive.

    ``full`` is the doc's text: the span's is sliced from it, where ``Span.text`` would join
    its tokens' texts again (the same string: a span ends without its last token's space).
    """
    start, end = span.start_char, span.end_char
    text = full[start:end]
    if text.lower().startswith("the "):
        start, text = start + 4, text[4:]
    stripped = _POSSESSIVE.sub("", text)
    end -= len(text) - len(stripped)
    return start, end, stripped


def _is_title_token(token: Token, places: set[str]) -> bool:
    word = token.text.lower().rstrip(".")
    return word in TITLE_WORDS or word in _LINKERS or token.text in places or nation_key(token.text) in places


def _places(ents: Sequence[SpacySpan]) -> set[str]:
    """Place and nationality names of the document, with their nation keys."""
    names = {e.text for e in ents if e.label_ in ("GPE", "NORP")}
    return names | {nation_key(name) for name in names}


def _title_before(doc: Doc, span: SpacySpan, places: set[str]) -> str | None:
    """The title written just before a person's name, e.g. "U.S. Ambassador to Israel"."""
    index = span.start - 1
    if index >= 0 and doc[index].text == ",":
        index -= 1  # "Qatar's Emir, Sheikh Tamim ..."
    end = index + 1
    while index >= 0 and _is_title_token(doc[index], places):
        index -= 1
    words = doc[index + 1 : end]
    while len(words) and words[0].text.lower() in _LINKERS:
        words = words[1:]
    if not any(t.text.lower().rstrip(".") in TITLE_WORDS for t in words):
        return None
    return words.text


def _person_key(name: str) -> str:
    return name.split()[-1].lower() if name.split() else name.lower()


def _repair(doc: Doc, span: SpacySpan, places: set[str]) -> SpacySpan:
    """Fix the labels the small model gets wrong on names it has never seen.

    A place glued to a person's name ("Israel Mike Huckabee") is cut off; a capitalised name
    right after a title ("spokeswoman Lenka Mirov") is a person whatever its label; a one-word
    "person" that is the country of a nationality in the text ("Veloria", "Velorian") is a place.
    """
    # the label and start are read once, and the title before the name only for the labels
    # that need it: every entity of the article passes here
    size, label, start = len(span), span.label_, span.start
    if size >= 3 and label in ("ORG", "PERSON"):
        prefix = doc[start]
        after_title = (
            start >= 2
            and doc[start - 1].lower_ in _LINKERS
            and (doc[start - 2].lower_.rstrip(".") in TITLE_WORDS)
        )
        if prefix.text in places or nation_key(prefix.text) in places or after_title:
            return SpacySpan(doc, start + 1, span.end, label="PERSON")
    if label == "PERSON" and size == 1:
        text = span.text
        key = nation_key(text)
        if key in places and key != text:
            return SpacySpan(doc, start, span.end, label="GPE")
    if label in ("ORG", "GPE", "NORP", "FAC"):
        titled = start >= 1 and doc[start - 1].lower_.rstrip(".") in TITLE_WORDS
        if titled and all(t.text[:1].isupper() for t in span):
            return SpacySpan(doc, start, span.end, label="PERSON")
    return span


class _Builder:
    """Collects mentions into clusters in reading order."""

    def __init__(self, doc: Doc, article_id: str, ents: Sequence[SpacySpan], text: str) -> None:
        self.doc = doc
        self.article_id = article_id
        self.text = text
        """``doc.text``, kept: spaCy rebuilds that string on every access."""
        self.clusters: list[_Cluster] = []
        self.people: dict[str, _Cluster] = {}
        self.others: dict[str, _Cluster] = {}
        self.places = _places(ents)
        self.repaired = [_repair(doc, ent, self.places) for ent in ents]
        """The entity spans with their labels fixed, once for both passes over them."""

    def mention(self, start: int, end: int, text: str, kind: str) -> Mention:
        return Mention(Span(self.article_id, start, end), text, kind)

    def add_people(self) -> None:
        for span in self.repaired:
            if span.label_ != "PERSON":
                continue
            start, end, text = _clean(span, self.text)
            if not text:
                continue
            cluster = self.people.get(_person_key(text))
            if cluster is None:
                cluster = _Cluster("person", text)
                self.people[_person_key(text)] = cluster
                self.clusters.append(cluster)
            if len(text) > len(cluster.name):
                cluster.name = text
            cluster.mentions.append(self.mention(start, end, text, "name"))
            title = _title_before(self.doc, span, self.places)
            if title and title not in cluster.titles:
                cluster.titles.append(title)

    def add_others(self) -> None:
        for span in self.repaired:
            if span.label_ == "PERSON" or span.label_ not in ENTITY_LABELS:
                continue
            start, end, text = _clean(span, self.text)
            person = self.people.get(_person_key(text))
            if person is not None and text.lower() in person.name.lower():
                person.mentions.append(self.mention(start, end, text, "name"))
                continue
            kind = ENTITY_LABELS[span.label_]
            key = nation_key(text) if kind == "place" else text.lower()
            cluster = self.others.get(key)
            if cluster is None:
                cluster = self.others[key] = _Cluster(kind, text)
                self.clusters.append(cluster)
            cluster.mentions.append(self.mention(start, end, text, "name"))

    def add_roles(self) -> None:
        for match in _ROLE_PATTERN.finditer(self.text):
            person = self._role_holder(match)
            if person is not None:
                start = match.start()
                person.mentions.append(self.mention(start, match.end(), match.group(0), "title"))

    def _role_holder(self, match: re.Match[str]) -> _Cluster | None:
        role = " ".join(match.group("role").lower().split())
        nation = match.group("nation")
        candidates = [
            c
            for c in self.people.values()
            if any(re.search(rf"\b{re.escape(role)}\b", t, re.IGNORECASE) for t in c.titles)
        ]
        if nation:
            wanted = nation_key(nation)
            candidates = [c for c in candidates if not c.nations or wanted in c.nations]
        if not candidates:
            return None
        before = [c for c in candidates if any(m.span.start < match.start() for m in c.mentions)]
        pool = before or candidates
        return max(
            pool,
            key=lambda c: max((m.span.start for m in c.mentions if m.span.start < match.start()), default=-1),
        )

    def entities(self) -> list[Entity]:
        built = []
        ordered = sorted(self.clusters, key=lambda c: min(m.span.start for m in c.mentions))
        for number, cluster in enumerate(ordered, start=1):
            mentions = tuple(sorted(set(cluster.mentions), key=lambda m: (m.span.start, m.span.end)))
            built.append(Entity(f"e{number}", cluster.name, cluster.kind, mentions, tuple(cluster.titles)))
        return built


def find_entities(
    doc: Doc, article_id: str, ents: Sequence[SpacySpan] | None = None, text: str | None = None
) -> list[Entity]:
    """People, organisations, places and groups of ``doc``, each with its aliases.

    ``ents`` and ``text`` are ``doc.ents`` and ``doc.text`` when the caller already has them:
    spaCy rebuilds both on every access.
    """
    ents = tuple(doc.ents) if ents is None else ents
    builder = _Builder(doc, article_id, ents, doc.text if text is None else text)
    builder.add_people()
    builder.add_others()
    builder.add_roles()
    return builder.entities()
