"""Remote endpoints (no server here: the request and the answer are checked apart)."""

from __future__ import annotations

import json
import urllib.parse

import pytest
from queries_gold import ART

import natokg
from natokg import queries
from natokg.namespaces import NKR
from natokg.queries import Endpoint, QueryError


def test_endpoint_request_follows_the_sparql_protocol() -> None:
    named = natokg.get_query("cq8")
    bindings = named.bindings({"fact": f"<{ART['colby-appeal']}>"})
    request = queries.endpoint_request(Endpoint("http://127.0.0.1:7878/query"), named.text, bindings, "SELECT")
    assert request.get_method() == "POST" and request.full_url == "http://127.0.0.1:7878/query"
    assert request.get_header("Accept") == "application/sparql-results+json"
    sent = urllib.parse.parse_qs(request.data.decode("utf-8"))["query"][0]
    assert f"WHERE {{ VALUES (?fact) {{ (<{ART['colby-appeal']}>) }}" in sent  # first in the WHERE group


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
