"""Analysis of the actor network: centrality, communities, ego networks, explained paths."""

from __future__ import annotations

import networkx as nx
import pytest
from network_gold import sentence, slug
from rdflib import Dataset

import natokg
from natokg.namespaces import NKR
from natokg.network import (
    actor_network,
    centrality,
    communities,
    describe_path,
    ego_network,
    explain_path,
    find_actor,
)


def test_centrality_on_the_article(network: nx.MultiDiGraph) -> None:
    rows = centrality(network)
    assert [row["label"] for row in rows[:2]] == ["NATO", "Elbridge Colby"]
    by_slug = {slug(row["node"]): row for row in rows}
    assert by_slug["nato"]["degree"] == 11  # its members, Rutte, the two absentees, Colby, Washington
    assert by_slug["elbridge-colby"]["degree"] == 7
    assert max(rows, key=lambda r: r["betweenness"])["label"] == "NATO"
    assert by_slug["italy"] == {**by_slug["italy"], "degree": 0, "betweenness": 0.0, "eigenvector": 0.0}
    assert max(rows, key=lambda r: r["eigenvector"])["label"] == "NATO"


def test_eigenvector_survives_disconnected_multigraphs() -> None:
    graph = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("x", "y")])
    graph.add_node("lonely")
    rows = {row["node"]: row for row in centrality(graph)}
    assert rows["lonely"]["eigenvector"] == 0.0
    assert rows["x"]["eigenvector"] > 0 and rows["b"]["eigenvector"] > rows["a"]["eigenvector"]
    connected = nx.Graph([("a", "b"), ("b", "c"), ("c", "a"), ("c", "d")])
    expected = nx.eigenvector_centrality(connected, max_iter=1000, tol=1e-10)
    assert {r["node"]: r["eigenvector"] for r in centrality(connected)} == pytest.approx(expected)


def test_communities_on_the_article(network: nx.MultiDiGraph) -> None:
    shared = [
        {"command-naples", "command-norfolk", "european-officers", "united-states"},  # the handover
        {"mark-rutte", "nato", "nato-allies", "nato-foreign-ministers"},
        {"donald-trump", "european-nations", "nato-leaders"},  # the demand and the 5% response
        {"italy"},
    ]
    expected = {
        # Louvain keeps the Pentagon and Hegseth with the Trump administration...
        "louvain": [
            {"european-officials-and-commentators", "marco-rubio", "pete-hegseth", "trump-administration"}
            | {"us-department-of-defense", "us-government"},
            {"elbridge-colby", "european-allies", "nato-defence-ministers", "reporters"},
        ],
        # ...greedy modularity puts them with Colby, who holds the Pentagon's No. 3 post.
        "greedy": [
            {"elbridge-colby", "european-allies", "nato-defence-ministers", "pete-hegseth", "reporters"}
            | {"us-department-of-defense"},
            {"european-officials-and-commentators", "marco-rubio", "trump-administration", "us-government"},
        ],
    }
    for method, own in expected.items():
        rows = communities(network, method=method)
        groups: dict[int, set[str]] = {}
        for row in rows:
            groups.setdefault(row["community"], set()).add(slug(row["node"]))
        found = [groups[i] for i in sorted(groups)]
        assert sorted(map(sorted, found)) == sorted(map(sorted, shared + own)), method
    assert communities(network) == communities(network)  # the seed is fixed
    with pytest.raises(natokg.NatokgError, match="unknown community method 'magic'"):
        communities(network, method="magic")


def test_ego_network_of_colby(network: nx.MultiDiGraph) -> None:
    ego = ego_network(network, "Colby")
    assert {slug(n) for n in ego} == {
        "elbridge-colby",
        "us-department-of-defense",
        "united-states",
        "pete-hegseth",
        "nato-defence-ministers",
        "european-allies",
        "reporters",
        "nato",
    }
    # Edges among the neighbours come along: Hegseth holds a post in the Pentagon too.
    assert ego.has_edge(NKR["pete-hegseth"], NKR["us-department-of-defense"], "holdsPostIn")


def test_actors_are_found_by_iri_slug_label_or_alias(network: nx.MultiDiGraph) -> None:
    rubio = NKR["marco-rubio"]
    assert {find_actor(network, name) for name in (rubio, str(rubio), "marco-rubio", "Marco Rubio", "rubio")} == {rubio}
    assert find_actor(network, "Washington") == NKR["us-government"]
    with pytest.raises(natokg.NatokgError, match="no actor 'Stoltenberg' in this network; known: Donald Trump"):
        find_actor(network, "Stoltenberg")


def test_path_from_rubio_to_rutte_with_evidence(network: nx.MultiDiGraph) -> None:
    rows = explain_path(network, "Rubio", "Rutte")
    assert [(r["step"], r["statement"], r["evidence"]) for r in rows] == [
        (1, "Marco Rubio absent from a meeting of NATO", [sentence(3)]),
        (2, "Mark Rutte holds a post in NATO", [sentence(11)]),
        (2, "Mark Rutte quoted at a meeting of NATO", [sentence(11), sentence(12), sentence(13)]),
    ]
    text = describe_path(rows)
    assert text.splitlines()[0] == "Marco Rubio → NATO → Mark Rutte"
    assert f"   > {sentence(3)}" in text
    with pytest.raises(natokg.NatokgError, match="Italy and Marco Rubio are not connected"):
        explain_path(network, "Italy", "Rubio")


def test_path_in_the_weighted_graph_is_the_same(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    weighted = actor_network(dataset, multigraph=False)
    assert explain_path(weighted, "Rubio", "Rutte") == explain_path(network, "Rubio", "Rutte")


def test_path_prefers_stated_relations() -> None:
    graph = nx.MultiDiGraph()
    graph.add_nodes_from(["a", "b", "c", "d"])
    graph.add_edge("a", "b", key="r", relation="r", label="r", evidence=["A r B."], inferred=False)
    graph.add_edge("b", "d", key="r", relation="r", label="r", evidence=["B r D."], inferred=False)
    graph.add_edge("a", "c", key="r", relation="r", label="r", evidence=[], inferred=True)
    graph.add_edge("c", "d", key="r", relation="r", label="r", evidence=[], inferred=True)
    assert [row["to"] for row in explain_path(graph, "a", "d")] == ["b", "d"]
    # Turn the preference around: now the path through c is the stated one.
    for u, v in (("a", "b"), ("b", "d"), ("a", "c"), ("c", "d")):
        graph.edges[u, v, "r"]["inferred"] = not graph.edges[u, v, "r"]["inferred"]
    assert [row["to"] for row in explain_path(graph, "a", "d")] == ["c", "d"]


def test_inferred_steps_are_explained_as_such(inferred_network: nx.MultiDiGraph) -> None:
    rows = explain_path(inferred_network, "Colby", "US government")
    assert [(r["statement"], r["inferred"], r["evidence"]) for r in rows] == [
        ("Elbridge Colby belongs to US government", True, [])
    ]
    assert "(inferred by reasoning)" in describe_path(rows) and "no sentence states it" in describe_path(rows)
