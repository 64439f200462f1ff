"""Reasoning: OWL 2 RL derives the facts analysts ask for, in its own graph, without noise."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from rdflib import BNode, Dataset, Literal, URIRef
from rdflib.compare import isomorphic
from rdflib.namespace import OWL, RDF, RDFS, XSD

import natokg
from natokg.namespaces import BACKGROUND_INFERRED_GRAPH, INFERRED_GRAPH, INFERRED_GRAPHS, NKG, NKR, ORG
from natokg.reasoning import VOCABULARY_NAMESPACES, InconsistencyError, _fingerprint, add_inferences, cache_dir

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


@pytest.mark.parametrize("name", [INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH])
def test_inferred_graph_holds_no_noise(inferred_dataset: Dataset, name: URIRef) -> None:
    inferred = inferred_dataset.graph(name)
    asserted = {t for g in inferred_dataset.graphs() if g.identifier not in INFERRED_GRAPHS for t in g}
    built_ins = tuple(str(ns) for ns in (RDF, RDFS, OWL, XSD))
    assert len(inferred) > 10
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


@pytest.fixture
def warm_cache(inferred_dataset: Dataset, tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    """A private cache dir holding the session's cache entry for the shipped data (no recomputation)."""
    entries = list(cache_dir().glob("inferred-*.nq"))
    assert entries, "the session fixture computed and cached the inferences"
    private = tmp_path / "cache"
    private.mkdir()
    for entry in entries:
        shutil.copy(entry, private / entry.name)
    monkeypatch.setenv("NATOKG_CACHE_DIR", str(private))
    return private


def test_inferences_are_cached_and_reused(warm_cache: Path, inferred_dataset: Dataset) -> None:
    assert cache_dir() == warm_cache
    expected = set(inferred_dataset.graph(INFERRED_GRAPH))
    assert set(add_inferences(natokg.load())) == expected
    (entry,) = warm_cache.glob("inferred-*.nq")
    # Poison the entry to prove it is what a second load reads.
    entry.write_text(f"<{NKR['x']}> <{NKG.belongsTo}> <{NKR['y']}> <{INFERRED_GRAPH}> .\n", encoding="utf-8")
    assert set(add_inferences(natokg.load())) == {(NKR["x"], NKG.belongsTo, NKR["y"])}
    # A damaged or empty entry is a miss: the inferences are computed again and the entry rewritten.
    entry.write_text("<not n-quads", encoding="utf-8")
    assert set(add_inferences(natokg.load())) == expected
    assert entry.stat().st_size > 0 and "<not n-quads" not in entry.read_text(encoding="utf-8")


def test_changed_data_gets_a_new_cache_entry(warm_cache: Path, data_copy: Path) -> None:
    before = natokg.load(data_copy)
    entities = data_copy / "graph" / "entities.ttl"
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:x <http://www.w3.org/ns/org#memberOf> nkr:nato .\n",
        encoding="utf-8",
    )
    after = natokg.load(data_copy)
    assert _fingerprint(before) != _fingerprint(after)
    inferred = add_inferences(after)
    assert (NKR["x"], NKG.belongsTo, NKR.nato) in inferred
    assert (NKR.nato, ORG.hasMember, NKR["x"]) in inferred
    assert len(list(warm_cache.glob("inferred-*.nq"))) == 2


def test_background_inferences_are_kept_apart(inferred_dataset: Dataset) -> None:
    from_reporting = inferred_dataset.graph(INFERRED_GRAPH)
    from_background = inferred_dataset.graph(BACKGROUND_INFERRED_GRAPH)
    landau = NKR["christopher-landau"]  # known only from the background
    assert (landau, NKG.belongsTo, NKR["us-government"]) in from_background
    assert not any(landau in triple for triple in from_reporting)
    assert not set(from_reporting) & set(from_background)
    assert (NKR["elbridge-colby"], NKG.belongsTo, NKR["us-government"]) in from_reporting


def test_only_events_are_inferred_to_be_events(inferred_dataset: Dataset) -> None:
    asserted_events = {
        row[0]
        for row in natokg.select(inferred_dataset, ["asserted", "ontology", "background"]).query(
            "SELECT ?e WHERE { ?e a/rdfs:subClassOf* nkg:Event }"
        )
    }
    for name in (INFERRED_GRAPH, BACKGROUND_INFERRED_GRAPH):
        inferred_events = set(inferred_dataset.graph(name).subjects(RDF.type, NKG.Event))
        assert inferred_events <= asserted_events, inferred_events - asserted_events


def test_contradiction_is_reported_not_hidden(data_copy: Path) -> None:
    entities = data_copy / "graph" / "entities.ttl"
    # Persons and organisations are disjoint: typing Colby as both must be caught.
    entities.write_text(
        entities.read_text(encoding="utf-8") + "\nnkr:elbridge-colby a nkg:Organization .\n", encoding="utf-8"
    )
    with pytest.raises(InconsistencyError) as caught:
        add_inferences(natokg.load(data_copy), cache=False)
    assert "elbridge-colby" in str(caught.value)
