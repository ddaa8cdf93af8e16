"""The index's small numeric helpers give, to the last bit, what their plain definitions give."""

from __future__ import annotations

from itertools import repeat
from operator import mul

import numpy as np
from hypothesis import given
from hypothesis import strategies as st

from storyline.stories.index import StoryProfile, dot, top

KEYS = st.text(alphabet="abcdef", min_size=1, max_size=3)
WEIGHTS = st.sampled_from([0.0, 0.25, 0.5, 1.0]) | st.floats(min_value=0.0, max_value=10.0, allow_nan=False)
VECTORS = st.dictionaries(KEYS, WEIGHTS, max_size=30)


@given(VECTORS, st.integers(min_value=0, max_value=40))
def test_top_is_heaviest_first_and_equal_weights_in_key_order(vec: dict[str, float], k: int) -> None:
    assert top(vec, k) == sorted(vec.items(), key=lambda kv: (-kv[1], kv[0]))[:k]


@given(VECTORS, VECTORS)
def test_dot_of_shared_keys_equals_the_full_product_sum(a: dict[str, float], b: dict[str, float]) -> None:
    small, large = (a, b) if len(a) <= len(b) else (b, a)
    full = float(sum(map(mul, small.values(), map(large.get, small, repeat(0.0)))))
    assert repr(dot(a, b)) == repr(full)


def test_top_breaks_ties_by_key() -> None:
    assert top({"b": 1.0, "a": 1.0, "c": 2.0, "d": 0.5}, 3) == [("c", 2.0), ("a", 1.0), ("b", 1.0)]


def test_embedding_norm_follows_the_sum_it_was_worked_out_of() -> None:
    profile = StoryProfile(id="s", title="")
    assert profile.embedding_norm() == 0.0
    profile.add({}, np.array([3.0, 4.0], dtype=np.float32))
    assert profile.embedding_norm() == 5.0
    profile.add({}, np.array([3.0, 4.0], dtype=np.float32))
    assert profile.embedding_norm() == 10.0
    profile.embedding = np.array([0.0, 2.0], dtype=np.float32)  # as a saved state is restored
    assert profile.embedding_norm() == 2.0
