"""The analyst's questions of issue 11, section 3, each answered by one named query.

Gold answers are written by hand from the article text (and, for the background, from
/work/shared/background-facts.md), with and without the background graph.
"""

from __future__ import annotations

import pytest
from conftest import Answer
from rdflib import Dataset

import natokg

MEETING = "nkr:defence-ministers-meeting-2026-02"


def rows(results: natokg.Results, *columns: str) -> list[tuple[str | None, ...]]:
    return [tuple(None if r[c] is None else str(r[c]) for c in columns) for r in results.to_dicts()]


@pytest.mark.parametrize("graphs", [None, "asserted"])
def test_cq13_where_and_when_the_defence_ministers_met(dataset: Dataset, graphs: str | None, answer: Answer) -> None:
    # "at NATO headquarters in Brussels" ... "Thursday"; Belgium, 12 February 2026 from the background
    results = answer(dataset, "cq13", {"event": MEETING}, graphs=graphs)
    background = graphs is None
    assert rows(results, "placeLabel", "stateLabel", "timeAsWritten", "timeValue", "eventDate") == [
        (
            "NATO headquarters",
            "Belgium" if background else None,
            "Thursday",
            "2026-02-12" if background else None,
            "2026-02-12" if background else None,
        )
    ]
    if background:
        assert "state: background" in str(results.to_dicts()[0]["basis"])


def test_cq13_the_december_meeting_from_the_background(dataset: Dataset, answer: Answer) -> None:
    # the article says only "a gathering of the alliance's foreign ministers in December"
    december = {"event": "nkr:foreign-ministers-meeting-2025-12"}
    assert rows(answer(dataset, "cq13", december), "placeLabel", "stateLabel", "timeValue", "eventDate") == [
        ("Brussels", "Belgium", "2025-12", "2025-12-03")
    ]
    assert rows(answer(dataset, "cq13", december, graphs="asserted"), "placeLabel", "timeValue") == [(None, None)]


def test_cq14_who_took_part_in_the_meeting_and_how(dataset: Dataset, inferred_dataset: Dataset, answer: Answer) -> None:
    stated = {
        ("Elbridge Colby", "representative"),
        ("United States", "represented"),
        ("Pete Hegseth", "absent"),
        ("NATO", "organiser (host)"),
        ("NATO defence ministers", "participant"),
    }
    assert set(rows(answer(dataset, "cq14", {"event": MEETING}), "actorLabel", "role")) == stated
    # "At the start of Thursday's meeting, NATO Secretary General Mark Rutte said": inferred (spokeAt)
    inferred = answer(inferred_dataset, "cq14", {"event": MEETING, "how": "Speaker"})
    assert rows(inferred, "actorLabel", "role", "basis") == [("Mark Rutte", "speaker", "inferred from the article")]


def test_cq14_says_when_the_answer_needs_inferences(dataset: Dataset, answer: Answer) -> None:
    results = answer(dataset, "cq14", {"how": "speaker"})
    assert not results.rows and "without --no-inferred" in str(results.note) and "inferred=True" in str(results.note)
    assert answer(dataset, "cq14", {"how": "absent"}).note is None


def test_cq15_causes_and_responses_with_both_sides_evidence(dataset: Dataset, answer: Answer) -> None:
    results = answer(dataset, "cq15")
    assert sorted(rows(results, "causeLabel", "relation", "effectLabel")) == sorted(
        [
            ("Hegseth does not attend the NATO defence ministers' meeting", "prompted", QUESTIONS),
            ("Rubio misses the NATO foreign ministers' meeting", "prompted", QUESTIONS),
            ("Repeated tensions between Trump and European nations", "prompted", QUESTIONS),
            (TRUMP_DEMAND, "responds to", "NATO leaders agree to spend 5% of GDP on defence"),
            ("European nations agree to lead Europe's conventional defence", "because", REASSURANCE),
        ]
    )
    prompted = [r for r in results.to_dicts() if str(r["relation"]) == "prompted"]
    assert all("have prompted fresh questions" in str(r["effectEvidence"]) for r in prompted)
    assert any("Marco Rubio missed" in str(r["causeEvidence"]) for r in prompted)


QUESTIONS = "European officials and commentators question Washington's commitment to NATO"
TRUMP_DEMAND = "Trump calls on European nations to spend more on their military"
REASSURANCE = "Colby reassures European allies of a strong basis for working together"


def test_cq16_statements_by_topic_in_any_case(dataset: Dataset, answer: Answer) -> None:
    # "Trump has repeatedly called on European nations to spend more" and Rutte's "significant increases"
    spending = answer(dataset, "cq16", {"topic": "Defence SPENDING"})
    assert rows(spending, "speakerLabel", "kind") == [("Donald Trump", "Demand"), ("Mark Rutte", "Statement")]
    partnership = answer(dataset, "cq16", {"topic": "partnership"})
    assert {r[0] for r in rows(partnership, "speakerLabel", "audienceLabel")} == {"Elbridge Colby"}
    assert ("Elbridge Colby", "reporters") in rows(partnership, "speakerLabel", "audienceLabel")
    assert not answer(dataset, "cq16", {"topic": "no such topic"}).rows


@pytest.mark.parametrize("topic", ["command structure", "the command structure", "NATO's Command STRUCTURE"])
def test_cq16_finds_the_command_structure_however_it_is_asked(dataset: Dataset, topic: str, answer: Answer) -> None:
    # "NATO announced this week that the US will turn over two of its major command posts - in Naples,
    # Italy and Norfolk, Virginia - to European officers": NATO's announcement about its command structure
    results = answer(dataset, "cq16", {"topic": topic})
    assert rows(results, "speakerLabel", "kind", "topics", "basis") == [
        ("NATO", "Announcement", "NATO command structure", "article (curated)")
    ]


def test_cq16_matches_each_word_of_the_topic_in_the_article_s_words(dataset: Dataset, answer: Answer) -> None:
    # the words of the sentence itself, in another order and case: "two of its major command posts"
    assert rows(answer(dataset, "cq16", {"topic": "Posts of COMMAND"}), "speakerLabel") == [("NATO",)]
    # every word must occur: "spending" is nowhere in what NATO announced about its command posts
    assert not answer(dataset, "cq16", {"topic": "command spending"}).rows


def test_cq17_profile_of_colby(dataset: Dataset, answer: Answer) -> None:
    profile = answer(dataset, "cq17")  # default: Elbridge Colby
    found = set(rows(profile, "aspect", "what"))
    assert ("post", "Pentagon's No. 3 post") in found
    assert ("quotation", "partnership rather than dependency") in found
    assert ("relation", "Colby represents the US at the meeting instead of Hegseth") in found
    assert ("statement", "Colby calls for a NATO based on partnership rather than dependency") in found
    assert all(r["evidence"] for r in profile.to_dicts() if str(r["basis"]).startswith("article"))
    rubio = set(rows(answer(dataset, "cq17", {"actor": "nkr:marco-rubio"}), "aspect", "what"))
    assert ("membership", "Trump administration") in rubio and (
        "relation",
        "Rubio misses the NATO foreign ministers' meeting",
    ) in rubio
