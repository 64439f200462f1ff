"""Parameters are bound as RDF terms, never pasted: no injection, locally or through VALUES."""

from __future__ import annotations

import pytest
from rdflib import Dataset, Literal, Variable

import natokg
from natokg import queries
from natokg.namespaces import NKR
from natokg.queries import QueryError
from natokg.queries.provenance import annotate

INJECTION = "x> } ; DROP ALL #"


def test_injected_string_is_just_a_string_that_matches_nothing(dataset: Dataset) -> None:
    before = len(dataset)
    assert len(natokg.query(dataset, "cq6", {"written": INJECTION})) == 0
    assert len(natokg.query(dataset, "cq6", {"written": "Thursday"})) == 5
    assert len(natokg.query(dataset, "cq6", {"written": "thursday"})) == 5  # string parameters ignore case
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
    (values_part,) = queries.execution._parts(prepared.algebra, "values")
    assert values_part["res"] == [{Variable("v"): bindings["v"], Variable("who"): bindings["who"]}]
    assert "PREFIX nkg:" in text


def test_every_named_query_answers_the_same_through_a_values_clause(dataset: Dataset) -> None:
    # An endpoint gets parameters as a trailing VALUES clause; locally they are bound with
    # initBindings. The shipped queries must give the same answer either way.
    cases = [(q.name, None) for q in natokg.named_queries().values() if q.parameters and q.cq != "CQ8"]
    cases += [("cq8", {"fact": "art:colby-represents-us"}), ("cq4", {"speaker": "nkr:mark-rutte"})]
    cases += [("cq6", {"written": "Thursday"}), ("cq1", {"represented": "nkr:italy"})]
    namespaces = {prefix: str(namespace) for prefix, namespace in dataset.namespaces()}
    for name, params in cases:
        named = natokg.get_query(name)
        bindings = named.bindings(params, namespaces)
        local = natokg.query(dataset, name, params).rows
        through_values = natokg.execute(queries.remote_text(named.text, bindings), dataset)
        through_values = annotate(through_values, dataset, named.fact).rows if named.fact else through_values.rows
        assert local == through_values, name
