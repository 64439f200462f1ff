"""Temporal expressions in made-up sentences: spans as written (TimeML extents) and TIMEX3 values."""

from __future__ import annotations

from datetime import date

import pytest

spacy = pytest.importorskip("spacy")

from natokg.ingest.times import extract_times  # noqa: E402

THURSDAY = date(2026, 2, 12)


def times(nlp, text: str, published: date | None = THURSDAY) -> list[tuple[str, str | None]]:
    return [(t.span.text, t.value) for t in extract_times(nlp(text), published)]


@pytest.mark.parametrize("pipeline", ["blank", "model"])
@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("The minister spoke on Thursday in Rome.", [("Thursday", "2026-02-12")]),
        ("At the start of Thursday's meeting she said so.", [("Thursday", "2026-02-12")]),
        ("The envoy missed a gathering in December.", [("December", "2025-12")]),
        ("Leaders agreed last year to spend more.", [("last year", "2025")]),
        ("The alliance announced this week that it will move.", [("this week", "2026-W07")]),
        ("The talks ended yesterday and resume tomorrow.", [("yesterday", "2026-02-11"), ("tomorrow", "2026-02-13")]),
        ("The summit is scheduled to take place June 24-26.", [("June 24", "2026-06-24"), ("26", "2026-06-26")]),
        ("Washington, June 5, 2025 The secretary spoke.", [("June 5, 2025", "2025-06-05")]),
        ("The pact was signed in the late 1940s and renewed in 1951.", [("the late 1940s", "194"), ("1951", "1951")]),
        ("Now it is time to act, and spending must rise by 2035.", [("Now", "PRESENT_REF"), ("2035", "2035")]),
        ("It has to happen later this month.", [("later this month", "2026-02")]),
        ("Troops will deploy this summer.", [("this summer", "2026-SU")]),
    ],
)
def test_expressions_in_sentences(request, pipeline: str, text: str, expected: list[tuple[str, str]]) -> None:
    nlp = request.getfixturevalue(pipeline)
    assert times(nlp, text) == expected


@pytest.mark.parametrize(
    "text",
    [
        "Allies must spend 5% of GDP and 2 percent on research.",
        "It is time to march out together.",
        "You may go now that the army of 2000 troops has left.",  # 'now' is a time, 2000 troops is not
    ],
)
def test_no_false_dates(blank, text: str) -> None:
    found = times(blank, text)
    assert all(value == "PRESENT_REF" for _, value in found), found


def test_weekday_follows_future_tense(blank, model) -> None:
    text = "The ministers will meet on Monday."
    assert times(blank, text) == [("Monday", "2026-02-16")]
    assert times(model, text) == [("Monday", "2026-02-16")]
    assert times(model, "The ministers met on Monday.") == [("Monday", "2026-02-09")]


def test_month_follows_past_tense(model) -> None:
    # nearest July to a February anchor is the next one, but a past-tense clause means the last one
    assert times(model, "The alliance met in July.", date(2024, 2, 15)) == [("July", "2023-07")]
    assert times(model, "The alliance meets in July.", date(2024, 2, 15)) == [("July", "2024-07")]


def test_without_publication_date_relative_values_are_none(blank) -> None:
    found = extract_times(blank("They met on Thursday, in 1951 and last year."), None)
    assert [(t.span.text, t.value, t.anchor) for t in found] == [
        ("Thursday", None, None),
        ("1951", "1951", None),
        ("last year", None, None),
    ]


def test_spans_match_offsets_and_anchor_is_recorded(blank) -> None:
    text = "On Thursday, in December and this week; the 1990s, for decades."
    for timex in extract_times(blank(text), THURSDAY):
        assert text[timex.span.begin : timex.span.end] == timex.span.text
        assert not timex.span.text.lower().startswith(("on ", "in ", "for "))
    found = {t.span.text: t for t in extract_times(blank(text), THURSDAY)}
    assert found["Thursday"].anchor == THURSDAY
    assert found["the 1990s"].anchor is None  # absolute
    assert (found["decades"].value, found["decades"].timex_type) == ("PXDE", "DURATION")


def test_by_marks_the_mod(blank) -> None:
    (timex,) = extract_times(blank("Allies pledged to reach the target by 2035."), THURSDAY)
    assert (timex.span.text, timex.value, timex.mod) == ("2035", "2035", "ON_OR_BEFORE")


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_future_in_another_clause_does_not_move_a_past_weekday(request, pipeline: str) -> None:
    nlp = request.getfixturevalue(pipeline)
    text = "Allies will deploy more troops next month, the ministry announced on Monday."
    assert times(nlp, text) == [("next month", "2026-03"), ("Monday", "2026-02-09")]


def test_complement_of_a_future_verb_is_future(model) -> None:
    # a Thursday anchor: "Monday" is the next one when the clause looks ahead
    assert times(model, "The summit is scheduled to take place on Monday.") == [("Monday", "2026-02-16")]
    assert times(model, "We look forward to welcoming them on Monday.") == [("Monday", "2026-02-16")]


def test_generic_present_today_is_present_ref(model) -> None:
    # the values are stated by hand: "today" as "nowadays" (TimeML PRESENT_REF), the meeting day otherwise
    assert times(model, "We discussed the threats that we face today.") == [("today", "PRESENT_REF")]
    assert times(model, "The threats we face today are grave.") == [("today", "PRESENT_REF")]
    assert times(model, "Ministers who meet today will decide.") == [("today", "2026-02-12")]
    assert times(model, "Ministers meet today in Brussels.") == [("today", "2026-02-12")]


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_a_year_in_a_name_is_no_time(request, pipeline: str) -> None:
    nlp = request.getfixturevalue(pipeline)
    assert times(nlp, "Allies adapt through the NATO 2030 initiative.") == []
    assert times(nlp, "Allies will spend more by 2030.") == [("2030", "2030")]
    assert times(nlp, "By 2030 allies will spend more.") == [("2030", "2030")]
    assert times(nlp, "In June 2030 allies met.") == [("June 2030", "2030-06")]


def test_a_few_weeks_is_a_vague_reference(blank) -> None:
    doc = blank("In just a few weeks, leaders will meet. A few days ago it rained. In a few words: no.")
    found = [(t.span.text, t.value) for t in extract_times(doc, date(2023, 6, 16))]
    assert found == [("In just a few weeks", "FUTURE_REF"), ("A few days ago", "PAST_REF")]
