"""Running queries: refusals (updates, SERVICE, FROM of absent graphs) and errors that say what to do next."""

from __future__ import annotations

from datetime import date
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import Dataset, Literal, URIRef

import natokg
from natokg import queries
from natokg.queries import QueryError

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
    monkeypatch.setattr(queries.execution, "_refuse_remote_parts", lambda query, source: None)
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
    # 14 sources of background-facts.md, the Reuters report issue 11 names, the lead's list and 6
    # Wikidata statements
    assert natokg.sparql(dataset, text).rows == [(Literal(22),)]


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


def test_unknown_query_names_the_closest(dataset: Dataset) -> None:
    with pytest.raises(QueryError, match=r"unknown query 'us-representation'; did you mean cq01-us-representation"):
        natokg.query(dataset, "us-representation")
    with pytest.raises(QueryError, match=r"unknown query 'timelime'; did you mean cq06-timeline"):
        natokg.get_query("timelime")
    with pytest.raises(QueryError, match=r"unknown query 'cq99'.*natokg query --list"):
        natokg.get_query("cq99")


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
