"""Consolidation's array look-up ranks the same candidates as the grouper's own, merges or not."""

from __future__ import annotations

from hypothesis import given, settings
from hypothesis import strategies as st

from storyline.stories import SIGNALS, GrouperConfig, StreamGrouper
from storyline.stories.index import POSTING_CAP, StoryProfile
from storyline.stories.merge_lookup import MergeLookup

NAMES = [f"name{i}" for i in range(6)]
KEYS = [f"n:{name}" for name in NAMES]


def grouper_with(stories: list[list[int]]) -> StreamGrouper:
    """Stories ``s0, s1, ...`` (seq 1, 2, ...), each posted under the names its list gives."""
    grouper = StreamGrouper(GrouperConfig(signals=frozenset(SIGNALS) - {"embedding"}))
    for number, names in enumerate(stories):
        story_id = f"s{number}"
        profile = grouper.profiles[story_id] = StoryProfile(id=story_id, title="", seq=number + 1)
        profile.article_ids.append(f"a{number}")
        for name in names:
            profile.sums["names"][NAMES[name]] = 1.0
            grouper.postings.add(KEYS[name], story_id)
    return grouper


def merge(grouper: StreamGrouper, lookup: MergeLookup, kept: str, merged: str) -> None:
    changed = grouper.postings.track_changes()
    grouper.merge(kept, merged)
    grouper.postings.stop_tracking()
    lookup.merged(kept, merged, changed)


def assert_same_candidates(grouper: StreamGrouper, lookup: MergeLookup, keys: list[str]) -> None:
    for story_id in grouper.profiles:
        assert lookup.ranked(keys, exclude=story_id) == grouper._ranked(keys, story_id)


STORIES = st.lists(st.lists(st.integers(0, 3), min_size=1, max_size=3), min_size=2, max_size=120)
"""Up to 120 stories on four names: postings overflow their cap, so merges push stories out."""


@settings(max_examples=60, deadline=None)
@given(STORIES, st.lists(st.tuples(st.integers(0, 119), st.integers(0, 119)), max_size=12), st.data())
def test_candidates_match_the_grouper_before_and_after_merges(
    stories: list[list[int]], merges: list[tuple[int, int]], data: st.DataObject
) -> None:
    grouper = grouper_with(stories)
    lookup = MergeLookup(grouper)
    keys = data.draw(st.lists(st.sampled_from(KEYS), min_size=1, max_size=4, unique=True))
    assert_same_candidates(grouper, lookup, keys)
    for a, b in merges:
        kept, merged = f"s{a % len(stories)}", f"s{b % len(stories)}"
        kept, merged = grouper.resolve(kept), grouper.resolve(merged)
        if kept != merged:
            merge(grouper, lookup, kept, merged)
        assert_same_candidates(grouper, lookup, keys)


def test_a_merge_counts_the_merged_story_for_the_kept_one_and_refreshes_pushed_out_postings() -> None:
    # s0 has name0 and name1; s1..s48 fill name1's posting; s49 has name0 only
    grouper = grouper_with([[0, 1]] + [[1]] * POSTING_CAP + [[0]])
    lookup = MergeLookup(grouper)
    assert lookup.ranked([], exclude="s49") == grouper._ranked([], "s49") == []
    assert lookup.ranked(["n:nobody"], exclude="s49") == []
    assert lookup.ranked([KEYS[0], KEYS[1]], exclude="s49") == ["s48", "s47", "s46"] + [
        f"s{n}" for n in range(45, 24, -1)
    ]
    assert "s0" not in grouper.postings.stories(KEYS[1])  # pushed out of name1's posting
    merge(grouper, lookup, "s49", "s0")  # s49 takes name1 from s0, pushing s1 out
    assert grouper.postings.stories(KEYS[1])[-1] == "s49"
    assert lookup.ranked([KEYS[0], KEYS[1]], exclude="s48") == ["s49", "s47", "s46"] + [
        f"s{n}" for n in range(45, 24, -1)
    ]
    assert lookup.ranked([KEYS[0], KEYS[1]], exclude="s48") == grouper._ranked([KEYS[0], KEYS[1]], "s48")
