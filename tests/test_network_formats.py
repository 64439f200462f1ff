"""Network files: GraphML, GEXF and node-link JSON read back."""

from __future__ import annotations

import json
import tempfile
from pathlib import Path
from xml.etree import ElementTree

import networkx as nx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from network_gold import sentence
from rdflib import Dataset

from natokg.namespaces import NKR
from natokg.network import (
    actor_network,
    write_network,
)
from natokg.network.formats import xml_text


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


# --- Any label gives well-formed XML that reads back (issue 9 §5, GraphML and GEXF) ----------------

# Strings as odd as labels get: control characters (U+000B in the issue), CR and CRLF, line and
# paragraph separators, NUL-adjacent code points, lone surrogates, lone combining marks, U+FFFE/FFFF,
# characters outside the BMP, markup and entity look-alikes, leading and trailing spaces.
ODD = st.lists(
    st.one_of(
        st.characters(codec=None),  # any code point, surrogates included
        st.sampled_from(["\x00", "\x01", "\x0b", "\x0c", "\x1f", "\x7f", "\x85", "\r", "\r\n", "\n", "\t"]),
        st.sampled_from(["\u2028", "\u2029", "\u0301", "\ufeff", "\ufffe", "\uffff", "\U0001f600", "\ud800"]),
        st.sampled_from(["<", ">", "&", '"', "'", "&amp;", "]]>", "<!--", " "]),
    ),
    max_size=30,
).map("".join)


def _expected(text: str) -> str:
    """What a reader gets back: the documented mapping of xml_text."""
    return xml_text(text)


def _odd_graph(label: str, evidence: list[str]) -> nx.MultiDiGraph:
    graph = nx.MultiDiGraph(name=label)
    graph.add_node("urn:a", label=label, type="person")
    graph.add_node("urn:b", label="B", aliases=[label, "b"])
    graph.add_edge("urn:a", "urn:b", key="spokeTo", relation="spokeTo", label=label, evidence=evidence, inferred=False)
    return graph


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(label=ODD, evidence=st.lists(ODD, max_size=3))
@pytest.mark.parametrize("fmt", ["graphml", "gexf"])
def test_any_label_gives_well_formed_xml_that_reads_back(
    fmt: str, label: str, evidence: list[str], tmp_path: Path
) -> None:
    path = write_network(_odd_graph(label, evidence), tmp_path / f"odd.{fmt}")
    ElementTree.parse(path)  # well-formed XML 1.0: the standard library's expat parser accepts it
    back = nx.read_graphml(path) if fmt == "graphml" else nx.read_gexf(path)
    assert back.nodes["urn:a"]["label"] == _expected(label)
    assert back.nodes["urn:b"]["aliases"] == _expected(f"{label}\nb")
    data = back.get_edge_data("urn:a", "urn:b")
    if back.is_multigraph():  # GraphML reads one edge back as a simple graph's, GEXF keeps the key
        (data,) = data.values()
    assert data["label"] == _expected(label)
    if evidence:
        assert data["evidence"] == _expected("\n".join(evidence))


@pytest.mark.parametrize(
    ("text", "written"),
    [
        ("vertical\x0btab", "vertical\u240btab"),  # the issue's example: U+000B, shown as ␋
        ("nul\x00", "nul\u2400"),
        ("a\r\nb\rc", "a\nb\nc"),
        ("lone \ud800 surrogate, \ufffe and \uffff", "lone \ufffd surrogate, \ufffd and \ufffd"),
        ("kept: \t \n \x7f \x85 \u2028 \u0301 <&>", "kept: \t \n \x7f \x85 \u2028 \u0301 <&>"),
    ],
)
def test_xml_text_mapping(text: str, written: str) -> None:
    assert xml_text(text) == written


def test_the_issue_example_is_well_formed(tmp_path: Path) -> None:
    graph = nx.Graph()
    graph.add_node("urn:x", label="a\x0bb")
    for fmt in ("graphml", "gexf"):
        path = write_network(graph, tmp_path / f"x.{fmt}")
        root = ElementTree.parse(path).getroot()
        assert any(element.text == "a\u240bb" or element.get("label") == "a\u240bb" for element in root.iter())


@settings(max_examples=40, deadline=None)
@given(label=ODD)
def test_node_link_json_round_trips_any_label_exactly(label: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        path = write_network(_odd_graph(label, [label]), Path(folder) / "odd.json")
        back = nx.node_link_graph(json.loads(path.read_bytes().decode("utf-8")), edges="links")
    assert back.nodes["urn:a"]["label"] == label and back.graph["name"] == label
