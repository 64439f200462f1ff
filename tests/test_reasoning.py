"""Reasoning: OWL 2 RL derives the facts analysts ask for, in its own graph, without noise."""

from __future__ import annotations

from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

import natokg
from natokg.namespaces import INFERRED_GRAPH, NKG, NKR, ORG
from natokg.reasoning import VOCABULARY_NAMESPACES, InconsistencyError, add_inferences, cache_dir

ART = "https://w3id.org/natokg/id/reuters-2026-02-12-colby-nato-brussels/"
ONLY_BY_REASONING = [
    # (query, bindings that must be returned) — each is absent from the asserted graphs.
    (
        "SELECT ?x WHERE { nkr:elbridge-colby nkg:belongsTo ?x }",
        {NKR["us-department-of-defense"], NKR["trump-administration"], NKR["us-government"]},
    ),
    ("SELECT ?x WHERE { nkr:elbridge-colby org:memberOf ?x }", {NKR["us-department-of-defense"]}),
    ("SELECT ?x WHERE { nkr:command-naples nkg:locatedIn ?x }", {NKR.naples, NKR.italy}),
    (
        "SELECT ?x WHERE { nkr:defence-ministers-meeting-2026-02 nkg:place ?x }",
        {NKR["nato-headquarters"], NKR.brussels},
    ),
    (
        "SELECT ?x WHERE { ?x nkg:participatedIn nkr:defence-ministers-meeting-2026-02 }",
        {NKR["elbridge-colby"], NKR["nato-defence-ministers"]},
    ),
    ("SELECT ?x WHERE { ?x a schema:Quotation }", {URIRef(f"{ART}quotation-0{i}") for i in range(1, 8)}),
    ("SELECT ?x WHERE { nkr:post-nato-secretary-general org:heldBy ?x }", {NKR["mark-rutte"]}),
    ("SELECT ?x WHERE { nkr:european-nations nkg:inTensionWith ?x }", {NKR["donald-trump"]}),
]


def _values(dataset: Dataset, query: str) -> set:
    return {row[0] for row in dataset.query(query)}


@pytest.mark.parametrize(("query", "expected"), ONLY_BY_REASONING)
def test_reasoning_derives_what_assertions_do_not_say(inferred_dataset: Dataset, query: str, expected: set) -> None:
    assert expected <= _values(inferred_dataset, query)
    assert not expected <= _values(natokg.select(inferred_dataset, ["asserted", "ontology", "background"]), query)
    # … and every derived answer comes from the inferred graph, not from somewhere else.
    assert expected <= _values(natokg.select(inferred_dataset, ["asserted", "inferred"]), query)


def test_colby_is_in_the_government_but_not_derived_into_nato(inferred_dataset: Dataset) -> None:
    belongs = _values(inferred_dataset, "SELECT ?x WHERE { nkr:elbridge-colby nkg:belongsTo ?x }")
    assert NKR.nato not in belongs  # representing the US at a NATO meeting is not membership


def test_inferred_graph_holds_no_noise(inferred_dataset: Dataset) -> None:
    inferred = inferred_dataset.graph(INFERRED_GRAPH)
    asserted = {t for g in inferred_dataset.graphs() if g.identifier != INFERRED_GRAPH for t in g}
    built_ins = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
    assert len(inferred) > 500
    for s, p, o in inferred:
        assert not isinstance(s, Literal), (s, p, o)
        assert not (p == OWL.sameAs and s == o), (s, p, o)
        assert not str(s).startswith(built_ins + VOCABULARY_NAMESPACES), (s, p, o)
        assert not (p == RDF.type and str(o).startswith(built_ins)), (s, p, o)
        assert not isinstance(s, BNode), (s, p, o)
        assert (s, p, o) not in asserted, (s, p, o)


def test_reasoning_leaves_asserted_graphs_untouched() -> None:
    plain = natokg.load()
    reasoned = natokg.load(inferred=True)
    for graph in plain.graphs():
        if len(graph):
            assert isomorphic(graph, reasoned.graph(graph.identifier)), graph.identifier


def test_inferences_are_cached_and_reused(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("NATOKG_CACHE_DIR", str(tmp_path))
    assert cache_dir() == tmp_path
    first = set(add_inferences(natokg.load()))
    files = list(tmp_path.glob("inferred-*.nt"))
    assert len(files) == 1
    # A second load with the same data reads the cache: poison it to prove it is what is read.
    files[0].write_text(f"<{NKR['x']}> <{NKG.belongsTo}> <{NKR['y']}> .\n", encoding="utf-8")
    second = set(add_inferences(natokg.load()))
    assert second == {(NKR["x"], NKG.belongsTo, NKR["y"])}
    assert first != second
    recomputed = set(add_inferences(natokg.load(), cache=False))
    assert recomputed == first


def test_changed_data_gets_a_new_cache_entry(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, data_copy: Path) -> None:
    monkeypatch.setenv("NATOKG_CACHE_DIR", str(tmp_path / "cache"))
    add_inferences(natokg.load(data_copy))
    entities = data_copy / "graph" / "entities.ttl"
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:x <http://www.w3.org/ns/org#memberOf> nkr:nato .\n",
        encoding="utf-8",
    )
    inferred = add_inferences(natokg.load(data_copy))
    assert (NKR["x"], NKG.belongsTo, NKR.nato) in inferred
    assert (NKR.nato, ORG.hasMember, NKR["x"]) in inferred
    assert len(list((tmp_path / "cache").glob("inferred-*.nt"))) == 2


def test_contradiction_is_reported_not_hidden(data_copy: Path) -> None:
    entities = data_copy / "graph" / "entities.ttl"
    # Persons and organisations are disjoint: typing Colby as both must be caught.
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:elbridge-colby a nkg:Organization .\n", encoding="utf-8"
    )
    with pytest.raises(InconsistencyError) as caught:
        add_inferences(natokg.load(data_copy), cache=False)
    assert "elbridge-colby" in str(caught.value)
