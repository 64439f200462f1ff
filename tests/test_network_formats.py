"""Network files: GraphML, GEXF and node-link JSON read back."""

from __future__ import annotations

import json
from pathlib import Path

import networkx as nx
from network_gold import sentence
from rdflib import Dataset

from natokg.namespaces import NKR
from natokg.network import (
    actor_network,
    write_network,
)


def test_graphml_gexf_and_json_round_trip(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    edge = (str(NKR["marco-rubio"]), str(NKR["nato"]))
    graphml = nx.read_graphml(write_network(network, tmp_path / "n.graphml"))
    assert (graphml.number_of_nodes(), graphml.number_of_edges()) == (22, 33)
    data = next(iter(graphml.get_edge_data(*edge).values()))
    assert data["evidence"] == sentence(3) and data["inferred"] is False
    assert graphml.nodes[str(NKR["mark-rutte"])]["aliases"] == "Rutte"

    gexf = nx.read_gexf(write_network(network, tmp_path / "n.gexf"))
    assert (gexf.number_of_nodes(), gexf.number_of_edges()) == (22, 33)
    assert gexf.nodes[str(NKR["nato"])]["label"] == "NATO"

    raw = json.loads(write_network(network, tmp_path / "n.json").read_text(encoding="utf-8"))
    back = nx.node_link_graph(raw, edges="links")
    assert (back.number_of_nodes(), back.number_of_edges()) == (22, 33)
    assert back.edges[str(NKR["marco-rubio"]), str(NKR["nato"]), "absentFromMeetingOf"]["evidence"] == [sentence(3)]


def test_weighted_graph_exports(dataset: Dataset, tmp_path: Path) -> None:
    graph = actor_network(dataset, multigraph=False)
    back = nx.read_graphml(write_network(graph, tmp_path / "w.graphml"))
    edge = back.edges[str(NKR["donald-trump"]), str(NKR["european-nations"])]
    assert edge["weight"] == 2 and edge["relation"] == "calledOn\ninTensionWith"
    assert json.loads(edge["relations"])[0]["relation"] == "calledOn"
