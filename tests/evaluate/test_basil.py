"""The BASIL lexical-bias evaluation: its scoring on made-up data, and a short run on the real set."""

from __future__ import annotations

import json
import os
from pathlib import Path

import pytest

from storyline.evaluate.basil import (
    TEST_YEARS,
    TUNE_YEARS,
    Sentence,
    evaluate_lexicon,
    load_sentences,
    resolve_data_dir,
    score,
    term_report,
)

REPO = Path(__file__).resolve().parents[2]


def _bench_dir() -> Path:
    """The shared bench folder: ``$STORYLINE_BENCH``, beside the repo, or /work/shared/bench."""
    candidates = [Path(os.environ["STORYLINE_BENCH"])] if os.environ.get("STORYLINE_BENCH") else []
    candidates += [REPO.parent / "shared" / "bench", Path("/work/shared/bench")]
    for candidate in candidates:
        if (candidate / "basil" / "annotations").is_dir():
            return candidate
    pytest.skip(
        "BASIL not found (expected ../shared/bench/basil or $STORYLINE_BENCH/basil); it is not in the repo"
    )


def _write_event(root: Path) -> None:
    """One made-up article and its annotations, in BASIL's layout and field names."""
    (root / "articles" / "2016").mkdir(parents=True)
    (root / "annotations" / "2016").mkdir(parents=True)
    article = {
        "title": "Senator caves on budget",
        "body-paragraphs": [
            ["The senator slammed the plan.", "Aides said it was fine."],
            ['Critics called it "a reckless gamble" on Monday.', "The vote is on Friday."],
        ],
    }
    phrases = [
        {"id": "title", "bias": "lex", "start": 8, "end": 13, "quote": "no", "txt": "caves"},
        {"id": "p0", "bias": "lex", "start": 12, "end": 19, "quote": "no", "txt": "slammed"},
        {"id": "p1", "bias": "inf", "start": 0, "end": 23, "quote": "no", "txt": "Aides said it was fine."},
        {"id": "p2", "bias": "lex", "start": 16, "end": 35, "quote": "yes", "txt": '"a reckless gamble"'},
        {"id": "p3", "bias": "lex", "start": 4, "end": 8, "quote": "no", "txt": "vote"},
    ]
    (root / "articles" / "2016" / "e1_1.json").write_text(json.dumps(article), encoding="utf-8")
    annotation = {"phrase-level-annotations": phrases}
    (root / "annotations" / "2016" / "e1_1_ann.json").write_text(json.dumps(annotation), encoding="utf-8")


def test_sentences_follow_the_basil_layout(tmp_path: Path) -> None:
    _write_event(tmp_path / "basil")
    sentences = list(load_sentences(tmp_path))
    assert [s.text for s in sentences][:2] == ["Senator caves on budget", "The senator slammed the plan."]
    title, slammed, aides, quoted, vote = sentences
    assert title.gold == ((8, 13),) and title.terms == ("cave",)
    assert slammed.gold == ((12, 19),) and slammed.predicted == ((12, 19),)
    assert aides.gold == ()  # informational bias is not scored
    assert quoted.gold == () and quoted.gold_quoted == 1 and quoted.predicted == ()  # quoted voice
    assert vote.gold == ((4, 8),) and vote.predicted == ()


def test_scores_on_the_made_up_event(tmp_path: Path) -> None:
    _write_event(tmp_path)
    report = evaluate_lexicon(tmp_path)
    assert report["sentence"] == {"precision": 1.0, "recall": 2 / 3, "f1": 0.8, "tp": 2, "fp": 0, "fn": 1}
    assert report["counts"]["gold_quoted_spans_not_scored"] == 1
    assert report["counts"]["sentences"] == 5


def test_score_counts_span_and_token_overlap() -> None:
    sentences = [
        Sentence("a deeply reckless plan", gold=((2, 17),), predicted=((9, 17),), terms=("reckless",)),
        Sentence("a historic day", gold=(), predicted=((2, 10),), terms=("historic",)),
        Sentence("they caved in", gold=((5, 13),), predicted=(), terms=()),
    ]
    report = score(sentences)
    assert report["sentence"]["tp"] == 1 and report["sentence"]["fp"] == 1 and report["sentence"]["fn"] == 1
    assert report["span"]["precision"] == 0.5 and report["span"]["recall"] == 0.5
    assert (report["token"]["tp"], report["token"]["fp"], report["token"]["fn"]) == (1, 1, 3)


def test_missing_data_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="BASIL not found"):
        resolve_data_dir(tmp_path)


def test_splits_do_not_overlap() -> None:
    assert not set(TUNE_YEARS) & set(TEST_YEARS)
    assert sorted(TUNE_YEARS + TEST_YEARS) == list(range(2010, 2020))


def test_a_few_real_basil_files() -> None:
    bench = _bench_dir()
    report = evaluate_lexicon(bench, TEST_YEARS, limit=9)
    counts = report["counts"]
    assert counts["sentences"] > 100
    assert counts["gold_spans"] > 0 and counts["predicted_spans"] > 0
    sentence = report["sentence"]
    assert sentence["tp"] + sentence["fn"] == counts["gold_positive_sentences"]
    assert sentence["tp"] + sentence["fp"] == counts["predicted_positive_sentences"]
    for level in ("sentence", "span", "token"):
        assert 0.0 <= report[level]["precision"] <= 1.0 and 0.0 <= report[level]["recall"] <= 1.0
    assert term_report(bench, TUNE_YEARS[:1])  # the tuning view lists terms
