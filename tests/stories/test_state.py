"""The grouper's state in pieces, as the store keeps it: a head, changed profiles, dropped ids."""

from __future__ import annotations

import json

from storyline.model import StoryAssignment
from storyline.stories import StreamGrouper, from_rows, saved_state
from tests.stories.test_grouper import election, quake


def _assignments(grouper: StreamGrouper) -> list[StoryAssignment]:
    return list(grouper.assignments.values())


def test_a_save_writes_only_the_stories_changed_since_the_last_one() -> None:
    grouper = StreamGrouper()
    quake_story = grouper.assign(quake(0, "2031-05-02")).story_id
    election_story = grouper.assign(election(0)).story_id
    first = saved_state(grouper)
    assert sorted(first.profiles) == sorted([quake_story, election_story])
    assert first.dropped == ()
    assert json.loads(first.head)["format"] == "storyline.grouper/2"
    assert "stories" not in json.loads(first.head)

    grouper.assign(quake(1, "2031-05-02"))
    second = saved_state(grouper)
    assert list(second.profiles) == [quake_story]
    assert json.loads(second.profiles[quake_story])["article_ids"] == [
        "q0-Brenholt-2031-05-02",
        "q1-Brenholt-2031-05-02",
    ]
    assert saved_state(grouper).profiles == {}


def test_a_story_merged_away_is_dropped() -> None:
    grouper = StreamGrouper()
    kept = grouper.assign(quake(0, "2031-05-02")).story_id
    merged = grouper.assign(election(0)).story_id
    saved_state(grouper)
    grouper.merge(kept, merged)
    saved = saved_state(grouper)
    assert list(saved.profiles) == [kept]
    assert saved.dropped == (merged,)
    assert json.loads(saved.head)["aliases"] == {merged: kept}


def test_rows_restore_a_grouper_that_continues_like_the_original() -> None:
    grouper = StreamGrouper()
    for i in range(2):
        grouper.assign(quake(i, "2031-05-02"))
    grouper.assign(election(0))
    saved = saved_state(grouper)
    restored = from_rows(json.loads(saved.head), saved.profiles.values(), _assignments(grouper))
    assert restored.membership() == grouper.membership()
    assert [s.id for s in restored.stories()] == [s.id for s in grouper.stories()]
    assert saved_state(restored).profiles == {}  # nothing changed since it was loaded
    later = restored.assign(quake(2, "2031-05-03"))
    assert later.story_id == grouper.assign(quake(2, "2031-05-03")).story_id
    assert restored.assign(election(1)).story_id == grouper.membership()["e0"]


def test_a_whole_state_loads_with_every_story_to_save() -> None:
    grouper = StreamGrouper()
    grouper.assign(quake(0, "2031-05-02"))
    grouper.assign(election(0))
    restored = StreamGrouper.from_state(json.loads(json.dumps(grouper.to_state())))
    assert sorted(saved_state(restored).profiles) == sorted(s.id for s in grouper.stories())


def test_a_head_of_another_format_is_refused() -> None:
    try:
        from_rows({"format": "storyline.grouper/1"}, [], [])
    except ValueError as error:
        assert "storyline.grouper/2" in str(error)
    else:
        raise AssertionError("accepted a whole state as a head")
