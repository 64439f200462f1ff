"""Queries: each competency question against gold answers written from the article, parameters
bound as RDF terms, refusals (updates, SERVICE, FROM of absent graphs), errors, results formats."""

from __future__ import annotations

import io
import json
import socket
import sys
from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from conftest import ARTICLE
from rdflib import Dataset, Graph, Literal, URIRef, Variable
from rdflib.query import Result

import natokg
from natokg import queries
from natokg.namespaces import NKR, article_namespace
from natokg.queries import Endpoint, QueryError, Results

ART = article_namespace(ARTICLE)


def art(name: str) -> str:
    """The IRI of a node the article mints, as a string (how :func:`values` gives IRIs)."""
    return str(ART[name])


TEXT = (natokg.data_root() / "graph" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")

# The sentences of the article, copied from its text.
S01 = (
    'Pentagon policy chief Elbridge Colby called on Thursday for NATO to be based on "partnership rather than '
    'dependency" as he arrived in Brussels for talks with the military alliance’s defense ministers.'
)
S02 = (
    "US Defense Secretary Pete Hegseth is not attending the meeting at NATO headquarters in Brussels; instead, "
    "Colby, who holds the Pentagon's No. 3 post, is representing the US."
)
S07 = "Colby sees 'strong basis' for working with Europeans"
S08 = (
    'Colby offered reassurance to European allies, declaring that "we have a really strong basis for working '
    "together\" because European nations had agreed to lead the continent's conventional defense."
)
S09 = (
    "“Now it's time to march out together, to be pragmatic,” he told reporters, calling for an alliance \"based on "
    "partnership rather than dependency, and really a return to what NATO was originally intended for”."
)
S12 = '"We are already seeing significant increases in allied defense spending," he said.'
S13 = '“Investment is up by tens of billions."'


def values(results: Results, *columns: str) -> list[tuple]:
    """The chosen columns of each row as Python values: strings, numbers, dates, or None."""
    out = []
    for row in results.to_dicts():
        cells = []
        for column in columns:
            term = row[column]
            if isinstance(term, Literal):
                value = term.toPython()
                cells.append(str(term) if isinstance(value, Literal) else value)
            else:
                cells.append(None if term is None else str(term))
        out.append(tuple(cells))
    return out


def evidence(results: Results) -> list[set[str]]:
    return [set(str(row["evidence"]).split(" | ")) if row["evidence"] else set() for row in results.to_dicts()]


# ---------------------------------------------------------------------------------------------
#  The named queries: one per competency question
# ---------------------------------------------------------------------------------------------


def test_every_competency_question_has_a_named_query() -> None:
    found = natokg.named_queries()
    assert sorted(q.cq for q in found.values()) == sorted(f"CQ{n}" for n in range(1, 13))
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
    dated = graphs is None  # resolved dates live in the background graph
    assert values(results, "officialLabel", "meetingLabel", "timeAsWritten", "date", "ordinalAsWritten") == [
        ("Marco Rubio", "NATO foreign ministers' meeting", "in December", date(2025, 12, 3) if dated else None, None),
        (
            "Pete Hegseth",
            "NATO defence ministers' meeting in Brussels",
            "Thursday",
            date(2026, 2, 12) if dated else None,
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
    assert values(results, "agreementLabel", "timeAsWritten", "date", "targetYear") == [
        ("European nations agree to lead Europe's conventional defence", None, None, None),
        ("NATO leaders agree to spend 5% of GDP on defence", "last year", date(2025, 6, 25), 2035),
        (None, None, None, None),
    ]


TIMELINE = [
    (date(2025, 6, 25), "last year", "NATO leaders agree to spend 5% of GDP on defence"),
    (date(2025, 12, 3), "in December", "NATO foreign ministers' meeting"),
    (date(2025, 12, 3), "in December", "Rubio misses the NATO foreign ministers' meeting"),
    (
        date(2026, 2, 9),
        "this week",
        "NATO announces that the US will hand two major command posts to European officers",
    ),
    (date(2026, 2, 12), "Thursday", "Colby arrives in Brussels for talks with NATO defence ministers"),
    (date(2026, 2, 12), "Thursday", "Colby calls for a NATO based on partnership rather than dependency"),
    (date(2026, 2, 12), "Thursday", "Hegseth does not attend the NATO defence ministers' meeting"),
    (date(2026, 2, 12), "Thursday", "NATO defence ministers' meeting in Brussels"),
    (date(2026, 2, 12), "Thursday", "Rutte says allies are stepping up to take more responsibility"),
]


def test_cq6_timeline_with_expressions_as_written_and_resolved_dates(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq6"), "date", "timeAsWritten", "eventLabel") == TIMELINE
    thursday = natokg.query(dataset, "cq6", {"timeAsWritten": "Thursday"})
    assert values(thursday, "date", "timeAsWritten", "eventLabel") == [t for t in TIMELINE if t[1] == "Thursday"]


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
    ("Marco Rubio", "Trump administration", "asserted"),
    ("Pete Hegseth", "Trump administration", "asserted"),
]


def test_cq9_members_asserted_without_inferences(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq9"), "personLabel", "organisationLabel", "basis") == CQ9_ASSERTED


def test_cq9_members_asserted_or_inferred(inferred_dataset: Dataset) -> None:
    assert values(natokg.query(inferred_dataset, "cq9"), "personLabel", "organisationLabel", "basis") == sorted(
        [
            *CQ9_ASSERTED,
            # Deputy Secretary of State (background: he attended in December instead of Rubio)
            ("Christopher Landau", "US government", "inferred from background"),
            ("Donald Trump", "US government", "inferred"),  # US President, a post in the government
            ("Elbridge Colby", "Trump administration", "inferred"),  # holds the Pentagon's No. 3 post
            ("Elbridge Colby", "US government", "inferred"),
            ("Marco Rubio", "US government", "inferred"),  # Secretary of State, a post in the government
            ("Pete Hegseth", "US government", "inferred"),
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
    assert values(results, *CQ10_COLUMNS, "date") == [(*row, None) for row in HANDOVERS]
    phrase = (
        "the US will turn over two of its major command posts - in Naples, Italy and Norfolk, Virginia"
        " - to European officers"
    )
    assert evidence(results) == [{phrase}, {phrase}]


def test_cq10_command_changes_with_the_background(dataset: Dataset) -> None:
    # The background graph cites NATO's announcement: Italy takes Naples, the United Kingdom
    # Norfolk, and the US takes Allied Maritime Command in exchange.
    results = natokg.query(dataset, "cq10")
    assert values(results, *CQ10_COLUMNS, "date") == [
        ("Allied Maritime Command", None, None, None, "United States", "NATO", "this week", date(2026, 2, 9)),
        (*HANDOVERS[0], date(2026, 2, 9)),
        (*HANDOVERS[0][:4], "Italy", *HANDOVERS[0][5:], date(2026, 2, 9)),
        (*HANDOVERS[1], date(2026, 2, 9)),
        (*HANDOVERS[1][:4], "United Kingdom", *HANDOVERS[1][5:], date(2026, 2, 9)),
    ]


def test_cq11_tensions_and_their_subject(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq11")
    assert values(results, "actorLabel", "otherLabel", "subjectLabel", "qualifier", "repeated") == [
        ("Donald Trump", "European nations", "Greenland", "most recently", True)
    ]
    assert evidence(results) == [
        {"repeated tensions between US President Donald Trump and European nations - most recently over Greenland"}
    ]


CQ12 = [
    ("Brussels", None),
    ("Europe", None),
    ("Greenland", None),
    ("Italy", None),
    ("NATO headquarters", "Brussels"),
    ("Naples", "Italy"),
    ("Norfolk", "Virginia"),
    ("The Hague", None),  # background: the place of the 2025 summit
    ("United Kingdom", None),  # background: takes the Norfolk command
    ("United States", None),
    ("Virginia", None),
]


def test_cq12_places_and_what_they_lie_within(dataset: Dataset) -> None:
    assert values(natokg.query(dataset, "cq12"), "placeLabel", "withinLabel") == CQ12


def test_cq12_follows_located_in_transitively(dataset: Dataset) -> None:
    extended = natokg.select(dataset, "all")
    extended.graph(natokg.ENTITIES_GRAPH).add((NKR["virginia"], natokg.NKG.locatedIn, NKR["united-states"]))
    rows = values(natokg.query(extended, "cq12"), "placeLabel", "withinLabel")
    assert ("Norfolk", "Virginia") in rows and ("Norfolk", "United States") in rows
    assert ("Virginia", "United States") in rows and ("Virginia", None) not in rows


def test_answers_are_the_same_with_inferences_except_cq9(dataset: Dataset, inferred_dataset: Dataset) -> None:
    for named in natokg.named_queries().values():
        params = {"fact": "art:colby-appeal"} if named.cq == "CQ8" else None
        plain = natokg.query(dataset, named.name, params).rows
        inferred = natokg.query(inferred_dataset, named.name, params).rows
        if named.cq == "CQ9":
            assert set(plain) < set(inferred)
        else:
            assert plain == inferred, named.name


# ---------------------------------------------------------------------------------------------
#  Parameters are RDF terms: no injection
# ---------------------------------------------------------------------------------------------

INJECTION = "x> } ; DROP ALL #"


def test_injected_string_is_just_a_string_that_matches_nothing(dataset: Dataset) -> None:
    before = len(dataset)
    assert len(natokg.query(dataset, "cq6", {"timeAsWritten": INJECTION})) == 0
    assert len(natokg.query(dataset, "cq6", {"timeAsWritten": "Thursday"})) == 5
    assert len(dataset) == before
    text = "SELECT ?s WHERE { ?s nkg:asWritten ?v }"
    assert len(natokg.sparql(dataset, text, {"v": Literal(INJECTION)})) == 0
    assert len(natokg.sparql(dataset, text, {"v": Literal("Thursday")})) == 1


def test_injected_iri_is_an_ill_typed_parameter(dataset: Dataset) -> None:
    with pytest.raises(
        QueryError, match=r"parameter 'fact' of cq08-evidence must be an IRI.* not 'x> \} ; DROP ALL #'"
    ):
        natokg.query(dataset, "cq8", {"fact": INJECTION})
    with pytest.raises(QueryError, match="must be an IRI"):
        natokg.query(dataset, "cq8", {"fact": "nkr:has space"})
    with pytest.raises(QueryError, match="must be an IRI"):
        natokg.query(dataset, "cq8", {"fact": "nope:colby-appeal"})  # an unknown prefix


def test_values_sent_to_an_endpoint_stay_rdf_terms() -> None:
    bindings = {"v": Literal(INJECTION + '" } DROP ALL'), "who": NKR["mark-rutte"]}
    text = queries.remote_text("SELECT ?s WHERE { ?s nkg:asWritten ?v ; nkg:speaker ?who }", bindings)
    prepared = queries.parse_sparql(text)  # still one query, whose VALUES hold exactly the two terms
    (values_part,) = queries._parts(prepared.algebra, "values")
    assert values_part["res"] == [{Variable("v"): bindings["v"], Variable("who"): bindings["who"]}]
    assert "PREFIX nkg:" in text


def test_every_named_query_answers_the_same_through_a_values_clause(dataset: Dataset) -> None:
    # An endpoint gets parameters as a trailing VALUES clause; locally they are bound with
    # initBindings. The shipped queries must give the same answer either way.
    cases = [(q.name, None) for q in natokg.named_queries().values() if q.parameters and q.cq != "CQ8"]
    cases += [("cq8", {"fact": "art:colby-represents-us"}), ("cq4", {"speaker": "nkr:mark-rutte"})]
    cases += [("cq6", {"timeAsWritten": "Thursday"}), ("cq1", {"represented": "nkr:italy"})]
    namespaces = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()}
    for name, params in cases:
        named = natokg.get_query(name)
        bindings = named.bindings(params, namespaces)
        local = natokg.query(dataset, name, params).rows
        through_values = natokg.execute(queries.remote_text(named.text, bindings), dataset).rows
        assert local == through_values, name


# ---------------------------------------------------------------------------------------------
#  Refusals: updates, SERVICE, FROM of graphs that are not there
# ---------------------------------------------------------------------------------------------


@pytest.fixture
def connections(monkeypatch: pytest.MonkeyPatch) -> list[object]:
    """Record (and refuse) every attempt to open a network connection."""
    attempts: list[object] = []

    def refuse(self: socket.socket, address: object) -> None:
        attempts.append(address)
        raise ConnectionRefusedError("the test forbids network access")

    monkeypatch.setattr(socket.socket, "connect", refuse)
    return attempts


SERVICE_QUERIES = [
    "SELECT * WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "SELECT * WHERE { ?s a nkg:Person OPTIONAL { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { ?s a nkg:Person } UNION { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s a nkg:Person FILTER EXISTS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { ?s a nkg:Person MINUS { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { { SELECT ?s WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } } }",
    "SELECT * WHERE { GRAPH ?g { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } } }",
    "SELECT * WHERE { BIND(<http://127.0.0.1:9/sparql> AS ?e) SERVICE ?e { ?s ?p ?o } }",
    "ASK { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
    "CONSTRUCT { ?s ?p ?o } WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?s ?p ?o } }",
]


@pytest.mark.parametrize("text", SERVICE_QUERIES)
def test_service_is_refused_wherever_it_hides(dataset: Dataset, connections: list[object], text: str) -> None:
    with pytest.raises(QueryError, match=r"SERVICE .* would query a remote endpoint.*--allow-network"):
        natokg.sparql(dataset, text)
    assert connections == []


def test_service_runs_only_when_allowed(dataset: Dataset, connections: list[object]) -> None:
    # The refusal above is what stops rdflib: allowed, it does try to reach the endpoint.
    with pytest.raises(QueryError, match="failed while running"):
        natokg.sparql(dataset, SERVICE_QUERIES[0], allow_network=True)
    assert connections and connections[0][:2] == ("127.0.0.1", 9)


def test_evaluator_guard_refuses_service_even_if_the_check_were_skipped(
    dataset: Dataset, connections: list[object], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(queries, "_refuse_remote_parts", lambda query, source: None)
    with pytest.raises(QueryError, match="SERVICE refused"):
        natokg.sparql(dataset, SERVICE_QUERIES[2])
    assert connections == []


@pytest.mark.parametrize("clause", ["FROM", "FROM NAMED"])
def test_from_a_graph_not_in_the_dataset_is_refused(
    dataset: Dataset, connections: list[object], tmp_path: Path, clause: str
) -> None:
    local = tmp_path / "outside.ttl"
    local.write_text("<urn:x:a> <urn:x:b> <urn:x:c> .\n", encoding="utf-8")
    for source in ("http://127.0.0.1:9/data.ttl", local.as_uri()):
        with pytest.raises(QueryError, match=rf"FROM <{source}> names a graph that is not in the dataset"):
            natokg.sparql(dataset, f"SELECT * {clause} <{source}> WHERE {{ ?s ?p ?o }}")
    assert connections == []
    # rdflib really would read the file: allowed, it does.
    loaded = natokg.sparql(dataset, f"SELECT ?o FROM <{local.as_uri()}> WHERE {{ ?s ?p ?o }}", allow_network=True)
    assert loaded.rows == [(URIRef("urn:x:c"),)]


def test_from_a_graph_of_the_dataset_is_allowed(dataset: Dataset) -> None:
    text = f"SELECT (COUNT(*) AS ?n) FROM <{natokg.BACKGROUND_GRAPH}> WHERE {{ ?s a nkg:BackgroundSource }}"
    assert natokg.sparql(dataset, text).rows == [(Literal(14),)]


@pytest.mark.parametrize(
    ("update", "operation"),
    [
        ("INSERT DATA { <urn:a> <urn:b> <urn:c> }", "INSERT DATA"),
        ("DELETE WHERE { ?s ?p ?o }", "DELETE WHERE"),
        ("DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }", "DELETE/INSERT … WHERE"),
        ("DROP ALL", "DROP"),
        ("CLEAR DEFAULT", "CLEAR"),
        ("CREATE GRAPH <urn:g>", "CREATE"),
        ("LOAD <http://127.0.0.1:9/data.ttl>", "LOAD"),
        ("LOAD <file:///etc/hostname> INTO GRAPH <urn:g>", "LOAD"),
        ("PREFIX ex: <urn:x:> INSERT DATA { ex:a ex:b ex:c } ; DROP ALL", "INSERT DATA, DROP"),
    ],
)
def test_updates_are_refused(dataset: Dataset, connections: list[object], update: str, operation: str) -> None:
    before = len(dataset)
    with pytest.raises(QueryError, match=rf"<query>: {operation} is a SPARQL update; natokg only reads"):
        natokg.sparql(dataset, update)
    assert len(dataset) == before and connections == []


# ---------------------------------------------------------------------------------------------
#  Errors that say what to do next
# ---------------------------------------------------------------------------------------------


def test_unknown_query_names_the_closest(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"unknown query 'us-representation'; did you mean cq01-us-representation"):
        natokg.query(dataset, "us-representation")
    with pytest.raises(QueryError, match=r"unknown query 'timelime'; did you mean cq06-timeline"):
        natokg.get_query("timelime")
    with pytest.raises(QueryError, match=r"unknown query 'cq13'.*natokg query --list"):
        natokg.get_query("cq13")


def test_syntax_error_gives_line_and_column(dataset: Dataset) -> None:
    text = "SELECT ?x\nWHERE {\n  ?x a nkg:Person .\n  ?x rdfs:label ?y ?z .\n}"
    with pytest.raises(QueryError, match=r"^<query>:4:\d+: SPARQL syntax error: ") as caught:
        natokg.sparql(dataset, text)
    assert caught.value.args[0].split(":")[2] == "20"  # at '?z', the 20th character of line 4


def test_syntax_error_in_a_named_query_names_its_file(data_copy: Path, dataset: Dataset) -> None:
    path = data_copy / "queries" / "cq11-tensions.rq"
    path.write_text(path.read_text(encoding="utf-8").replace("FILTER (STR(?actor)", "FILTR (STR(?actor)"), "utf-8")
    line = path.read_text(encoding="utf-8").splitlines().index("  FILTR (STR(?actor) < STR(?other))") + 1
    with pytest.raises(QueryError, match=rf"^{path}:{line}:\d+: SPARQL syntax error"):
        natokg.query(dataset, "cq11", root=data_copy)


def test_unknown_prefix_is_reported(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="invalid SPARQL: Unknown namespace prefix : nope"):
        natokg.sparql(dataset, "SELECT ?x WHERE { ?x a nope:Thing }")


def test_missing_parameter_says_how_to_pass_it(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"query cq08-evidence needs the parameter 'fact' \(an IRI.*--param fact="):
        natokg.query(dataset, "cq8")


def test_unknown_parameter_lists_the_known_ones(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"query cq04-quotations has no parameter 'who'; its parameters: speaker"):
        natokg.query(dataset, "cq4", {"who": "nkr:mark-rutte"})


@pytest.mark.parametrize(
    ("kind", "bad", "good", "term"),
    [
        ("integer", "three", "3", Literal(3)),
        ("decimal", "5%", "5.0", Literal(Decimal("5.0"))),
        ("boolean", "maybe", "false", Literal(False)),
        ("date", "12 February", "2026-02-12", Literal(date(2026, 2, 12))),
        ("year", "35", "2035", Literal("2035", datatype=natokg.namespaces.XSD.gYear)),
        ("iri", "no scheme", "<urn:x:a>", URIRef("urn:x:a")),
    ],
)
def test_ill_typed_parameters_are_refused(kind: str, bad: str, good: str, term: Literal) -> None:
    param = queries.Parameter("p", kind)
    assert param.convert(good) == term and type(param.convert(good)) is type(term)
    with pytest.raises(QueryError, match=rf"parameter 'p' of cqX must be .*, not {bad!r}"):
        param.convert(bad, query="cqX")


def test_bindings_must_be_rdf_terms(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="the value of 'v' must be an rdflib URIRef or Literal"):
        natokg.sparql(dataset, "SELECT ?v WHERE { ?s ?p ?v }", {"v": "Thursday"})
    with pytest.raises(QueryError, match="'not a var' is not a SPARQL variable name"):
        natokg.sparql(dataset, "SELECT ?v WHERE { ?s ?p ?v }", {"not a var": Literal("x")})


def test_unknown_graph_selection_is_reported(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match="unknown graph selection 'nope'"):
        natokg.query(dataset, "cq1", graphs="nope")


@pytest.mark.parametrize(
    ("header", "message"),
    [
        ("# title: T\n# question: Q?\n# cq: CQ1\n# parm: x iri\n", r"q\.rq:4: unknown header key 'parm'"),
        ("# question: Q?\n# cq: CQ1\n", r"q\.rq: the header lacks title"),
        ("# title: T\n# question: Q?\n# cq: seven\n", r"the cq header must look like CQ7, not 'seven'"),
        ("# title: T\n# question: Q?\n# cq: CQ1\n# param: x colour\n", r"q\.rq:4: unknown parameter type 'colour'"),
        ("# title: T\n# question: Q?\n# cq: CQ1\n# param: x\n", r"q\.rq:4: a parameter reads 'NAME TYPE"),
        ("# title: T\n# question: Q?\n# cq: CQ1\n# param: n integer = many\n", r"q\.rq:4: the default of .*'many'"),
    ],
)
def test_header_errors_name_file_and_line(tmp_path: Path, header: str, message: str) -> None:
    path = tmp_path / "q.rq"
    path.write_text(header + "SELECT * WHERE { ?s ?p ?o }\n", encoding="utf-8")
    with pytest.raises(QueryError, match=message):
        queries.parse_named_query(path)


def test_two_queries_for_one_cq_are_reported(data_copy: Path) -> None:
    source = data_copy / "queries" / "cq01-us-representation.rq"
    (data_copy / "queries" / "cq01-copy.rq").write_text(source.read_text(encoding="utf-8"), encoding="utf-8")
    with pytest.raises(QueryError, match="CQ1 is already answered by"):
        natokg.named_queries(data_copy)


# ---------------------------------------------------------------------------------------------
#  Results
# ---------------------------------------------------------------------------------------------


def test_results_hold_rdflib_terms_and_convert_to_dicts(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq1")
    assert results.kind == "SELECT" and len(results) == 1 and bool(results)
    row = results.to_dicts()[0]
    assert row["representative"] == NKR["elbridge-colby"] and isinstance(row["representativeLabel"], Literal)
    assert results.columns[0] == "representative" and results.rows[0][0] == NKR["elbridge-colby"]
    assert repr(results).startswith("<Results SELECT 1 row(s): representative, representativeLabel")


def test_dataframe(dataset: Dataset) -> None:
    pandas = pytest.importorskip("pandas")  # pulled in by the test extra
    frame = natokg.query(dataset, "cq5").to_dataframe()
    assert isinstance(frame, pandas.DataFrame)
    assert list(frame["actorLabel"]) == ["European nations", "NATO leaders", "US government"]
    assert frame.loc[1, "date"] == date(2025, 6, 25) and frame.loc[1, "actor"] == str(NKR["nato-leaders"])
    assert frame.loc[0, "share"] is None


def test_dataframe_without_pandas_says_what_to_install(dataset: Dataset, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setitem(sys.modules, "pandas", None)
    with pytest.raises(ImportError, match=r"pip install 'natokg\[pandas\]'"):
        natokg.query(dataset, "cq1").to_dataframe()


def test_readable_formats_show_labels_and_escape(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq11")
    table = results.to_table()
    assert [c.strip() for c in table.splitlines()[0].split("|")][:3] == ["tension", "actorLabel", "otherLabel"]
    assert "art:trump-europe-tensions" in table and "Donald Trump" in table and "nkr:donald-trump" not in table
    assert "nkr:donald-trump" in results.to_table(all_columns=True)
    markdown = results._repr_markdown_()
    assert markdown.splitlines()[1].startswith("|---|") and "| Donald Trump | European nations |" in markdown
    tricky = Results("SELECT", ["x"], [(Literal("<script>alert(1)</script> | a"),)])
    assert "<script>" not in tricky._repr_html_() and "&lt;script&gt;" in tricky._repr_html_()
    assert "\\| a" in tricky.to_markdown()
    assert tricky.to_table(max_width=10).splitlines()[2] == "<script>a…"


def test_csv_and_json_are_standard_sparql_results(dataset: Dataset) -> None:
    results = natokg.query(dataset, "cq3")
    parsed = Result.parse(io.BytesIO(results.to_json().encode("utf-8")), format="json")
    assert [tuple(row) for row in parsed] == results.rows
    lines = results.to_csv().splitlines()
    assert lines[0].split(",")[:2] == ["official", "officialLabel"]
    assert lines[1].startswith(f"{NKR['marco-rubio']},Marco Rubio,")
    assert json.loads(results.format("json"))["head"]["vars"] == results.columns


def test_ask_and_construct_answers(dataset: Dataset) -> None:
    ask = natokg.sparql(dataset, "ASK { nkr:elbridge-colby nkg:standsInFor nkr:marco-rubio }")
    assert ask.kind == "ASK" and ask.boolean is False and not ask
    assert json.loads(ask.to_json())["boolean"] is False
    graph = natokg.sparql(dataset, "CONSTRUCT { ?a nkg:standsInFor ?b } WHERE { ?a nkg:standsInFor ?b }")
    assert graph.kind == "CONSTRUCT" and len(graph.graph) == 2
    turtle = graph.format("table")  # a graph is always Turtle
    assert "nkr:elbridge-colby nkg:standsInFor nkr:pete-hegseth" in turtle
    assert set(Graph().parse(data=turtle, format="turtle")) == set(graph.graph)
    with pytest.raises(QueryError, match="a SELECT answer is a table, not a graph"):
        natokg.query(dataset, "cq1").to_turtle()


# ---------------------------------------------------------------------------------------------
#  Remote endpoints (no server here: the request and the answer are checked apart)
# ---------------------------------------------------------------------------------------------


def test_endpoint_request_follows_the_sparql_protocol() -> None:
    named = natokg.get_query("cq8")
    bindings = named.bindings({"fact": f"<{ART['colby-appeal']}>"})
    request = queries.endpoint_request(Endpoint("http://127.0.0.1:7878/query"), named.text, bindings, "SELECT")
    assert request.get_method() == "POST" and request.full_url == "http://127.0.0.1:7878/query"
    assert request.get_header("Accept") == "application/sparql-results+json"
    sent = queries.urllib.parse.parse_qs(request.data.decode("utf-8"))["query"][0]
    assert sent.rstrip().endswith(f"VALUES (?fact) {{ (<{ART['colby-appeal']}>) }}")


def test_endpoint_answers_are_parsed_by_rdflib() -> None:
    body = json.dumps(
        {
            "head": {"vars": ["who", "name"]},
            "results": {"bindings": [{"who": {"type": "uri", "value": str(NKR["mark-rutte"])}}]},
        }
    ).encode()
    results = queries.parse_response(body, "application/sparql-results+json", "SELECT", {})
    assert results.columns == ["who", "name"] and results.rows == [(NKR["mark-rutte"], None)]
    turtle = b"<urn:x:a> <urn:x:b> <urn:x:c> ."
    assert len(queries.parse_response(turtle, "text/turtle; charset=utf-8", "CONSTRUCT", {}).graph) == 1
    with pytest.raises(QueryError, match="answered a CONSTRUCT query with application/ld\\+json, not Turtle"):
        queries.parse_response(b"{}", "application/ld+json", "CONSTRUCT", {})
    with pytest.raises(QueryError, match="the endpoint's answer cannot be read"):
        queries.parse_response(b"<html>", "text/html", "SELECT", {})


def test_unreachable_endpoint_is_a_clear_error(connections: list[object]) -> None:
    with pytest.raises(natokg.NatokgError, match=r"cannot reach the SPARQL endpoint http://127\.0\.0\.1:9/query"):
        natokg.query(Endpoint("http://127.0.0.1:9/query", timeout=2), "cq1")
    assert connections  # the attempt went to the endpoint, and nowhere else
    with pytest.raises(QueryError, match="choosing graphs is not supported on a remote endpoint"):
        natokg.query(Endpoint("http://127.0.0.1:9/query"), "cq1", graphs="asserted")
