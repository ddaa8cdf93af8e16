"""Attributions: source, cue and content spans from the parse, on made-up sentences and the seeds."""

from __future__ import annotations

from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from spacy.tokens import Doc

from storyline.model import Attribution, Span
from storyline.read.attributions import _cue_lemmas, find_attributions
from storyline.read.cues import quotations, source_kind
from storyline.read.nlp import load_pipeline, parse
from storyline.read.quote_runs import claimed_quotes as _claimed
from storyline.read.source_phrase import source_range
from storyline.read.span_edges import tail_cut

Row = tuple[str | None, str, str, str, bool]
"""(source span text, cue, content, source kind, direct)."""


def _rows(text: str) -> list[Row]:
    return [_row(a, text) for a in find_attributions(parse(text), "a1")]


def _row(attribution: Attribution, text: str) -> Row:
    source = attribution.source_span.text(text) if attribution.source_span else None
    content = attribution.content_span.text(text)
    return (source, attribution.cue, content, attribution.source_kind, attribution.direct)


def test_reported_speech_keeps_that_and_drops_the_addressee() -> None:
    text = "Prime Minister Teodor Kask told reporters that the dam was a question of survival."
    assert _rows(text) == [
        ("Prime Minister Teodor Kask", "told", "that the dam was a question of survival", "person", False)
    ]


def test_quote_before_the_cue_is_direct_content_without_marks() -> None:
    text = "“We will keep talking every week,” President Maren Dovic said on Thursday."
    assert ("President Maren Dovic", "said", "We will keep talking every week", "person", True) in _rows(text)


def test_quote_after_a_colon_runs_over_sentences_and_is_found_once() -> None:
    text = "The minister said: “The border will stay open. Trade will go on.”"
    assert _rows(text) == [
        ("The minister", "said", "The border will stay open. Trade will go on.", "person", True)
    ]


def test_split_quote_gives_one_attribution_per_part() -> None:
    text = "“The border will stay open,” the minister said, “and trade will go on.”"
    contents = [row[2] for row in _rows(text)]
    assert contents == ["The border will stay open", "and trade will go on."]


def test_quote_continues_after_the_cue_sentence_and_across_paragraphs() -> None:
    text = (
        "“There is more work to do,” he added. “The farmers are waiting.\n“And they will not wait forever.”"
    )
    rows = _rows(text)
    assert [row[2] for row in rows] == [
        "There is more work to do",
        "The farmers are waiting.\n“And they will not wait forever.",
    ]
    assert {row[:2] for row in rows} == {("he", "added")}


@pytest.mark.parametrize(
    ("text", "source", "content"),
    [
        (
            "According to the Daily Meridian, the deal includes a new dam.",
            "the Daily Meridian",
            "the deal includes a new dam",
        ),
        (
            "The deal includes a new dam, according to officials briefed on the talks.",
            "officials briefed on the talks",
            "The deal includes a new dam",
        ),
    ],
)
def test_according_to_before_or_after_the_clause(text: str, source: str, content: str) -> None:
    (row,) = _rows(text)
    assert row[:3] == (source, row[1], content)
    assert row[1].lower() == "according to"


def test_hedged_cue_keeps_reportedly() -> None:
    text = "Trump reportedly reaffirmed that igniting a war with Iran is not the preferred option."
    (row,) = _rows(text)
    assert row[:2] == ("Trump", "reportedly reaffirmed")


def test_passive_description_has_no_source() -> None:
    text = "While the meetings were described as productive, officials confirmed that no decisions were made."
    rows = _rows(text)
    assert (None, "were described as", "the meetings were described as productive", "unknown", False) in rows
    assert ("officials", "confirmed", "that no decisions were made", "anonymous", False) in rows


def test_as_clause_attributes_the_main_clause() -> None:
    text = "The treaty was signed, as the Kestrel Courier reported on Monday."
    assert _rows(text) == [("the Kestrel Courier", "reported", "The treaty was signed", "outlet", False)]


def test_relative_pronoun_source_names_its_antecedent() -> None:
    text = "The ministry, which announced the deal on Monday, said it would take effect in May."
    doc = parse(text)
    first = find_attributions(doc, "a1")[0]
    assert first.source_span is not None and first.source_span.text(text) == "which"
    assert (first.source_text, first.source_kind) == ("The ministry", "org")


def test_relative_clause_is_not_part_of_the_source() -> None:
    text = "Kask, who spoke on condition of anonymity, said the deal was close."
    assert ("Kask", "said", "the deal was close", "person", False) in _rows(text)


def test_negated_cue() -> None:
    assert _rows("Kask did not say whether the dam would open.")[0][1] == "did not say"


def test_spans_are_offsets_into_the_text() -> None:
    text = "Local media reported that the dam would open, and the ministry said it was ready."
    for attribution in find_attributions(parse(text), "a9"):
        assert attribution.cue_span.article_id == "a9"
        assert attribution.cue_span.text(text) == attribution.cue
        assert attribution.source_span is not None
        assert attribution.source_span.text(text) == attribution.source_text


@pytest.mark.parametrize(
    ("text", "head", "label", "kind"),
    [
        ("The Israeli daily Haaretz", None, None, "outlet"),
        ("Hebrew-language reports", None, None, "media"),
        ("Reports", None, None, "media"),
        ("Some Israeli officials", None, "NORP", "anonymous"),
        ("a senior official", None, None, "anonymous"),
        ("Israeli analysts", None, "NORP", "anonymous"),
        ("he", None, None, "person"),
        ("U.S. Ambassador to Israel Mike Huckabee", "Ambassador", "ORG", "person"),
        ("the Trump administration", None, None, "org"),
        ("The White House", "House", "ORG", "org"),
        ("A statement from the ministry", "statement", None, "document"),
        ("the outcome", None, None, "unknown"),
    ],
)
def test_source_kind(text: str, head: str | None, label: str | None, kind: str) -> None:
    assert source_kind(text, label, head) == kind


def test_quotations_pair_marks_and_run_over_paragraphs() -> None:
    text = "He said “a” and 'b' and \"c\".\n“First part.\n“Second part.”\nNo “end here\nnext."
    inner = [text[q.inner[0] : q.inner[1]] for q in quotations(text)]
    assert inner == ["a", "c", "First part.\n“Second part."]


@given(st.text(alphabet='ab “”"\n.', max_size=60))
def test_quotations_are_ordered_and_inside_the_text(text: str) -> None:
    previous_end = 0
    for quote in quotations(text):
        assert (
            previous_end <= quote.outer[0] <= quote.inner[0] <= quote.inner[1] <= quote.outer[1] <= len(text)
        )
        previous_end = quote.outer[1]


# --- PolNeAR span conventions (each rule measured on PolNeAR's train split) ---------------


def _spans(text: str) -> set[tuple[str | None, str, str]]:
    return {row[:3] for row in _rows(text)}


def test_cues_inside_a_quotation_are_the_speakers_words() -> None:
    text = "“The minister told us that the dam was safe,” Kask said."
    assert _spans(text) == {("Kask", "said", "The minister told us that the dam was safe")}


def test_think_and_know_are_cues_only_before_a_clause() -> None:
    assert _spans("Senator Ilse Marrow thinks the levy will fail.") == {
        ("Senator Ilse Marrow", "thinks", "the levy will fail")
    }
    assert _rows("The port authority knows the rules.") == []
    assert _spans("The Sellin Post has learned that the levy will be delayed.") == {
        ("The Sellin Post", "has learned", "that the levy will be delayed")
    }


def test_object_content_stops_before_a_trailing_which_clause_or_apposition() -> None:
    text = "Marrow accused the ministry of hiding the figures, which the ministry denies."
    assert ("Marrow", "accused", "the ministry of hiding the figures") in _spans(text)
    text = "Marrow criticized the levy, a measure she called unfair."
    assert ("Marrow", "criticized", "the levy") in _spans(text)


def test_gerund_after_a_preposition_shares_the_subject() -> None:
    text = "Kask defended the levy by citing a survey of grain farmers."
    assert ("Kask", "citing", "a survey of grain farmers") in _spans(text)


def test_infinitive_after_an_adjective_shares_the_subject() -> None:
    text = "Kask was able to tout his record on grain."
    assert _spans(text) == {("Kask", "was able to tout", "his record on grain")}


def test_participle_with_a_by_agent_judges_its_noun() -> None:
    text = "The levy, opposed by the farmers' union, never became law."
    assert _spans(text) == {("the farmers' union", "opposed", "The levy")}


def test_trailing_cue_participle_is_its_own_attribution_of_the_same_speaker() -> None:
    text = "Marrow said the levy would hurt farmers, adding that prices had already risen."
    assert _spans(text) == {
        ("Marrow", "said", "the levy would hurt farmers"),
        ("Marrow", "adding", "that prices had already risen"),
    }


def test_a_date_stays_out_of_a_cue_before_its_content_and_in_it_after() -> None:
    assert _spans("Marrow said on Monday that the levy would hurt farmers.") == {
        ("Marrow", "said", "that the levy would hurt farmers")
    }
    assert _spans("“The levy is dead,” Marrow said Tuesday.") == {
        ("Marrow", "said Tuesday", "The levy is dead")
    }
    assert _rows("Kask replied on Monday.") == []


def test_the_verb_a_cue_infinitive_hangs_from_joins_the_cue() -> None:
    assert _spans("Kask was quick to point out that the dam had never flooded.") == {
        ("Kask", "was quick to point out", "that the dam had never flooded")
    }
    assert _spans("Kask tried to explain that the dam had never flooded.") == {
        ("Kask", "tried to explain", "that the dam had never flooded")
    }
    assert _spans("The minister went on to praise the engineers.") == {
        ("The minister", "went on to praise", "the engineers")
    }
    assert _spans("Marrow urged the ministry to delay the levy.") == {
        ("Marrow", "urged", "the ministry to delay the levy")
    }


def test_when_of_a_clause_is_no_part_of_the_cue() -> None:
    text = "When asked about the levy, Marrow said it was dead."
    assert ("Marrow", "asked about", "the levy") in _spans(text)


def test_reported_content_runs_on_to_the_end_of_a_quotation_it_opens() -> None:
    text = "Marrow argued that “only Kask can win. Marrow can’t.” Then she left."
    assert _spans(text) == {("Marrow", "argued", "that “only Kask can win. Marrow can’t.")}


def test_relative_pronoun_object_is_the_content() -> None:
    assert _spans("The levy, which Kask opposes, passed on Monday.") == {("Kask", "opposes", "which")}
    text = "Kask visited the port, which he described as a ruse."
    assert _spans(text) == {("he", "described", "which he described as a ruse")}


def test_calling_for_someone_to_act() -> None:
    assert _spans("Marrow is calling for the ministry to delay the levy.") == {
        ("Marrow", "is calling for", "the ministry to delay the levy")
    }


def test_a_one_word_answer_is_the_content() -> None:
    assert ("Kask", "said", "no") in _spans("Asked whether the dam would open, Kask said no.")
    assert _spans("Kask would not say when.") == {("Kask", "would not say", "when")}


def test_quote_after_the_cue_with_a_word_the_parse_hangs_on_the_cue() -> None:
    text = "Marrow said, “as long as we’re not breaking any rules.”"
    assert _spans(text) == {("Marrow", "said", "as long as we’re not breaking any rules.")}


def test_a_subject_on_the_line_above_is_not_the_source() -> None:
    text = (
        "The Latest on the levy vote (all times local):\n\n12:15 p.m.:\n\n"
        "President Ilse Marrow says that she is not plotting to close the port.\n"
    )
    assert _spans(text) == {("President Ilse Marrow", "says", "that she is not plotting to close the port")}


def _doc(words: list[str], heads: list[int], deps: list[str], tags: list[str] | None = None) -> Doc:
    """A hand-parsed doc: the parser attaches datelines and asides differently from one text to
    the next, so these tests fix the parse the rule is about."""
    return Doc(load_pipeline().vocab, words=words, heads=heads, deps=deps, tags=tags)


def test_source_leaves_out_a_wire_dateline() -> None:
    words = "SELLIN ( Kestrel Wire ) — Senator Ilse Marrow says it is over".split()
    heads = [8, 3, 3, 0, 3, 8, 8, 8, 9, 9, 11, 9, 11]
    deps = ["npadvmod", "punct", "compound", "appos", "punct", "punct", "compound", "compound", "nsubj"]
    doc = _doc(words, heads, [*deps, "ROOT", "nsubj", "ccomp", "acomp"])
    assert source_range(doc[8], (9, 9), (0, len(doc.text))) == (6, 8)


def test_source_leaves_out_a_participle_aside() -> None:
    words = ["Ilse", "Marrow", ",", "speaking", "at", "a", "rally", ",", "said", "it", "was", "over"]
    heads = [1, 8, 1, 1, 3, 6, 4, 1, 8, 10, 8, 10]
    deps = ["compound", "nsubj", "punct", "acl", "prep", "det", "pobj", "punct", "ROOT", "nsubj", "ccomp"]
    tags = ["NNP", "NNP", ",", "VBG", "IN", "DT", "NN", ",", "VBD", "PRP", "VBD", "RB"]
    doc = _doc(words, heads, [*deps, "acomp"], tags)
    assert source_range(doc[1], (8, 8), (0, len(doc.text))) == (0, 1)


def test_clausal_content_leaves_out_a_trailing_according_to() -> None:
    words = "Kask said the dam would open , according to officials".split()
    doc = _doc(
        words,
        [1, 1, 3, 5, 5, 1, 5, 5, 7, 8],
        "nsubj ROOT det nsubj aux ccomp punct prep prep pobj".split(),
    )
    end = tail_cut(doc[5], len(doc.text))
    assert doc.text[doc[2].idx : end].rstrip() == "the dam would open"


def test_source_is_the_phrase_before_a_cue_inside_it() -> None:
    text = "A farmers group supporting the levy released a poll."
    assert _spans(text) == {("A farmers group", "supporting", "the levy")}


def test_an_adverb_inside_the_quote_does_not_part_it_from_the_cue() -> None:
    assert _spans("“Really,” she added when the minister paused.") == {("she", "added", "Really")}


# --- the seeds (../shared) --------------------------------------------------------------


def _seed(shared: Path, prefix: str) -> tuple[str, list[Attribution]]:
    (path,) = sorted((shared / "seeds").glob(f"{prefix}_*.txt"))
    text = path.read_text(encoding="utf-8")
    return text, find_attributions(parse(text), path.stem)


def _triples(text: str, attributions: list[Attribution]) -> set[tuple[str | None, str, str]]:
    return {(a.source_span.text(text) if a.source_span else None, a.cue, a.source_kind) for a in attributions}


def test_seed_001_sources_cues_and_kinds(shared: Path) -> None:
    text, attributions = _seed(shared, "001")
    expected = {
        ("Israeli media outlets", "have reported", "media"),
        ("Hebrew-language reports", "According to", "media"),
        ("Trump", "reportedly reaffirmed", "person"),
        ("The Israeli daily Haaretz", "wrote", "outlet"),
        ("Trump", "suggested", "person"),
        ("Israeli analysts", "also pointed to", "anonymous"),
        ("Some", "believe", "anonymous"),
        ("Reports", "suggested", "media"),
        ("Israeli public broadcaster Kan", "reported", "outlet"),
        ("Some Israeli officials", "arguing", "anonymous"),
        ("U.S. Ambassador to Israel Mike Huckabee", "reportedly affirmed", "person"),
    }
    assert expected <= _triples(text, attributions)


def test_seed_001_haaretz_content_keeps_that(shared: Path) -> None:
    text, attributions = _seed(shared, "001")
    haaretz = next(a for a in attributions if a.source_text == "The Israeli daily Haaretz")
    assert haaretz.content_span.text(text).startswith(
        "that Netanyahu emerged from the meeting “empty-handed,”"
    )


def test_seed_000_hedged_anonymous_and_passive(shared: Path) -> None:
    text, attributions = _seed(shared, "000")
    rows = {_row(a, text) for a in attributions}
    insisted = next(r for r in rows if r[1] == "reportedly insisted")
    assert insisted[0] == "President Trump"
    assert insisted[2].startswith("that ongoing negotiations with Iran must proceed")
    confirmed = next(r for r in rows if r[1] == "confirmed")
    assert confirmed[0] == "officials"
    expected = "that no final decisions were made on how to handle Iran’s nuclear ambitions"
    assert confirmed[2] == expected + " or the specific parameters of a new nuclear deal"
    assert confirmed[3] == "anonymous"
    passive = next(r for r in rows if r[1] == "were described as")
    assert passive[0] is None and passive[3] == "unknown"
    assert passive[2] == "the meetings were described as productive"


def test_regarding_introduces_a_topic_not_a_claim() -> None:
    text = (
        "President Maren Dovic returned from Sellin without a deal, particularly regarding the levy on grain."
    )
    assert [row for row in _rows(text) if row[1].endswith("regarding")] == []


def test_cue_lemmas_keep_only_the_verbs_a_cue_can_have() -> None:
    doc = parse("Kask met Dovic. He said the talks were useful, and Kask thinks they will go on.")
    verbs = {token.lemma for token in doc if token.pos_ == "VERB"}
    assert {doc.vocab.strings[lemma] for lemma in verbs} == {"meet", "say", "think", "go"}
    assert {doc.vocab.strings[lemma] for lemma in _cue_lemmas(doc, verbs)} == {"say", "think"}


def test_claimed_quotations_are_those_holding_a_cue() -> None:
    text = "“They said no,” Kask said. “We asked,” she added. Dovic wrote “fine” and left."
    quotes = quotations(text)
    assert [text[q.outer[0] : q.outer[1]] for q in quotes] == ["“They said no,”", "“We asked,”", "“fine”"]

    def cue(word: str, nth: int = 0) -> Attribution:
        start = [i for i in range(len(text)) if text.startswith(word, i)][nth]
        span = Span("a1", start, start + len(word))
        return Attribution(None, span, span, "", word, "unknown")

    found = [cue("said"), cue("said", 1), cue("asked"), cue("wrote")]
    assert _claimed(quotes, found) == {quotes[0].outer, quotes[1].outer}
    assert _claimed(quotes, []) == set()
    assert _claimed([], found) == set()


def test_noun_with_a_that_clause_is_a_cue_and_its_possessive_the_source() -> None:
    text = "His warning that the dam could fail went unheeded."
    assert _rows(text) == [("His", "warning", "that the dam could fail", "person", False)]


def test_noun_cue_held_by_a_verb_joins_the_verb_and_its_subject() -> None:
    assert _spans("Kask made the argument that the levy was unfair.") == {
        ("Kask", "made the argument", "that the levy was unfair")
    }


def test_attitude_adjective_after_be_is_a_cue() -> None:
    assert _spans("Senator Maren Dovic has been deeply skeptical of the new levy.") == {
        ("Senator Maren Dovic", "has been deeply skeptical of", "the new levy")
    }
    assert _spans("The minister is confident that the talks will succeed.") == {
        ("The minister", "is confident", "that the talks will succeed")
    }


def test_a_poll_opening_the_sentence_is_the_source_of_the_rest() -> None:
    text = "In a Daily Meridian poll released Monday, 52 percent of voters chose Kask."
    assert _spans(text) == {
        ("a Daily Meridian poll released Monday", "In", "52 percent of voters chose Kask")
    }


def test_trailing_cue_participle_after_a_quote_is_its_own_attribution() -> None:
    text = "Kask insisted that the plan had “saved the valley,” claiming that exports had doubled."
    assert _spans(text) == {
        ("Kask", "insisted", "that the plan had “saved the valley"),
        ("Kask", "claiming", "that exports had doubled"),
    }


def test_trailing_cue_participle_leaves_an_object_content() -> None:
    text = "Dovic denounced the farmers who blocked the road, saying the protest had gone too far."
    assert _spans(text) == {
        ("Dovic", "denounced", "the farmers who blocked the road"),
        ("Dovic", "saying", "the protest had gone too far"),
    }


def test_second_cue_verb_of_the_speaker_is_its_own_attribution() -> None:
    text = "Kask said the dam was safe and said that repairs would start in May."
    assert _spans(text) == {
        ("Kask", "said", "the dam was safe"),
        ("Kask", "said", "that repairs would start in May"),
    }


def test_seeing_a_thing_as_something_is_a_view() -> None:
    assert _spans("Most voters see the levy as unfair.") == {("Most voters", "see", "the levy as unfair")}


def test_phrasal_verb_is_a_cue_only_with_its_particle_or_noun() -> None:
    assert _spans("Dovic lashed out at the farmers' union.") == {
        ("Dovic", "lashed out at", "the farmers' union")
    }
    assert _spans("Marrow took issue with the new levy.") == {("Marrow", "took issue with", "the new levy")}
    assert _spans("Kask laid out a plan for the valley.") == {("Kask", "laid out", "a plan for the valley")}
    assert _rows("Kask laid the book on the table.") == []
    assert _spans("Kask made it clear that the dam would stay.") == {
        ("Kask", "made it clear", "that the dam would stay")
    }


def test_continue_and_read_are_cues_only_before_a_clause_or_quotation() -> None:
    assert _spans("“We will build the dam,” Kask continued.") == {
        ("Kask", "continued", "We will build the dam")
    }
    assert _rows("Kask continued to build the dam.") == []
    assert _spans("The sign read: “Welcome to the valley.”") == {
        ("The sign", "read", "Welcome to the valley.")
    }
    assert _rows("Kask read the report.") == []


def test_add_and_find_are_cues_only_before_a_clause_or_quotation() -> None:
    assert _spans("The study found that wages had risen.") == {("The study", "found", "that wages had risen")}
    assert _rows("Rescuers found a way across the river.") == []
    assert _rows("Kask added a new line to the bill.") == []


def test_wire_copy_quote_marks_hold_the_quote_and_its_continuation() -> None:
    text = "''We will build the dam,'' the minister said. ''Work starts in May.''"
    assert _rows(text) == [
        ("the minister", "said", "We will build the dam", "person", True),
        ("the minister", "said", "Work starts in May.", "person", True),
    ]


def test_straight_and_curly_marks_close_each_other() -> None:
    text = '“The bridge is safe," the engineer said. "Traffic can resume.”'
    quotes = quotations(text)
    assert [text[q.inner[0] : q.inner[1]] for q in quotes] == ["The bridge is safe,", "Traffic can resume."]
    assert [row[2] for row in _rows(text)] == ["The bridge is safe", "Traffic can resume."]


def test_quote_after_a_partly_quoted_content_carries_it_on() -> None:
    text = "Farmers are “tired of waiting for the dam,” Kask said. “They want water now.”"
    assert _rows(text) == [
        ("Kask", "said", "Farmers are “tired of waiting for the dam", "person", False),
        ("Kask", "said", "They want water now.", "person", True),
    ]


def test_as_clause_with_an_object_of_its_own_is_no_aside() -> None:
    assert _rows("The crowd cheered as Kask praised the new dam.") == [
        ("Kask", "praised", "the new dam", "person", False)
    ]
    assert _spans("The levy will go, as Kask reported on Monday.") == {
        ("Kask", "reported", "The levy will go")
    }


def test_complement_in_an_earlier_paragraph_is_not_the_cue_s() -> None:
    text = "“Why would anyone vote for that?”\n\nKask said the levy was a mistake."
    assert _rows(text) == [("Kask", "said", "the levy was a mistake", "person", False)]


def test_leading_conjunction_is_no_part_of_a_sentence_content() -> None:
    assert _spans("But the levy was doomed, according to aides.") == {
        ("aides", "according to", "the levy was doomed")
    }
    assert _spans("And the dam, Kask said, will open in May.") == {
        ("Kask", "said", "the dam, Kask said, will open in May")
    }


def test_split_quote_keeps_its_first_part_when_the_second_is_the_complement() -> None:
    text = "“If the levy stays,” Kask said, “why would farmers stay?”"
    assert _rows(text) == [
        ("Kask", "said", "If the levy stays", "person", True),
        ("Kask", "said", "why would farmers stay?", "person", True),
    ]


def test_parenthetical_cue_keeps_the_words_before_it_in_the_content() -> None:
    text = "Loyalty, he noted, has long been a core value of the party."
    assert _rows(text) == [
        ("he", "noted", "Loyalty, he noted, has long been a core value of the party", "person", False)
    ]


def test_quote_after_a_reported_content_before_its_cue_carries_it_on() -> None:
    text = "The levy is unfair, Kask said on Monday. “It hurts every farmer in the valley.”"
    assert _rows(text) == [
        ("Kask", "said", "The levy is unfair", "person", False),
        ("Kask", "said", "It hurts every farmer in the valley.", "person", True),
    ]


def test_quote_carries_on_the_nearest_cue_before_it() -> None:
    text = "“We are done,” said Kask; “the count was fair,” said Marrow. “It is final.”"
    assert [row[:2] for row in _rows(text) if row[2] == "It is final."] == [("Marrow", "said")]


def test_a_speaker_after_the_cue_verb_of_a_quotation_is_the_source() -> None:
    text = "“The dam will never open,” wrote the Velka Herald."
    assert _spans(text) == {("the Velka Herald", "wrote", "The dam will never open")}


def test_reportedly_on_a_verb_that_is_no_cue_is_a_cue_without_a_source() -> None:
    text = "The Velka council is reportedly drafting a new levy on dams."
    assert _spans(text) == {
        (None, "reportedly", "The Velka council is reportedly drafting a new levy on dams")
    }


def test_an_if_clause_the_parse_makes_adverbial_is_the_content_of_asked() -> None:
    text = "Asked if she was ever bullied, the mayor said no."
    assert _spans(text) == {("the mayor", "Asked", "if she was ever bullied"), ("the mayor", "said", "no")}


def test_later_attitude_adjectives_are_cues_with_their_preposition() -> None:
    assert _spans("The Velka farmers are tired of the levy.") == {
        ("The Velka farmers", "are tired of", "the levy")
    }
    assert _spans("Mayor Marrow has been outspoken about the dam.") == {
        ("Mayor Marrow", "has been outspoken about", "the dam")
    }
    assert _spans("The Velka farmers are leery of the new levy.") == {
        ("The Velka farmers", "are leery of", "the new levy")
    }


def test_put_it_is_a_cue_only_next_to_a_quotation() -> None:
    assert _spans("As Mayor Marrow put it, “The dam is a question of survival.”") == {
        ("Mayor Marrow", "put it", "The dam is a question of survival.")
    }
    assert _spans("Kask put it on the table.") == set()


def test_intend_is_a_cue_and_determine_only_before_a_clause() -> None:
    assert _spans("Kask intends to raise the levy.") == {("Kask", "intends", "to raise the levy")}
    assert _spans("The court determined that the levy was lawful.") == {
        ("The court", "determined", "that the levy was lawful")
    }
    assert _spans("The vote will determine the outcome.") == set()


def test_later_speech_verbs_and_shot_back() -> None:
    assert _spans("“The levy is dead,” Kask shot back.") == {("Kask", "shot back", "The levy is dead")}
    assert _spans("Marrow observed that the dam was empty.") == {
        ("Marrow", "observed", "that the dam was empty")
    }
    assert _spans("Kask scoffed at the levy.") == {("Kask", "scoffed at", "the levy")}


def test_later_stance_and_cognition_verbs() -> None:
    assert _spans("Marrow commended the farmers for their patience.") == {
        ("Marrow", "commended", "the farmers for their patience")
    }
    assert _spans("The council anticipates that the levy will pass.") == {
        ("The council", "anticipates", "that the levy will pass")
    }


def test_castigate_and_refute_are_cues() -> None:
    assert _spans("Kask castigated the council for the levy.") == {
        ("Kask", "castigated", "the council for the levy")
    }
    assert _spans("Marrow refuted the claim that the dam leaked.") == {
        ("Marrow", "refuted", "the claim that the dam leaked")
    }
