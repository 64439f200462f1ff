"""Endpoints, against a real Oxigraph server started on loopback: push, push again, a failed push, serve."""

from __future__ import annotations

import json
import os
import re
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
from collections.abc import Iterator
from decimal import Decimal
from pathlib import Path

import pytest
from rdflib import XSD, BNode, Dataset, Literal, URIRef
from rdflib.compare import isomorphic as isomorphic_graphs

import natokg
from natokg.cli import main
from natokg.endpoint import OxigraphServer, PushedGraph, free_port, graph_store_url, push
from natokg.errors import NatokgError
from natokg.export import isomorphic
from natokg.queries import Endpoint, Results, get_query, named_queries, query

MARK = URIRef("urn:natokg:test:version")
# Oxigraph stores numbers by value (oxigraph issues #526, #1413): "47"^^xsd:nonNegativeInteger comes
# back as "47"^^xsd:integer, "5.0"^^xsd:decimal as "5"^^xsd:decimal. Servers such as Fuseki keep both.
DERIVED_INTEGERS = {
    XSD[name]
    for name in (
        "integer",
        "nonNegativeInteger",
        "positiveInteger",
        "nonPositiveInteger",
        "negativeInteger",
        "long",
        "int",
        "short",
        "byte",
        "unsignedLong",
        "unsignedInt",
        "unsignedShort",
        "unsignedByte",
    )
}
# Proxies in the environment must not intercept requests to the servers the tests start.
LOCAL = urllib.request.build_opener(urllib.request.ProxyHandler({}))


@pytest.fixture
def server(tmp_path: Path) -> Iterator[OxigraphServer]:
    """A read-write Oxigraph server over a fresh store, on a free loopback port; always stopped."""
    with OxigraphServer(tmp_path / "store") as running:
        yield running


def _dump(server: OxigraphServer) -> Dataset:
    """Everything the server holds, fetched through the Graph Store Protocol."""
    request = urllib.request.Request(f"{server.url}/store", headers={"Accept": "application/n-quads"})
    with LOCAL.open(request, timeout=30) as response:
        return Dataset().parse(data=response.read().decode("utf-8"), format="nquads")


def _count(url: str, query: str = "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }") -> int:
    body = urllib.parse.urlencode({"query": query}).encode()
    request = urllib.request.Request(url, data=body, headers={"Accept": "application/sparql-results+json"})
    with LOCAL.open(request, timeout=30) as response:
        return int(json.load(response)["results"]["bindings"][0]["n"]["value"])


def _numbers_by_value(dataset: Dataset) -> Dataset:
    """A copy with integers as xsd:integer and decimals in one lexical form, as Oxigraph keeps them."""
    copy = Dataset()
    for s, p, o, g in dataset.quads((None, None, None, None)):
        if isinstance(o, Literal) and o.datatype in DERIVED_INTEGERS:
            o = Literal(str(int(o)), datatype=XSD.integer)
        elif isinstance(o, Literal) and o.datatype == XSD.decimal:
            o = Literal(format(Decimal(str(o)).normalize(), "f"), datatype=XSD.decimal)
        copy.add((s, p, o, g))
    return copy


def _named(dataset: Dataset) -> dict[URIRef, int]:
    return {g.identifier: len(g) for g in dataset.graphs() if len(g) and isinstance(g.identifier, URIRef)}


def _marked(dataset: Dataset, version: str) -> Dataset:
    """A copy in which every named graph carries one extra triple that says which version it is."""
    copy = natokg.select(dataset, ["asserted", "ontology", "background"])
    for name in natokg.graph_names(copy, ["asserted", "ontology", "background"]):
        copy.graph(name).add((MARK, MARK, Literal(version)))
    return copy


def test_push_puts_every_named_graph(server: OxigraphServer, inferred_dataset: Dataset) -> None:
    pushed = push(inferred_dataset, f"{server.url}/store")
    names = natokg.graph_names(inferred_dataset, "all")
    assert [p.graph for p in pushed] == names
    assert all(p.status in (200, 201, 204) for p in pushed)
    held = _dump(server)
    assert not isomorphic(held, inferred_dataset)  # Oxigraph retypes the NIF offsets, see DERIVED_INTEGERS
    assert isomorphic(_numbers_by_value(held), _numbers_by_value(inferred_dataset))  # and nothing else differs
    assert _named(held) == {name: len(inferred_dataset.graph(name)) for name in names}


def test_pushing_again_changes_nothing(server: OxigraphServer, dataset: Dataset) -> None:
    endpoint = f"{server.url}/store"
    push(dataset, endpoint, "ontology")
    first = _dump(server)
    # the ontology has blank nodes (property chains): a POST would add a second copy of them
    assert _count(f"{server.url}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p [] } FILTER isBlank(?s) }")
    push(dataset, endpoint, "ontology")
    again = _dump(server)
    assert isomorphic(again, first)
    assert len(list(again.quads((None, None, None, None)))) == len(dataset.graph(natokg.ONTOLOGY_GRAPH))


def test_push_replaces_stale_triples_and_leaves_other_graphs_alone(server: OxigraphServer, dataset: Dataset) -> None:
    endpoint = f"{server.url}/store"
    push(_marked(dataset, "old"), endpoint, "background")
    other = urllib.request.Request(
        graph_store_url(endpoint, "urn:someone-else"),
        data=b"<urn:a> <urn:b> <urn:c> .",
        method="PUT",
        headers={"Content-Type": "text/turtle"},
    )
    LOCAL.open(other, timeout=30).close()
    push(dataset, endpoint, "background")
    held = _dump(server)
    assert (MARK, MARK, Literal("old")) not in held.graph(natokg.BACKGROUND_GRAPH)
    assert len(held.graph(natokg.BACKGROUND_GRAPH)) == len(dataset.graph(natokg.BACKGROUND_GRAPH))
    assert len(held.graph(URIRef("urn:someone-else"))) == 1


def test_failed_push_leaves_the_previous_graphs_intact(tmp_path: Path, dataset: Dataset) -> None:
    store = tmp_path / "store"
    with OxigraphServer(store) as first:
        push(_marked(dataset, "A"), f"{first.url}/store", ["asserted", "ontology", "background"])
        before = _dump(first)
    newer = _marked(dataset, "B")
    with OxigraphServer(store) as second:
        endpoint = f"{second.url}/store"

        def stop_after_the_first(pushed: PushedGraph) -> None:
            second.stop()  # the server goes away part-way through the push

        with pytest.raises(NatokgError) as caught:
            push(newer, endpoint, ["asserted", "ontology", "background"], on_graph=stop_after_the_first)
    message = str(caught.value)
    assert message.startswith(f"cannot reach the SPARQL endpoint {endpoint}: ")
    assert "1 of 4 graphs replaced before it, the others unchanged" in message
    with OxigraphServer(store) as third:
        after = _dump(third)
    names = natokg.graph_names(newer, ["asserted", "ontology", "background"])
    assert _named(after) == {name: len(newer.graph(name)) for name in names}  # nothing partial
    first_graph, *rest = names
    assert (MARK, MARK, Literal("B")) in after.graph(first_graph)
    for name in rest:
        assert (MARK, MARK, Literal("A")) in after.graph(name)
        assert isomorphic_graphs(after.graph(name), before.graph(name))


def test_http_errors_name_the_endpoint(server: OxigraphServer, dataset: Dataset) -> None:
    endpoint = f"{server.url}/no-such-service"
    with pytest.raises(NatokgError, match=rf"^the SPARQL endpoint {endpoint} answered HTTP 404 "):
        push(dataset, endpoint, "background")


def test_cli_push_and_connection_refused(server: OxigraphServer, capsys) -> None:
    endpoint = f"{server.url}/store"
    assert main(["push", "--graphs", "background", "--endpoint", endpoint]) == 0
    out = capsys.readouterr().out
    assert f"replaced <{natokg.BACKGROUND_GRAPH}>" in out and "pushed 1 graph, " in out
    assert _count(f"{server.url}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }") > 500
    nobody = f"http://127.0.0.1:{free_port()}/store"
    assert main(["push", "--graphs", "background", "--endpoint", nobody, "--timeout", "5"]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natokg: error: cannot reach the SPARQL endpoint {nobody}: Connection refused")
    assert err.count("\n") == 1 and "Traceback" not in err
    assert main(["push", "--graphs", "background", "--endpoint", "localhost:7878/store"]) == 2
    assert "is not an http:// or https:// URL" in capsys.readouterr().err


def _wait_for_port(process: subprocess.Popen, port: int, timeout: float = 60.0) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stderr.read().decode()
        try:
            with socket.create_connection(("127.0.0.1", port), timeout=0.5):
                return
        except OSError:
            time.sleep(0.2)
    raise AssertionError(f"natokg serve did not listen on port {port} within {timeout} s")


def test_serve_answers_queries_and_refuses_updates(tmp_path: Path, dataset: Dataset) -> None:
    port = free_port()
    scratch = tmp_path / "tmp"
    scratch.mkdir()
    command = [sys.executable, "-m", "natokg.cli", "serve", "--graphs", "asserted", "--port", str(port), "--cors"]
    env = {**os.environ, "TMPDIR": str(scratch)}
    process = subprocess.Popen(command, env=env, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    try:
        _wait_for_port(process, port)
        url = f"http://127.0.0.1:{port}"
        asserted = natokg.select(dataset, "asserted")
        # the default graph is the union of the named graphs, as in natokg.load()
        assert _count(f"{url}/query") == len(asserted) > 800
        colby_posts = (
            "SELECT (COUNT(?post) AS ?n) WHERE "
            "{ <https://w3id.org/natokg/id/elbridge-colby> <http://www.w3.org/ns/org#holds> ?post }"
        )
        assert _count(f"{url}/query", colby_posts) == _count_local(asserted, colby_posts) >= 1
        page = urllib.request.Request(
            f"{url}/query?query=ASK%7B%7D", headers={"Origin": "https://yasgui.example", "Accept": "application/json"}
        )
        with LOCAL.open(page, timeout=30) as response:
            assert response.headers["Access-Control-Allow-Origin"] in ("*", "https://yasgui.example")
        refused = [
            urllib.request.Request(f"{url}/update", data=b"update=DROP+ALL", method="POST"),
            urllib.request.Request(
                graph_store_url(f"{url}/store", natokg.ENTITIES_GRAPH),
                data=b"",
                method="PUT",
                headers={"Content-Type": "text/turtle"},
            ),
        ]
        for request in refused:
            with pytest.raises(urllib.error.HTTPError) as caught:
                LOCAL.open(request, timeout=30)
            assert caught.value.code == 403
        assert _count(f"{url}/query") == len(asserted)
    finally:
        process.send_signal(signal.SIGTERM)
        process.wait(timeout=30)
    assert _server_gone(port, within=10.0)  # the oxigraph child stopped with it
    assert list(scratch.iterdir()) == []  # its temporary store is gone
    assert b"read-only SPARQL endpoint at" in process.stdout.read()


def _count_local(dataset: Dataset, query: str) -> int:
    return int(next(iter(dataset.query(query)))[0])


def test_server_that_cannot_start_says_why(tmp_path: Path) -> None:
    with OxigraphServer(tmp_path / "one") as running:
        second = OxigraphServer(tmp_path / "two", port=running.port)
        expected = rf"could not serve .*two on 127\.0\.0\.1:{running.port}: .*the port is in use$"
        with pytest.raises(NatokgError, match=expected), second:  # stopped again, should it start after all
            pass
    assert second.process is None


# ---------------------------------------------------------------------------------------------
#  Remote named queries: the same answers as a local run
# ---------------------------------------------------------------------------------------------

# art: is the prefix an article file binds, so an endpoint does not know it: a full IRI works both ways.
PARAMS = {"cq08-evidence": {"fact": f"{natokg.NKR}reuters-2026-02-12-colby-nato-brussels/colby-represents-us"}}
# SPARQL 1.1 leaves the order of GROUP_CONCAT's values to the engine (rdflib and Oxigraph differ).
_GROUP_CONCAT = re.compile(
    r'GROUP_CONCAT\s*\((?:[^;()]|\([^()]*\))*;\s*separator\s*=\s*"([^"]*)"\s*\)\s*AS\s*\?(\w+)', re.IGNORECASE
)


@pytest.fixture(scope="module")
def remote(tmp_path_factory: pytest.TempPathFactory, inferred_dataset: Dataset) -> Iterator[OxigraphServer]:
    """An Oxigraph server holding everything natokg has, inferences included, pushed once.

    Its default graph is the union of the named graphs, each triple once, as natokg's is: pushed
    with ``default_graph=True`` to a server without ``--union-default-graph`` (the README's setup).
    """
    with pytest.MonkeyPatch.context() as mp:
        mp.setenv("no_proxy", "127.0.0.1,localhost")  # the query layer honours proxy settings
        with OxigraphServer(tmp_path_factory.mktemp("remote") / "store") as server:
            push(inferred_dataset, f"{server.url}/store", ["all"], default_graph=True)
            yield server


def _comparable(results: Results, text: str) -> list[tuple[object, ...]]:
    """Rows up to what engines may differ in: row order, GROUP_CONCAT order, a number's datatype.

    Every column counts, the provenance too (basis, source, evidence, ``*Basis``): it is looked up
    with SPARQL on the target the query ran on, so a remote answer has the local one's provenance.
    """
    concatenated = {name: separator for separator, name in _GROUP_CONCAT.findall(text)}
    rows = []
    for row in results.rows:
        cells: list[object] = []
        for column, term in zip(results.columns, row, strict=True):
            value = term.toPython() if isinstance(term, Literal) else None
            if column in concatenated and term is not None:
                cells.append(tuple(sorted(str(term).split(concatenated[column]))))
            elif isinstance(value, int | Decimal) and not isinstance(value, bool):
                cells.append(Decimal(value))
            elif isinstance(term, BNode):
                cells.append("_:")
            else:
                cells.append(term)
        rows.append(tuple(cells))
    return sorted(rows, key=repr)


@pytest.mark.parametrize("name", list(named_queries()))
def test_remote_named_query_gives_the_local_results(
    name: str, remote: OxigraphServer, inferred_dataset: Dataset
) -> None:
    local = query(inferred_dataset, name, PARAMS.get(name))
    far = query(Endpoint(f"{remote.url}/query"), name, PARAMS.get(name))
    assert far.columns == local.columns
    assert len(local) > 0  # an empty answer would agree with anything
    assert all(str(r["basis"]).split(" (")[0] != "unknown" and r["basis"] for r in far.to_dicts())  # provenance found
    text = get_query(name).text
    assert _comparable(far, text) == _comparable(local, text)


def test_the_comparison_sees_a_changed_fact(remote: OxigraphServer, inferred_dataset: Dataset) -> None:
    changed = natokg.select(inferred_dataset, "all")
    colby = natokg.NKR["elbridge-colby"]
    label = URIRef("http://www.w3.org/2000/01/rdf-schema#label")
    entities = changed.graph(natokg.ENTITIES_GRAPH)
    entities.remove((colby, label, None))
    entities.add((colby, label, Literal("Elbridge A. Colby")))
    text = get_query("cq1").text
    far = query(Endpoint(f"{remote.url}/query"), "cq1")
    assert _comparable(far, text) == _comparable(query(inferred_dataset, "cq1"), text)
    assert _comparable(far, text) != _comparable(query(changed, "cq1"), text)
    # and GROUP_CONCAT's values are compared as a set, not dropped
    cq2 = get_query("cq2").text
    assert _GROUP_CONCAT.findall(cq2) == [(" | ", "evidence")]
    rows = query(inferred_dataset, "cq2")
    evidence = rows.columns.index("evidence")
    trimmed = Results(rows.kind, rows.columns, [(*r[:evidence], Literal("x"), *r[evidence + 1 :]) for r in rows.rows])
    assert _comparable(trimmed, cq2) != _comparable(rows, cq2)
    # and the provenance counts: a remote row without its source differs from the local one
    cq10 = query(Endpoint(f"{remote.url}/query"), "cq10")
    source = cq10.columns.index("source")
    unsourced = Results(cq10.kind, cq10.columns, [(*r[:source], None, *r[source + 1 :]) for r in cq10.rows])
    assert _comparable(unsourced, get_query("cq10").text) != _comparable(cq10, get_query("cq10").text)


def test_cli_remote_query_and_sparql(remote: OxigraphServer, tmp_path: Path, capsys) -> None:
    url = f"{remote.url}/query"
    assert main(["query", "cq1", "--inferred", "--format", "csv"]) == 0
    local = capsys.readouterr().out
    assert main(["query", "cq1", "--endpoint", url, "--format", "csv"]) == 0
    far = capsys.readouterr().out

    assert far == local  # basis, source and evidence included
    assert "article (curated)" in far
    assert "Elbridge Colby" in local and "Pete Hegseth" in local
    ask = tmp_path / "ask.rq"
    ask.write_text("ASK { nkr:elbridge-colby nkg:belongsTo nkr:us-government }", encoding="utf-8")
    assert main(["sparql", str(ask), "--endpoint", url, "--format", "json"]) == 0
    assert json.loads(capsys.readouterr().out)["boolean"] is True  # an inference: it was pushed


def test_cli_remote_query_errors(capsys, monkeypatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    nobody = f"http://127.0.0.1:{free_port()}/query"
    assert main(["query", "cq1", "--endpoint", nobody]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natokg: error: cannot reach the SPARQL endpoint {nobody}") and err.count("\n") == 1
    assert main(["query", "cq1", "--endpoint", nobody, "--inferred"]) == 2
    assert "--graphs and --inferred (or --no-inferred) choose local graphs" in capsys.readouterr().err
    assert main(["sparql", "-", "--endpoint", "file:///etc/passwd"]) == 2
    assert "is not an http:// or https:// URL" in capsys.readouterr().err


def _server_gone(port: int, *, within: float) -> bool:
    """True once no oxigraph process serves ``port`` (a child may take a moment to exit). Where
    /proc lists processes, their command lines are read, not the port probed: with the tests in
    parallel, another test may listen on the freed port."""
    deadline = time.monotonic() + within
    while time.monotonic() < deadline:
        if not _oxigraph_on(port):
            return True
        time.sleep(0.2)
    return False


def _oxigraph_on(port: int) -> bool:
    proc = Path("/proc")
    if not proc.is_dir():
        try:
            socket.create_connection(("127.0.0.1", port), timeout=1).close()
        except OSError:
            return False
        return True
    for cmdline in proc.glob("[0-9]*/cmdline"):
        try:
            words = cmdline.read_bytes().split(b"\0")
        except OSError:
            continue  # the process ended meanwhile
        if any(w.endswith(b"oxigraph") for w in words[:1]) and any(f":{port}".encode() in w for w in words):
            return True
    return False


# ---------------------------------------------------------------------------------------------
#  A triple stated in two named graphs counts once, through a server as locally (issue 9 §6)
# ---------------------------------------------------------------------------------------------

SAME = (natokg.NKR["elbridge-colby"], URIRef("http://www.w3.org/ns/org#memberOf"), natokg.NKR["us-government"])
COUNT_SAME = (
    "SELECT (COUNT(*) AS ?n) WHERE { <https://w3id.org/natokg/id/elbridge-colby> "
    "<http://www.w3.org/ns/org#memberOf> <https://w3id.org/natokg/id/us-government> }"
)


def _two_articles_stating_one_fact() -> Dataset:
    dataset = natokg.new_dataset()
    for slug in ("first-article", "second-article"):
        dataset.graph(natokg.article_graph(slug)).add(SAME)
        # a line separator in a literal once split the N-Quads that serve loads (issue 9 §5)
        dataset.graph(natokg.article_graph(slug)).add((SAME[0], MARK, Literal(f"{slug}\u2028\x0bline")))
    return dataset


def test_serve_counts_a_triple_of_two_graphs_once(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    dataset = _two_articles_stating_one_fact()
    local = _count_local(dataset, COUNT_SAME)
    assert local == 1  # written by hand: one triple, whatever the number of graphs that state it
    seen: dict[str, int] = {}

    def check(server: OxigraphServer) -> None:
        try:
            seen["same"] = _count(f"{server.url}/query", COUNT_SAME)
            seen["all"] = _count(f"{server.url}/query")
            seen["graphs"] = _count(f"{server.url}/query", "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }")
        finally:
            server.stop()

    natokg.endpoint.serve(dataset, port=free_port(), on_ready=check)
    assert seen == {"same": local, "all": 3, "graphs": 4}  # 3 distinct triples; 4 stated in the named graphs


def test_a_union_default_graph_would_count_it_twice(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    # The fault the test above guards against: Oxigraph's --union-default-graph counts per graph.
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    with OxigraphServer(tmp_path / "store", union_default_graph=True) as server:
        push(_two_articles_stating_one_fact(), f"{server.url}/store")
        assert _count(f"{server.url}/query", COUNT_SAME) == 2


def test_push_with_the_default_graph_counts_as_locally(
    server: OxigraphServer, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("no_proxy", "127.0.0.1,localhost")
    dataset = _two_articles_stating_one_fact()
    pushed = push(dataset, f"{server.url}/store", default_graph=True)
    assert [(p.graph, p.triples) for p in pushed][-1] == (natokg.endpoint.DEFAULT_GRAPH, 3)
    assert _count(f"{server.url}/query", COUNT_SAME) == _count_local(dataset, COUNT_SAME) == 1
    assert _count(f"{server.url}/query") == len(dataset) == 3
    assert (SAME[0], MARK, Literal("first-article\u2028\x0bline")) in _dump(server).graph(
        natokg.article_graph("first-article")
    )
    assert main(["push", "--graphs", "background", "--default-graph", "--endpoint", f"{server.url}/store"]) == 0
    out = capsys.readouterr().out
    background = len(natokg.load().graph(natokg.BACKGROUND_GRAPH))  # as loaded locally
    assert f"replaced the default graph: {background} triples" in out
    assert out.endswith(
        f"pushed 1 graph, {background} triples and their union as the default graph, to {server.url}/store\n"
    )


@pytest.mark.parametrize(
    ("host", "message"),
    [
        ("999.1.1.1", "--host '999.1.1.1' is not a valid host name or IP address"),
        ("10.255.255.1", "--host '10.255.255.1' is not an address of this machine"),
    ],
)
def test_serve_names_a_bad_host(host: str, message: str, capsys: pytest.CaptureFixture[str]) -> None:
    # Issue 9 §8: `serve --host 999.1.1.1` said "the port is in use".
    assert main(["serve", "--graphs", "background", "--host", host]) == 2
    err = capsys.readouterr().err
    assert err.startswith(f"natokg: error: {message}") and err.count("\n") == 1 and "port" not in err


def test_serve_names_a_busy_port(capsys: pytest.CaptureFixture[str]) -> None:
    with socket.socket() as busy:
        busy.bind(("127.0.0.1", 0))
        busy.listen()
        port = busy.getsockname()[1]
        assert main(["serve", "--graphs", "background", "--port", str(port)]) == 2
    assert capsys.readouterr().err == f"natokg: error: cannot listen on 127.0.0.1:{port}: the port is in use\n"
