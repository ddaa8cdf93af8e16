"""The article-extraction benchmark: our HTML extractor against plain trafilatura.

The set is the ScrapingHub article-extraction-benchmark (181 news and blog pages with a hand-made
``articleBody``). The metric mirrors that benchmark's ``evaluate.py`` so that our figures are
comparable with its published leaderboard:

* tokens are ``\\w+`` runs (whitespace and punctuation split words, case kept);
* each text becomes a multiset of word 4-grams (a text of fewer than four tokens is one shingle);
* per page, true/false positives and false negatives are counted over the two multisets and
  normalised to sum to one, so that long pages weigh no more than short ones;
* precision is averaged over pages with non-empty output (an extractor is not punished twice for
  a page it gave up on: recall already is), recall over all pages with a non-empty truth, and F1
  is taken from those two means, not averaged per page.

Extras beyond the benchmark: ``accuracy`` is the share of pages whose 4-gram multiset equals the
truth's exactly, ``f1_0_8_share`` the share of pages whose own F1 reaches 0.8 (how often a page is
"good enough" for the later stages), and ``pages_per_s`` times only the extraction call, after the
page is decompressed and decoded, summed over all pages.
"""

from __future__ import annotations

import gzip
import json
import re
import time
from collections import Counter
from collections.abc import Callable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path

import trafilatura

from storyline.ingest.errors import EmptyPageError
from storyline.ingest.html import extract_html

Extractor = Callable[[str], str]

_TOKEN_RE = re.compile(r"\w+")
NGRAM = 4


@dataclass(frozen=True)
class PageScore:
    """One page's normalised counts; ``tp + fp + fn`` is 1 unless both texts are empty."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        """Share of predicted 4-grams found in the truth; 1 for two empty texts."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 0.0

    @property
    def recall(self) -> float:
        """Share of true 4-grams found in the prediction; 1 for two empty texts."""
        if self.fp == self.fn == 0:
            return 1.0
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 0.0

    @property
    def f1(self) -> float:
        """Harmonic mean of this page's precision and recall (for the ≥ 0.8 share only)."""
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    @property
    def exact(self) -> bool:
        """True when prediction and truth have the same 4-gram multiset."""
        return self.fp == 0 and self.fn == 0


def tokenize(text: str) -> list[str]:
    """Split into word tokens the way the benchmark does: ``\\w+`` runs, case kept."""
    return _TOKEN_RE.findall(text)


def shingles(text: str, n: int = NGRAM) -> Counter[tuple[str, ...]]:
    """The multiset of word ``n``-grams; a shorter non-empty text is a single shingle."""
    tokens = tokenize(text)
    if not tokens:
        return Counter()
    if len(tokens) < n:
        return Counter([tuple(tokens)])
    return Counter(tuple(tokens[i : i + n]) for i in range(len(tokens) - n + 1))


def score_page(truth: str, predicted: str) -> PageScore:
    """Count shared, extra and missed 4-grams of one page, normalised to sum to one."""
    true_grams, pred_grams = shingles(truth), shingles(predicted)
    tp = float(sum((true_grams & pred_grams).values()))
    fp = float(sum((pred_grams - true_grams).values()))
    fn = float(sum((true_grams - pred_grams).values()))
    total = tp + fp + fn
    if total:
        tp, fp, fn = tp / total, fp / total, fn / total
    return PageScore(tp, fp, fn)


def _mean(values: Sequence[float]) -> float:
    return sum(values) / len(values) if values else 0.0


def summarize(scores: Sequence[PageScore]) -> dict[str, float]:
    """The benchmark's figures over many pages: F1 from mean precision and mean recall."""
    precision = _mean([s.precision for s in scores if s.tp + s.fp > 0])
    recall = _mean([s.recall for s in scores if s.tp + s.fn > 0])
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    n = len(scores)
    return {
        "f1": f1,
        "precision": precision,
        "recall": recall,
        "accuracy": sum(s.exact for s in scores) / n if n else 0.0,
        "f1_0_8_share": sum(s.f1 >= 0.8 for s in scores) / n if n else 0.0,
    }


def resolve_data_dir(data_dir: Path) -> Path:
    """Accept either the bench root or its ``extraction`` folder; fail clearly when absent."""
    for candidate in (data_dir / "extraction", data_dir):
        if (candidate / "ground-truth.json").is_file() and (candidate / "html").is_dir():
            return candidate
    raise FileNotFoundError(
        f"extraction benchmark not found under {data_dir}: expected "
        "extraction/ground-truth.json and extraction/html/<id>.html.gz "
        "(set --data or $STORYLINE_BENCH to the shared bench folder)"
    )


def load_pages(data_dir: Path, limit: int | None = None) -> Iterator[tuple[str, str, str]]:
    """Yield ``(id, html, true article body)`` for the pages of the set, sorted by id."""
    root = resolve_data_dir(data_dir)
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    for page_id in sorted(truth)[:limit]:
        raw = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        yield page_id, raw.decode("utf-8", errors="replace"), truth[page_id].get("articleBody", "")


def _storyline(html: str) -> str:
    try:
        return extract_html(html, origin="bench").text
    except EmptyPageError:
        return ""


def _trafilatura(html: str) -> str:
    return trafilatura.extract(html, include_comments=False) or ""


EXTRACTORS: dict[str, Extractor] = {"storyline": _storyline, "trafilatura": _trafilatura}


def run_extractors(
    data_dir: Path, extractors: dict[str, Extractor], limit: int | None = None
) -> dict[str, tuple[list[PageScore], float]]:
    """Score each extractor on every page, interleaved so machine load hits them alike.

    Returns per extractor the page scores (in id order) and the seconds spent in extraction.
    """
    results: dict[str, tuple[list[PageScore], float]] = {k: ([], 0.0) for k in extractors}
    for _page_id, html, truth in load_pages(data_dir, limit):
        for name, extract in extractors.items():
            started = time.perf_counter()
            predicted = extract(html)
            elapsed = time.perf_counter() - started
            scores, seconds = results[name]
            scores.append(score_page(truth, predicted))
            results[name] = (scores, seconds + elapsed)
    return results


def _figures(scores: list[PageScore], seconds: float) -> dict[str, float]:
    figures = summarize(scores)
    figures["pages_per_s"] = len(scores) / seconds if seconds else 0.0
    return figures


def evaluate_extraction(
    data_dir: Path,
    extractor_names: Sequence[str] = ("storyline", "trafilatura"),
    limit: int | None = None,
) -> dict[str, object]:
    """Run ours and the baseline side by side on the same pages in one run.

    The first name gives the top-level figures, the second (if any) the ``baseline`` entry;
    ``limit`` keeps only the first pages by id (for quick checks; the benchmark uses all).
    """
    unknown = [name for name in extractor_names if name not in EXTRACTORS]
    if unknown or not extractor_names:
        raise ValueError(f"unknown extractors {unknown}; known: {sorted(EXTRACTORS)}")
    chosen = {name: EXTRACTORS[name] for name in extractor_names}
    results = run_extractors(data_dir, chosen, limit)
    first, *rest = extractor_names
    scores, seconds = results[first]
    report: dict[str, object] = {"set": "extraction", "pages": len(scores)}
    report.update(_figures(scores, seconds))
    if rest:
        base_scores, base_seconds = results[rest[0]]
        report["baseline"] = {"name": rest[0], **_figures(base_scores, base_seconds)}
    return report
