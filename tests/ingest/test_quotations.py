"""Quotations on made-up sentences: quote marks, apostrophes, unbalanced marks, cues, speakers, audience."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from natokg.ingest.actors import extract_mentions
from natokg.ingest.gazetteer import Gazetteer
from natokg.ingest.model import Quotation
from natokg.ingest.quotations import attribute_quotations, find_quote_spans

spacy = pytest.importorskip("spacy")
Language = spacy.language.Language


def quotes(text: str) -> list[str]:
    spans, _ = find_quote_spans(text)
    return [s.text for s in spans]


def attribute(nlp_each: Language, gaz: Gazetteer, text: str) -> list[Quotation]:
    doc = nlp_each(text)
    spans, _ = find_quote_spans(text)
    return attribute_quotations(doc, spans, extract_mentions(doc, gaz))


def who(quotations: list[Quotation]) -> list[tuple[str, str | None]]:
    return [(q.quote.text, q.speaker.label if q.speaker else None) for q in quotations]


# --- find_quote_spans ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "inside"),
    [
        ('He said "we are ready" today.', ["we are ready"]),
        ("He said “we are ready” today.", ["we are ready"]),
        ('He said “we are ready" today.', ["we are ready"]),  # typographic open, straight close
        ('He said "we are ready” today.', ["we are ready"]),  # straight open, typographic close
        ("Colby sees 'strong basis' for working with Europeans", ["strong basis"]),
        ("Colby sees ‘strong basis’ for working", ["strong basis"]),
        ('"One," he said. "Two."', ["One,", "Two."]),
    ],
)
def test_every_kind_of_quotation_mark(text: str, inside: list[str]) -> None:
    spans, warnings = find_quote_spans(text)
    assert [s.text for s in spans] == inside and warnings == []
    assert all(text[s.begin : s.end] == s.text for s in spans)


@pytest.mark.parametrize(
    "text",
    [
        "The Pentagon's No. 3 post and Hegseth’s absence",
        "It's time; the allies' budgets rose in the '90s.",
        "NATO’s allies",
    ],
)
def test_apostrophes_are_not_quotation_marks(text: str) -> None:
    assert find_quote_spans(text) == ([], [])


def test_single_quotes_inside_a_quotation_are_part_of_it() -> None:
    assert quotes("He said \"the 'new' plan is it's best\" today.") == ["the 'new' plan is it's best"]


def test_an_unclosed_mark_is_reported_by_offset_and_the_rest_is_kept() -> None:
    text = 'He said "yes and left.\nRutte said "no" and stayed.'
    spans, warnings = find_quote_spans(text)
    assert [s.text for s in spans] == ["no"]
    assert warnings == ["unbalanced quotation mark at offset 8: not closed before the paragraph ends"]


def test_a_stray_closing_mark_is_reported() -> None:
    spans, warnings = find_quote_spans("He left” and “came back”.")
    assert [s.text for s in spans] == ["came back"]
    assert warnings == ["unbalanced quotation mark at offset 7: a closing mark with no opening one"]


def test_a_quotation_that_runs_on_into_the_next_paragraph() -> None:
    text = '"We will stay the course.\n"And we will win," he said.'
    spans, warnings = find_quote_spans(text)
    assert [s.text for s in spans] == ["We will stay the course.", "And we will win,"] and warnings == []


@given(st.text(alphabet=st.sampled_from(list("ab '\"“”‘’\n.,")), max_size=60))
def test_never_crashes_and_spans_are_the_text_between_marks(text: str) -> None:
    spans, warnings = find_quote_spans(text)
    for s in spans:
        assert text[s.begin : s.end] == s.text and s.text.strip()
        assert text[s.begin - 1] in "\"“'‘"
    assert all("offset" in w for w in warnings)


# --- attribute_quotations -----------------------------------------------------------------------


@pytest.mark.parametrize(
    ("text", "speaker", "cue"),
    [
        ('"We are ready to act," Rutte said.', "Mark Rutte", "Rutte said"),
        ('"We are ready to act," said Rutte.', "Mark Rutte", "said Rutte"),
        ('"We are ready to act," Rutte continued.', "Mark Rutte", "Rutte continued"),
        ('"We are ready to act," Rutte added.', "Mark Rutte", "Rutte added"),
        ('"We are ready to act," Rutte told reporters.', "Mark Rutte", "Rutte told"),
        ('Rutte said: "We are ready to act."', "Mark Rutte", "Rutte said"),
        ('As Rutte has noted, "we are ready to act."', "Mark Rutte", "Rutte has noted"),
        ('According to Rutte, "we are ready to act."', "Mark Rutte", "According to Rutte"),
        ('Rutte: "We are ready to act."', "Mark Rutte", "Rutte"),
    ],
)
def test_each_cue_form(nlp_each: Language, gaz: Gazetteer, text: str, speaker: str, cue: str) -> None:
    (q,) = attribute(nlp_each, gaz, text)
    assert (q.quote.text, q.speaker.label, q.cue.text) == (text[text.index('"') + 1 : text.rindex('"')], speaker, cue)


def test_a_pronoun_cue_is_resolved_to_its_person(nlp_each: Language, gaz: Gazetteer) -> None:
    text = 'Rutte arrived early.\n"We are seeing increases in spending," he said.'
    assert who(attribute(nlp_each, gaz, text)) == [("We are seeing increases in spending,", "Mark Rutte")]


def test_an_unresolved_pronoun_cue_still_makes_a_quotation(nlp_each: Language, gaz: Gazetteer) -> None:
    text = '"Now it is time," he told reporters.'
    (q,) = attribute(nlp_each, gaz, text)
    assert q.speaker is None and q.audience is not None and q.audience.label == "reporters"


def test_a_second_quotation_in_the_paragraph_continues_the_first(nlp_each: Language, gaz: Gazetteer) -> None:
    text = '"We are already seeing increases," he said. "Investment is up by billions."'
    doc_text = "Rutte spoke.\n" + text
    assert who(attribute(nlp_each, gaz, doc_text)) == [
        ("We are already seeing increases,", "Mark Rutte"),
        ("Investment is up by billions.", "Mark Rutte"),
    ]


def test_a_new_paragraph_that_opens_with_a_quotation_and_no_cue_continues(nlp_each: Language, gaz: Gazetteer) -> None:
    text = '"The goal is deterrence," Hegseth said.\n"It cannot be reliance on America."'
    assert who(attribute(nlp_each, gaz, text)) == [
        ("The goal is deterrence,", "Pete Hegseth"),
        ("It cannot be reliance on America.", "Pete Hegseth"),
    ]


def test_no_continuation_across_a_paragraph_with_no_quotation(nlp_each: Language, gaz: Gazetteer) -> None:
    text = '"The goal is deterrence," Hegseth said.\nAllies met later.\n"It cannot be reliance on America."'
    assert who(attribute(nlp_each, gaz, text))[-1] == ("It cannot be reliance on America.", None)


@pytest.mark.parametrize(
    "text",
    [
        'The world of the so-called "unipolar moment" is gone.',
        'The plan was "robust" overall.',
        'Throughout the Cold War, "NATO 1.0" was defined by realism.',
    ],
)
def test_scare_quotes_are_not_quotations(nlp_each: Language, gaz: Gazetteer, text: str) -> None:
    assert attribute(nlp_each, gaz, text) == []


def test_a_short_quotation_with_a_speech_cue_is_kept(nlp_each: Language, gaz: Gazetteer) -> None:
    assert who(attribute(nlp_each, gaz, '"Robust," Rutte said.')) == [("Robust,", "Mark Rutte")]


def test_a_short_quotation_a_person_is_subject_of(nlp_model: Language, gaz: Gazetteer) -> None:
    text = "Colby sees 'strong basis' for working with Europeans"
    assert who(attribute(nlp_model, gaz, text)) == [("strong basis", "Elbridge Colby")]


def test_the_subject_of_the_verb_a_quotation_depends_on(nlp_model: Language, gaz: Gazetteer) -> None:
    text = 'Pentagon policy chief Elbridge Colby called on Thursday for NATO to be based on "partnership and trust".'
    assert who(attribute(nlp_model, gaz, text)) == [("partnership and trust", "Elbridge Colby")]


def test_audience_of_a_verb_of_thanking_and_of_to(nlp_model: Language, gaz: Gazetteer) -> None:
    thanked = attribute(nlp_model, gaz, 'Hegseth then thanked Rutte for having "hard and necessary" talks with him.')
    assert [(q.speaker.label, q.audience.label) for q in thanked] == [("Pete Hegseth", "Mark Rutte")]
    text = 'Colby offered reassurance to European allies, declaring that "we have a really strong basis."'
    (q,) = attribute(nlp_model, gaz, text)
    assert (q.speaker.label, q.audience.label) == ("Elbridge Colby", "European allies")


def test_no_audience_where_none_is_stated(nlp_each: Language, gaz: Gazetteer) -> None:
    (q,) = attribute(nlp_each, gaz, '"We are ready to act," Rutte said.')
    assert q.audience is None


def test_the_speaker_of_told_reporters_colon_is_the_subject(nlp_each: Language, gaz: Gazetteer) -> None:
    text = 'Hegseth, the defense secretary, told reporters: "The plan is on track and funded."'
    (q,) = attribute(nlp_each, gaz, text)
    assert (q.speaker.label, q.audience.label) == ("Pete Hegseth", "reporters")


def test_said_with_a_titled_name_after_it_is_the_person_not_the_organisation(
    nlp_each: Language, gaz: Gazetteer
) -> None:
    text = '"Allies are stepping up," said NATO Secretary General Mark Rutte.'
    (q,) = attribute(nlp_each, gaz, text)
    assert (q.speaker.label, q.cue.text) == ("Mark Rutte", "said NATO Secretary General Mark Rutte")


def test_audience_of_thanked_with_and_without_the_model(nlp_each: Language, gaz: Gazetteer) -> None:
    (q,) = attribute(nlp_each, gaz, 'Hegseth thanked Rutte for his "hard and necessary" work.')
    assert (q.speaker.label, q.audience.label) == ("Pete Hegseth", "Mark Rutte")


def test_the_audience_of_you_is_the_last_other_person_named(nlp_each: Language, gaz: Gazetteer) -> None:
    text = 'Hegseth hosted Rutte at the Pentagon. "I thank you for coming," Hegseth said.'
    assert [(q.speaker.label, q.audience and q.audience.label) for q in attribute(nlp_each, gaz, text)] == [
        ("Pete Hegseth", "Mark Rutte")
    ]


def test_told_earlier_in_the_paragraph_gives_the_audience(nlp_model: Language, gaz: Gazetteer) -> None:
    # With the model: without a parse "he" goes to the last person named, Rutte, the audience itself.
    text = 'Allies must spend more, Hegseth told Rutte. "The time is now," he said.'
    assert [q.audience and q.audience.label for q in attribute(nlp_model, gaz, text)] == ["Mark Rutte"]


def test_quotations_of_one_speaker_in_a_paragraph_share_the_audience(nlp_model: Language, gaz: Gazetteer) -> None:
    text = (
        'Rubio hosted Rutte. "We met in June," Rubio said. "You were right about that."\n'
        'Later, "all is well," Rubio said.'
    )
    found = attribute(nlp_model, gaz, text)
    assert [(q.quote.text, q.audience and q.audience.label) for q in found] == [
        ("We met in June,", "Mark Rutte"),
        ("You were right about that.", "Mark Rutte"),
        ("all is well,", None),
    ]


def test_a_news_conference_is_the_reporters(nlp_model: Language, gaz: Gazetteer) -> None:
    text = '"We will not be dragged into war," Hegseth told a news conference.'
    assert [q.audience and q.audience.label for q in attribute(nlp_model, gaz, text)] == ["reporters"]


def test_a_quoted_title_is_no_quotation(nlp_each: Language, gaz: Gazetteer) -> None:
    text = "The minister used the department’s plan, the “Guidance for Alliances and Partners,” as a guide."
    assert attribute(nlp_each, gaz, text) == []
    text = "The minister said: “Guidance for Alliances and Partners.”"
    assert who(attribute(nlp_each, gaz, text))[0][0] == "Guidance for Alliances and Partners."
