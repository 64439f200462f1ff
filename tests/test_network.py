"""The actor network: projection of the article, analysis, pictures, the HTML view, exports, CLI.

Gold answers are written from the article (graph/articles/<slug>.txt): who is connected to whom,
by which relation, and which sentences say so.
"""

from __future__ import annotations

import json
import re
import shutil
import subprocess
from collections import Counter
from pathlib import Path

import networkx as nx
import pytest
from conftest import ARTICLE, ARTICLE_TTL
from rdflib import Dataset

import natokg
from natokg.cli import main
from natokg.namespaces import NKR
from natokg.network import (
    RELATIONS,
    ROLES,
    TYPE_COLOURS,
    actor_network,
    centrality,
    communities,
    describe_path,
    ego_network,
    explain_path,
    find_actor,
    interactive,
    layout,
    query_subgraph,
    write_network,
)

TEXT = (natokg.data_root() / "graph" / "articles" / f"{ARTICLE}.txt").read_text(encoding="utf-8")

# The article's sentences, by number, as they begin.
SENTENCE_STARTS = {
    1: "Pentagon policy chief Elbridge Colby called on Thursday",
    2: "US Defense Secretary Pete Hegseth is not attending",
    3: "Hegseth’s absence marks the second time",
    4: "Those absences and repeated tensions",
    5: "Trump has repeatedly called on European nations",
    6: "NATO leaders responded last year",
    7: "Colby sees 'strong basis'",
    8: "Colby offered reassurance to European allies",
    9: "“Now it's time to march out together",
    10: "In a sign of the shifting balance",
    11: "At the start of Thursday's meeting",
    12: '"We are already seeing significant increases',
    13: "“Investment is up by tens of billions.",
}

PEOPLE = {"elbridge-colby", "pete-hegseth", "marco-rubio", "donald-trump", "mark-rutte"}
ORGANISATIONS = {
    "nato",
    "us-department-of-defense",
    "us-government",
    "trump-administration",
    "command-naples",
    "command-norfolk",
}
STATES = {"united-states", "italy"}
COLLECTIVES = {
    "european-nations",
    "european-allies",
    "nato-allies",
    "nato-leaders",
    "nato-defence-ministers",
    "nato-foreign-ministers",
    "european-officials-and-commentators",
    "reporters",
    "european-officers",
}

# (source, relation, target): the sentences that state it. Written from the article.
GOLD_EDGES: dict[tuple[str, str, str], tuple[int, ...]] = {
    # "Pentagon policy chief Elbridge Colby" / "Colby, who holds the Pentagon's No. 3 post"
    ("elbridge-colby", "holdsPostIn", "us-department-of-defense"): (1, 2),
    ("pete-hegseth", "holdsPostIn", "us-department-of-defense"): (2,),  # "US Defense Secretary Pete Hegseth"
    ("marco-rubio", "holdsPostIn", "us-government"): (3,),  # "Secretary of State Marco Rubio"
    ("donald-trump", "holdsPostIn", "us-government"): (4,),  # "US President Donald Trump"
    ("mark-rutte", "holdsPostIn", "nato"): (11,),  # "NATO Secretary General Mark Rutte"
    # "a top Trump administration official has skipped a NATO meeting" (Hegseth now, Rubio before)
    ("pete-hegseth", "memberOf", "trump-administration"): (3,),
    ("marco-rubio", "memberOf", "trump-administration"): (3,),
    ("european-allies", "memberOf", "nato"): (8,),
    ("nato-allies", "memberOf", "nato"): (11,),
    ("nato-defence-ministers", "memberOf", "nato"): (1,),
    ("nato-foreign-ministers", "memberOf", "nato"): (3,),
    ("nato-leaders", "memberOf", "nato"): (6,),
    # The Pentagon is run by the Trump administration, the US government's executive: the
    # modeller's reading of the sentences that call the US Defense Secretary a top official of it.
    ("us-department-of-defense", "partOf", "trump-administration"): (2, 3),
    ("trump-administration", "partOf", "us-government"): (3, 4),
    ("elbridge-colby", "represents", "united-states"): (2,),  # "is representing the US"
    ("elbridge-colby", "standsInFor", "pete-hegseth"): (2,),  # "Hegseth is not attending ...; instead, Colby"
    ("pete-hegseth", "absentFromMeetingOf", "nato"): (2, 3),
    ("marco-rubio", "absentFromMeetingOf", "nato"): (3,),  # "Rubio missed a gathering of the alliance's"
    # "as he arrived in Brussels for talks with the military alliance’s defense ministers"
    ("elbridge-colby", "cameForTalksWith", "nato-defence-ministers"): (1,),
    ("donald-trump", "calledOn", "european-nations"): (5,),
    ("elbridge-colby", "reassured", "european-allies"): (7, 8),
    ("elbridge-colby", "spokeTo", "reporters"): (1, 9),  # "he told reporters"
    ("elbridge-colby", "spokeAbout", "nato"): (1, 9),  # "called ... for NATO to be based on"
    ("mark-rutte", "spokeAbout", "nato-allies"): (11, 12, 13),  # "said allies were stepping up"
    ("mark-rutte", "quotedAtMeetingOf", "nato"): (11, 12, 13),  # quoted "At the start of Thursday's meeting"
    ("donald-trump", "inTensionWith", "european-nations"): (4,),
    ("us-government", "committedTo", "nato"): (4,),  # "Washington's commitment to NATO"
    ("european-officials-and-commentators", "questionedCommitmentOf", "us-government"): (4,),
    ("nato-leaders", "respondedTo", "donald-trump"): (5, 6),  # "NATO leaders responded last year"
    ("united-states", "handsOverTo", "european-officers"): (10,),
    ("command-naples", "ledBy", "united-states"): (10,),  # "two of its major command posts"
    ("command-norfolk", "ledBy", "united-states"): (10,),
    ("nato", "announcedHandoverBy", "united-states"): (10,),  # "NATO announced ... that the US will turn over"
}


def slug(node: object) -> str:
    return str(node).removeprefix(str(NKR))


def sentence(number: int) -> str:
    """The whole sentence of the article: from its start to where the next one starts."""
    start = TEXT.index(SENTENCE_STARTS[number])
    end = TEXT.index(SENTENCE_STARTS[number + 1]) if number + 1 in SENTENCE_STARTS else len(TEXT)
    return TEXT[start:end].strip()


def edges_of(graph: nx.MultiDiGraph) -> dict[tuple[str, str, str], dict]:
    return {(slug(u), key, slug(v)): data for u, v, key, data in graph.edges(keys=True, data=True)}


@pytest.fixture(scope="module")
def network(dataset: Dataset) -> nx.MultiDiGraph:
    return actor_network(dataset)


@pytest.fixture(scope="module")
def inferred_network(inferred_dataset: Dataset) -> nx.MultiDiGraph:
    return actor_network(inferred_dataset, inferred=True)


# --- Projection --------------------------------------------------------------------------------


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


# --- Analysis ----------------------------------------------------------------------------------


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


# --- Pictures ----------------------------------------------------------------------------------


def test_layout_is_stable(dataset: Dataset, network: nx.MultiDiGraph) -> None:
    again = actor_network(dataset)
    assert layout(network) == layout(again)
    assert layout(network) != layout(network, seed=8)
    pos = layout(network)
    assert all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    # Isolated Italy waits in the bottom strip; the connected actors fill the rest of the picture.
    others = [xy for node, xy in pos.items() if node != NKR["italy"]]
    assert pos[NKR["italy"]][1] < 0.08 <= min(y for _, y in others)
    assert min(x for x, _ in others) == 0 and max(x for x, _ in others) == 1 and max(y for _, y in others) == 1


def test_png_is_drawn_with_colours_per_type(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    from PIL import Image

    path = write_network(network, tmp_path / "network.png")
    assert path.stat().st_size > 50_000
    with Image.open(path) as image:
        assert image.format == "PNG" and image.size[0] >= 1200 and image.size[1] >= 800
        pixels = Counter({colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)})
    white = pixels[(255, 255, 255)]
    assert white < 0.97 * sum(pixels.values())  # not blank
    assert len(pixels) > 200  # many colours: nodes, edges, text
    for kind in ("person", "organisation", "state", "collective actor"):
        rgb = tuple(int(TYPE_COLOURS[kind][i : i + 2], 16) for i in (1, 3, 5))
        assert pixels[rgb] > 300, kind  # discs of each actor type's colour are really painted
    # Same input, same picture.
    assert write_network(network, tmp_path / "again.png").read_bytes() == path.read_bytes()


def test_svg_is_stable_and_has_labels(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    first = write_network(network, tmp_path / "a.svg").read_text(encoding="utf-8")
    second = write_network(network, tmp_path / "b.svg").read_text(encoding="utf-8")
    assert first == second and first.lstrip().startswith("<?xml") and "<svg" in first


# --- Interactive HTML --------------------------------------------------------------------------


def test_html_is_self_contained(network: nx.MultiDiGraph) -> None:
    page = interactive(network).html
    assert not re.search(r"<(script|img|iframe)[^>]*\bsrc\s*=", page, re.I)
    assert not re.search(r"<link\b|@import|url\(|\bfetch\(|XMLHttpRequest|import\(", page, re.I)
    data = json.loads(re.search(r'<script id="natokg-data" type="application/json">(.*?)</script>', page, re.S)[1])
    assert len(data["nodes"]) == network.number_of_nodes() and len(data["edges"]) == network.number_of_edges()
    edge = next(e for e in data["edges"] if e["label"] == "absent from a meeting of" and "Rubio" in e["evidence"][0])
    assert edge["evidence"] == [sentence(3)]
    view = interactive(network)._repr_html_()
    assert view.startswith("<iframe srcdoc=") and "<script" not in view  # the page is escaped into srcdoc


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")


@pytest.mark.skipif(CHROMIUM is None, reason="needs headless Chromium (Debian package 'chromium')")
def test_html_draws_offline_in_headless_chromium(network: nx.MultiDiGraph, tmp_path: Path) -> None:
    page = write_network(network, tmp_path / "network.html")
    command = [
        CHROMIUM,
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        f"--user-data-dir={tmp_path / 'profile'}",
        "--host-resolver-rules=MAP * ~NOTFOUND",  # nothing resolves: the page must need no network
        "--window-size=1400,900",
    ]
    dom = subprocess.run(
        [*command, "--dump-dom", page.as_uri()], capture_output=True, text=True, timeout=120, check=True
    ).stdout
    status = re.search(r'id="natokg-status" data-drawn-nodes="(\d+)" data-drawn-edges="(\d+)"', dom)
    assert status, dom[:2000]
    assert (int(status[1]), int(status[2])) == (network.number_of_nodes(), network.number_of_edges())

    # Clicking an actor shows its relations with their evidence (here opened by the URL's #select=).
    dom = subprocess.run(
        [*command, "--dump-dom", page.as_uri() + "#select=Marco%20Rubio"],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    panel = dom[dom.index('<aside id="panel">') :]
    assert "3 relations" in panel and "Marco Rubio absent from a meeting of NATO" in panel
    assert "Rubio missed a gathering of the alliance" in panel

    from PIL import Image

    shot = tmp_path / "shot.png"
    subprocess.run([*command, f"--screenshot={shot}", page.as_uri()], capture_output=True, timeout=120, check=True)
    with Image.open(shot) as image:
        pixels = Counter({colour: n for n, colour in image.convert("RGB").getcolors(maxcolors=1 << 24)})
    for colour in (TYPE_COLOURS["person"], TYPE_COLOURS["collective actor"]):
        rgb = tuple(int(colour[i : i + 2], 16) for i in (1, 3, 5))
        assert pixels[rgb] > 100, f"no {colour} node discs on the canvas"


# --- Exports -----------------------------------------------------------------------------------


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


# --- Command line ------------------------------------------------------------------------------


@pytest.mark.parametrize("fmt", ["graphml", "json", "html", "svg"])
def test_cli_writes_every_format(fmt: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / f"net.{fmt}"
    assert main(["network", "--format", fmt, "-o", str(out)]) == 0
    assert out.stat().st_size > 1000 and f"22 nodes, 33 edges ({fmt})" in capsys.readouterr().out
    assert [p.name for p in tmp_path.iterdir()] == [out.name]  # no temporary file left behind


def test_cli_choices(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "net.json"
    assert main(["network", "-o", str(out), "--relations", "memberOf,holdsPostIn", "--weighted"]) == 0
    graph = json.loads(out.read_text(encoding="utf-8"))
    assert graph["multigraph"] is False and len(graph["links"]) == 12
    assert main(["network", "-o", str(out), "--bipartite", "--relations", "absentFrom"]) == 0
    assert len(json.loads(out.read_text(encoding="utf-8"))["links"]) == 2
    query = tmp_path / "absences.rq"
    query.write_text("SELECT ?absence WHERE {\n  ?absence a nkg:Absence\n}\n", encoding="utf-8")
    assert main(["network", "-o", str(out), "--query", str(query)]) == 0
    assert "3 nodes, 2 edges" in capsys.readouterr().out


def test_cli_inferred(tmp_path: Path, inferred_dataset: Dataset) -> None:
    # The inferred_dataset fixture has filled the test run's inference cache, which the CLI reads.
    out = tmp_path / "net.json"
    assert main(["network", "-o", str(out), "--inferred", "--relations", "belongsTo"]) == 0
    links = json.loads(out.read_text(encoding="utf-8"))["links"]
    assert links and all(link["inferred"] for link in links)


QUERY_FILES = {
    "bad.rq": "SELECT ?x WHERE {\n  ?x a nkg:Absence \n",  # the brace is never closed
    "remote.rq": "SELECT ?x WHERE { SERVICE <http://127.0.0.1:9/sparql> { ?x ?p ?o } }\n",
    "ask.rq": "ASK { ?x a nkg:Absence }\n",
    "nothing.rq": "SELECT ?x WHERE { ?x a nkg:Nothing }\n",
}


@pytest.mark.parametrize(
    ("arguments", "message"),
    [
        (["--relations", "friendOf"], "relations: unknown relation 'friendOf'"),
        (["--format", "pdf"], "invalid choice: 'pdf'"),
        (["--graphs", "nope"], "graphs: unknown graph selection 'nope'"),
        (["--query", "{dir}/bad.rq"], "{dir}/bad.rq:3:1: SPARQL syntax error"),
        (["--query", "{dir}/missing.rq"], "{dir}/missing.rq: file not found"),
        (["--query", "{dir}/remote.rq"], "{dir}/remote.rq: SERVICE <http://127.0.0.1:9/sparql> would query a remote"),
        (["--query", "{dir}/ask.rq"], "{dir}/ask.rq: an ASK query names no actors"),
        (["--query", "{dir}/nothing.rq"], "{dir}/nothing.rq: the query names no actor of the network"),
    ],
)
def test_cli_reports_bad_input_in_one_line(
    arguments: list[str], message: str, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = tmp_path / "net.json"
    out.write_text("previous", encoding="utf-8")
    for name, text in QUERY_FILES.items():
        (tmp_path / name).write_text(text, encoding="utf-8")
    try:
        code = main(["network", "-o", str(out), *(a.format(dir=tmp_path) for a in arguments)])
    except SystemExit as exit:  # argparse's own errors
        code = exit.code
    err = capsys.readouterr().err
    assert code == 2 and message.format(dir=tmp_path) in err and "Traceback" not in err
    assert len(err.strip().splitlines()) == 1 or "usage:" in err
    assert out.read_text(encoding="utf-8") == "previous"  # the old file is left alone


def test_cli_unknown_suffix_and_missing_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["network", "-o", str(tmp_path / "net.xyz")]) == 2
    assert "--format: cannot tell the format" in capsys.readouterr().err
    assert main(["network", "-o", str(tmp_path / "absent" / "net.png")]) == 2
    assert "the folder to write into does not exist" in capsys.readouterr().err
