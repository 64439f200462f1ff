"""The actor network's projection: nodes, edges and evidence of the article, choices, subgraphs."""

from __future__ import annotations

import networkx as nx
import pytest
from conftest import ARTICLE, ARTICLE_TTL
from network_gold import COLLECTIVES, GOLD_EDGES, ORGANISATIONS, PEOPLE, STATES, TEXT, edges_of, sentence, slug
from rdflib import Dataset

import natokg
from natokg.namespaces import NKR
from natokg.network import (
    RELATIONS,
    ROLES,
    actor_network,
    query_subgraph,
)


def test_nodes_are_the_actors_of_the_article(network: nx.MultiDiGraph) -> None:
    types = {slug(node): data["type"] for node, data in network.nodes(data=True)}
    expected = {
        **dict.fromkeys(PEOPLE, "person"),
        **dict.fromkeys(ORGANISATIONS, "organisation"),
        **dict.fromkeys(STATES, "state"),
        **dict.fromkeys(COLLECTIVES, "collective actor"),
    }
    assert types == expected
    rubio = network.nodes[NKR["marco-rubio"]]
    assert (rubio["label"], rubio["iri"], rubio["aliases"]) == ("Marco Rubio", str(NKR["marco-rubio"]), ["Rubio"])
    assert network.nodes[NKR["nato"]]["cls"] == "alliance"
    assert network.nodes[NKR["us-department-of-defense"]]["label"] == "Pentagon"


def test_no_ontology_terms_literals_posts_places_or_events_as_nodes(network: nx.MultiDiGraph) -> None:
    for node in network:
        assert str(node).startswith(str(NKR)) and "/" not in slug(node), node
    for absent in ("brussels", "post-us-secretary-of-state", "defence-ministers-meeting-2026-02", "gdp"):
        assert NKR[absent] not in network
    assert not any(key == "type" or "22-rdf-syntax" in key for _, _, key in network.edges(keys=True))


def test_edges_and_their_evidence_are_the_articles(network: nx.MultiDiGraph) -> None:
    found = edges_of(network)
    assert set(found) == set(GOLD_EDGES)
    for edge, numbers in GOLD_EDGES.items():
        data = found[edge]
        assert data["evidence"] == [sentence(n) for n in numbers], edge
        assert data["label"] == RELATIONS[edge[1]].label
        assert data["inferred"] is False
        assert all(text in TEXT for text in data["evidence"] + data["phrases"])


def test_edges_carry_the_cited_phrases_and_facts(network: nx.MultiDiGraph) -> None:
    rubio = network.edges[NKR["marco-rubio"], NKR["nato"], "absentFromMeetingOf"]
    assert rubio["phrases"] == [
        "Secretary of State Marco Rubio missed a gathering of the alliance's foreign ministers in December"
    ]
    assert rubio["facts"] == [f"{NKR}{ARTICLE}/rubio-absence"]
    rutte = network.edges[NKR["mark-rutte"], NKR["nato"], "quotedAtMeetingOf"]
    assert [f.rsplit("/", 1)[1] for f in rutte["facts"]] == ["quotation-06", "quotation-07", "rutte-remarks"]


def test_evidence_is_read_from_the_data(mutate) -> None:
    """A copy of the article whose absence cites another sentence changes the edge's evidence."""
    root = mutate(
        ARTICLE_TTL,
        'nkg:seriesDescription "a top Trump administration official has skipped a NATO meeting" ;\n'
        "    nkg:evidence art:sentence-03 , art:phrase-rubio-missed ;",
        'nkg:seriesDescription "a top Trump administration official has skipped a NATO meeting" ;\n'
        "    nkg:evidence art:sentence-04 ;",
    )
    edge = actor_network(natokg.load(root)).edges[NKR["marco-rubio"], NKR["nato"], "absentFromMeetingOf"]
    assert edge["evidence"] == [sentence(4)] and edge["phrases"] == []


def test_an_edge_disappears_with_its_triple(mutate) -> None:
    root = mutate(ARTICLE_TTL, "nkr:marco-rubio nkg:absentFrom nkr:foreign-ministers-meeting-2025-12 .", "")
    graph = actor_network(natokg.load(root))
    assert not graph.has_edge(NKR["marco-rubio"], NKR["nato"], "absentFromMeetingOf")
    assert graph.has_edge(NKR["pete-hegseth"], NKR["nato"], "absentFromMeetingOf")


def test_relations_can_be_chosen(dataset: Dataset) -> None:
    graph = actor_network(dataset, ["calledOn", "inTensionWith"])
    assert set(edges_of(graph)) == {
        ("donald-trump", "calledOn", "european-nations"),
        ("donald-trump", "inTensionWith", "european-nations"),
    }
    assert graph.graph["relations"] == ["calledOn", "inTensionWith"]
    with pytest.raises(natokg.NatokgError, match="relations: unknown relation 'friendOf'; choose from holdsPostIn"):
        actor_network(dataset, ["friendOf"])


def test_weighted_simple_graph(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    graph = actor_network(dataset, multigraph=False)
    assert type(graph) is nx.Graph
    assert graph.number_of_edges() == len({frozenset(e) for e in network.edges()}) == 31
    edge = graph.edges[NKR["donald-trump"], NKR["european-nations"]]
    assert edge["weight"] == 2 and edge["relation"] == ["calledOn", "inTensionWith"]
    assert edge["evidence"] == [sentence(4), sentence(5)] or edge["evidence"] == [sentence(5), sentence(4)]
    assert sum(d["weight"] for _, _, d in graph.edges(data=True)) == network.number_of_edges()
    # Directions survive inside the weighted edge.
    responded = graph.edges[NKR["nato-leaders"], NKR["donald-trump"]]["relations"][0]
    assert (slug(responded["source"]), responded["relation"]) == ("nato-leaders", "respondedTo")


def test_bipartite_view_links_actors_to_events(dataset: Dataset) -> None:
    graph = actor_network(dataset, bipartite=True)
    assert nx.is_bipartite(graph)
    for source, target in graph.edges():
        assert (graph.nodes[source]["bipartite"], graph.nodes[target]["bipartite"]) == (0, 1)
    events = {slug(n).rsplit("/", 1)[-1] for n, d in graph.nodes(data=True) if d["bipartite"] == 1}
    assert {"defence-ministers-meeting-2026-02", "rubio-absence", "colby-appeal", "handover-naples"} <= events
    found = edges_of(graph)
    assert found["marco-rubio", "absentFrom", "foreign-ministers-meeting-2025-12"]["evidence"] == [sentence(3)]
    assert ("elbridge-colby", "representedAt", "defence-ministers-meeting-2026-02") in found
    assert ("mark-rutte", "quotedIn", f"{ARTICLE}/rutte-remarks") in found
    assert set(graph.graph["relations"]) == set(ROLES)


def test_inferred_relations_only_when_asked_and_marked(
    network: nx.MultiDiGraph, inferred_network: nx.MultiDiGraph
) -> None:
    assert not any(key == "belongsTo" for _, _, key in network.edges(keys=True))
    found = edges_of(inferred_network)
    # Colby holds a post in the Pentagon, which is part of the administration, part of the government.
    for target in ("us-department-of-defense", "trump-administration", "us-government"):
        assert found["elbridge-colby", "belongsTo", target]["inferred"] is True
    assert found["elbridge-colby", "memberOf", "us-department-of-defense"]["inferred"] is True
    # What the article states stays stated, with its evidence.
    for edge, numbers in GOLD_EDGES.items():
        assert found[edge]["inferred"] is False and found[edge]["evidence"] == [sentence(n) for n in numbers]
    # A symmetric relation is drawn once, in the direction the text gives it.
    assert ("european-nations", "inTensionWith", "donald-trump") not in found
    # Only the actors of the chosen graphs: none that only the background knows.
    assert set(inferred_network) == set(network)


def test_inferred_needs_the_inferences(dataset: Dataset) -> None:
    with pytest.raises(natokg.NatokgError, match=r"natokg.load\(inferred=True\)"):
        actor_network(dataset, inferred=True)


def test_background_graph_can_be_added(dataset: Dataset) -> None:
    graph = actor_network(dataset, ["standsInFor", "handsOverTo"], graphs=["asserted", "background"])
    found = edges_of(graph)
    # The background says Christopher Landau stood in for Rubio in December: no article sentence.
    assert found["christopher-landau", "standsInFor", "marco-rubio"]["evidence"] == []
    assert ("united-states", "handsOverTo", "united-kingdom") in found


def test_subgraph_from_a_select_result(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    result = dataset.query("SELECT ?absence WHERE { ?absence a nkg:Absence }")
    sub = query_subgraph(network, result)
    assert set(edges_of(sub)) == {
        ("pete-hegseth", "absentFromMeetingOf", "nato"),
        ("marco-rubio", "absentFromMeetingOf", "nato"),
    }


def test_subgraph_from_a_construct_result(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    result = dataset.query(
        "CONSTRUCT { ?person org:memberOf nkr:trump-administration } "
        "WHERE { ?person org:memberOf nkr:trump-administration }"
    )
    sub = query_subgraph(network, result)
    assert {slug(n) for n in sub} == {"pete-hegseth", "marco-rubio", "trump-administration"}
    assert {key for _, _, key in sub.edges(keys=True)} == {"memberOf"}
    with pytest.raises(natokg.NatokgError, match="an ASK query names no nodes"):
        query_subgraph(network, dataset.query("ASK { ?s ?p ?o }"))
