"""Faster stand-ins for parts of en_core_web_sm, with the same output (the rule compiler is
in :mod:`storyline.read.fastrules`).

Parsing 300 BASIL articles (~640 words each) took 13.7 s CPU on this 2-core machine (tokenizer
0.4, tok2vec 4.8, tagger 0.1, parser 1.5, attribute_ruler 2.2, lemmatizer 0.5-1.1, ner 4.4).
Two things here cut that to ~8.5 s, with every token's ``pos_``, ``tag_``, ``dep_``, head,
``lemma_``, ``morph``, every entity and every sentence identical on those 300 articles:

:class:`TokenAttributes` replaces ``attribute_ruler`` + ``lemmatizer`` (2.8-3.7 s -> 0.25-0.5 s).
The ruler's 179 Matcher rules turn the tagger's ``tag_`` and the parser's ``dep_`` into ``pos_``,
``morph`` and some lemmas; the Matcher walks every rule over every token and the lemmatizer sets
``lemma_`` token by token in Python. Both are pure functions of a few token attributes, so:

* every rule reads only ``TAG``, ``DEP``, ``LOWER`` and ``IS_SPACE``, so the rules' verdict is
  computed once per distinct key and reused (keys that no rule can tell apart share one
  evaluation); the few multi-token rules ("gon na", "there is") are checked where the first
  token fits; later rules win, as in ``AttributeRuler``;
* a lemma is a function of (orth, pos, morph), the key spaCy's rule lemmatizer caches on, so
  the original lemmatizer is asked once per key; its word lists become sets (it only asks
  ``form in index``, and scanned a 57,528-noun list per new key);
* the results go into the Doc with one ``Doc.from_array``, not per-token setters.

The rules are compiled from the loaded model's own ``attribute_ruler`` (nothing copied by hand)
with the Matcher's semantics for what they use (exact value, ``IN``, ``NOT_IN``, ``REGEX``); a
model whose rules use anything else keeps its original components (:func:`install` says False).

:class:`storyline.read.fastops.InferenceOps` runs the networks: numpy's BLAS for products and a
maxout without the argmax that only training needs (tok2vec 4.8 -> 3.3 s, ner 4.4 -> 3.0 s).
"""

from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from typing import cast

import numpy
from spacy.language import Language
from spacy.pipeline import AttributeRuler, Lemmatizer
from spacy.tokens import Doc
from spacy.vocab import Vocab
from thinc.types import Ints2d

from storyline.read.fastrules import (
    Rule,
    RuleSet,
    Setting,
    TokenKey,
    TokenTest,
    UnsupportedRuleError,
    apply_settings,
    compile_rules,
)

__all__ = ["COMPONENT", "FACTORY", "TokenAttributes", "install"]

FACTORY = "storyline_token_attributes"
COMPONENT = "token_attributes"
"""The name the component takes in the pipeline, in place of attribute_ruler and lemmatizer."""

CACHE_LIMIT = 500_000
"""Entries kept per cache before it is cleared: bounds memory on endless streams of new words."""

_READ: list[int | str] = ["TAG", "DEP", "LOWER", "IS_SPACE", "ORTH", "POS", "MORPH", "LEMMA"]
"""Columns read from the Doc, in this order."""
_WRITTEN: list[int | str] = ["POS", "MORPH", "TAG", "DEP", "LEMMA"]
"""Columns written back, in the order of a :data:`Setting`."""


@dataclass(frozen=True)
class _Place:
    """One token place of one pattern of one rule, with its test."""

    rule: Rule
    number: int
    position: int
    test: TokenTest


@dataclass(frozen=True)
class _Entry:
    """What the rules say about one distinct token key."""

    singles: tuple[Rule, ...]
    setting: Setting
    slots: frozenset[tuple[int, int, int]]
    """(rule order, pattern, position) of every multi-token pattern place this token can fill."""


class TokenAttributes:
    """``attribute_ruler`` then ``lemmatizer``, answered from caches (see the module doc)."""

    def __init__(self, vocab: Vocab, ruleset: RuleSet, lemmatizer: Lemmatizer | None) -> None:
        self.vocab = vocab
        self.named = ruleset.named
        rules = ruleset.rules
        self.multis = {rule.order: rule for rule in rules if not rule.single}
        self.lemmatizer = lemmatizer
        self.overwrite_lemmas = bool(lemmatizer is not None and lemmatizer.overwrite)
        self._anchored: dict[tuple[int, object], list[_Place]] = {}
        self._unanchored: list[_Place] = []
        for rule in rules:
            for number, (pattern, anchors) in enumerate(zip(rule.patterns, rule.anchors, strict=True)):
                for position, (test, anchor) in enumerate(zip(pattern, anchors, strict=True)):
                    place = _Place(rule, number, position, test)
                    if anchor is None:
                        self._unanchored.append(place)
                    for value in anchor or ():
                        self._anchored.setdefault(value, []).append(place)
        self._entries: dict[tuple[int, int, int, int], _Entry] = {}
        """By the hashes of (tag, dep, lower) and is_space: one look-up per token."""
        self._evaluated: dict[TokenKey, _Entry] = {}
        """By canonical key: the rules run once per combination of values they tell apart."""
        self._lemmas: dict[tuple[int, int, int], int] = {}

    def _entry(self, tag: int, dep: int, lower: int, space: int) -> _Entry:
        """The rules' verdict on a token key not seen before, remembered."""
        strings = self.vocab.strings
        named = self.named
        key: TokenKey = (
            named[0].canonical(strings[tag]),
            named[1].canonical(strings[dep]),
            named[2].canonical(strings[lower]),
            bool(space),
        )
        entry = self._evaluated.get(key)
        if entry is None:
            entry = self._evaluate(key)
            self._evaluated[key] = entry
        if len(self._entries) >= CACHE_LIMIT:
            self._entries.clear()
        self._entries[(tag, dep, lower, space)] = entry
        return entry

    def _evaluate(self, key: TokenKey) -> _Entry:
        """Run the rules that may match a token with this key (found through their anchors)."""
        places = {
            id(place): place
            for place in (
                *self._anchored.get((0, key[0]), ()),
                *self._anchored.get((1, key[1]), ()),
                *self._anchored.get((2, key[2]), ()),
                *self._anchored.get((3, key[3]), ()),
                *self._unanchored,
            )
        }
        passed = [place for place in places.values() if place.test(key)]
        singles = tuple(sorted({p.rule for p in passed if p.rule.single}, key=lambda rule: rule.order))
        slots = frozenset((p.rule.order, p.number, p.position) for p in passed if not p.rule.single)
        return _Entry(singles, apply_settings(rule.setting for rule in singles), slots)

    def _multi_matches(self, entries: Sequence[_Entry]) -> dict[int, list[tuple[int, Setting]]]:
        """Token index -> (rule order, setting) of every multi-token rule match aimed at it.

        Like the Matcher, every candidate start is tried, so matches may overlap.
        """
        aimed: dict[int, list[tuple[int, Setting]]] = {}
        n = len(entries)
        for start, entry in enumerate(entries):
            for order, number, position in entry.slots:
                rule = self.multis[order]
                pattern = rule.patterns[number]
                length = len(pattern)
                if position != 0 or start + length > n:
                    continue
                if all((order, number, j) in entries[start + j].slots for j in range(1, length)):
                    target = start + (rule.index if rule.index >= 0 else length + rule.index)
                    aimed.setdefault(target, []).append((rule.order, rule.setting))
        return aimed

    def __call__(self, doc: Doc) -> Doc:
        """Set pos, morph (and the rules' tag, dep, lemma), then lemmas, as the two components do."""
        if len(doc) == 0:
            return doc
        rows = doc.to_array(_READ).tolist()
        get_entry = self._entries.get
        entries = []
        out = []
        missing: list[int] = []
        for i, row in enumerate(rows):
            entry = get_entry((row[0], row[1], row[2], row[3]))
            if entry is None:
                entry = self._entry(row[0], row[1], row[2], row[3])
            entries.append(entry)
            values = self._resolve(row, entry.setting)
            if values[4] < 0:
                missing.append(i)
            out.append(values)
        if any(entry.slots for entry in entries):
            matches = self._multi_matches(entries)
            for i, aimed in matches.items():
                ordered = sorted([(rule.order, rule.setting) for rule in entries[i].singles] + aimed)
                out[i] = self._resolve(rows[i], apply_settings(setting for _, setting in ordered))
            missing = sorted(i for i in {*missing, *matches} if out[i][4] < 0)
        for i in missing:
            out[i] = (*out[i][:4], 0)  # set below, once the token has its pos and morph
        doc.from_array(_WRITTEN, cast(Ints2d, numpy.array(out, dtype=numpy.uint64)))
        if missing:
            self._lemmatize(doc, [(i, out[i][0], out[i][1]) for i in missing])
        return doc

    def _resolve(self, row: Sequence[int], setting: Setting) -> tuple[int, int, int, int, int]:
        """(pos, morph, tag, dep, lemma) of a token after the rules; lemma -1 when not known yet."""
        tag, dep, _, _, orth, pos, morph, lemma = row
        new_pos, new_morph, new_tag, new_dep, new_lemma = setting
        if new_pos != -1:
            pos = new_pos
        if new_morph != -1:
            morph = new_morph
        if new_tag != -1:
            tag = new_tag
        if new_dep != -1:
            dep = new_dep
        if new_lemma != -1:
            lemma = new_lemma
        if self.lemmatizer is not None and (self.overwrite_lemmas or lemma == 0):
            lemma = self._lemmas.get((orth, pos, morph), -1)
        return pos, morph, tag, dep, lemma

    def _lemmatize(self, doc: Doc, missing: Sequence[tuple[int, int, int]]) -> None:
        """Ask the original lemmatizer about the (index, pos, morph) of tokens with new keys."""
        assert self.lemmatizer is not None
        if len(self._lemmas) >= CACHE_LIMIT:
            self._lemmas.clear()
        for i, pos, morph in missing:
            token = doc[i]
            key = (token.orth, pos, morph)
            lemma = self._lemmas.get(key)
            if lemma is None:
                token.lemma_ = self.lemmatizer.lemmatize(token)[0]
                self._lemmas[key] = token.lemma
            else:
                token.lemma = lemma

    def pipe(self, docs: Iterable[Doc], batch_size: int = 128) -> Iterator[Doc]:
        """Process a stream of Docs, one at a time (nothing here gains from batching)."""
        for doc in docs:
            yield self(doc)


@Language.factory(FACTORY)  # its signature is read at run time: no `from __future__ import annotations`
def make_token_attributes(nlp: Language, name: str) -> TokenAttributes:
    """Build the component from the pipeline's own ``attribute_ruler`` and ``lemmatizer``."""
    ruler = nlp.get_pipe("attribute_ruler")
    lemmatizer = nlp.get_pipe("lemmatizer") if "lemmatizer" in nlp.pipe_names else None
    if not isinstance(ruler, AttributeRuler) or not isinstance(lemmatizer, Lemmatizer | None):
        raise UnsupportedRuleError("attribute_ruler or lemmatizer is not spaCy's own")
    ruleset = compile_rules(ruler)
    if lemmatizer is not None:
        _index_as_sets(lemmatizer)
    return TokenAttributes(nlp.vocab, ruleset, lemmatizer)


def _index_as_sets(lemmatizer: Lemmatizer) -> None:
    """Turn the rule lemmatizer's word lists into sets: it only asks ``form in index``.

    The lists hold up to 57,528 nouns and were scanned once per new (word, pos, morph): 0.5 s
    of lemmatizing the first 300 BASIL articles. Membership, hence every lemma, is unchanged.
    """
    if "lemma_index" not in lemmatizer.lookups.tables:
        return
    table = lemmatizer.lookups.get_table("lemma_index")
    for key, words in list(table.items()):
        if isinstance(words, list):
            table[key] = frozenset(words)


def install(nlp: Language) -> bool:
    """Put :class:`TokenAttributes` in place of ``attribute_ruler`` (+ ``lemmatizer``).

    Only when the lemmatizer, if any, directly follows the ruler, so nothing in between reads
    their output; returns False and leaves the pipeline as it was otherwise, or when the
    rules use a pattern feature not reproduced here.
    """
    names = nlp.pipe_names
    if "attribute_ruler" not in names:
        return False
    at = names.index("attribute_ruler")
    replaced = ["attribute_ruler"]
    if "lemmatizer" in names:
        if names.index("lemmatizer") != at + 1:
            return False
        replaced.append("lemmatizer")
    try:
        nlp.add_pipe(FACTORY, name=COMPONENT, before="attribute_ruler")
    except UnsupportedRuleError:
        return False
    for name in replaced:
        nlp.remove_pipe(name)
    return True
