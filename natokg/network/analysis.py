"""Analysis of the actor network: centrality, communities, ego networks and explained paths, as tidy rows."""

from __future__ import annotations

from collections.abc import Sequence
from itertools import pairwise
from typing import Any

import networkx as nx
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.extras import require
from natokg.network.relations import RELATIONS, ROLES, SEED, Row, _local_name


def _simple(graph: nx.Graph) -> nx.Graph:
    """The undirected simple graph under ``graph``: one edge per pair, ``weight`` = number of relations."""
    if not graph.is_multigraph() and not graph.is_directed():
        return graph
    simple = nx.Graph()
    simple.add_nodes_from(graph.nodes(data=True))
    for source, target in graph.edges():
        if simple.has_edge(source, target):
            simple.edges[source, target]["weight"] += 1
        else:
            simple.add_edge(source, target, weight=1)
    return simple


def _node_row(graph: nx.Graph, node: Node) -> Row:
    data = graph.nodes[node]
    return {"node": str(node), "label": data.get("label", _local_name(node)), "type": data.get("type", "")}


def centrality(graph: nx.Graph) -> list[Row]:
    """Degree, betweenness and eigenvector centrality of each node, most central first.

    They are computed on the undirected simple graph under ``graph`` (a pair of actors counts once,
    however many relations join them). ``degree`` is the number of neighbours. Eigenvector
    centrality is computed within each connected component and scaled by the square root of the
    component's share of the nodes, so a disconnected graph or a multigraph gives finite values
    (an isolated node gets 0) and a connected graph gives networkx's own result.

    >>> G = nx.MultiDiGraph([("a", "b"), ("a", "b"), ("b", "c"), ("d", "e")])
    >>> [(row["node"], row["degree"], round(row["betweenness"], 3)) for row in centrality(G)][:2]
    [('b', 2, 0.167), ('a', 1, 0.0)]
    """
    simple = _simple(graph)
    degree = nx.degree_centrality(simple) if len(simple) > 1 else dict.fromkeys(simple, 0.0)
    betweenness = nx.betweenness_centrality(simple)
    eigenvector = _eigenvector(simple)
    rows = [
        {
            **_node_row(graph, node),
            "degree": simple.degree(node),
            "degree_centrality": degree[node],
            "betweenness": betweenness[node],
            "eigenvector": eigenvector[node],
        }
        for node in simple
    ]
    return sorted(rows, key=lambda r: (-r["degree"], -r["betweenness"], r["label"], r["node"]))


def _eigenvector(simple: nx.Graph) -> dict[Node, float]:
    values = dict.fromkeys(simple, 0.0)
    for component in nx.connected_components(simple):
        if len(component) < 2:
            continue
        sub = simple.subgraph(component)
        try:
            found = nx.eigenvector_centrality(sub, max_iter=1000, tol=1e-10)
        except nx.PowerIterationFailedConvergence:  # pragma: no cover - networkx iterates on A + I
            found = nx.eigenvector_centrality(sub, max_iter=20000, tol=1e-6)
        share = (len(component) / len(simple)) ** 0.5
        values.update({node: value * share for node, value in found.items()})
    return values


def communities(graph: nx.Graph, *, method: str = "louvain", seed: int = SEED) -> list[Row]:
    """Communities of the undirected simple graph (weighted by the number of relations).

    ``method`` is ``"louvain"`` (with a fixed ``seed``) or ``"greedy"`` (greedy modularity).
    Communities are numbered from 1, largest first; each row is one node.

    >>> G = nx.Graph([("a", "b"), ("b", "c"), ("a", "c"), ("x", "y"), ("y", "z"), ("x", "z"), ("c", "x")])
    >>> sorted({(row["community"], row["node"]) for row in communities(G)})[:3]
    [(1, 'a'), (1, 'b'), (1, 'c')]
    """
    simple = _simple(graph)
    if method == "louvain":
        parts = nx.community.louvain_communities(simple, weight="weight", seed=seed)
    elif method == "greedy":
        parts = nx.community.greedy_modularity_communities(simple, weight="weight")
    else:
        raise NatokgError(f"unknown community method {method!r}; choose from louvain, greedy")
    ordered = sorted((sorted(part, key=str) for part in parts), key=lambda part: (-len(part), str(part[0])))
    rows = []
    for number, part in enumerate(ordered, 1):
        for node in part:
            rows.append({"community": number, **_node_row(graph, node), "size": len(part)})
    return rows


def find_actor(graph: nx.Graph, name: str | Node) -> Node:
    """The node called ``name``: its IRI, its slug, its label or one of its aliases (any case).

    >>> import natokg
    >>> G = nx.Graph()
    >>> G.add_node(natokg.NKR["marco-rubio"], label="Marco Rubio", aliases=["Rubio"])
    >>> find_actor(G, "rubio")
    rdflib.term.URIRef('https://w3id.org/natokg/id/marco-rubio')
    """
    if name in graph:
        return name
    wanted = str(name).casefold()
    matches = []
    for node, data in graph.nodes(data=True):
        names = {str(node), _local_name(node), data.get("label", ""), *data.get("aliases", [])}
        if wanted in {n.casefold() for n in names}:
            matches.append(node)
    if len(matches) == 1:
        return matches[0]
    if matches:
        found = ", ".join(sorted(graph.nodes[m].get("label", str(m)) for m in matches))
        raise NatokgError(f"{name!r} names several nodes ({found}); give the IRI")
    known = ", ".join(sorted(str(data.get("label", node)) for node, data in graph.nodes(data=True)))
    raise NatokgError(f"no actor {name!r} in this network; known: {known}")


def ego_network(graph: nx.Graph, actor: str | Node, radius: int = 1) -> nx.Graph:
    """The actor, the nodes within ``radius`` steps (in either direction) and the edges among them.

    >>> G = nx.DiGraph([("a", "b"), ("c", "a"), ("c", "d")])
    >>> sorted(ego_network(G, "a"))
    ['a', 'b', 'c']
    """
    return nx.ego_graph(graph, find_actor(graph, actor), radius=radius, undirected=True)


def _pair_relations(graph: nx.Graph, u: Node, v: Node) -> list[Row]:
    """Every relation between ``u`` and ``v``, in either direction, with its source and target."""
    found: list[Row] = []
    pairs = [(u, v), (v, u)] if graph.is_directed() else [(u, v)]
    for source, target in pairs:
        if not graph.has_edge(source, target):
            continue
        datas = graph[source][target].values() if graph.is_multigraph() else [graph[source][target]]
        for data in datas:
            if "relations" in data:  # a weighted simple graph keeps each relation with its direction
                found += [dict(r) for r in data["relations"]]
            else:
                found.append({"source": source, "target": target, **data})
    return found


def explain_path(graph: nx.Graph, source: str | Node, target: str | Node) -> list[Row]:
    """How two actors are connected: a shortest path, one row per relation on each step.

    Among the shortest paths, the one resting least on inferred and unevidenced relations is
    chosen (ties broken by the labels, so the answer is stable). Each row reads as a sentence:
    ``row["statement"]``, with the ``evidence`` sentences that state it. Render with
    :func:`describe_path`.

    >>> import natokg
    >>> rows = explain_path(natokg.actor_network(natokg.load()), "Rubio", "Rutte")
    >>> [row["statement"] for row in rows][:2]
    ['Marco Rubio absent from a meeting of NATO', 'Mark Rutte holds a post in NATO']
    """
    start, end = find_actor(graph, source), find_actor(graph, target)
    simple = _simple(graph)
    label = {node: graph.nodes[node].get("label", _local_name(node)) for node in graph}

    def cost(path: list[Node]) -> tuple[Any, ...]:
        steps = [_pair_relations(graph, u, v) for u, v in pairwise(path)]
        inferred = sum(all(r.get("inferred") for r in step) for step in steps)
        unevidenced = sum(not any(r.get("evidence") for r in step) for step in steps)
        return inferred, unevidenced, [label[node] for node in path]

    try:
        paths = list(nx.all_shortest_paths(simple, start, end))
    except nx.NetworkXNoPath:
        raise NatokgError(f"{label[start]} and {label[end]} are not connected in this network") from None
    path = min(paths, key=cost)
    order = {name: i for i, name in enumerate([*RELATIONS, *ROLES])}
    rows = []
    for step, (u, v) in enumerate(pairwise(path), 1):
        relations = sorted(
            _pair_relations(graph, u, v), key=lambda r: (bool(r.get("inferred")), order.get(r.get("relation"), 99))
        )
        for relation in relations:
            subject, obj = label[relation["source"]], label[relation["target"]]
            rows.append(
                {
                    "step": step,
                    "from": label[u],
                    "to": label[v],
                    "source": subject,
                    "relation": relation.get("relation", ""),
                    "label": relation.get("label", ""),
                    "target": obj,
                    "statement": f"{subject} {relation.get('label', 'is linked to')} {obj}",
                    "evidence": list(relation.get("evidence", [])),
                    "inferred": bool(relation.get("inferred", False)),
                }
            )
    return rows


def describe_path(rows: Sequence[Row]) -> str:
    """A path from :func:`explain_path` as text: the chain, then each step with its evidence.

    >>> print(describe_path([{"step": 1, "from": "A", "to": "B", "statement": "A knows B",
    ...                        "evidence": ["A met B."], "inferred": False}]))
    A → B
    1. A knows B
       > A met B.
    """
    if not rows:
        return ""
    chain = [rows[0]["from"]] + [
        row["to"] for i, row in enumerate(rows) if i == 0 or row["step"] != rows[i - 1]["step"]
    ]
    lines = [" → ".join(chain)]
    for i, row in enumerate(rows):
        prefix = f"{row['step']}. " if i == 0 or row["step"] != rows[i - 1]["step"] else "   "
        note = " (inferred by reasoning)" if row["inferred"] else ""
        lines.append(f"{prefix}{row['statement']}{note}")
        lines += [f"   > {sentence}" for sentence in row["evidence"]]
        if not row["evidence"]:
            lines.append("   (no sentence states it directly)")
    return "\n".join(lines)


def to_frame(rows: Sequence[Row]) -> Any:
    """The rows as a pandas DataFrame (pandas is optional: ``pip install "natokg[pandas]"``).

    >>> to_frame([{"node": "a", "degree": 1}]).shape
    (1, 2)
    """
    require("to_frame()", "pandas")
    import pandas

    return pandas.DataFrame(list(rows))
