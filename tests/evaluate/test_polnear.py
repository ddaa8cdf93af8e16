"""The PolNeAR scorer on tiny hand-made brat files, and one short run on the real test split."""

from __future__ import annotations

from pathlib import Path

import pytest
from spacy.tokens import Doc

from storyline.evaluate.polnear import (
    GoldArticle,
    Scorer,
    evaluate_polnear,
    join_fragments,
    load_split,
    predicted_spans,
    trim,
    univocal,
)
from storyline.model import Attribution, Span

BENCH = Path(__file__).resolve().parents[3] / "shared" / "bench"
TEXT = "Smith said that taxes rose. “We won,” Jones said, “and we will win again.”\n"


def _at(phrase: str, nth: int = 0) -> tuple[int, int]:
    start = -1
    for _ in range(nth + 1):
        start = TEXT.index(phrase, start + 1)
    return start, start + len(phrase)


def _ann_line(tid: str, label: str, *spans: tuple[int, int]) -> str:
    offsets = ";".join(f"{a} {b}" for a, b in spans)
    return f"{tid}\t{label} {offsets}\t{' '.join(TEXT[a:b] for a, b in spans)}"


def _write_split(root: Path) -> Path:
    """``root/data/test`` with one article marked by two annotators (``aaaa`` first by name)."""
    folder = root / "data" / "test"
    (folder / "text").mkdir(parents=True)
    (folder / "attributions").mkdir()
    (folder / "text" / "nyt_2016-11-01_tiny.txt").write_text(TEXT, encoding="utf-8")
    lines = [
        _ann_line("T1", "Source", _at("Smith")),
        _ann_line("T2", "Cue", _at("said")),
        _ann_line("T3", "Content", _at("that taxes rose")),
        _ann_line("T4", "Attribution", _at("said")),
        "E1\tAttribution:T4 Content:T3 Cue:T2 Source:T1",
        _ann_line("T5", "Source", _at("Jones")),
        _ann_line("T6", "Cue", _at("said", 1)),
        _ann_line("T7", "Content", _at("“We won,”"), _at("“and we will win again.”")),
        _ann_line("T8", "Discuss", _at("Jones said")),
        "#1\tAnnotatorNotes T5\ta note",
        "T9\tCue 1x 2\tmalformed",
    ]
    ann = folder / "attributions"
    (ann / "nyt_2016-11-01_tiny_aaaa.ann").write_text("\n".join(lines) + "\n", encoding="utf-8")
    (ann / "nyt_2016-11-01_tiny_bbbb.ann").write_text(
        _ann_line("T1", "Source", _at("taxes")), encoding="utf-8"
    )
    return root


def _attribution(source: str, cue: tuple[int, int], content: tuple[int, int], nth: int = 0) -> Attribution:
    return Attribution(
        source_span=Span("x", *_at(source, nth)),
        cue_span=Span("x", *cue),
        content_span=Span("x", *content),
        source_text=source,
        cue=TEXT[cue[0] : cue[1]],
        source_kind="person",
    )


PREDICTED = [
    _attribution("Smith", _at("said"), _at("that taxes rose.")),
    _attribution("Jones", _at("said", 1), _at("We won")),
    _attribution("Jones", _at("said", 1), _at("and we will")),
    _attribution("taxes", _at("rose"), _at("taxes")),  # inside Smith's content: PolNeAR would not mark it
]


def test_trim_and_join_fragments() -> None:
    assert trim(TEXT, *_at("“We won,”")) == _at("We won")
    assert trim(TEXT, 0, 0) is None
    assert join_fragments(TEXT, [_at("“We won,”"), _at("“and we will win again.”")]) == [
        _at("“We won,”"),
        _at("“and we will win again.”"),
    ]
    assert join_fragments(TEXT, [_at("We won"), _at(",”")]) == [(_at("We won")[0], _at(",”")[1])]


def test_gold_spans_from_the_first_annotator_file(tmp_path: Path) -> None:
    (article,) = load_split(_write_split(tmp_path), "test")
    assert article.name == "nyt_2016-11-01_tiny"
    assert article.spans["source"] == {_at("Smith"), _at("Jones")}
    assert article.spans["cue"] == {_at("said"), _at("said", 1)}
    assert article.spans["content"] == {_at("that taxes rose"), _at("We won"), _at("and we will win again")}


def test_univocal_drops_attributions_inside_another_content() -> None:
    assert univocal(PREDICTED) == PREDICTED[:3]


def test_content_holding_its_own_cue_is_cut_around_it() -> None:
    passive = _attribution("Smith", _at("rose"), _at("that taxes rose. “We won"))
    spans = predicted_spans([passive], TEXT)
    assert spans["content"] == {_at("that taxes"), _at("We won")}


def test_scorer_exact_numbers(tmp_path: Path) -> None:
    (article,) = load_split(_write_split(tmp_path), "test")
    scorer = Scorer()
    scorer.add(article, PREDICTED)
    figures = scorer.figures()
    for kind in ("source", "cue"):
        assert (figures[kind]["exact_p"], figures[kind]["exact_r"], figures[kind]["token_f1"]) == (
            1.0,
            1.0,
            1.0,
        )
    content = figures["content"]
    assert content["exact_p"] == pytest.approx(2 / 3)
    assert content["exact_r"] == pytest.approx(2 / 3)
    assert content["exact_f1"] == pytest.approx(2 / 3)
    # gold content tokens: that taxes rose We won and we will win again (10); predicted: 8 of them
    assert content["token_p"] == pytest.approx(1.0)
    assert content["token_r"] == pytest.approx(0.8)
    assert content["token_f1"] == pytest.approx(2 * 0.8 / 1.8)


def test_evaluate_polnear_with_a_given_extractor(tmp_path: Path) -> None:
    def extractor(doc: Doc, article_id: str) -> list[Attribution]:
        assert doc.text == TEXT and article_id == "nyt_2016-11-01_tiny"
        return PREDICTED[:1]

    report = evaluate_polnear(_write_split(tmp_path), "test", extractor=extractor)
    assert report["articles"] == 1
    scores = report["scores"]
    assert isinstance(scores, dict)
    assert scores["source"]["exact_r"] == pytest.approx(0.5)
    assert scores["content"]["exact_p"] == pytest.approx(1.0)
    assert float(str(report["articles_per_s"])) > 0


def test_missing_split_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="no PolNeAR split 'dev'"):
        load_split(tmp_path, "dev")


def test_gold_article_is_immutable() -> None:
    article = GoldArticle("a", "text", {"source": frozenset(), "cue": frozenset(), "content": frozenset()})
    with pytest.raises(AttributeError):
        article.name = "b"  # type: ignore[misc]


def test_three_real_test_articles() -> None:
    if not (BENCH / "polnear" / "data" / "test").is_dir():
        pytest.skip(f"PolNeAR not found under {BENCH} (the shared benchmark sets live there)")
    report = evaluate_polnear(BENCH, "test", limit=3)
    assert report["articles"] == 3
    scores = report["scores"]
    assert isinstance(scores, dict)
    for kind in ("source", "cue", "content"):
        assert scores[kind]["gold"] > 0
        assert 0.0 < scores[kind]["exact_f1"] <= 1.0
        assert 0.0 < scores[kind]["token_f1"] <= 1.0
