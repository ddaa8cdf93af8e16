"""Grouping metrics (B³, ARI, split/mixed shares) and the ECB+/BASIL loaders."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluate.clustering import adjusted_rand, bcubed, mixed_share, scores, split_share
from storyline.evaluate.grouping import ecbplus_text, load_basil, load_ecbplus, shuffled

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench"


def test_bcubed_and_ari_on_a_tiny_clustering() -> None:
    gold = {"a": 1, "b": 1, "c": 2}
    pred = {"a": "x", "b": "y", "c": "y"}
    precision, recall, f1 = bcubed(gold, pred)
    assert (precision, recall, f1) == pytest.approx((2 / 3, 2 / 3, 2 / 3))
    assert adjusted_rand(gold, pred) == pytest.approx(-0.5)
    assert split_share(gold, pred) == 0.5
    assert mixed_share(gold, pred) == 1.0


def test_everything_in_one_cluster() -> None:
    gold = {"a": 1, "b": 1, "c": 1, "d": 2}
    pred = dict.fromkeys(gold, "all")
    precision, recall, f1 = bcubed(gold, pred)
    assert (precision, recall, f1) == pytest.approx((0.625, 1.0, 10 / 13))
    assert adjusted_rand(gold, pred) == pytest.approx(0.0)
    figures = scores(gold, pred)
    assert figures["stories"] == 1 and figures["split_share"] == 0.0 and figures["mixed_share"] == 1.0
    assert scores(gold, pred, items=["a", "b"])["b3_f1"] == 1.0


labelings = st.dictionaries(st.text(min_size=1, max_size=4), st.integers(0, 5), min_size=1, max_size=30)


@given(labelings)
def test_a_clustering_against_itself_scores_one(gold: dict[str, int]) -> None:
    assert bcubed(gold, gold) == (1.0, 1.0, 1.0)
    assert adjusted_rand(gold, gold) == pytest.approx(1.0)
    assert split_share(gold, gold) == 0.0 and mixed_share(gold, gold) == 0.0


@given(labelings, st.randoms(use_true_random=False))
def test_metrics_ignore_item_order_and_label_names(gold: dict[str, int], rng: object) -> None:
    import random

    assert isinstance(rng, random.Random)
    pred = {k: rng.randint(0, 3) for k in gold}
    items = list(gold)
    rng.shuffle(items)
    gold2 = {k: gold[k] for k in items}
    pred2 = {k: f"story-{pred[k] * 7}" for k in items}
    assert bcubed(gold2, pred2) == pytest.approx(bcubed(gold, pred))
    assert adjusted_rand(gold2, pred2) == pytest.approx(adjusted_rand(gold, pred))
    assert split_share(gold2, pred2) == split_share(gold, pred)


def _token_xml(words: list[tuple[int, str]]) -> str:
    tokens = "".join(
        f'<token t_id="{i}" sentence="{s}" number="{i}">{w}</token>\n' for i, (s, w) in enumerate(words)
    )
    return f'<Document doc_name="x">\n{tokens}<Markables/>\n</Document>\n'


def test_ecbplus_loader_strips_the_url_line_and_rebuilds_text(tmp_path: Path) -> None:
    topic = tmp_path / "ECB+_LREC2014" / "ECB+" / "3"
    topic.mkdir(parents=True)
    url = [(0, w) for w in ["http", ":", "/", "/", "www", ".", "example", ".", "com", "/", "quake"]]
    body = [(1, w) for w in ["Quake", "kills", "12", "in", "Oskaria", ",", "officials", "say", "."]]
    (topic / "3_1ecbplus.xml").write_text(_token_xml(url + body), encoding="utf-8")
    (topic / "3_1ecb.xml").write_text(
        _token_xml([(0, w) for w in ["The", "storm", "'s", "toll", "rose", "."]]), encoding="utf-8"
    )
    assert ecbplus_text(topic / "3_1ecbplus.xml") == "Quake kills 12 in Oskaria, officials say."
    bench = load_ecbplus(tmp_path)
    assert {a.id: a.text for a in bench.articles} == {
        "3_1ecb": "The storm's toll rose.",
        "3_1ecbplus": "Quake kills 12 in Oskaria, officials say.",
    }
    assert bench.gold == {"3_1ecb": "3/ecb", "3_1ecbplus": "3/ecbplus"}
    assert bench.dev_ids == frozenset({"3_1ecb", "3_1ecbplus"})  # odd topic: dev part
    assert all(a.published is None for a in bench.articles)


def test_basil_loader(tmp_path: Path) -> None:
    folder = tmp_path / "basil" / "articles" / "2016"
    folder.mkdir(parents=True)
    record = {
        "title": "T",
        "date": "2016-05-01",
        "source": "FOX",
        "body-paragraphs": [["One.", "Two."], ["Three."]],
    }
    (folder / "abc_1.json").write_text(json.dumps(record), encoding="utf-8")
    bench = load_basil(tmp_path)
    (article,) = bench.articles
    assert (article.text, article.outlet, article.published, bench.gold[article.id]) == (
        "One. Two.\nThree.",
        "fox",
        "2016-05-01",
        "abc",
    )
    assert not bench.dev_ids  # 2016 is a held-out year


def test_missing_data_names_the_expected_layout(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="ECB"):
        load_ecbplus(tmp_path)
    with pytest.raises(FileNotFoundError, match="BASIL"):
        load_basil(tmp_path)


def test_shuffled_orders_are_fixed() -> None:
    assert shuffled(list(range(10)), 0) == shuffled(list(range(10)), 0)  # type: ignore[arg-type]
    assert shuffled(list(range(10)), 0) != shuffled(list(range(10)), 1)  # type: ignore[arg-type]


def test_real_sets_load_in_full() -> None:
    if not (BENCH / "ecbplus").is_dir() or not (BENCH / "basil").is_dir():
        pytest.skip(
            f"benchmark sets not found under {BENCH} (they live in the shared folder beside the repo)"
        )
    ecb = load_ecbplus(BENCH)
    assert len(ecb.articles) == 982 and len(set(ecb.gold.values())) == 86
    assert not any(a.text.lstrip().lower().startswith(("http", "www")) for a in ecb.articles)
    basil = load_basil(BENCH)
    assert len(basil.articles) == 300 and len(set(basil.gold.values())) == 100


def test_grouper_on_basil_one_order() -> None:
    if not (BENCH / "basil").is_dir():
        pytest.skip(f"BASIL not found under {BENCH} (it lives in the shared folder beside the repo)")
    from storyline.evaluate.grouping import run_orders, stream_grouping

    figures = run_orders(load_basil(BENCH), stream_grouping, orders=(0,))["order_0"]
    assert figures["b3_f1"] >= 0.93 and figures["mixed_share"] <= 0.05
