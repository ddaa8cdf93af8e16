"""Story grouping against ECB+ and BASIL: loaders, B³/ARI metrics, and the two evaluations.

ECB+ (Cybulska & Vossen, LREC 2014) has 982 news documents in 43 topics; inside a topic the
``ecb`` files report one event and the ``ecbplus`` files another event of the same kind (two
earthquakes, two arrests of the same man). Gold story = (topic, ecb|ecbplus). The documents
arrive as XML ``<token>`` elements; the text is rebuilt from them, and the first line of an
``ecbplus`` file (its source URL) is dropped because it would leak the answer. ECB+ has no
dates, so every document is undated.

BASIL (Fan et al., EMNLP 2019) has 300 articles: 100 events, each told by Fox News, the New
York Times and HuffPost. Gold story = the file name's event uuid. Articles carry a date.

The grouper sees a shuffled stream with no labels. Figures: B³ precision/recall/F1 (Bagga &
Baldwin 1998, per-item averages), the adjusted Rand index, the share of gold stories split
over more than one predicted story, and the share of predicted stories (of two or more
articles) that mix articles of different gold stories.

What was tuned on what (see :mod:`storyline.stories.grouper` for the constants): the grouping
constants were swept on the ECB+ *dev* topics (odd topic numbers) in stream order 0 and on the
BASIL years :data:`BASIL_DEV_YEARS`; figures are reported on all documents in orders 0, 1, 2,
and separately on the held-out parts (even ECB+ topics, BASIL test years). The weights are fitted
on the dev parts in orders :data:`FIT_ORDERS`; the join threshold, the same-days bonus and the
years features were chosen on the dev parts streamed alone (without the held-out articles) in
orders 10, 11 and 12, never on orders 0–2 or the held-out parts.
"""

from __future__ import annotations

import json
import random
import re
import time
import xml.etree.ElementTree as ET
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path

from storyline.evaluate.clustering import scores
from storyline.model import Article

ECB_ORDERS: tuple[int, ...] = (0, 1, 2)
"""Seeds of the three shuffled stream orders that are reported."""
BASIL_DEV_YEARS: tuple[int, ...] = (2010, 2011, 2012, 2013, 2014)
"""BASIL years the constants were looked at on; 2015–2019 are held out."""

_NO_SPACE_BEFORE = re.compile(r" (?=[,.;:!?%)\]}]|'s\b|'S\b|n't\b|'re\b|'ve\b|'ll\b|'d\b|'m\b|'')")
_NO_SPACE_AFTER = re.compile(r"(?<=[(\[{$]) |(?<=``) ")
_URLISH = re.compile(r"https?\s*:|www\s*\.|\.\s*(?:com|org|net|co\s*\.\s*uk)\s*/", re.I)


@dataclass(frozen=True)
class BenchSet:
    """A benchmark set as the grouper sees it: articles, plus gold labels it never sees."""

    name: str
    articles: tuple[Article, ...]
    gold: dict[str, str]
    dev_ids: frozenset[str]
    """Articles of the part the constants were tuned on; the rest is held out."""


# --- loading -------------------------------------------------------------------------------


def _detokenize(tokens: Sequence[str]) -> str:
    text = " ".join(tokens)
    text = _NO_SPACE_BEFORE.sub("", text)
    text = _NO_SPACE_AFTER.sub("", text)
    return text.replace("``", '"').replace("''", '"')


def ecbplus_text(path: Path) -> str:
    """The document's text rebuilt from its tokens, one sentence a line, the URL line removed.

    Only a first sentence that looks like a URL is removed (every ``ecbplus`` file has one, no
    ``ecb`` file does), so nothing about the file's kind survives in the text.
    """
    root = ET.parse(path).getroot()
    sentences: dict[int, list[str]] = {}
    for token in root.iter("token"):
        sentences.setdefault(int(token.get("sentence", "0")), []).append(token.text or "")
    lines = [_detokenize(sentences[k]) for k in sorted(sentences)]
    if lines and _URLISH.search(lines[0]):
        lines = lines[1:]
    return "\n".join(line for line in lines if line.strip())


def resolve_ecbplus(data_dir: Path) -> Path:
    """The folder holding the topic folders; accepts the bench root or any level below it."""
    for candidate in (
        data_dir / "ecbplus" / "ECB+_LREC2014" / "ECB+",
        data_dir / "ECB+_LREC2014" / "ECB+",
        data_dir / "ECB+",
        data_dir,
    ):
        if candidate.is_dir() and any(candidate.glob("*/*ecb*.xml")):
            return candidate
    raise FileNotFoundError(
        f"ECB+ not found under {data_dir}: expected ecbplus/ECB+_LREC2014/ECB+/<topic>/*.xml "
        "(set --data or $STORYLINE_BENCH to the shared bench folder)"
    )


def load_ecbplus(data_dir: Path) -> BenchSet:
    """All ECB+ documents as undated articles (id = file name), gold = topic + ecb|ecbplus."""
    root = resolve_ecbplus(data_dir)
    articles: list[Article] = []
    gold: dict[str, str] = {}
    dev: set[str] = set()
    for path in sorted(root.glob("*/*.xml")):
        match = re.fullmatch(r"(\d+)_(\d+)(ecbplus|ecb)\.xml", path.name)
        if match is None:
            continue
        topic, _, kind = match.groups()
        doc_id = path.stem
        articles.append(Article(id=doc_id, text=ecbplus_text(path), origin=str(path)))
        gold[doc_id] = f"{topic}/{kind}"
        if int(topic) % 2 == 1:
            dev.add(doc_id)
    return BenchSet("ecbplus", tuple(articles), gold, frozenset(dev))


def resolve_basil(data_dir: Path) -> Path:
    """The BASIL folder (holding ``articles/<year>/``); accepts the bench root or the folder."""
    for candidate in (data_dir / "basil", data_dir):
        if (candidate / "articles").is_dir() and any(candidate.glob("articles/*/*.json")):
            return candidate
    raise FileNotFoundError(
        f"BASIL not found under {data_dir}: expected basil/articles/<year>/<event>_<n>.json "
        "(set --data or $STORYLINE_BENCH to the shared bench folder)"
    )


def _paragraphs(raw: object) -> list[str]:
    if isinstance(raw, str):  # some files store the list as its Python repr
        try:
            raw = json.loads(raw)
        except json.JSONDecodeError:
            import ast

            raw = ast.literal_eval(str(raw))
    out: list[str] = []
    if isinstance(raw, list):
        for paragraph in raw:
            if isinstance(paragraph, list):
                out.append(" ".join(str(s) for s in paragraph))
            else:
                out.append(str(paragraph))
    return [p for p in out if p.strip()]


def load_basil(data_dir: Path) -> BenchSet:
    """The 300 BASIL articles (title, body, date, outlet); gold = the event uuid of the name."""
    root = resolve_basil(data_dir)
    articles: list[Article] = []
    gold: dict[str, str] = {}
    dev: set[str] = set()
    for path in sorted(root.glob("articles/*/*.json")):
        match = re.fullmatch(r"(.+)_(\d)\.json", path.name)
        if match is None:
            continue
        record = json.loads(path.read_text(encoding="utf-8"))
        doc_id = path.stem
        body = "\n".join(_paragraphs(record.get("body-paragraphs", [])))
        date = record.get("date") or None
        articles.append(
            Article(
                id=doc_id,
                text=body,
                origin=str(path),
                title=record.get("title") or None,
                outlet=str(record.get("source", "")).lower() or None,
                published=str(date) if date else None,
                language="en",
            )
        )
        gold[doc_id] = match.group(1)
        if int(path.parent.name) in BASIL_DEV_YEARS:
            dev.add(doc_id)
    return BenchSet("basil", tuple(articles), gold, frozenset(dev))


def shuffled(articles: Sequence[Article], seed: int) -> list[Article]:
    """The stream order of one seed (a fixed permutation, the same on every machine)."""
    order = list(articles)
    random.Random(seed).shuffle(order)
    return order


# --- evaluation ----------------------------------------------------------------------------

Grouping = Callable[[Sequence[Article]], dict[str, str]]
"""A grouping method: a stream of articles in -> article id to story id."""


def stream_grouping(articles: Sequence[Article], **options: object) -> dict[str, str]:
    """storyline's grouper over the stream, then one consolidation pass, as the store runs it."""
    from storyline.stories import GrouperConfig, StreamGrouper

    config = GrouperConfig(**{k: v for k, v in options.items() if v is not None})  # type: ignore[arg-type]
    grouper = StreamGrouper(config)
    for article in articles:
        grouper.assign(article)
    grouper.consolidate()
    return grouper.membership()


def run_orders(
    bench: BenchSet, method: Grouping, orders: Sequence[int] = ECB_ORDERS
) -> dict[str, dict[str, float]]:
    """The figures of ``method`` on each shuffled order (all articles and the held-out part)."""
    out: dict[str, dict[str, float]] = {}
    for seed in orders:
        stream = shuffled(bench.articles, seed)
        start = time.perf_counter()
        pred = method(stream)
        elapsed = time.perf_counter() - start
        figures = scores(bench.gold, pred)
        held_out = [a.id for a in bench.articles if a.id not in bench.dev_ids]
        figures["heldout_b3_f1"] = scores(bench.gold, pred, held_out)["b3_f1"]
        figures["articles_per_s"] = round(len(stream) / elapsed, 1) if elapsed > 0 else 0.0
        out[f"order_{seed}"] = figures
    return out


def baseline_sweep(bench: BenchSet, orders: Sequence[int] = ECB_ORDERS) -> dict[str, object]:
    """The naive TF-IDF single-pass baseline, its threshold swept on the reported set itself
    (an upper bound for it); figures of the best threshold by mean B³ F1 over ``orders``."""
    from storyline.stories.baseline import THRESHOLDS, single_pass, tfidf_vectors

    best: dict[str, object] = {}
    best_f1 = -1.0
    for threshold in THRESHOLDS:
        per_order: dict[str, dict[str, float]] = {}
        for seed in orders:
            stream = shuffled(bench.articles, seed)
            labels = single_pass(tfidf_vectors(stream), threshold)
            pred = {a.id: str(label) for a, label in zip(stream, labels, strict=True)}
            per_order[f"order_{seed}"] = scores(bench.gold, pred)
        mean = sum(f["b3_f1"] for f in per_order.values()) / len(per_order)
        if mean > best_f1:
            best_f1 = mean
            best = {"threshold": threshold, "b3_f1": round(mean, 4), "orders": per_order}
    return best


def _summary(name: str, bench: BenchSet, orders: Sequence[int], baseline: bool = True) -> dict[str, object]:
    ours = run_orders(bench, stream_grouping, orders)
    f1s = [figures["b3_f1"] for figures in ours.values()]
    out: dict[str, object] = {
        "set": name,
        "articles": len(bench.articles),
        "gold_stories": len(set(bench.gold.values())),
        "b3_f1": round(sum(f1s) / len(f1s), 4),
        "b3_f1_min": min(f1s),
        "heldout_b3_f1": round(sum(f["heldout_b3_f1"] for f in ours.values()) / len(ours), 4),
        "orders": ours,
    }
    if baseline:
        out["baseline_tfidf_stream"] = baseline_sweep(bench, orders)
    return out


def ablations(
    benches: Sequence[BenchSet], orders: Sequence[int] = ECB_ORDERS, refit: bool = True
) -> dict[str, dict[str, float]]:
    """Mean B³ F1 per set with each signal alone and with all but one, weights refitted on the
    dev parts for each combination (``refit=False`` only zeroes the missing signals' weights)."""
    from storyline.stories.scoring import SIGNALS

    every = frozenset(SIGNALS)
    combos: dict[str, frozenset[str]] = {"all": every}
    combos.update({f"only {s}": frozenset({s}) for s in SIGNALS})
    combos.update({f"without {s}": every - {s} for s in SIGNALS})
    out: dict[str, dict[str, float]] = {}
    for label, signals in combos.items():
        weights = fit_weights(benches, signals=signals) if refit and signals != every else None
        row: dict[str, float] = {}

        def method(
            arts: Sequence[Article], s: frozenset[str] = signals, w: dict[str, float] | None = weights
        ) -> dict[str, str]:
            return stream_grouping(arts, signals=s, weights=w)

        for bench in benches:
            figures = run_orders(bench, method, orders)
            row[bench.name] = round(sum(f["b3_f1"] for f in figures.values()) / len(figures), 4)
        out[label] = row
    return out


def evaluate_ecbplus(
    data_dir: Path, orders: Sequence[int] = ECB_ORDERS, baseline: bool = True
) -> dict[str, object]:
    """storyline's grouper on all 982 ECB+ documents in each shuffled order, with the naive
    streaming TF-IDF baseline of the same run; ``b3_f1`` is the mean over orders."""
    return _summary("ecbplus", load_ecbplus(Path(data_dir)), orders, baseline)


def evaluate_basil(
    data_dir: Path, orders: Sequence[int] = ECB_ORDERS, baseline: bool = True
) -> dict[str, object]:
    """storyline's grouper on the 300 BASIL articles (100 events) in each shuffled order."""
    return _summary("basil", load_basil(Path(data_dir)), orders, baseline)


# --- fitting -------------------------------------------------------------------------------

FIT_ORDERS: tuple[int, ...] = (10, 11)
"""Stream orders the weights are fitted on (never the reported 0, 1, 2)."""


def fit_weights(
    benches: Sequence[BenchSet], orders: Sequence[int] = FIT_ORDERS, signals: frozenset[str] | None = None
) -> dict[str, float]:
    """Fit the scoring weights by logistic regression on teacher-forced candidate pairs of each
    set's *dev* part (each set weighted equally), with only ``signals`` switched on; the weights
    of :data:`~storyline.stories.scoring.HELD_WEIGHTS` keep their held values."""
    from storyline.stories import GrouperConfig, StreamGrouper
    from storyline.stories.scoring import HELD_WEIGHTS, fit_logistic, restrict

    rows: list[tuple[dict[str, float], bool, float]] = []
    for bench in benches:
        part: list[tuple[dict[str, float], bool]] = []
        for seed in orders:
            grouper = StreamGrouper(GrouperConfig(signals=signals))
            for article in shuffled(bench.articles, seed):
                if article.id in bench.dev_ids:
                    part.extend(grouper.observe(article, bench.gold[article.id]))
        rows.extend((f, y, 1.0 / max(1, len(part))) for f, y in part)
    keep = restrict(dict.fromkeys(rows[0][0], 1.0), signals) if signals and rows else None
    if keep is not None:
        rows = [({k: (v if keep.get(k) else 0.0) for k, v in f.items()}, y, w) for f, y, w in rows]
    fitted = fit_logistic(rows)
    fitted.update({k: v for k, v in HELD_WEIGHTS.items() if fitted.get(k)})  # signal on: held value
    return fitted
