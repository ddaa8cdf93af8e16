"""The PolNeAR attribution benchmark: our rules against hand-marked source, cue and content spans.

PolNeAR (Newell, Margolin and Ruths, LREC 2018) marks every attribution of 1,008 US political news
articles of 2016 in brat standoff files: ``T`` lines give ``Source``, ``Cue`` and ``Content`` spans
(``start end`` pairs, ``;``-separated when a span is discontinuous), ``E`` lines tie them together.
The three kinds are scored separately, the way sequence-labelling work (CofeNet, COLING 2022) does:

* **Spans.** Every ``Source``/``Cue``/``Content`` entity of the gold file counts, whether or not an
  event links it. A discontinuous span is cut into its fragments, except that fragments separated
  only by spaces or punctuation are joined again (``“A,” | “B”`` around a bare comma is one span;
  ``“A,” | he said, | “B”`` is two). Each span is then trimmed of non-word characters at both ends,
  so quotation marks, commas and full stops never decide a match. Duplicates count once.
* **Exact F1**: a predicted span is right when a gold span of the same kind in the same article has
  the identical trimmed character range. Precision and recall are micro-averaged over the split.
* **Token F1** (the "overlap" figure): each ``\\w+`` token of the text is labelled with the kinds
  whose spans cover it, in gold and in prediction; precision is the share of predicted
  (token, kind) labels that gold shares, recall the share of gold labels predicted, micro-averaged.
  This is PolNeAR's own token-wise view (the corpus is univocal: a token has at most one label),
  not a per-pair partial match, so long contents weigh by their length.
* **Our side** is projected onto PolNeAR's conventions before matching: an attribution whose cue
  lies inside another one's content is dropped (PolNeAR marks only the outer one of ``X wrote
  that Y said Z``), a content is cut around its own cue and source (a passive's content holds its
  cue), and the content pieces of one cue (a split quotation) are joined like gold fragments.
* **Annotators.** A few articles were marked by several annotators (one ``.ann`` file each, named
  ``<article>_<annotator>.ann``); we score against the first file in name order, so every article
  counts once and the choice does not depend on our output.

``articles_per_s`` times only :func:`~storyline.read.attributions.find_attributions` on parsed docs;
``parse_articles_per_s`` times the spaCy parse, which is the caller's cost, not ours.
"""

from __future__ import annotations

import re
import time
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

from spacy.tokens import Doc

from storyline.model import Attribution
from storyline.read.attributions import find_attributions
from storyline.read.nlp import parse_many

KINDS = ("source", "cue", "content")
_LABELS = {"Source": "source", "Cue": "cue", "Content": "content"}
_WORD_RE = re.compile(r"\w+")
_JOINABLE_GAP_RE = re.compile(r"\W*")
_ANN_SUFFIX_RE = re.compile(r"_[0-9a-f]{4}\.ann$")

CharSpan = tuple[int, int]
Extractor = Callable[[Doc, str], list[Attribution]]


@dataclass(frozen=True)
class GoldArticle:
    """One article's text and its gold spans by kind (trimmed, fragments joined as described)."""

    name: str
    text: str
    spans: dict[str, frozenset[CharSpan]]


@dataclass
class Tally:
    """Counts for one kind, summed over articles."""

    exact_hits: int = 0
    predicted: int = 0
    gold: int = 0
    token_hits: int = 0
    token_predicted: int = 0
    token_gold: int = 0

    def add(self, gold: frozenset[CharSpan], predicted: frozenset[CharSpan], text: str) -> None:
        """Count one article's spans of this kind."""
        self.exact_hits += len(gold & predicted)
        self.predicted += len(predicted)
        self.gold += len(gold)
        gold_tokens, predicted_tokens = covered_tokens(gold, text), covered_tokens(predicted, text)
        self.token_hits += len(gold_tokens & predicted_tokens)
        self.token_predicted += len(predicted_tokens)
        self.token_gold += len(gold_tokens)

    def figures(self) -> dict[str, float]:
        """Exact and token precision, recall and F1, as fractions."""
        exact = _prf(self.exact_hits, self.predicted, self.gold)
        token = _prf(self.token_hits, self.token_predicted, self.token_gold)
        return {
            "exact_p": exact[0],
            "exact_r": exact[1],
            "exact_f1": exact[2],
            "token_p": token[0],
            "token_r": token[1],
            "token_f1": token[2],
            "gold": float(self.gold),
            "predicted": float(self.predicted),
        }


@dataclass
class Scorer:
    """Accumulates the three kinds' tallies over a split."""

    tallies: dict[str, Tally] = field(default_factory=lambda: {kind: Tally() for kind in KINDS})

    def add(self, article: GoldArticle, attributions: Iterable[Attribution]) -> None:
        """Score one article's predicted attributions against its gold spans."""
        predicted = predicted_spans(attributions, article.text)
        for kind in KINDS:
            self.tallies[kind].add(article.spans[kind], predicted[kind], article.text)

    def figures(self) -> dict[str, dict[str, float]]:
        """Per kind, the figures of :meth:`Tally.figures`."""
        return {kind: self.tallies[kind].figures() for kind in KINDS}


def _prf(hits: int, predicted: int, gold: int) -> tuple[float, float, float]:
    precision = hits / predicted if predicted else 0.0
    recall = hits / gold if gold else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return precision, recall, f1


def trim(text: str, start: int, end: int) -> CharSpan | None:
    """``[start, end)`` without non-word characters at either end; None when nothing is left."""
    while start < end and not (text[start].isalnum() or text[start] == "_"):
        start += 1
    while end > start and not (text[end - 1].isalnum() or text[end - 1] == "_"):
        end -= 1
    return (start, end) if start < end else None


def join_fragments(text: str, fragments: Sequence[CharSpan]) -> list[CharSpan]:
    """Fragments in order, joining neighbours whose gap is only spaces and punctuation."""
    joined: list[CharSpan] = []
    for start, end in sorted(fragments):
        if joined and _JOINABLE_GAP_RE.fullmatch(text[joined[-1][1] : start]):
            joined[-1] = (joined[-1][0], max(end, joined[-1][1]))
        else:
            joined.append((start, end))
    return joined


def covered_tokens(spans: Iterable[CharSpan], text: str) -> set[int]:
    """Start offsets of the ``\\w+`` tokens lying wholly inside any of ``spans``."""
    tokens: set[int] = set()
    for start, end in spans:
        tokens.update(match.start() for match in _WORD_RE.finditer(text, start, end))
    return tokens


def read_ann(path: Path, text: str) -> dict[str, frozenset[CharSpan]]:
    """Gold spans by kind from one brat ``.ann`` file (malformed lines are skipped)."""
    spans: dict[str, set[CharSpan]] = {kind: set() for kind in KINDS}
    for line in path.read_text(encoding="utf-8").splitlines():
        fields = line.split("\t")
        if not line.startswith("T") or len(fields) < 2:
            continue
        label, _, offsets = fields[1].partition(" ")
        kind = _LABELS.get(label)
        if kind is None:
            continue
        try:
            fragments = [(int(a), int(b)) for a, b in (part.split() for part in offsets.split(";"))]
        except ValueError:
            continue
        for start, end in join_fragments(text, fragments):
            trimmed = trim(text, start, end)
            if trimmed:
                spans[kind].add(trimmed)
    return {kind: frozenset(found) for kind, found in spans.items()}


def univocal(attributions: Sequence[Attribution]) -> list[Attribution]:
    """The attributions PolNeAR would mark: none whose cue lies inside another one's content.

    PolNeAR gives each token at most one label, so of ``X wrote that Y said Z`` only the outer
    attribution is marked; storyline keeps both, and this projection drops the inner one.
    """
    return [
        inner
        for inner in attributions
        if not any(
            outer is not inner
            and outer.content_span.start <= inner.cue_span.start
            and inner.cue_span.end <= outer.content_span.end
            for outer in attributions
        )
    ]


def _content_fragments(attribution: Attribution) -> list[CharSpan]:
    """The content without its own cue and source (a passive's content may enclose its cue)."""
    pieces = [(attribution.content_span.start, attribution.content_span.end)]
    for cut in (attribution.cue_span, attribution.source_span):
        if cut is None:
            continue
        pieces = [
            piece
            for start, end in pieces
            for piece in ((start, min(end, cut.start)), (max(start, cut.end), end))
            if piece[0] < piece[1]
        ]
    return pieces


def predicted_spans(attributions: Iterable[Attribution], text: str) -> dict[str, frozenset[CharSpan]]:
    """Our attributions' spans by kind, projected onto PolNeAR's conventions and trimmed like gold.

    The content pieces of one cue (a split or continued quotation gives several attributions)
    are joined like the fragments of one gold span, so both sides are cut the same way.
    """
    spans: dict[str, set[CharSpan]] = {kind: set() for kind in KINDS}
    contents: dict[CharSpan, list[CharSpan]] = {}
    for attribution in univocal(list(attributions)):
        if attribution.source_span is not None:
            spans["source"].add((attribution.source_span.start, attribution.source_span.end))
        cue = (attribution.cue_span.start, attribution.cue_span.end)
        spans["cue"].add(cue)
        contents.setdefault(cue, []).extend(_content_fragments(attribution))
    for pieces in contents.values():
        spans["content"].update(join_fragments(text, pieces))
    return {
        kind: frozenset(t for start, end in found if (t := trim(text, start, end)))
        for kind, found in spans.items()
    }


def split_dir(data_dir: Path, split: str) -> Path:
    """The folder of ``split`` under a bench root, the ``polnear`` folder or its ``data`` folder."""
    for base in (data_dir, data_dir / "data", data_dir / "polnear" / "data"):
        if (base / split / "attributions").is_dir():
            return base / split
    raise FileNotFoundError(f"no PolNeAR split {split!r} under {data_dir}")


def load_split(data_dir: Path, split: str = "test", limit: int | None = None) -> list[GoldArticle]:
    """The gold articles of ``split``, in name order, one annotator file each (the first by name)."""
    folder = split_dir(data_dir, split)
    chosen: dict[str, Path] = {}
    for path in sorted((folder / "attributions").glob("*.ann")):
        chosen.setdefault(_ANN_SUFFIX_RE.sub("", path.name), path)
    articles: list[GoldArticle] = []
    for name, path in sorted(chosen.items())[:limit]:
        with (folder / "text" / f"{name}.txt").open(encoding="utf-8", newline="") as file:
            text = file.read()  # offsets count characters as stored: no newline translation
        articles.append(GoldArticle(name, text, read_ann(path, text)))
    return articles


def evaluate_polnear(
    data_dir: Path, split: str = "test", limit: int | None = None, extractor: Extractor = find_attributions
) -> dict[str, object]:
    """Score ``extractor`` on ``split``: per kind exact and token P/R/F1, plus articles per second.

    ``limit`` keeps the first articles in name order (for quick checks and tests).
    """
    articles = load_split(data_dir, split, limit)
    started = time.perf_counter()
    docs = list(parse_many(article.text for article in articles))
    parse_s = time.perf_counter() - started
    scorer, extract_s = Scorer(), 0.0
    for article, doc in zip(articles, docs, strict=True):
        started = time.perf_counter()
        attributions = extractor(doc, article.name)
        extract_s += time.perf_counter() - started
        scorer.add(article, attributions)
    return {
        "split": split,
        "articles": len(articles),
        "scores": scorer.figures(),
        "articles_per_s": len(articles) / extract_s if extract_s else 0.0,
        "parse_articles_per_s": len(articles) / parse_s if parse_s else 0.0,
    }
