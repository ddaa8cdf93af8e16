"""The streaming grouper on tiny fictional articles: joins, new stories, time, copies, merges, state."""

from __future__ import annotations

import json

from storyline.language.embeddings import static_embedder
from storyline.model import Article
from storyline.stories import GrouperConfig, StreamGrouper
from storyline.stories.features import article_features, extract, header_day, parse_day
from storyline.stories.scoring import SIGNALS, restrict, same_days


def quake(
    i: int, day: str, place: str = "Brenholt", toll: int = 14, official: str = "Marta Quill"
) -> Article:
    """A fictional earthquake report; ``i`` varies the wording."""
    openings = ["A strong earthquake struck", "An earthquake of magnitude 6.2 hit", "A powerful quake shook"]
    return Article(
        id=f"q{i}-{place}-{day}",
        title=f"Earthquake in {place} province kills {toll}",
        text=(
            f"{openings[i % 3]} {place} province in Oskaria on {day}, killing at least {toll} people. "
            f"Rescue teams searched collapsed houses in the villages of {place}, governor {official} said. "
            f"The Oskarian seismic office said aftershocks were likely in {place} and advised residents "
            "to stay outdoors."
        ),
        origin=f"test:{i}",
        published=f"{day}T10:00:00+00:00",
    )


def election(i: int) -> Article:
    return Article(
        id=f"e{i}",
        title="Tarvel mayor wins second term",
        text=(
            "Mayor Ines Vlahos of Tarvel won a second term on Sunday with 58 percent of the vote, "
            f"the city's election board said. Vlahos promised new tram lines (report {i})."
        ),
        origin=f"test:e{i}",
        published="2031-05-04T20:00:00+00:00",
    )


def test_reports_of_one_event_join_and_another_event_stays_apart() -> None:
    grouper = StreamGrouper()
    first = grouper.assign(quake(0, "2031-05-02"))
    assert first.reason == "new" and first.score == 0.0
    second = grouper.assign(quake(1, "2031-05-02"))
    assert second.story_id == first.story_id and second.reason == "similar" and second.score > 0
    assert grouper.assign(election(0)).story_id != first.story_id
    assert len(grouper.stories()) == 2


def test_two_similar_events_days_apart_are_separate_stories() -> None:
    grouper = StreamGrouper()
    a = grouper.assign(quake(0, "2031-05-02", "Brenholt", 14, "Marta Quill"))
    grouper.assign(quake(1, "2031-05-02", "Brenholt", 14, "Marta Quill"))
    b = grouper.assign(quake(2, "2031-05-15", "Selvane", 3, "Juno Harrick"))
    assert a.story_id != b.story_id


def test_undated_articles_are_grouped_by_content() -> None:
    grouper = StreamGrouper()
    undated = [
        Article(id=f"u{i}", text=quake(i, "2031-05-02").text, origin="t", title=None) for i in range(3)
    ]
    ids = {grouper.assign(a).story_id for a in undated}
    assert len(ids) == 1
    (story,) = grouper.stories()
    assert story.title.startswith("A strong earthquake struck Brenholt")  # first sentence when untitled
    assert story.first_published is None


def test_copies_follow_their_canonical_article_and_ids_are_stable() -> None:
    grouper = StreamGrouper()
    original = quake(0, "2031-05-02")
    copy = Article(id="copy", text=original.text, origin="t2", copy_of=original.id, title="Other headline")
    story_id = grouper.assign(original).story_id
    assignment = grouper.assign(copy)
    assert (assignment.story_id, assignment.reason, assignment.score) == (story_id, "copy", 1.0)
    assert grouper.assign(original).story_id == story_id  # an article seen again keeps its story
    assert story_id.startswith("st-")


def test_consolidation_merges_and_records_it() -> None:
    grouper = StreamGrouper(GrouperConfig(threshold=100.0, merge_threshold_dated=-100.0))
    a = grouper.assign(quake(0, "2031-05-02")).story_id
    b = grouper.assign(quake(1, "2031-05-02")).story_id
    assert a != b  # the impossible join threshold kept them apart
    merges = grouper.consolidate()
    assert len(merges) == 1 and {merges[0].kept, merges[0].merged} == {a, b}
    kept, merged = merges[0].kept, merges[0].merged
    (story,) = grouper.stories()
    assert story.id == kept and story.merged_from == (merged,)
    assert grouper.resolve(merged) == kept
    assert set(grouper.membership().values()) == {kept}
    assert grouper.consolidate() == []  # nothing changed since


def test_state_round_trips_through_json_and_the_stream_continues() -> None:
    grouper = StreamGrouper()
    for i in range(2):
        grouper.assign(quake(i, "2031-05-02"))
    grouper.assign(election(0))
    state = json.loads(json.dumps(grouper.to_state()))
    assert state["format"] == "storyline.grouper/1"
    assert {row["article_id"] for row in state["articles"]} == {
        "q0-Brenholt-2031-05-02",
        "q1-Brenholt-2031-05-02",
        "e0",
    }
    restored = StreamGrouper.from_state(state)
    assert restored.membership() == grouper.membership()
    assert [s.id for s in restored.stories()] == [s.id for s in grouper.stories()]
    later = restored.assign(quake(2, "2031-05-03"))
    assert later.story_id == grouper.membership()["q0-Brenholt-2031-05-02"]
    assert restored.assign(election(1)).story_id == grouper.membership()["e0"]


def test_signals_can_be_switched_off() -> None:
    weights = restrict({"terms": 1.0, "names": 2.0, "bias": -1.0}, frozenset({"terms"}))
    assert weights == {"terms": 1.0, "names": 0.0, "bias": -1.0}
    grouper = StreamGrouper(GrouperConfig(signals=frozenset({"terms", "time"})))
    assert grouper.assign(quake(0, "2031-05-02")).reason == "new"
    assert set(SIGNALS) == {"terms", "names", "places", "numbers", "embedding", "time"}


def test_features_names_aliases_places_dates() -> None:
    features = extract(
        "WASHINGTON — Prime Minister Anna Korvel met the actress Lindsay Lohan in Malibu on Friday, "
        "and the two talked about the city's plans for a new film school. Later that evening Lohan left.",
        title=None,
        published="2031-05-02T10:00:00+02:00",
    )
    assert "anna korvel" in features.names and "korvel" in features.names  # alias of the full name
    assert "prime" not in features.names and "minister" not in features.names
    assert "lohan" in features.names and "malibu" in features.places and "washington" in features.places
    assert features.day == parse_day("2031-05-02")
    assert header_day("Lohan checks in\nMay 3, 2013\nText.") == parse_day("2013-05-03")
    assert parse_day(None) is None and parse_day("not a date") is None


def test_reports_published_within_a_storys_dates_get_the_same_days_bonus() -> None:
    with_bonus, without = StreamGrouper(), StreamGrouper(GrouperConfig(same_days_bonus=0.0))
    for grouper in (with_bonus, without):
        grouper.assign(quake(0, "2031-05-02"))
    same_day = quake(1, "2031-05-03")
    a, b = with_bonus.assign(same_day), without.assign(same_day)
    assert a.story_id == b.story_id
    assert abs(a.score - b.score - GrouperConfig().same_days_bonus) < 1e-3
    story = with_bonus.profiles[a.story_id]
    later = with_bonus._probe(with_bonus._prepare(quake(2, "2031-06-20")))  # weeks away: no bonus
    assert not same_days(later, story)
    assert same_days(with_bonus._probe(with_bonus._prepare(quake(3, "2031-05-05"))), story)


def test_a_guessed_header_date_counts_as_a_year_and_conflicting_years_count_against() -> None:
    header = extract("Updated: May 3, 2013\nThe Saints placed Pierre Thomas on injured reserve.")
    assert header.day_inferred and header.years.get("2013", 0) > 0
    dated = extract("The Saints placed Pierre Thomas on injured reserve.", published="2013-05-03")
    assert not dated.day_inferred and "2013" not in dated.years
    grouper = StreamGrouper()
    grouper.assign(Article(id="s1", text="Saints place Bush on injured reserve in 2008. " * 3, origin="t"))
    prepared = grouper._prepare(
        Article(id="s2", text="Saints place Thomas on injured reserve in 2011. " * 3, origin="t")
    )
    ((_, features),) = grouper._candidate_features(prepared)
    assert features["years_missing_article"] == 1.0 and features["years_missing_story"] == 1.0


def test_features_made_elsewhere_give_the_same_assignments(example_articles: list[Article]) -> None:
    here, given = StreamGrouper(), StreamGrouper()
    embedder = static_embedder()
    for article in example_articles:
        made = None if article.copy_of else article_features(article, embedder)
        assert given.assign(article, made) == here.assign(article)
    assert given.stories() == here.stories()
    assert len(here.stories()) > 1


def test_article_features_have_pieces_only_for_english() -> None:
    english = article_features(quake(0, "2031-05-02"), static_embedder())
    assert english.features == extract(
        quake(0, "2031-05-02").text, quake(0, "2031-05-02").title, "2031-05-02T10:00:00+00:00"
    )
    assert english.pieces == static_embedder().pieces(english.features.lead) and english.pieces
    german = Article(
        id="de", text="Die Regierung hat am Montag die neue Brücke über den Fluss eröffnet.", origin="t"
    )
    assert article_features(german, static_embedder()).pieces is None
    assert article_features(quake(0, "2031-05-02"), None).pieces is None
