"""``natokg network`` and ``natokg stats`` read from the corpus store and give what they give from
the rdflib Dataset: the same nodes, edges and attributes (evidence in order), the same figures."""

from __future__ import annotations

import dataclasses
from pathlib import Path
from types import ModuleType

import networkx as nx
import pytest

import natokg
from natokg.cli import main
from natokg.namespaces import NKR
from natokg.network import actor_network
from natokg.stats import stats
from natokg.store import build

OPTIONS = [
    {},
    {"inferred": True},
    {"bipartite": True},
    {"bipartite": True, "inferred": True},
    {"graphs": ["asserted", "background"]},
    {"graphs": ["asserted", "background"], "inferred": True},
    {"graphs": "all", "inferred": True},
    {"multigraph": False},
    {"relations": ["memberOf", "represents", "holdsPostIn"]},
]


def _content(graph: nx.Graph) -> tuple[object, ...]:
    keys = {"keys": True} if graph.is_multigraph() else {}
    return graph.graph, sorted(graph.nodes(data=True)), sorted(graph.edges(data=True, **keys), key=repr)


@pytest.fixture(scope="module")
def generated(corpus: ModuleType, tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    root = corpus.make_corpus(15, tmp_path_factory.mktemp("corpus") / "data", people=80)
    return root, build(root, tmp_path_factory.mktemp("store"), progress=False)


@pytest.mark.parametrize("options", OPTIONS, ids=repr)
def test_the_shipped_network_is_the_same_from_the_store(options: dict, tmp_path: Path) -> None:
    store = build(store_dir=tmp_path, progress=False)
    ours = actor_network(store, **options)
    theirs = actor_network(natokg.load(inferred=True), **options)
    assert _content(ours) == _content(theirs)
    store.close()


@pytest.mark.parametrize("options", OPTIONS[:4], ids=repr)
def test_a_generated_network_is_the_same_from_the_store(generated: tuple[Path, object], options: dict) -> None:
    root, store = generated
    ours = actor_network(store, **options)
    theirs = actor_network(natokg.load(root, inferred=True), **options)
    assert ours.number_of_edges() > 50  # by hand: 15 articles of several relations each
    assert _content(ours) == _content(theirs)


def test_the_store_network_has_the_edges_the_article_states(tmp_path: Path) -> None:
    # Written from the article: Colby stands in for Hegseth, who and Rubio missed the meeting.
    store = build(store_dir=tmp_path, progress=False)
    graph = actor_network(store, ["standsInFor", "absentFromMeetingOf"])
    assert graph.has_edge(NKR["elbridge-colby"], NKR["pete-hegseth"], "standsInFor")
    assert sorted(graph.nodes[u]["label"] for u, _, k in graph.edges(keys=True) if k == "absentFromMeetingOf") == [
        "Marco Rubio",
        "Pete Hegseth",
    ]
    store.close()


@pytest.mark.parametrize("inferred", [False, True])
def test_stats_are_the_same_from_the_store(generated: tuple[Path, object], inferred: bool) -> None:
    root, store = generated
    ours = stats(dataclasses.replace(store, inferred=inferred))
    theirs = stats(natokg.load(root, inferred=inferred))
    assert ours == theirs
    assert ours["articles"] == 15 and (ours["triples: inferred"] > 0) == inferred


def test_the_commands_give_the_same_files_with_both_engines(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    outputs = {}
    for engine in ("memory", "store"):
        monkeypatch.setenv("NATOKG_ENGINE", engine)
        out = tmp_path / engine / "network.graphml"
        out.parent.mkdir()
        monkeypatch.chdir(out.parent)  # the command prints the file's name
        assert main(["network", "--inferred", "-o", "network.graphml"]) == 0
        assert main(["stats", "--inferred"]) == 0
        outputs[engine] = (out.read_bytes(), capsys.readouterr().out)
    assert outputs["memory"] == outputs["store"]


def test_a_users_own_entities_give_the_same_stats_from_the_store(tmp_path: Path) -> None:
    # the store holds a root's own graph/entities.ttl beside the shipped entities, as load() does
    root = tmp_path / "mine"
    assert main(["init", str(root)]) == 0
    (root / "graph" / "entities.ttl").write_text(
        "@prefix nkg: <https://w3id.org/natokg/ontology#> .\n"
        "@prefix nkr: <https://w3id.org/natokg/id/> .\n"
        "@prefix rdfs: <http://www.w3.org/2000/01/rdf-schema#> .\n"
        'nkr:jane-analyst a nkg:Person ; rdfs:label "Jane Analyst" .\n',
        encoding="utf-8",
    )
    store = build(root, tmp_path / "store", progress=False)
    shipped = stats(build(store_dir=tmp_path / "shipped", progress=False))
    for inferred in (False, True):
        ours = stats(dataclasses.replace(store, inferred=inferred))
        assert ours == stats(natokg.load(root, inferred=inferred))
        assert ours["triples: entities"] == shipped["triples: entities"] + 2  # Jane's type and label
    store.close()
