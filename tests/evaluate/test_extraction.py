"""The extraction benchmark's metric, and a short run on the real set when it is present."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from storyline.evaluate.extraction import (
    PageScore,
    evaluate_extraction,
    score_page,
    shingles,
    summarize,
    tokenize,
)

REPO = Path(__file__).resolve().parents[2]


def _bench_dir() -> Path:
    """The shared bench folder: ``$STORYLINE_BENCH``, beside the repo, or /work/shared/bench."""
    candidates = [Path(os.environ["STORYLINE_BENCH"])] if os.environ.get("STORYLINE_BENCH") else []
    candidates += [REPO.parent / "shared" / "bench", Path("/work/shared/bench")]
    for candidate in candidates:
        if (candidate / "extraction" / "ground-truth.json").is_file():
            return candidate
    pytest.skip(
        "extraction benchmark not found (looked for extraction/ground-truth.json under "
        + ", ".join(map(str, candidates))
        + ")"
    )


def test_tokens_are_word_runs_with_case_kept() -> None:
    assert tokenize("Don't stop—the U.S. said: 42%!") == ["Don", "t", "stop", "the", "U", "S", "said", "42"]


def test_shingles_are_a_multiset_of_word_4_grams() -> None:
    assert shingles("a b c d a b c d") == {
        ("a", "b", "c", "d"): 2,
        ("b", "c", "d", "a"): 1,
        ("c", "d", "a", "b"): 1,
        ("d", "a", "b", "c"): 1,
    }
    assert shingles("too short") == {("too", "short"): 1}
    assert shingles(" ,. ") == {}


def test_page_score_counts_shared_extra_and_missed_grams_normalised() -> None:
    score = score_page(truth="one two three four five", predicted="one two three four")
    assert (score.tp, score.fp, score.fn) == (0.5, 0.0, 0.5)
    assert (score.precision, score.recall) == (1.0, 0.5)
    assert score.f1 == pytest.approx(2 / 3)
    assert not score.exact
    assert score_page("Same words, here too.", "Same words here too").exact
    assert score_page("Case Matters a lot", "case matters a lot").tp == 0.0


def test_summary_takes_f1_from_mean_precision_and_mean_recall() -> None:
    perfect = PageScore(1.0, 0.0, 0.0)
    half = PageScore(0.5, 0.5, 0.0)  # precision 0.5, recall 1
    empty_output = PageScore(0.0, 0.0, 1.0)  # no prediction: counts for recall only
    figures = summarize([perfect, half, empty_output])
    assert figures["precision"] == 0.75
    assert figures["recall"] == pytest.approx(2 / 3)
    assert figures["f1"] == pytest.approx(2 * 0.75 * (2 / 3) / (0.75 + 2 / 3))
    assert figures["accuracy"] == pytest.approx(1 / 3)
    assert figures["f1_0_8_share"] == pytest.approx(1 / 3)


words = st.lists(st.sampled_from(["the", "ferry", "Sailed", "again", "42", "é"]), max_size=30)


@given(words, words)
def test_scores_are_shares_and_a_text_matches_itself(truth_words: list[str], pred_words: list[str]) -> None:
    truth, predicted = " ".join(truth_words), ". ".join(pred_words)
    score = score_page(truth, predicted)
    for value in (score.precision, score.recall, score.f1):
        assert 0.0 <= value <= 1.0
    if truth_words or pred_words:
        assert score.tp + score.fp + score.fn == pytest.approx(1.0)
    same = score_page(truth, truth)
    assert same.exact and same.f1 == 1.0


def test_missing_data_dir_is_a_clear_error(tmp_path: Path) -> None:
    with pytest.raises(FileNotFoundError, match="extraction benchmark not found"):
        evaluate_extraction(tmp_path / "nowhere")


def test_three_real_pages_side_by_side_with_trafilatura() -> None:
    report = evaluate_extraction(_bench_dir(), limit=3)
    assert report["set"] == "extraction" and report["pages"] == 3
    baseline = report["baseline"]
    assert isinstance(baseline, dict) and baseline["name"] == "trafilatura"
    for figures in (report, baseline):
        for key in ("f1", "precision", "recall", "accuracy", "f1_0_8_share"):
            assert 0.0 <= float(str(figures[key])) <= 1.0
        assert float(str(figures["pages_per_s"])) > 0
    assert float(str(report["f1"])) >= 0.9
