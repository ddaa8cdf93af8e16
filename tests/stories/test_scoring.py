"""The bounded score gives the full score to the last bit, or None only when that stays under the floor."""

from __future__ import annotations

import numpy as np
from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stories.index import CHANNELS, StoryProfile, weigh
from storyline.stories.scoring import WEIGHTS, Probe, logit, logit_reaching, pair_features, story_probe

KEYS = st.sampled_from([f"k{i}" for i in range(12)])
BAGS = st.dictionaries(KEYS, st.integers(1, 5), max_size=8)
DAYS = st.none() | st.floats(min_value=0.0, max_value=400.0)


@st.composite
def profiles(draw: st.DrawFn) -> StoryProfile:
    """A story of one to three articles with channel bags, an embedding and dates."""
    profile = StoryProfile(id="s", title="")
    for _ in range(draw(st.integers(1, 3))):
        vectors = {c: weigh(draw(BAGS), {}, 10) for c in CHANNELS}
        embedding = np.array(draw(st.lists(st.floats(-1, 1), min_size=4, max_size=4)), dtype=np.float32)
        profile.add(vectors, embedding)
        profile.widen(draw(DAYS), draw(st.booleans()))
    return profile


@settings(max_examples=200, deadline=None)
@given(
    profiles(),
    profiles(),
    st.floats(min_value=-8.0, max_value=12.0),
    st.sampled_from(["article", "story", "same"]),
)
def test_bounded_score_is_the_full_score_or_sure_to_miss_the_floor(
    article: StoryProfile, story: StoryProfile, floor: float, side: str
) -> None:
    """``same`` scores a story against itself: every cosine is 1, the bound's very edge."""
    if side == "same":
        probe = story_probe(story)
    else:
        probe = story_probe(article) if side == "story" else _article_probe(article)
    full = logit(pair_features(probe, story), WEIGHTS)
    bounded = logit_reaching(probe, story, WEIGHTS, floor)
    if bounded is None:
        assert full < floor
    else:
        assert repr(bounded) == repr(full)


def _article_probe(profile: StoryProfile) -> Probe:
    """An article-like probe: unit vectors per channel, a unit embedding, one day."""
    vectors = {c: weigh(profile.sums[c], {}, 10) for c in CHANNELS}
    embedding = profile.embedding
    if embedding is not None and np.linalg.norm(embedding):
        embedding = embedding / np.linalg.norm(embedding)
    return Probe(vectors, embedding, profile.first_day, profile.first_day, profile.day_inferred)


def test_a_pair_far_apart_in_time_skips_the_cosines_and_a_close_one_does_not() -> None:
    vectors = {c: weigh({"quake": 2, "city": 1}, {}, 10) for c in CHANNELS}
    story = StoryProfile(id="s", title="")
    story.add(vectors, None)
    story.widen(100.0, False)
    near = Probe(vectors, None, 101.0, 101.0, False)
    far = Probe(vectors, None, 400.0, 400.0, False)
    assert logit_reaching(far, story, WEIGHTS, -0.5) is None
    assert logit(pair_features(far, story), WEIGHTS) < -0.5
    score = logit_reaching(near, story, WEIGHTS, 4.0)
    assert score is not None and repr(score) == repr(logit(pair_features(near, story), WEIGHTS))
