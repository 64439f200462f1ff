"""Named queries: each competency question against gold answers written from the article."""

from __future__ import annotations

from datetime import date
from decimal import Decimal

import pytest
from conftest import Answer
from queries_gold import ART, S01, S02, S07, S08, S09, S12, S13, TEXT, art, evidence, values
from rdflib import Dataset

import natokg
from natokg import queries
from natokg.namespaces import NKR


def test_every_competency_question_has_a_named_query() -> None:
    found = natokg.named_queries()
    assert sorted(q.cq for q in found.values()) == sorted(f"CQ{n}" for n in range(1, 18))
    for named in found.values():
        assert named.name.startswith(f"cq{int(named.cq[2:]):02d}-")
        assert named.title and named.question[-1] in "?."
        assert natokg.get_query(named.cq.lower()) == named == natokg.get_query(named.name)


def test_declared_parameters_are_variables_of_their_query() -> None:
    for named in natokg.named_queries().values():
        variables = {str(v) for v in queries.parse_sparql(named.text).algebra["PV"]} | _all_variables(named.text)
        for param in named.parameters:
            assert param.name in variables, f"{named.name}: ?{param.name} does not occur in the query"


def _all_variables(text: str) -> set[str]:
    prepared = queries.parse_sparql(text)
    found: set[str] = set()
    stack: list[object] = [prepared.algebra]
    while stack:
        item = stack.pop()
        if isinstance(item, dict):
            found |= {str(v) for v in item.get("_vars", ())}
            stack.extend(item.values())
        elif isinstance(item, (list, tuple)):
            stack.extend(item)
    return found


def test_cq1_colby_represented_the_us_instead_of_hegseth(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq1")
    assert values(results, "representativeLabel", "representedLabel", "inPlaceOfLabel", "meetingLabel") == [
        ("Elbridge Colby", "United States", "Pete Hegseth", "NATO defence ministers' meeting in Brussels")
    ]
    assert evidence(results) == [{"instead, Colby, who holds the Pentagon's No. 3 post, is representing the US"}]
    other_meeting = natokg.query(dataset, "cq1", {"meeting": "nkr:foreign-ministers-meeting-2025-12"})
    assert len(other_meeting) == 0  # the parameter is bound, not ignored


def test_cq2_posts_holders_organisations_and_rank(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq2")
    assert values(results, "postLabel", "holderLabel", "organisationLabel", "rank", "rankAsWritten") == [
        ("NATO Secretary General", "Mark Rutte", "NATO", None, None),
        ("Pentagon's No. 3 post", "Elbridge Colby", "Pentagon", 3, "No. 3"),
        ("Secretary of State", "Marco Rubio", "US government", None, None),
        ("US Defense Secretary", "Pete Hegseth", "Pentagon", None, None),
        ("US President", "Donald Trump", "US government", None, None),
    ]
    colby = evidence(results)[1]
    assert colby == {"Pentagon policy chief Elbridge Colby", "Colby, who holds the Pentagon's No. 3 post"}
    assert all(part in TEXT for parts in evidence(results) for part in parts)


@pytest.mark.parametrize("graphs", [None, "asserted"])
def test_cq3_missed_meetings_in_time_order(dataset: Dataset, graphs: str | None) -> None:
    results = natokg.query(dataset, "cq3", graphs=graphs)
    dated = graphs is None  # resolved TIMEX3 values live in the background graph
    assert values(results, "officialLabel", "meetingLabel", "timeAsWritten", "timeValue", "ordinalAsWritten") == [
        ("Marco Rubio", "NATO foreign ministers' meeting", "in December", "2025-12" if dated else None, None),
        (
            "Pete Hegseth",
            "NATO defence ministers' meeting in Brussels",
            "Thursday",
            "2026-02-12" if dated else None,
            "the second time in a row",
        ),
    ]


def test_cq4_every_quotation_with_speaker_audience_event_and_sentence(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq4")
    assert values(results, "speakerLabel", "verbatim", "audienceLabel", "event", "sentence") == [
        ("Elbridge Colby", "partnership rather than dependency", "reporters", art("colby-appeal"), S01),
        ("Elbridge Colby", "strong basis", None, art("colby-reassurance"), S07),
        ("Elbridge Colby", "we have a really strong basis for working together", None, art("colby-reassurance"), S08),
        (
            "Elbridge Colby",
            "Now it's time to march out together, to be pragmatic,",
            "reporters",
            art("colby-remarks"),
            S09,
        ),
        (
            "Elbridge Colby",
            "based on partnership rather than dependency, and really a return to what NATO was originally intended for",
            "reporters",
            art("colby-appeal"),
            S09,
        ),
        (
            "Mark Rutte",
            "We are already seeing significant increases in allied defense spending,",
            None,
            art("rutte-remarks"),
            S12,
        ),
        ("Mark Rutte", "Investment is up by tens of billions.", None, art("rutte-remarks"), S13),
    ]
    rutte = natokg.query(dataset, "cq4", {"speaker": "nkr:mark-rutte"})
    assert [v for (v,) in values(rutte, "verbatim")] == [
        "We are already seeing significant increases in allied defense spending,",
        "Investment is up by tens of billions.",
    ]


def test_cq5_commitments_who_what_how_much_when_and_agreement(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq5")
    columns = ("actorLabel", "action", "beneficiaryLabel", "shareAsWritten", "share", "shareOfLabel", "scope")
    assert values(results, *columns) == [
        ("European nations", "lead the continent's conventional defense", None, None, None, None, None),
        (
            "NATO leaders",
            "spend 5% of their GDP on defense and security-related investments",
            None,
            "5% of their GDP",
            Decimal("5.0"),
            "GDP",
            "defense and security-related investments",
        ),
        ("US government", None, "NATO", None, None, None, None),
    ]
    assert values(results, "agreementLabel", "timeAsWritten", "timeValue", "targetYear") == [
        ("European nations agree to lead Europe's conventional defence", None, None, None),
        ("NATO leaders agree to spend 5% of GDP on defence", "last year", "2025", 2035),
        (None, None, None, None),
    ]


TIMELINE = [  # TIMEX3 values at each expression's own granularity; ISO weeks sort after the days of their year
    ("2025", "last year", "NATO leaders agree to spend 5% of GDP on defence"),
    ("2025-12", "in December", "NATO foreign ministers' meeting"),
    ("2025-12", "in December", "Rubio misses the NATO foreign ministers' meeting"),
    ("2026-02-12", "Thursday", "Colby arrives in Brussels for talks with NATO defence ministers"),
    ("2026-02-12", "Thursday", "Colby calls for a NATO based on partnership rather than dependency"),
    ("2026-02-12", "Thursday", "Hegseth does not attend the NATO defence ministers' meeting"),
    ("2026-02-12", "Thursday", "NATO defence ministers' meeting in Brussels"),
    ("2026-02-12", "Thursday", "Rutte says allies are stepping up to take more responsibility"),
    (
        "2026-W07",
        "this week",
        "NATO announces that the US will hand two major command posts to European officers",
    ),
]


def test_cq6_timeline_with_expressions_as_written_and_resolved_values(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq6"), "timeValue", "timeAsWritten", "eventLabel") == TIMELINE
    thursday = natokg.query(dataset, "cq6", {"written": "Thursday"})
    assert values(thursday, "timeValue", "timeAsWritten", "eventLabel") == [t for t in TIMELINE if t[1] == "Thursday"]
    # the events' own dates are separate background facts (3 December 2025, 12 February 2026)
    dated = {row["eventLabel"]: row["eventDate"] for row in natokg.query(dataset, "cq6").to_dicts() if row["eventDate"]}
    assert {str(k): v.toPython() for k, v in dated.items()} == {
        "NATO foreign ministers' meeting": date(2025, 12, 3),
        "NATO defence ministers' meeting in Brussels": date(2026, 2, 12),
    }


def test_cq7_calls_and_demands_and_of_whom(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq7"), "actorLabel", "kind", "calledFor", "addresseeLabel") == [
        ("Donald Trump", "demand", "increase their military spending", "European nations"),
        ("Donald Trump", "demand", "reducing their reliance on the US", "European nations"),
        ("Donald Trump", "demand", "take more responsibility for their own security", "European nations"),
        ("Elbridge Colby", "appeal", "NATO to be based on partnership rather than dependency", None),
        ("Elbridge Colby", "appeal", "a return to what NATO was originally intended for", None),
    ]


def _span(text: str, sentence: str | None = None) -> tuple[int, int, str]:
    begin = TEXT.index(text if sentence is None else sentence) + (0 if sentence is None else sentence.index(text))
    return begin, begin + len(text), text


@pytest.mark.parametrize(
    ("fact", "expected"),
    [
        (
            "art:colby-represents-us",
            [
                ("sentence", *_span(S02), S02),
                ("phrase", *_span("instead, Colby, who holds the Pentagon's No. 3 post, is representing the US"), S02),
            ],
        ),
        (
            f"<{ART['quotation-03']}>",
            [
                ("sentence", *_span(S08), S08),
                ("quotation", *_span("we have a really strong basis for working together", S08), S08),
            ],
        ),
    ],
)
def test_cq8_evidence_sentences_and_exact_spans(dataset: Dataset, fact: str, expected: list[tuple]) -> None:
    results = natokg.query(dataset, "cq8", {"fact": fact})
    assert values(results, "kind", "begin", "end", "text", "sentence") == expected
    for _, begin, end, text, _ in values(results, "kind", "begin", "end", "text", "sentence"):
        assert TEXT[begin:end] == text  # offsets are code points into the article


CQ9_ASSERTED = [
    ("Marco Rubio", "Trump administration", "article (curated)"),
    ("Pete Hegseth", "Trump administration", "article (curated)"),
]


def test_cq9_members_asserted_without_inferences(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq9"), "personLabel", "organisationLabel", "basis") == CQ9_ASSERTED


def test_cq9_members_asserted_or_inferred(inferred_dataset: Dataset) -> None:
    assert values(natokg.query(inferred_dataset, "cq9"), "personLabel", "organisationLabel", "basis") == sorted(
        [
            *CQ9_ASSERTED,
            # Deputy Secretary of State (background: he attended in December instead of Rubio)
            ("Christopher Landau", "US government", "inferred with background"),
            ("Donald Trump", "US government", "inferred from the article"),  # US President, a post in the government
            ("Elbridge Colby", "Trump administration", "inferred from the article"),  # holds the Pentagon's No. 3 post
            ("Elbridge Colby", "US government", "inferred from the article"),
            ("Marco Rubio", "US government", "inferred from the article"),  # Secretary of State, a government post
            ("Pete Hegseth", "US government", "inferred from the article"),
        ]
    )


HANDOVERS = [
    ("NATO command post in Naples", "Naples", "Italy", "United States", "European officers", "NATO", "this week"),
    ("NATO command post in Norfolk", "Norfolk", "Virginia", "United States", "European officers", "NATO", "this week"),
]
CQ10_COLUMNS = (
    "commandLabel",
    "placeLabel",
    "regionLabel",
    "fromLabel",
    "toLabel",
    "announcedByLabel",
    "timeAsWritten",
)


def test_cq10_command_changes_as_the_article_reports_them(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq10", graphs="asserted")
    assert values(results, *CQ10_COLUMNS, "timeValue") == [(*row, None) for row in HANDOVERS]
    phrase = (
        "the US will turn over two of its major command posts - in Naples, Italy and Norfolk, Virginia"
        " - to European officers"
    )
    assert evidence(results) == [{phrase}, {phrase}]


def test_cq10_command_changes_with_the_background(dataset: Dataset) -> None:
    # The background graph cites NATO's announcement: Italy takes Naples, the United Kingdom
    # Norfolk, and the US takes Allied Maritime Command in exchange.
    results = natokg.query(dataset, "cq10")
    assert values(results, *CQ10_COLUMNS, "timeValue") == [
        ("Allied Maritime Command", None, None, None, "United States", "NATO", "this week", "2026-W07"),
        (*HANDOVERS[0], "2026-W07"),
        (*HANDOVERS[0][:4], "Italy", *HANDOVERS[0][5:], "2026-W07"),
        (*HANDOVERS[1], "2026-W07"),
        (*HANDOVERS[1][:4], "United Kingdom", *HANDOVERS[1][5:], "2026-W07"),
    ]


def test_cq11_tensions_and_their_subject(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq11")
    assert values(results, "actorLabel", "otherLabel", "subjectLabel", "qualifier", "repeated") == [
        ("Donald Trump", "European nations", "Greenland", "most recently", True)
    ]
    assert evidence(results) == [
        {"repeated tensions between US President Donald Trump and European nations - most recently over Greenland"}
    ]


CQ12 = [  # by hand; the states each place lies in come from the background (Wikidata statements)
    ("Belgium", None),
    ("Brussels", "Belgium"),
    ("Europe", None),
    ("Greenland", "Kingdom of Denmark"),
    ("Italy", None),
    ("Kingdom of Denmark", None),
    ("NATO headquarters", "Belgium"),
    ("NATO headquarters", "Brussels"),
    ("Naples", "Italy"),
    ("Netherlands", None),
    ("Norfolk", "United States"),
    ("Norfolk", "Virginia"),
    ("The Hague", "Netherlands"),  # background: the place of the 2025 summit
    ("United Kingdom", None),  # background: takes the Norfolk command
    ("United States", None),
    ("Virginia", "United States"),
]


def test_cq12_places_and_what_they_lie_within(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq12"), "placeLabel", "withinLabel") == CQ12


def test_cq12_follows_located_in_transitively(dataset: Dataset) -> None:
    extended = natokg.select(dataset, "all")
    extended.graph(natokg.ENTITIES_GRAPH).add((NKR["virginia"], natokg.NKG.locatedIn, NKR["united-states"]))
    rows = values(natokg.query(extended, "cq12"), "placeLabel", "withinLabel")
    assert ("Norfolk", "Virginia") in rows and ("Norfolk", "United States") in rows
    assert ("Virginia", "United States") in rows and ("Virginia", None) not in rows


def test_answers_are_the_same_with_inferences_except_cq9_and_cq14(
    dataset: Dataset, inferred_dataset: Dataset, answer: Answer
) -> None:
    for named in natokg.named_queries().values():
        params = {"fact": "art:colby-appeal"} if named.cq == "CQ8" else None
        plain = answer(dataset, named.name, params).rows
        inferred = answer(inferred_dataset, named.name, params).rows
        if named.cq in ("CQ9", "CQ14", "CQ17"):  # asserted or inferred, by design
            assert set(plain) < set(inferred)
        elif named.cq in ("CQ13", "CQ15"):  # inferences add places and evidence (quoted spans are phrases)
            assert {r[:2] for r in plain} == {r[:2] for r in inferred}
        else:
            assert plain == inferred, named.name
