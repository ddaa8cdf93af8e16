"""The loaded-language lexicon against BASIL's lexical-bias annotations.

BASIL (Fan et al., EMNLP 2019) has 300 articles (100 events told by Fox News, the New York Times
and HuffPost) whose sentences carry hand-marked bias spans. A *lexical*-bias span is loaded
wording, what :func:`storyline.read.lexicon.find_loaded_terms` looks for; *informational* bias
(selective detail) is a different phenomenon and is ignored here.

Data layout: ``articles/<year>/<event>_<n>.json`` has ``title`` and ``body-paragraphs`` (a list of
paragraphs, each a list of sentence strings); ``annotations/<year>/<event>_<n>_ann.json`` has
``phrase-level-annotations`` whose ``id`` is ``p<k>`` (the k-th sentence of the flattened
paragraphs, from 0) or ``title``, with ``start``/``end`` offsets into that sentence, ``bias``
("lex" or "inf") and ``quote`` ("yes" when the span lies inside a quotation).

What is scored, and why:

* Only the outlet's voice: the lexicon reports quoted terms separately, and BASIL's quoted
  spans are the speakers' wording, so gold is the lexical spans with ``quote == "no"`` and the
  predictions are the ``outlet``-voice terms. Quoted gold spans are counted, not scored.
* Paragraphs are rebuilt (sentences joined by a space) so that quotation marks pair up across
  sentences, as they would in a real article.
* *Sentence level*: a sentence is gold-positive with at least one outlet lexical span and
  predicted positive with at least one outlet term.
* *Span level*: a predicted term is right when it overlaps a gold span of its sentence by at
  least one token; a gold span is found when some predicted term overlaps it.
* *Token level*: word tokens (``\\w+``) covered by predicted vs gold spans, micro-averaged.

The lexicon was tuned on :data:`TUNE_YEARS` only; :data:`TEST_YEARS` is the held-out report.
"""

from __future__ import annotations

import json
import re
from collections import Counter
from collections.abc import Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.read.lexicon import find_loaded_terms, quoted_ranges

TUNE_YEARS: tuple[int, ...] = (2010, 2011, 2012, 2013, 2014, 2015)
"""Years whose false positives and misses were read while building the lexicon (about 60% of
the articles)."""
TEST_YEARS: tuple[int, ...] = (2016, 2017, 2018, 2019)
"""Years never looked at while tuning: the figures to report."""

_TOKEN_RE = re.compile(r"\w+")

Spans = tuple[tuple[int, int], ...]


@dataclass(frozen=True)
class Sentence:
    """One BASIL sentence: gold outlet-voice lexical spans and our outlet-voice term spans."""

    text: str
    gold: Spans
    predicted: Spans
    terms: tuple[str, ...]
    gold_quoted: int = 0


def resolve_data_dir(data_dir: Path) -> Path:
    """Accept either the bench root or its ``basil`` folder; fail clearly when absent."""
    for candidate in (data_dir / "basil", data_dir):
        if (candidate / "annotations").is_dir() and (candidate / "articles").is_dir():
            return candidate
    raise FileNotFoundError(
        f"BASIL not found under {data_dir}: expected basil/articles/<year>/ and basil/annotations/<year>/ "
        "(set --data or $STORYLINE_BENCH to the shared bench folder)"
    )


def annotation_files(
    data_dir: Path, years: Sequence[int] | None = None, limit: int | None = None
) -> list[Path]:
    """The annotation files of the chosen years (all when ``years`` is None), sorted; the first
    ``limit`` of them when given (quick runs in tests)."""
    root = resolve_data_dir(data_dir)
    files = sorted(root.glob("annotations/*/*_ann.json"))
    chosen = [path for path in files if years is None or int(path.parent.name) in years]
    return chosen[:limit] if limit is not None else chosen


def _gold_by_sentence(annotation: dict[str, object]) -> dict[str, list[tuple[int, int, bool]]]:
    """Sentence id ("p3", "title") -> lexical spans as (start, end, quoted)."""
    gold: dict[str, list[tuple[int, int, bool]]] = {}
    phrases = annotation.get("phrase-level-annotations", [])
    assert isinstance(phrases, list)
    for phrase in phrases:
        if phrase.get("bias") == "lex":
            gold.setdefault(phrase["id"], []).append(
                (int(phrase["start"]), int(phrase["end"]), phrase.get("quote") == "yes")
            )
    return gold


def _paragraphs(article: dict[str, object]) -> list[list[tuple[str, str]]]:
    """Paragraphs as lists of (sentence id, sentence text); the title is a paragraph of its own."""
    paragraphs: list[list[tuple[str, str]]] = [[("title", str(article.get("title") or ""))]]
    body = article.get("body-paragraphs", [])
    assert isinstance(body, list)
    index = 0
    for paragraph in body:
        sentences = []
        for sentence in paragraph:
            sentences.append((f"p{index}", str(sentence)))
            index += 1
        paragraphs.append(sentences)
    return paragraphs


def _score_paragraph(
    sentences: list[tuple[str, str]], gold: dict[str, list[tuple[int, int, bool]]]
) -> Iterator[Sentence]:
    """Run the lexicon on the rebuilt paragraph and hand each sentence its own terms."""
    text = " ".join(sentence for _, sentence in sentences)
    terms = [t for t in find_loaded_terms(text, "basil", quoted_ranges(text)) if t.voice == "outlet"]
    offset = 0
    for sentence_id, sentence in sentences:
        end = offset + len(sentence)
        own = [t for t in terms if offset <= t.span.start < end]
        spans = gold.get(sentence_id, [])
        yield Sentence(
            text=sentence,
            gold=tuple((s, e) for s, e, quoted in spans if not quoted),
            predicted=tuple((t.span.start - offset, min(t.span.end, end) - offset) for t in own),
            terms=tuple(t.term for t in own),
            gold_quoted=sum(quoted for _, _, quoted in spans),
        )
        offset = end + 1


def load_sentences(
    data_dir: Path, years: Sequence[int] | None = None, limit: int | None = None
) -> Iterator[Sentence]:
    """Every scored sentence of the chosen files, each article's title first, in file order."""
    for annotation_path in annotation_files(data_dir, years, limit):
        article_path = annotation_path.parents[2] / "articles" / annotation_path.parent.name
        article_path /= annotation_path.name.replace("_ann.json", ".json")
        annotation = json.loads(annotation_path.read_text(encoding="utf-8"))
        article = json.loads(article_path.read_text(encoding="utf-8"))
        gold = _gold_by_sentence(annotation)
        for paragraph in _paragraphs(article):
            yield from _score_paragraph(paragraph, gold)


def _prf(tp: int, fp: int, fn: int) -> dict[str, float]:
    precision = tp / (tp + fp) if tp + fp else 0.0
    recall = tp / (tp + fn) if tp + fn else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return {"precision": precision, "recall": recall, "f1": f1, "tp": tp, "fp": fp, "fn": fn}


def _overlaps(span: tuple[int, int], others: Spans) -> bool:
    return any(span[0] < end and start < span[1] for start, end in others)


def _tokens(text: str, spans: Spans) -> set[int]:
    """Start offsets of the word tokens that the spans touch."""
    return {m.start() for m in _TOKEN_RE.finditer(text) if _overlaps(m.span(), spans)}


def score(sentences: Sequence[Sentence]) -> dict[str, dict[str, float]]:
    """Sentence-, span- and token-level precision/recall/F1, plus counts."""
    sentence_tp = sum(bool(s.gold) and bool(s.predicted) for s in sentences)
    sentence_fp = sum(not s.gold and bool(s.predicted) for s in sentences)
    sentence_fn = sum(bool(s.gold) and not s.predicted for s in sentences)
    predicted_hit = sum(_overlaps(p, s.gold) for s in sentences for p in s.predicted)
    predicted = sum(len(s.predicted) for s in sentences)
    gold_found = sum(_overlaps(g, s.predicted) for s in sentences for g in s.gold)
    gold = sum(len(s.gold) for s in sentences)
    span_scores = _prf(predicted_hit, predicted - predicted_hit, gold - gold_found)
    span_scores["recall"] = gold_found / gold if gold else 0.0
    p, r = span_scores["precision"], span_scores["recall"]
    span_scores["f1"] = 2 * p * r / (p + r) if p + r else 0.0
    token_tp = token_fp = token_fn = 0
    for s in sentences:
        ours, theirs = _tokens(s.text, s.predicted), _tokens(s.text, s.gold)
        token_tp += len(ours & theirs)
        token_fp += len(ours - theirs)
        token_fn += len(theirs - ours)
    counts: dict[str, float] = {
        "sentences": len(sentences),
        "gold_positive_sentences": sum(bool(s.gold) for s in sentences),
        "predicted_positive_sentences": sum(bool(s.predicted) for s in sentences),
        "gold_spans": gold,
        "gold_quoted_spans_not_scored": sum(s.gold_quoted for s in sentences),
        "predicted_spans": predicted,
    }
    return {
        "sentence": _prf(sentence_tp, sentence_fp, sentence_fn),
        "span": span_scores,
        "token": _prf(token_tp, token_fp, token_fn),
        "counts": counts,
    }


def evaluate_lexicon(
    data_dir: Path, years: Sequence[int] | None = None, limit: int | None = None
) -> dict[str, dict[str, float]]:
    """Score the lexicon's outlet-voice terms against BASIL (all years unless ``years`` given).

    Returns ``sentence``, ``span`` and ``token`` figures (precision, recall, f1, tp, fp, fn)
    and ``counts`` (sentences, gold and predicted positives and spans, quoted gold spans).
    """
    return score(list(load_sentences(data_dir, years, limit)))


def term_report(data_dir: Path, years: Sequence[int] | None = None) -> list[tuple[str, int, int]]:
    """(term, predicted spans, of which overlap gold) by frequency: what to prune or keep."""
    hits: Counter[str] = Counter()
    totals: Counter[str] = Counter()
    for sentence in load_sentences(data_dir, years):
        for term, span in zip(sentence.terms, sentence.predicted, strict=True):
            totals[term] += 1
            hits[term] += _overlaps(span, sentence.gold)
    return [(term, count, hits[term]) for term, count in totals.most_common()]
