"""Event mentions in made-up sentences: kind, CAMEO code, agent, participants, place, time, quantity."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest
from rdflib import URIRef

spacy = pytest.importorskip("spacy")

from natokg.errors import InputError  # noqa: E402
from natokg.ingest.cameo import cameo_notations, known_code, load_lexicon  # noqa: E402
from natokg.ingest.events import extract_events  # noqa: E402
from natokg.ingest.model import Entity, Mention, Quotation, Span  # noqa: E402
from natokg.ingest.times import extract_times  # noqa: E402

ACTORS = {
    "Jane Doe": "Person",
    "John Roe": "Person",
    "Ruritania": "State",
    "Freedonia": "State",
    "the Alliance": "Organization",
    "Oslo": "Place",
    "Brussels": "Place",
}
PUBLISHED = date(2026, 2, 12)


def mentions_of(text: str) -> list[Mention]:
    """Hand-made mentions: every occurrence of a name in ACTORS."""
    found = []
    for name, kind in ACTORS.items():
        start = text.find(name)
        while start != -1:
            entity = Entity(URIRef(f"urn:test:{name.replace(' ', '_')}"), name, kind, known=True)
            found.append(Mention(Span.of(text, start, start + len(name)), entity))
            start = text.find(name, start + 1)
    return sorted(found, key=lambda m: m.span)


def events(nlp, text: str, quotations: list[Quotation] | None = None):
    doc = nlp(text)
    return extract_events(doc, mentions_of(text), extract_times(doc, PUBLISHED), quotations or [], None)


def kinds(nlp, text: str) -> list[tuple[str, str, str | None]]:
    return [(e.kind, e.trigger.text, e.cameo) for e in events(nlp, text)]


PATTERNS = [
    ("Jane Doe called on Ruritania to spend more.", [("Appeal", "called on", "020")]),
    ("Jane Doe called for a return to deterrence.", [("Appeal", "called for", "020")]),
    ("I again urge Ruritania to ratify the treaty.", [("Appeal", "urge", "020")]),
    ("Ruritania demanded that Freedonia pay more.", [("Demand", "demanded", "100")]),
    ("Every ally has to contribute more.", [("Demand", "has to", "100")]),
    ("Jane Doe thanked John Roe for his hospitality.", [("Thanks", "thanked", "051")]),
    ("The Alliance announced on Monday that it will move.", [("Announcement", "announced", "010")]),
    ("John Roe said allies were stepping up.", [("Statement", "said", "010")]),
    ("Ministers held a meeting in Brussels.", [("Meeting", "meeting", "040")]),
    ("Jane Doe met John Roe in Oslo.", [("Meeting", "met", "040")]),
    ("Leaders gathered at the Vilnius Summit.", [("Summit", "Summit", "040")]),
    ("Jane Doe is representing Ruritania.", [("Representation", "representing", None)]),
    ("Leaders agreed to spend 5% of their GDP on defense.", [("Agreement", "agreed", "057")]),
    ("Ruritania pledged support for the mission.", [("Pledge/Commitment", "pledged", "030")]),
    ("Jane Doe arrived in Oslo for a visit.", [("Arrival", "arrived", None)]),
    ("Jane Doe visited Oslo.", [("Arrival", "visited", "042")]),
    ("Ruritania will turn over two command posts to Freedonia.", [("Handover", "turn over", None)]),
    ("Ruritania deployed troops to Freedonia.", [("Deployment", "deployed", None)]),
    ("Ruritania will invest $2 billion in air defense.", [("Investment", "invest", "061")]),
    ("Jane Doe skipped the summit.", [("Absence", "skipped", None)]),
    ("Freedonia joined the Alliance last year.", [("Other", "joined", None)]),
    ("Ruritania's invasion of Freedonia shocked Europe.", [("Other", "invasion", "190")]),
    ("Ruritania invaded Freedonia.", [("Other", "invaded", "190")]),
    ("Tensions between Ruritania and Freedonia grew.", [("Other", "Tensions", None)]),
    ("Jane Doe offered reassurance to Ruritania.", [("Statement", "reassurance", "051")]),  # PETRARCH2 "reassure"
    ("Jane Doe gave assurances to Ruritania.", [("Statement", "assurances", "030")]),  # PETRARCH2 "assure"
    ("Our leaders made historic decisions in Oslo.", [("Agreement", "decisions", None)]),
    ("The decision surprised Ruritania.", []),
]


@pytest.mark.parametrize("pipeline", ["blank", "model"])
@pytest.mark.parametrize(("text", "expected"), PATTERNS)
def test_each_pattern(request, pipeline: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(request.getfixturevalue(pipeline), text) == expected


# General rules beyond the shared corpus (issue 8, wave 2): each answer stated by hand from CAMEO 1.1b3.
MORE_PATTERNS = [
    ("Jane Doe encouraged Ruritania to deepen its cooperation.", [("Appeal", "encouraged", "020")]),
    ("Jane Doe praised John Roe for his leadership.", [("Statement", "praised", "051")]),
    ("Ruritania welcomed the offer of Freedonia.", [("Statement", "welcomed", "030")]),  # PETRARCH "welcome offer"
    ("The Alliance condemned the shelling of Oslo.", [("Statement", "condemned", "111")]),
    ("Jane Doe underscored the importance of partnerships.", [("Statement", "underscored", "010")]),
    ("Jane Doe reaffirmed Ruritania's commitment to the Alliance.", [("Statement", "reaffirmed", "030")]),
    ("Jane Doe expressed support for the reform.", [("Statement", "expressed", "051")]),
    ("Jane Doe expressed her views.", [("Statement", "expressed", "010")]),  # bare "express" is not 110
    ("Jane Doe discussed the budget.", [("Statement", "discussed", "010")]),
    ("Jane Doe discussed the budget with John Roe.", [("Meeting", "discussed", "040")]),
    (
        "Jane Doe participated in the ministerial.",
        [
            ("Meeting", "participated", "040")
        ],  # one event (dev gold state-2021-06-01: "participated … in the … Ministerial")
    ),
    ("Jane Doe participated in the project.", []),
    ("I am grateful for your help.", [("Thanks", "grateful", "051")]),
    ("We are ready to engage in dialogue with Ruritania.", [("Statement", "ready", "036")]),
    ("We are ready to act.", []),
    ("We are pleased by the progress.", [("Statement", "pleased", "051")]),
    ("We saw each other in Oslo.", [("Meeting", "saw", "040")]),
    ("Ruritania has placed thousands of troops under Alliance command.", [("Deployment", "placed", None)]),
    ("Ruritania placed an order.", []),
    ("Freedonia provided assistance to Ruritania.", [("Other", "provided", "070")]),
    ("Freedonia provided details.", []),
    ("John Roe will step down in September.", [("Other", "step down", None)]),
    ("Ministers gathered for a two-day ministerial.", [("Meeting", "ministerial", "040")]),
    ("The Alliance will sanction Ruritania.", [("Other", "sanction", "163")]),
    ("Ruritania imposed taxes.", []),  # PETRARCH2: "impose taxes" is no event
    ("Freedonia acceded to the treaty.", [("Other", "acceded", None)]),
    ("Jane Doe spoke by phone with John Roe.", [("Other", "spoke", "041")]),
    ("Jane Doe spoke with John Roe in Oslo.", [("Meeting", "spoke", "040")]),
    ("Jane Doe spoke at length.", []),
    # a repeated event noun is one event; another name before it is another event
    ("Ruritania's invasion of Freedonia began in May. The invasion failed.", [("Other", "invasion", "190")]),
    (
        "Leaders met at the Vilnius Summit. The Oslo Summit follows.",
        [("Meeting", "met", "040"), ("Summit", "Summit", "040"), ("Summit", "Summit", "040")],
    ),
]
#: rules that need the dependency parse (the verb's own subject, object or auxiliary)
PARSED_PATTERNS = [
    ("The ministers discussed the budget.", [("Meeting", "discussed", "040")]),
    ("I met some of them in Oslo on Friday.", [("Meeting", "met", "040")]),
    ("We will stand by Ruritania.", [("Pledge/Commitment", "will stand", "030")]),
    ("They will stand by Ruritania.", []),
    ("We will not stand by.", []),
    ("We will decide at the summit.", []),  # a decision to come is no commitment to anyone
    ("We will support our allies.", [("Pledge/Commitment", "will support", "030")]),
    ("The first call Jane Doe made was to John Roe.", [("Other", "call", "041")]),
    ("Jane Doe had a phone call with John Roe.", [("Other", "call", "041")]),
    ("The call was loud.", []),
    ("Jane Doe called John Roe.", [("Other", "called", "041")]),
    ("Jane Doe called him a hero.", []),
    ("The Alliance imposed sanctions on Ruritania.", [("Other", "imposed", "163")]),
    # a participle that elaborates a statement is part of it
    ("Jane Doe reaffirmed the pledge, highlighting its priority.", [("Statement", "reaffirmed", "010")]),
    # a repeated meeting noun with a possessor ("Monday's meeting") refers back; another possessor does not
    (
        "Jane Doe skipped the meeting in Oslo. Monday's meeting was short.",
        [("Absence", "skipped", None), ("Meeting", "meeting", "040")],
    ),
]


def test_statements_of_two_possessors_are_two_events(model) -> None:
    text = "Jane Doe's statement in Oslo was short. John Roe's statement in Oslo was long."
    assert [e.trigger.begin for e in events(model, text) if e.kind == "Statement"] == [
        text.index("statement"),
        text.rindex("statement"),
    ]


def test_a_condemnation_inside_a_quotation_is_an_event(model) -> None:
    text = '"The Alliance stands together to condemn the shelling of Oslo," John Roe said.'
    quote = Quotation(quote=Span.of(text, 1, text.index(",")), cue=Span.of(text, text.index("John"), len(text) - 1))
    assert [(e.kind, e.trigger.text, e.cameo) for e in events(model, text, [quote])] == [
        ("Statement", "condemn", "111")
    ]
    # but a reporting verb inside a quotation is talk, not an event
    said = '"Let me just say that we are ready," John Roe said.'
    quote = Quotation(quote=Span.of(said, 1, said.index(",")), cue=Span.of(said, said.index("John"), len(said) - 1))
    assert events(model, said, [quote]) == []


@pytest.mark.parametrize("pipeline", ["blank", "model"])
@pytest.mark.parametrize(("text", "expected"), MORE_PATTERNS)
def test_more_patterns(request, pipeline: str, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(request.getfixturevalue(pipeline), text) == expected


@pytest.mark.parametrize(("text", "expected"), PARSED_PATTERNS)
def test_parsed_patterns(model, text: str, expected: list[tuple[str, str, str | None]]) -> None:
    assert kinds(model, text) == expected


def test_headline_yields_to_the_body(model) -> None:
    text = "Statement on the Summit\nJane Doe made a statement in Oslo on Monday."
    found = events(model, text)
    statements = [e for e in found if e.kind == "Statement"]
    assert [(e.trigger.text, e.trigger.begin) for e in statements] == [("statement", text.index("statement"))]


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_absence_from_negated_attendance_and_the_meeting(request, pipeline: str) -> None:
    text = "John Roe is not attending the meeting in Brussels."
    found = kinds(request.getfixturevalue(pipeline), text)
    assert ("Absence", "attending", None) in found
    assert ("Meeting", "meeting", "040") in found


@pytest.mark.parametrize("pipeline", ["blank", "model"])
@pytest.mark.parametrize(
    "text",
    [
        "Allies must be ready to meet the challenge.",  # meet a challenge is no meeting
        "The official skipped lunch and talked about a meeting.",  # an unplaced, undated meeting noun
        "We have to act.",  # first person: resolve, not a demand
        "The police will commit the crime.",  # commit without 'to' is not a pledge
        "Their team was in Brussels.",
    ],
)
def test_no_event(request, pipeline: str, text: str) -> None:
    found = kinds(request.getfixturevalue(pipeline), text)
    assert [k for k in found if k[0] in ("Meeting", "Demand", "Pledge/Commitment")] == []


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_said_with_a_direct_quotation_is_not_a_statement(request, pipeline: str) -> None:
    nlp = request.getfixturevalue(pipeline)
    assert kinds(nlp, 'John Roe said, "We are ready."') == []
    assert kinds(nlp, "“We are ready,” John Roe said.") == []
    # an apostrophe is not a quotation mark
    assert kinds(nlp, "The alliance’s chief said allies were ready.") == [("Statement", "said", "010")]


def test_quotation_cue_suppresses_statement(blank) -> None:
    text = "John Roe told reporters that the plan works."
    quote = Quotation(quote=Span.of(text, 0, 4), cue=Span.of(text, 0, 17))
    assert [e.kind for e in events(blank, text, [quote])] == []


def test_arguments_from_the_parse(model) -> None:
    text = "Jane Doe called on Ruritania on Thursday to spend more."
    (event,) = events(model, text)
    assert event.agent is not None and event.agent.label == "Jane Doe"
    assert [p.label for p in event.participants] == ["Ruritania"]
    assert event.time is not None and (event.time.span.text, event.time.value) == ("Thursday", "2026-02-12")
    assert text[event.evidence.begin : event.evidence.end] == event.evidence.text
    assert event.evidence.text.startswith("Jane Doe called on Ruritania")


def test_place_time_and_quantity(model) -> None:
    (meeting,) = events(model, "Ministers met in Oslo on Thursday.")
    assert meeting.place is not None and meeting.place.label == "Oslo"
    assert meeting.time is not None and meeting.time.value == "2026-02-12"
    (agreement,) = events(model, "Leaders agreed last year to spend 5% of their GDP on defense.")
    assert agreement.quantity == "5% of their GDP"
    assert agreement.time is not None and agreement.time.value == "2025"


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_repeated_verb_in_a_coordination_is_one_event(request, pipeline: str) -> None:
    text = "Thank you for that introduction, and thank you for the opportunity to be here."
    found = events(request.getfixturevalue(pipeline), text)
    assert [(e.kind, e.cameo) for e in found] == [("Thanks", "051")]
    assert found[0].evidence.text.endswith("to be here")


def test_evidence_stays_on_its_line(model) -> None:
    text = "Statement on the Ministerial in Brussels\n\nJane Doe provided the following statement."
    for event in events(model, text):
        assert "\n" not in event.evidence.text


def test_every_emitted_code_is_a_cameo_concept(blank, model) -> None:
    codes = {e.cameo for nlp in (blank, model) for text, _ in PATTERNS for e in events(nlp, text)} - {None}
    assert codes and codes <= cameo_notations()


def test_known_code_falls_back_to_the_parent() -> None:
    assert known_code("0212") == "0212"
    assert known_code("0421") == "042"  # not in natokg's scheme: its three-digit parent is
    assert known_code("1831") is None
    assert known_code(None) is None


def test_lexicon_is_keyed_by_lemma() -> None:
    lexicon = load_lexicon()
    assert lexicon.code("call", ["for", "a", "return"]) == "020"  # PETRARCH2: CALL - * (FOR) [020]
    assert lexicon.code("call", ["for", "an", "end"]) == "053"  # the longer pattern CALL - * (FOR END) [053]
    assert lexicon.code("host", ["a", "summit"]) == "043"  # HOST - * SUMMIT [043:042]
    assert lexicon.code("say", []) == "010"
    assert lexicon.code("unknownverb", []) is None


def test_shipped_lexicon_names_its_source() -> None:
    text = (Path(__file__).resolve().parents[2] / "ontology" / "cameo-verbs.tsv").read_text(encoding="utf-8")
    header = text[:600]
    assert "openeventdata/petrarch2" in header and "MIT" in header and "676801cd9cb2" in header
    assert len(text.encode()) < 1_000_000


def test_malformed_lexicon_names_file_and_line(tmp_path: Path) -> None:
    broken = tmp_path / "cameo-verbs.tsv"
    broken.write_text(
        "# header\nlemma\tpattern\tcode\tblock\ncall\tfor\t020\tCALL\nthank\t\tTHANKS\n", encoding="utf-8"
    )
    with pytest.raises(InputError, match=r"cameo-verbs.tsv:4"):
        load_lexicon(broken)
    with pytest.raises(InputError, match="cannot read"):
        load_lexicon(tmp_path / "missing.tsv")


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_talks_held_and_money_pledged(request, pipeline: str) -> None:
    nlp = request.getfixturevalue(pipeline)
    assert kinds(nlp, "The two leaders held talks in Oslo.") == [("Meeting", "talks", "040")]
    (pledge,) = events(nlp, "Ruritania pledged 500 million euros in military aid.")
    assert (pledge.kind, pledge.quantity) == ("Pledge/Commitment", "500 million euros")


@pytest.mark.parametrize("pipeline", ["blank", "model"])
def test_in_place_of_is_a_representation(request, pipeline: str) -> None:
    nlp = request.getfixturevalue(pipeline)
    found = [
        e
        for e in events(nlp, "Jane Doe attended the meeting in Oslo in place of John Roe.")
        if e.kind == "Representation"
    ]
    assert [(e.trigger.text, e.cameo) for e in found] == [("in place of", None)]
    assert found[0].agent is not None and found[0].agent.label == "Jane Doe"
    assert "John Roe" in [p.label for p in found[0].participants]
    assert "Oslo" not in [p.label for p in found[0].participants]  # a place is not a participant
    assert kinds(nlp, "They took their place of honour.") == []


# Rules added while widening the dev set (issue 8).


def test_an_infinitive_of_occasion_or_purpose_is_no_event(nlp_model) -> None:
    found = events(nlp_model, "It is a good opportunity to discuss the budget with Jane Doe.")
    assert not any(e.trigger.text == "discuss" for e in found)
    found = events(nlp_model, "John Roe is joining his colleagues in Oslo to discuss the budget.")
    assert not any(e.trigger.text == "discuss" for e in found)
    found = events(nlp_model, "It is a great honor to represent Ruritania at the talks.")
    assert [e.kind for e in found if e.trigger.text == "represent"] == ["Representation"]


def test_waging_war_is_the_use_of_force_and_conveying_is_a_statement(nlp_model) -> None:
    found = events(nlp_model, "Ruritania has been waging a cruel war against Freedonia.")
    assert [(e.kind, e.cameo) for e in found if e.trigger.text == "waging"] == [("Other", "190")]
    assert not [e for e in events(nlp_model, "Wage growth slowed in Ruritania.") if e.trigger.text == "Wage"]
    found = events(nlp_model, "Jane Doe also conveyed her support for the plan.")
    assert [e.kind for e in found if e.trigger.text == "conveyed"] == ["Statement"]


def test_participating_today_in_a_meeting_is_a_meeting(nlp_model) -> None:
    found = events(nlp_model, "Jane Doe participated today in the virtual meeting of the Alliance.")
    assert [(e.kind, e.cameo) for e in found if e.trigger.text == "participated"] == [("Meeting", "040")]


def test_adjectives_do_not_hide_a_lexicon_pattern(nlp_model) -> None:
    found = events(nlp_model, "Ruritania has been waging a cruel and reckless war against Freedonia.")
    assert [(e.kind, e.cameo) for e in found if e.trigger.text == "waging"] == [("Other", "190")]


def test_a_headline_event_that_the_body_reports_again_is_one_event(nlp_model) -> None:
    found = events(nlp_model, "Jane Doe's Meeting with John Roe\nJane Doe met John Roe in Oslo on Monday.")
    assert [e.kind for e in found].count("Meeting") == 1
    assert found[0].evidence.begin > 0


def test_a_call_readout_s_talks_are_discussions_by_telephone(nlp_model) -> None:
    text = "Jane Doe's Call with John Roe\nJane Doe spoke today with John Roe. They discussed the budget."
    assert kinds(nlp_model, text) == [("Other", "spoke", "041"), ("Meeting", "discussed", "041")]
    assert kinds(nlp_model, "Jane Doe spoke today with John Roe in Oslo.") == [("Meeting", "spoke", "040")]


def test_an_attribution_line_reports_no_event(nlp_model) -> None:
    text = "As stated by Spokesperson Jane Doe:\nJohn Roe met Jane Doe in Oslo."
    assert [k for k, _, _ in kinds(nlp_model, text)] == ["Meeting"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe discussed increased Russian aggression.", True),
        ("Jane Doe spoke of Russia's aggression in the east.", True),
        ("The Alliance will protect its members against Russian aggression.", False),
        ("Aggression is never the answer, Jane Doe said.", False),
    ],
)
def test_aggression_of_a_state_is_the_use_of_force(nlp_model, text: str, expected: bool) -> None:
    assert (("Other", "aggression", "190") in kinds(nlp_model, text)) is expected


@pytest.mark.parametrize(
    ("text", "trigger", "kind", "code"),
    [
        ("Jane Doe provided remarks during a session in Oslo.", "remarks", "Statement", "010"),
        ("Jane Doe addressed the risks of the plan.", "addressed", "Statement", "010"),
        ("Jane Doe spoke at a news conference in Oslo.", "spoke", "Statement", "010"),
        ("The minister attended the meeting.", "meeting", "Meeting", "040"),
    ],
)
def test_speech_and_attendance_in_readouts(nlp_model, text: str, trigger: str, kind: str, code: str) -> None:
    assert (kind, trigger, code) in kinds(nlp_model, text)


@pytest.mark.parametrize(
    "text", ["The Alliance must be ready to address the threat.", "Jane Doe spoke at length.", "The remarks were long."]
)
def test_no_speech_event_without_a_speaker_or_setting(nlp_model, text: str) -> None:
    assert not [k for k in kinds(nlp_model, text) if k[0] == "Statement"]


def test_said_pleased_is_one_approval(nlp_model) -> None:
    assert kinds(nlp_model, "Jane Doe said she is pleased with the progress.") == [("Statement", "pleased", "051")]


def test_participating_in_a_ministerial_is_one_meeting(nlp_model) -> None:
    found = kinds(nlp_model, "Jane Doe participated in the sixth ministerial in Oslo today.")
    assert [k for k, _, _ in found] == ["Meeting"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("Jane Doe is joining her NATO counterparts in Oslo.", [("Meeting", "joining", "040")]),
        (
            "We will have John Roe joining his 27 NATO allied Ministers to discuss things.",
            [("Meeting", "joining", "040")],
        ),
        ("Thank you for joining this discussion today.", []),
        ("Ruritania joined the Alliance in 2023.", [("Other", "joined", None)]),
    ],
)
def test_joining_people_is_a_meeting_and_joining_a_discussion_no_event(nlp_model, text: str, expected) -> None:
    assert [k for k in kinds(nlp_model, text) if k[1] in ("joining", "joined")] == expected
