"""Actor network: the knowledge graph projected onto its actors (NetworkX), analysed, drawn and exported.

Nodes are actors (people, organisations, states, collective actors) with their ``label``, ``type``,
``cls`` and ``iri``. Edges are typed relations, each with its ``relation``, a readable ``label``, the
``evidence`` sentences of the article (through the qualified node's or event's ``nkg:evidence``),
the cited ``phrases``, the ``facts`` (IRIs of the qualified nodes / events) and ``inferred``.
The relations are declared in one table, :data:`RELATIONS` (actor–actor) and :data:`ROLES`
(actor–event, for the bipartite view): a SPARQL pattern binding ``?source`` and ``?target``, a
label, and the pattern that finds the facts whose evidence is cited.

>>> import natokg
>>> G = actor_network(natokg.load())
>>> G.nodes[NKR["mark-rutte"]]["label"], G.nodes[NKR["mark-rutte"]]["type"]
('Mark Rutte', 'person')
>>> edge = G.edges[NKR["mark-rutte"], NKR["nato"], "holdsPostIn"]
>>> edge["label"], edge["evidence"][0][:24]
('holds a post in', 'At the start of Thursday')
"""

from __future__ import annotations

import html
import io
import json
import os
import tempfile
import textwrap
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache
from importlib import resources
from itertools import pairwise
from pathlib import Path
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from natokg.errors import InputError, NatokgError
from natokg.loading import Sources, parse_file, select
from natokg.namespaces import INFERRED_GRAPH, NIF, NKG, NKR, ONTOLOGY_GRAPH, PREFIXES  # noqa: F401 (NKR: doctests)
from natokg.reasoning import BUILT_IN_NAMESPACES, VOCABULARY_NAMESPACES

__all__ = [
    "FORMATS",
    "PICTURES",
    "RELATIONS",
    "ROLES",
    "SEED",
    "NetworkView",
    "Relation",
    "actor_network",
    "centrality",
    "communities",
    "describe_path",
    "draw",
    "ego_network",
    "explain_path",
    "find_actor",
    "format_of",
    "interactive",
    "layout",
    "query_subgraph",
    "to_frame",
    "write_network",
]

#: The one seed of every random choice (layout, communities): same input, same picture. This one
#: gives the article's network the fewest edge crossings among seeds 0–39.
SEED = 16

#: Output formats of :func:`write_network` and ``natokg network --format``; the first three are drawn.
FORMATS = ("png", "svg", "html", "graphml", "gexf", "json")
PICTURES = FORMATS[:3]

Row = dict[str, Any]


# ---------------------------------------------------------------------------
#  The relations, declared
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class Relation:
    """One kind of edge: a SPARQL pattern that binds ``?source`` and ``?target``, a readable label,
    and where its evidence is: ``facts`` names the variables bound to qualified nodes or events
    whose ``nkg:evidence`` cites the text; ``evidence`` is an extra pattern that binds them (it is
    made OPTIONAL, so an edge without a qualified node is still an edge, with no evidence).

    >>> RELATIONS["calledOn"].label
    'called on'
    """

    name: str
    label: str
    pattern: str
    evidence: str = ""
    facts: tuple[str, ...] = ("fact",)
    symmetric: bool = False

    def sparql(self) -> str:
        """The SELECT query that finds this relation's edges and their facts."""
        optional = f"OPTIONAL {{ {self.evidence} }}" if self.evidence else ""
        variables = " ".join(f"?{name}" for name in self.facts)
        return (
            f"SELECT DISTINCT ?source ?target {variables} WHERE {{ {self.pattern} {optional} "
            "FILTER(isIRI(?source) && isIRI(?target) && ?source != ?target) }"
        )


def _table(*relations: Relation) -> dict[str, Relation]:
    return {relation.name: relation for relation in relations}


#: Actor–actor relations, in drawing order. Evidence comes from the qualified node (post holding,
#: membership, representation) or the event (absence, statement, tension...) that states the edge.
RELATIONS: dict[str, Relation] = _table(
    Relation(
        "holdsPostIn",
        "holds a post in",
        "?source org:holds ?post . ?post org:postIn ?target .",
        "?fact nkg:holder ?source ; nkg:heldPost ?post .",
    ),
    Relation(
        "headOf", "heads", "?source org:headOf ?target .", "?fact org:member ?source ; org:organization ?target ."
    ),
    Relation(
        "memberOf",
        "member of",
        "?source org:memberOf ?target .",
        "?fact org:member ?source ; org:organization ?target .",
    ),
    Relation(
        "partOf",
        "part of",
        "?source org:subOrganizationOf ?target .",
        "?fact nkg:childOrganization ?source ; nkg:parentOrganization ?target .",
    ),
    Relation(
        "represents",
        "represents",
        "?source nkg:represents ?target .",
        "?fact nkg:representative ?source ; nkg:representedActor ?target .",
    ),
    Relation(
        "standsInFor",
        "stands in for",
        "?source nkg:standsInFor ?target .",
        "?fact nkg:representative ?source ; nkg:inPlaceOf ?target .",
    ),
    Relation(
        "absentFromMeetingOf",
        "absent from a meeting of",
        "?source nkg:absentFrom ?meeting . ?meeting nkg:organizer ?target .",
        "?fact nkg:absentee ?source ; nkg:missedEvent ?meeting .",
    ),
    Relation(
        "cameForTalksWith",
        "came for talks with",
        "?fact a nkg:Arrival ; nkg:agent ?source ; nkg:purpose ?meeting . ?meeting nkg:participant ?target .",
    ),
    Relation(
        "calledOn",
        "called on",
        "?source nkg:calledOn ?target .",
        "?fact a ?kind ; nkg:speaker ?source ; nkg:addressee ?target . VALUES ?kind { nkg:Appeal nkg:Demand }",
    ),
    Relation(
        "reassured", "offered reassurance to", "?fact a nkg:Reassurance ; nkg:speaker ?source ; nkg:addressee ?target ."
    ),
    Relation("spokeTo", "spoke to", "?fact nkg:speaker ?source ; nkg:audience ?target ."),
    Relation("spokeAbout", "spoke about", "?fact nkg:speaker ?source ; nkg:about ?target ."),
    Relation(
        "quotedAtMeetingOf",
        "quoted at a meeting of",
        "?quotation nkg:saidBy ?source ; nkg:quotedIn ?statement . "
        "?statement nkg:subEventOf ?meeting . ?meeting a nkg:Meeting ; nkg:organizer ?target .",
        facts=("quotation", "statement"),
    ),
    Relation(
        "inTensionWith",
        "in tension with",
        "?source nkg:inTensionWith ?target .",
        "?fact a nkg:Tension ; nkg:participant ?source , ?target .",
        symmetric=True,
    ),
    Relation(
        "committedTo",
        "committed to",
        "?source nkg:committedTo ?target .",
        "?fact nkg:committedActor ?source ; nkg:beneficiary ?target .",
    ),
    Relation(
        "questionedCommitmentOf",
        "questioned the commitment of",
        "?fact a nkg:Questioning ; nkg:speaker ?source ; nkg:about ?commitment . "
        "?commitment nkg:committedActor ?target .",
        facts=("fact", "commitment"),
    ),
    Relation(
        "respondedTo",
        "responded to",
        "?fact nkg:agent ?source ; nkg:respondsTo ?appeal . ?appeal nkg:speaker ?target .",
        facts=("fact", "appeal"),
    ),
    Relation("handsOverTo", "hands over to", "?fact a nkg:Handover ; nkg:from ?source ; nkg:to ?target ."),
    Relation("ledBy", "led by", "?source nkg:ledBy ?target .", "?fact nkg:handedOver ?source ; nkg:from ?target ."),
    Relation(
        "announcedHandoverBy",
        "announced a handover by",
        "?fact a nkg:Announcement ; nkg:agent ?source ; nkg:announced ?handover . ?handover nkg:from ?target .",
        facts=("fact", "handover"),
    ),
    # Only reasoning states it (the transitive closure of memberOf and subOrganizationOf).
    Relation("belongsTo", "belongs to", "?source nkg:belongsTo ?target ."),
)

#: Actor–event roles for the bipartite view: ``?source`` is the actor, ``?target`` the event.
ROLES: dict[str, Relation] = _table(
    Relation("organizer", "organises", "?target nkg:organizer ?source .", facts=("target",)),
    Relation("agent", "acts in", "?target nkg:agent ?source .", facts=("target",)),
    Relation("speaker", "speaks in", "?target nkg:speaker ?source .", facts=("target",)),
    Relation("participant", "takes part in", "?target nkg:participant ?source .", facts=("target",)),
    Relation("addressee", "is addressed in", "?target nkg:addressee ?source .", facts=("target",)),
    Relation("audience", "is the audience of", "?target nkg:audience ?source .", facts=("target",)),
    Relation("subject", "is the subject of", "?target nkg:about ?source .", facts=("target",)),
    Relation(
        "absentFrom",
        "absent from",
        "?source nkg:absentFrom ?target .",
        "?fact nkg:absentee ?source ; nkg:missedEvent ?target .",
    ),
    Relation("absentee", "is the absentee of", "?target nkg:absentee ?source .", facts=("target",)),
    Relation("representedAt", "represents someone at", "?fact nkg:representative ?source ; nkg:atEvent ?target ."),
    Relation("quotedIn", "is quoted in", "?fact nkg:saidBy ?source ; nkg:quotedIn ?target .", facts=("fact", "target")),
    Relation("handsOverIn", "hands over in", "?target nkg:from ?source .", facts=("target",)),
    Relation("receivesIn", "receives in", "?target nkg:to ?source .", facts=("target",)),
)

#: Actor kinds, most specific first: a node's ``type`` is the first of these its class falls under.
ACTOR_KINDS: dict[URIRef, str] = {
    NKG.Person: "person",
    NKG.State: "state",
    NKG.CollectiveActor: "collective actor",
    NKG.Organization: "organisation",
}
EVENT_KINDS: dict[URIRef, str] = {NKG.Event: "event"}

# Okabe–Ito colours (safe for colour-blind readers), one per kind of node.
TYPE_COLOURS = {
    "person": "#0072B2",
    "organisation": "#E69F00",
    "state": "#009E73",
    "collective actor": "#CC79A7",
    "event": "#999999",
}
# Colours dark enough for thin lines and small text on white, one per table row; fixed
# here (not taken from matplotlib) so that the HTML view needs no matplotlib.
PALETTE = [
    *("#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b", "#e377c2", "#17becf", "#7f7f7f", "#bcbd22"),
    *("#0b3d91", "#b8860b", "#006d5b", "#000000", "#6a3d9a", "#e6550d", "#66a61e", "#c51b8a", "#666600", "#ff4500"),
    *("#4b0082", "#228b22", "#800000", "#2f4f4f"),
]


def relation_colour(name: str) -> str:
    """The drawing colour of a relation or role: fixed by its row in its table.

    >>> relation_colour("holdsPostIn"), relation_colour("organizer")
    ('#1f77b4', '#1f77b4')
    """
    for table in (RELATIONS, ROLES):
        if name in table:
            return PALETTE[list(table).index(name) % len(PALETTE)]
    return "#444444"


# ---------------------------------------------------------------------------
#  Projection: from the knowledge graph to NetworkX
# ---------------------------------------------------------------------------


def actor_network(
    data: Graph,
    relations: Iterable[str] | None = None,
    *,
    multigraph: bool = True,
    bipartite: bool = False,
    inferred: bool = False,
    graphs: str | Iterable[str] = "asserted",
) -> nx.MultiDiGraph | nx.Graph:
    """Project the graph onto its actors.

    ``relations`` picks rows of :data:`RELATIONS` (or of :data:`ROLES` when ``bipartite``); all by
    default. ``multigraph=True`` gives a :class:`networkx.MultiDiGraph` with one edge per relation
    (keyed by its name); ``False`` a weighted, undirected :class:`networkx.Graph` whose ``weight`` is
    the number of relations between two actors. ``bipartite=True`` links actors to the events they
    take part in (node attribute ``bipartite``: 0 for actors, 1 for events). ``graphs`` chooses the
    named graphs (as :func:`natokg.select`); ``inferred=True`` adds the inferred graph, and marks
    the edges found only through it with ``inferred=True`` (that graph is computed over every
    asserted graph, background included, so an inferred edge may rest on a background fact).

    >>> import natokg
    >>> G = actor_network(natokg.load(), ["absentFromMeetingOf"])
    >>> sorted(G.nodes[u]["label"] for u, v in G.edges())
    ['Marco Rubio', 'Pete Hegseth']
    >>> actor_network(natokg.load(), ["nope"])
    Traceback (most recent call last):
    natokg.errors.NatokgError: relations: unknown relation 'nope'; choose from holdsPostIn, headOf, ...
    """
    table = ROLES if bipartite else RELATIONS
    chosen = _choose_relations(table, relations)
    asserted, full = _views(data, graphs, inferred)
    ontology = _ontology(data)
    # Nodes come from the chosen graphs only: the inferred graph, computed over everything, would
    # otherwise bring in actors that only the background knows.
    nodes = _typed_nodes(asserted, ontology, ACTOR_KINDS)
    for attributes in nodes.values():
        attributes["bipartite"] = 0
    if bipartite:
        events = _typed_nodes(asserted, ontology, EVENT_KINDS)
        for attributes in events.values():
            attributes["bipartite"] = 1
        nodes.update(events)

    graph = nx.MultiDiGraph()
    graph.graph.update(
        name="natokg actor network",
        relations=list(chosen),
        bipartite=bipartite,
        inferred=inferred,
        graphs=[graphs] if isinstance(graphs, str) else list(graphs),
    )
    for node in sorted(nodes):
        graph.add_node(node, **nodes[node])
    edges = []
    for relation in chosen.values():
        edges += _relation_edges(relation, asserted, full, nodes, bipartite)
    evidence = _evidence(full, {fact for *_, facts, _ in edges for fact in facts})
    for relation, source, target, facts, is_inferred in edges:
        sentences, phrases = _merge_evidence(evidence, facts)
        graph.add_edge(
            source,
            target,
            key=relation.name,
            relation=relation.name,
            label=relation.label,
            evidence=sentences,
            phrases=phrases,
            facts=sorted(str(fact) for fact in facts),
            inferred=is_inferred,
        )
    return graph if multigraph else _weighted(graph)


def _choose_relations(table: dict[str, Relation], names: Iterable[str] | None) -> dict[str, Relation]:
    if names is None:
        return dict(table)
    names = [names] if isinstance(names, str) else list(names)
    unknown = [name for name in names if name not in table]
    if unknown:
        raise NatokgError(f"relations: unknown relation {unknown[0]!r}; choose from {', '.join(table)}")
    return {name: table[name] for name in table if name in names}


def _views(data: Graph, graphs: str | Iterable[str], inferred: bool) -> tuple[Graph, Graph]:
    """The graph the relations are read from without, and with, the inferences."""
    if not isinstance(data, Dataset):
        if inferred:
            raise NatokgError("inferred=True needs a Dataset with the inferred graph: natokg.load(inferred=True)")
        return data, data
    selection = [graphs] if isinstance(graphs, str) else list(graphs)
    try:
        asserted = select(data, selection)
    except ValueError as exc:
        raise NatokgError(f"graphs: {exc}") from None
    if not inferred:
        return asserted, asserted
    if not len(data.graph(INFERRED_GRAPH)):
        raise NatokgError("the dataset holds no inferences: load it with natokg.load(inferred=True)")
    return asserted, select(data, [*selection, "inferred"])


def _ontology(data: Graph) -> Graph:
    """The class hierarchy: the dataset's ontology graph, else the ontology shipped with natokg."""
    if isinstance(data, Dataset) and len(data.graph(ONTOLOGY_GRAPH)):
        return data.graph(ONTOLOGY_GRAPH)
    return _shipped_ontology()


@lru_cache(maxsize=1)
def _shipped_ontology() -> Graph:
    graph = Graph()
    for path in Sources.find().ontology:
        parse_file(path, graph)
    return graph


def _is_term(node: Node) -> bool:
    """True for what may not be a node: literals, blank nodes and ontology or vocabulary terms."""
    return not isinstance(node, URIRef) or str(node).startswith(BUILT_IN_NAMESPACES + VOCABULARY_NAMESPACES)


def _typed_nodes(view: Graph, ontology: Graph, kinds: dict[URIRef, str]) -> dict[URIRef, dict[str, Any]]:
    """Every instance of a class under one of ``kinds``, with its label, type, class and IRI."""
    kind_of: dict[Node, str] = {}
    for top, kind in reversed(kinds.items()):  # the most specific kind is written last, and wins
        for cls in ontology.transitive_subjects(RDFS.subClassOf, top):
            kind_of[cls] = kind
    found: dict[URIRef, set[Node]] = {}
    for cls in kind_of:
        for node in view.subjects(RDF.type, cls):
            if not _is_term(node):
                found.setdefault(node, set()).add(cls)
    nodes = {}
    for node, classes in found.items():
        cls = _most_specific(classes, ontology)
        nodes[node] = {
            "label": _label(view, node),
            "type": kind_of[cls],
            "cls": str(ontology.value(cls, RDFS.label) or _local_name(cls)),
            "iri": str(node),
            "aliases": sorted({str(alias) for alias in view.objects(node, SKOS.altLabel)}),
        }
    return nodes


def _most_specific(classes: set[Node], ontology: Graph) -> Node:
    def depth(cls: Node) -> int:
        return len(set(ontology.transitive_objects(cls, RDFS.subClassOf)))

    return max(sorted(classes), key=depth)


def _label(view: Graph, node: Node) -> str:
    labels = sorted(
        view.objects(node, RDFS.label), key=lambda lit: (getattr(lit, "language", None) not in (None, "en"), lit)
    )
    return str(labels[0]) if labels else _local_name(node)


def _local_name(node: Node) -> str:
    return str(node).rstrip("/#").rsplit("/", 1)[-1].rsplit("#", 1)[-1]


Edge = tuple[Relation, URIRef, URIRef, frozenset[Node], bool]


def _relation_edges(
    relation: Relation, asserted: Graph, full: Graph, nodes: dict[URIRef, dict[str, Any]], bipartite: bool
) -> list[Edge]:
    """The edges of one relation between known nodes, with their facts and whether they are inferred."""

    def run(view: Graph) -> dict[tuple[URIRef, URIRef], set[Node]]:
        found: dict[tuple[URIRef, URIRef], set[Node]] = {}
        for row in view.query(relation.sparql(), initNs=PREFIXES):
            source, target = row.source, row.target
            if source not in nodes or target not in nodes:
                continue
            # Actor–actor edges join actors; bipartite edges join an actor (0) to an event (1).
            if bipartite and (nodes[source]["bipartite"], nodes[target]["bipartite"]) != (0, 1):
                continue
            if not bipartite and nodes[target]["bipartite"] != 0:
                continue
            facts = found.setdefault((source, target), set())
            facts.update(row[name] for name in relation.facts if isinstance(row[name], URIRef))
        return found

    stated = run(asserted)
    derived = run(full) if full is not asserted else stated
    edges: list[Edge] = []
    kept: set[tuple[URIRef, URIRef]] = set()
    # Stated edges first, so that a symmetric relation keeps the direction the text gives it.
    for pair in sorted(stated) + sorted(set(derived) - set(stated)):
        if relation.symmetric and pair[::-1] in kept:
            continue
        kept.add(pair)
        facts = frozenset(stated.get(pair, set()) | derived.get(pair, set()))
        edges.append((relation, *pair, facts, pair not in stated))
    return edges


@dataclass(frozen=True)
class _Span:
    begin: int
    text: str


def _evidence(view: Graph, facts: set[Node]) -> dict[Node, tuple[list[_Span], list[_Span]]]:
    """For each fact, the sentences (nif:Sentence, or the nif:sentence of a phrase) and phrases it cites."""
    out: dict[Node, tuple[list[_Span], list[_Span]]] = {}
    for fact in facts:
        sentences, phrases = [], []
        for span in view.objects(fact, NKG.evidence):
            if (span, RDF.type, NIF.Sentence) in view:
                sentence = span
            else:
                sentence = view.value(span, NIF.sentence)
                phrases.append(_span(view, span))
            if sentence is not None:
                sentences.append(_span(view, sentence))
        out[fact] = (sentences, phrases)
    return out


def _span(view: Graph, span: Node) -> _Span:
    begin = view.value(span, NIF.beginIndex)
    return _Span(int(begin) if isinstance(begin, Literal) else -1, str(view.value(span, NIF.anchorOf) or ""))


def _merge_evidence(
    evidence: dict[Node, tuple[list[_Span], list[_Span]]], facts: Iterable[Node]
) -> tuple[list[str], list[str]]:
    """The distinct sentences and phrases of several facts, in the order of the text."""
    sentences = {span for fact in facts for span in evidence.get(fact, ([], []))[0]}
    phrases = {span for fact in facts for span in evidence.get(fact, ([], []))[1]}
    return [s.text for s in sorted(sentences, key=lambda s: (s.begin, s.text))], [
        p.text for p in sorted(phrases, key=lambda p: (p.begin, p.text))
    ]


def _weighted(multi: nx.MultiDiGraph) -> nx.Graph:
    """Collapse the relations between two nodes into one undirected edge weighted by their number."""
    graph = nx.Graph()
    graph.graph.update(multi.graph)
    graph.add_nodes_from(multi.nodes(data=True))
    for source, target, data in multi.edges(data=True):
        pair = tuple(sorted((source, target)))
        if not graph.has_edge(*pair):
            graph.add_edge(*pair, weight=0, relation=[], label=[], evidence=[], inferred=True, relations=[])
        edge = graph.edges[pair]
        edge["weight"] += 1
        edge["relation"].append(data["relation"])
        edge["label"].append(data["label"])
        edge["evidence"] += [s for s in data["evidence"] if s not in edge["evidence"]]
        edge["inferred"] = edge["inferred"] and data["inferred"]
        edge["relations"].append({"source": source, "target": target, **data})
    return graph


# ---------------------------------------------------------------------------
#  Subgraphs from SPARQL results
# ---------------------------------------------------------------------------


def query_subgraph(graph: nx.Graph, result: Any) -> nx.Graph:
    """The part of ``graph`` that a SPARQL SELECT or CONSTRUCT result names.

    ``result`` is an rdflib query result, a :class:`natokg.Results` (from :func:`natokg.query` or
    :func:`natokg.sparql`) or an rdflib Graph. The subgraph's nodes are the actors (or events)
    the result mentions, plus the ends of every edge whose facts it mentions (e.g.
    ``SELECT ?fact { ?fact a nkg:Absence }``); its edges are all edges of ``graph`` between them.

    >>> import natokg
    >>> ds = natokg.load()
    >>> found = ds.query("SELECT ?p WHERE { ?p org:memberOf nkr:trump-administration }")
    >>> sorted(query_subgraph(actor_network(ds), found).nodes)
    [rdflib.term.URIRef('https://w3id.org/natokg/id/marco-rubio'), rdflib.term.URIRef('https://w3id.org/natokg/id/pete-hegseth')]
    >>> missed = query_subgraph(actor_network(ds), natokg.query(ds, "cq3"))  # who missed NATO meetings
    >>> sorted(data["label"] for _, data in missed.nodes(data=True))
    ['Marco Rubio', 'Pete Hegseth']
    """
    named = _named_iris(result)
    keep = {node for node in graph.nodes if node in named}
    for source, target, data in graph.edges(data=True):
        facts = [r["facts"] for r in data["relations"]] if "relations" in data else [data["facts"]]
        if any(URIRef(fact) in named for group in facts for fact in group):
            keep.update((source, target))
    return graph.subgraph(sorted(keep)).copy()


def _named_iris(result: Any) -> set[URIRef]:
    if isinstance(result, Graph):
        kind, graph = "CONSTRUCT", result
    else:  # an rdflib Result has .type, natokg's Results has .kind; both keep a CONSTRUCT's .graph
        kind, graph = getattr(result, "kind", None) or result.type, result.graph
    if kind == "SELECT":
        rows: Iterable[Iterable[Node]] = result
    elif kind in ("CONSTRUCT", "DESCRIBE") and graph is not None:
        rows = graph
    else:
        raise NatokgError(f"an {kind} query names no nodes: use a SELECT or CONSTRUCT query")
    return {term for row in rows for term in row if isinstance(term, URIRef)}


# ---------------------------------------------------------------------------
#  Analysis: tidy rows (lists of dicts), or DataFrames through to_frame
# ---------------------------------------------------------------------------


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

    >>> G = nx.Graph()
    >>> G.add_node(NKR["marco-rubio"], label="Marco Rubio", aliases=["Rubio"])
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
    >>> rows = explain_path(actor_network(natokg.load()), "Rubio", "Rutte")
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
    """The rows as a pandas DataFrame (pandas is optional: ``pip install 'natokg[notebooks]'``).

    >>> to_frame([{"node": "a", "degree": 1}]).shape
    (1, 2)
    """
    try:
        import pandas
    except ImportError:  # pragma: no cover - depends on the environment
        raise NatokgError("to_frame needs pandas: pip install 'natokg[notebooks]'") from None
    return pandas.DataFrame(list(rows))


# ---------------------------------------------------------------------------
#  Layout and pictures
# ---------------------------------------------------------------------------


def layout(graph: nx.Graph, seed: int = SEED) -> dict[Node, tuple[float, float]]:
    """Node positions in [0, 1]², the same on every run: a seeded spring layout over sorted nodes.

    Each connected component is laid out on its own and given room by its size (rows of
    components, largest first); isolated nodes sit in rows along the bottom, so that they
    neither squeeze the rest into a corner nor pile up.

    >>> pos = layout(nx.path_graph(3))
    >>> pos == layout(nx.path_graph(3)) and all(0 <= x <= 1 and 0 <= y <= 1 for x, y in pos.values())
    True
    """
    try:
        import numpy  # noqa: F401  (networkx's spring layout needs it)
    except ImportError:  # pragma: no cover - depends on the environment
        raise NatokgError("drawing needs numpy and matplotlib: pip install 'natokg[plot]'") from None
    simple = _simple(graph)
    components = sorted(
        (sorted(component, key=str) for component in nx.connected_components(simple)),
        key=lambda c: (-len(c), str(c[0])),
    )
    groups = [c for c in components if len(c) > 1]
    singles = [c[0] for c in components if len(c) == 1]
    pos: dict[Node, tuple[float, float]] = {}
    per_row = 4  # about as many labels as fit side by side
    rows = -(-len(singles) // per_row)
    strip = 1.0 if not groups else min(0.3, 0.08 * rows)
    for i, node in enumerate(singles):
        row, column = divmod(i, per_row)
        in_row = min(per_row, len(singles) - row * per_row)
        pos[node] = (round((column + 0.5) / in_row, 6), round(strip * (1 - (row + 0.5) / rows) * 0.9, 6))
    for component, box in zip(groups, _shelves([len(c) for c in groups], (0.0, strip, 1.0, 1.0)), strict=True):
        # A large component is stretched to fill its room; a small one keeps its shape.
        pos.update(_fit(_spring(simple, component, seed), box, stretch=len(component) >= 4))
    return pos


def _shelves(sizes: list[int], box: tuple[float, float, float, float]) -> list[tuple[float, float, float, float]]:
    """Rooms for components of these sizes (largest first): rows that fill the width of ``box``,
    each room as wide as the square root of its component's size.

    >>> _shelves([9], (0, 0, 1, 1))
    [(0.0, 0.0, 1.0, 1.0)]
    """
    sides = [size**0.5 for size in sizes]
    width = max([*sides, 1.4 * sum(sizes) ** 0.5])
    shelves: list[list[float]] = [[]]
    for side in sides:
        if shelves[-1] and sum(shelves[-1]) + side > width:
            shelves.append([])
        shelves[-1].append(side)
    x0, y0, x1, y1 = box
    height = sum(max(shelf) for shelf in shelves)
    pad = 0.04 if len(sizes) > 1 else 0.0
    rooms, top = [], y1
    for shelf in shelves:
        bottom = top - (y1 - y0) * max(shelf) / height
        left = x0
        for side in shelf:
            right = left + (x1 - x0) * side / sum(shelf)
            rooms.append((left + pad, bottom + pad, right - pad, top - pad))
            left = right
        top = bottom
    return [tuple(round(v, 6) for v in room) for room in rooms]


def _spring(simple: nx.Graph, nodes: list[Node], seed: int) -> dict[Node, tuple[float, float]]:
    if len(nodes) == 1:
        return {nodes[0]: (0.0, 0.0)}
    ordered = nx.Graph()
    ordered.add_nodes_from(nodes)  # sorted: the node order, hence the layout, is the same on every run
    ordered.add_edges_from(sorted((tuple(sorted(e, key=str)) for e in simple.subgraph(nodes).edges), key=str))
    raw = nx.spring_layout(ordered, seed=seed, k=1.8 / len(nodes) ** 0.5, iterations=500)
    return {node: (float(x), float(y)) for node, (x, y) in raw.items()}


def _fit(
    points: dict[Node, tuple[float, float]], box: tuple[float, float, float, float], *, stretch: bool = False
) -> dict[Node, tuple[float, float]]:
    """Scale ``points`` into ``box`` (x0, y0, x1, y1), centred; keeping their aspect unless ``stretch``."""
    x0, y0, x1, y1 = box
    xs, ys = [x for x, _ in points.values()], [y for _, y in points.values()]
    width, height = max(xs) - min(xs), max(ys) - min(ys)
    span = max(width, height)
    sx = (x1 - x0) / (width if stretch and width else span) if span else 0.0
    sy = (y1 - y0) / (height if stretch and height else span) if span else 0.0
    if not stretch:
        sx = sy = min(sx, sy)
    cx, cy = (max(xs) + min(xs)) / 2, (max(ys) + min(ys)) / 2
    mx, my = (x0 + x1) / 2, (y0 + y1) / 2
    return {node: (round(mx + (x - cx) * sx, 6), round(my + (y - cy) * sy, 6)) for node, (x, y) in points.items()}


def _edges_to_draw(graph: nx.Graph) -> list[tuple[Node, Node, Row, float]]:
    """Each edge with a curvature that keeps parallel edges apart (the same in PNG, SVG and HTML)."""
    edges = list(graph.edges(data=True))
    groups: dict[tuple[str, str], int] = {}
    for u, v, _ in edges:
        pair = tuple(sorted((str(u), str(v))))
        groups[pair] = groups.get(pair, 0) + 1
    seen: dict[tuple[str, str], int] = {}
    out = []
    for u, v, data in edges:
        pair = tuple(sorted((str(u), str(v))))
        index = seen.get(pair, 0)
        seen[pair] = index + 1
        rad = 0.0 if groups[pair] == 1 else 0.22 * (index - (groups[pair] - 1) / 2)
        # Curvature is relative to the direction of drawing: flip it for edges drawn the other way.
        out.append((u, v, data, rad if (str(u), str(v)) == pair else -rad))
    return out


def _present(graph: nx.Graph) -> tuple[list[str], list[str]]:
    """The node types and relations that occur in ``graph``, in legend order."""
    types = {data.get("type") for _, data in graph.nodes(data=True)}
    names = {name for _, _, data in graph.edges(data=True) for name in _names(data)}
    order = [*RELATIONS, *ROLES]
    return [t for t in TYPE_COLOURS if t in types], [n for n in order if n in names] + sorted(names - set(order))


def _names(data: Row) -> list[str]:
    """The relation name(s) of an edge: one in a multigraph, a list in a weighted graph."""
    relation = data.get("relation", "")
    return list(relation) if isinstance(relation, list) and relation else [str(relation)]


def _relation_label(name: str) -> str:
    return (RELATIONS.get(name) or ROLES.get(name) or Relation(name, name, "")).label


def draw(
    graph: nx.Graph,
    *,
    seed: int = SEED,
    edge_labels: bool | None = None,
    title: str | None = None,
    figsize: tuple[float, float] | None = None,
) -> Any:
    """A static picture of ``graph`` as a matplotlib Figure (no pyplot state is touched).

    Nodes are coloured by type and sized by degree, edges coloured by relation (dashed when
    inferred), with a legend for both; ``edge_labels`` writes each relation on its edge (by
    default when there are at most 60 edges). The layout is :func:`layout` with ``seed``.

    >>> import natokg
    >>> fig = draw(actor_network(natokg.load(), ["memberOf"]))
    >>> [legend.get_title().get_text() for legend in fig.legends]
    ['actors', 'relations']
    """
    try:
        from matplotlib.figure import Figure
        from matplotlib.lines import Line2D
        from matplotlib.patches import FancyArrowPatch
    except ImportError:  # pragma: no cover - depends on the environment
        raise NatokgError("drawing needs matplotlib: pip install 'natokg[plot]'") from None
    pos = layout(graph, seed)
    simple = _simple(graph)
    # Text keeps its size, so a larger graph gets a larger canvas.
    scale = max(1.0, (len(graph) / 25) ** 0.5)
    figure = Figure(figsize=figsize or (15 * scale, 10 * scale), dpi=110)
    ax = figure.add_axes((0.01, 0.01, 0.78, 0.94 if title else 0.98))
    ax.set_axis_off()
    ax.set_xlim(-0.12, 1.12)
    ax.set_ylim(-0.08, 1.05)
    if title:
        figure.suptitle(title, fontsize=14, x=0.4, y=0.985)
    size = {node: 260 + 110 * simple.degree(node) for node in graph}
    radius = {node: size[node] ** 0.5 / 2 for node in graph}  # scatter sizes are in points²
    show_labels = graph.number_of_edges() <= 60 if edge_labels is None else edge_labels
    for u, v, data, rad in _edges_to_draw(graph):
        colour = relation_colour(_names(data)[0])
        ax.add_patch(
            FancyArrowPatch(
                pos[u],
                pos[v],
                connectionstyle=f"arc3,rad={rad}",
                arrowstyle="-|>" if graph.is_directed() else "-",
                mutation_scale=12,
                linewidth=1.3 + 0.8 * (data.get("weight", 1) - 1),
                linestyle="--" if data.get("inferred") else "-",
                color=colour,
                shrinkA=radius[u] + 1,
                shrinkB=radius[v] + 2,
                alpha=0.85,
                zorder=1,
            )
        )
        if show_labels:
            # arc3 bends in display space: its control point is mid + rad·(dy, −dx) there, so the
            # curve's midpoint is mid + rad/2·(dy, −dx); compute it there and map it back.
            (x1, y1), (x2, y2) = ax.transData.transform([pos[u], pos[v]])
            mid = ((x1 + x2) / 2 + rad * (y2 - y1) / 2, (y1 + y2) / 2 - rad * (x2 - x1) / 2)
            text = data["label"] if isinstance(data.get("label"), str) else "; ".join(data.get("label", []))
            ax.text(*ax.transData.inverted().transform(mid), text, fontsize=6.5, color=_darker(colour), ha="center",
                    va="center", zorder=2, bbox={"boxstyle": "round,pad=0.1", "fc": "white", "ec": "none",
                    "alpha": 0.8})  # fmt: skip
    nodes = sorted(graph.nodes, key=str)
    ax.scatter(
        [pos[n][0] for n in nodes],
        [pos[n][1] for n in nodes],
        s=[size[n] for n in nodes],
        c=[TYPE_COLOURS.get(graph.nodes[n].get("type"), "#555555") for n in nodes],
        edgecolors="white",
        linewidths=1.5,
        zorder=3,
    )
    for node in nodes:
        ax.annotate(
            "\n".join(_label_lines(graph, node)),
            pos[node],
            xytext=(0, -radius[node] - 2),
            textcoords="offset points",
            ha="center",
            va="top",
            fontsize=8.5,
            zorder=2.5,  # above the edges, below the nodes: a long label must not hide a node
            bbox={"boxstyle": "round,pad=0.12", "fc": "white", "ec": "none", "alpha": 0.75},
        )
    types, relations = _present(graph)
    type_handles = [
        Line2D([], [], marker="o", linestyle="", markersize=10, markerfacecolor=TYPE_COLOURS[t],
               markeredgecolor="white", label=t) for t in types
    ]  # fmt: skip
    relation_handles = [
        Line2D([], [], color=relation_colour(n), linewidth=2, label=_relation_label(n)) for n in relations
    ]
    if any(data.get("inferred") for _, _, data in graph.edges(data=True)):
        relation_handles.append(Line2D([], [], color="#555555", linestyle="--", linewidth=1.5, label="(inferred)"))
    figure.legend(handles=type_handles, title="actors", loc="upper left", bbox_to_anchor=(0.8, 0.97), fontsize=9)
    figure.legend(handles=relation_handles, title="relations", loc="upper left", bbox_to_anchor=(0.8, 0.75), fontsize=8)
    return figure


def _label_lines(graph: nx.Graph, node: Node, width: int = 30) -> list[str]:
    """A node's label broken into short lines (events are labelled with whole clauses)."""
    return textwrap.wrap(graph.nodes[node].get("label", _local_name(node)), width) or [""]


def _darker(colour: str, factor: float = 0.75) -> str:
    """The colour with each channel scaled by ``factor``: small text stays readable on white.

    >>> _darker("#ffffff", 0.5)
    '#7f7f7f'
    """
    channels = (int(colour[i : i + 2], 16) for i in (1, 3, 5))
    return "#" + "".join(f"{int(c * factor):02x}" for c in channels)


def _picture_bytes(graph: nx.Graph, fmt: str, **options: Any) -> bytes:
    import matplotlib

    figure = draw(graph, **options)
    buffer = io.BytesIO()
    # A fixed salt and no date make the SVG the same on every run.
    with matplotlib.rc_context({"svg.hashsalt": "natokg", "svg.fonttype": "path"}):
        figure.savefig(buffer, format=fmt, metadata={"Date": None} if fmt == "svg" else None)
    return buffer.getvalue()


# ---------------------------------------------------------------------------
#  Interactive HTML: one self-contained file, JavaScript inline, nothing loaded from anywhere
# ---------------------------------------------------------------------------


@dataclass(frozen=True)
class NetworkView:
    """A self-contained interactive HTML page; Jupyter and VS Code show it inline (iframe srcdoc).

    >>> view = NetworkView("<p>hi</p>")
    >>> view._repr_html_().startswith("<iframe srcdoc=")
    True
    """

    html: str
    height: int = 640

    def __repr__(self) -> str:
        return f"NetworkView({len(self.html)} characters of HTML)"

    def _repr_html_(self) -> str:
        return (
            f'<iframe srcdoc="{html.escape(self.html, quote=True)}" sandbox="allow-scripts" '
            f'style="width:100%;height:{self.height}px;border:1px solid #ddd" title="natokg network"></iframe>'
        )

    def save(self, path: str | Path) -> Path:
        """Write the page to ``path`` (atomically) and return the path."""
        return _write_atomic(Path(path), self.html.encode("utf-8"))


def interactive(graph: nx.Graph, *, seed: int = SEED, title: str = "natokg actor network") -> NetworkView:
    """An interactive view of ``graph``: the layout of :func:`layout`, drawn by inline JavaScript on a
    canvas. Hover shows labels and relations; click shows the evidence; drag moves nodes, the
    wheel zooms. Works offline, in a browser, Jupyter or VS Code.

    >>> view = interactive(nx.Graph([("a", "b")]))
    >>> "http" in view.html.split("<script")[1], view.html.count("<script")
    (False, 2)
    """
    template = resources.files("natokg").joinpath("templates/network.html").read_text(encoding="utf-8")
    payload = json.dumps(_view_data(graph, seed, title), ensure_ascii=False, separators=(",", ":"))
    # Inside <script>, "</" would end the element: escape it (and <!-- ) the JSON way.
    payload = payload.replace("<", "\\u003c").replace(">", "\\u003e").replace("&", "\\u0026")
    page = template.replace("__NATOKG_TITLE__", html.escape(title)).replace("__NATOKG_DATA__", payload)
    return NetworkView(page)


def _view_data(graph: nx.Graph, seed: int, title: str) -> Row:
    pos = layout(graph, seed)
    simple = _simple(graph)
    nodes = sorted(graph.nodes, key=str)
    index = {node: i for i, node in enumerate(nodes)}
    types, relations = _present(graph)
    return {
        "title": title,
        "directed": graph.is_directed(),
        "nodes": [
            {
                "label": graph.nodes[n].get("label", _local_name(n)),
                "lines": _label_lines(graph, n),
                "type": graph.nodes[n].get("type", ""),
                "cls": graph.nodes[n].get("cls", ""),
                "iri": str(n),
                "colour": TYPE_COLOURS.get(graph.nodes[n].get("type"), "#555555"),
                "degree": simple.degree(n),
                "x": pos[n][0],
                "y": pos[n][1],
            }
            for n in nodes
        ],
        "edges": [
            {
                "s": index[u],
                "t": index[v],
                "label": data["label"] if isinstance(data.get("label"), str) else "; ".join(data.get("label", [])),
                "colour": relation_colour(_names(data)[0]),
                "inferred": bool(data.get("inferred")),
                "rad": rad,
                "evidence": list(data.get("evidence", [])),
                "phrases": list(data.get("phrases", [])),
            }
            for u, v, data, rad in _edges_to_draw(graph)
        ],
        "types": [[t, TYPE_COLOURS[t]] for t in types],
        "relations": [[_relation_label(n), relation_colour(n)] for n in relations],
    }


# ---------------------------------------------------------------------------
#  Exports and files
# ---------------------------------------------------------------------------


def _flat(graph: nx.Graph) -> nx.Graph:
    """A copy whose attributes GraphML and GEXF can hold: lists become lines, the rest JSON or text."""

    def flat(value: Any) -> Any:
        if isinstance(value, bool | int | float) or value is None:
            return value
        if isinstance(value, str):
            return str(value)
        if isinstance(value, list | tuple) and all(isinstance(v, str) for v in value):
            return "\n".join(str(v) for v in value)
        return json.dumps(value, ensure_ascii=False, default=str)

    def attributes(data: Row) -> Row:
        return {key: flat(value) for key, value in data.items() if value is not None}

    out = graph.__class__()
    out.graph.update(attributes(graph.graph))
    out.add_nodes_from((str(node), attributes(data)) for node, data in graph.nodes(data=True))
    if graph.is_multigraph():
        out.add_edges_from((str(u), str(v), key, attributes(d)) for u, v, key, d in graph.edges(keys=True, data=True))
    else:
        out.add_edges_from((str(u), str(v), attributes(d)) for u, v, d in graph.edges(data=True))
    return out


def _export_bytes(graph: nx.Graph, fmt: str) -> bytes:
    buffer = io.BytesIO()
    if fmt == "graphml":
        nx.write_graphml(_flat(graph), buffer)
    elif fmt == "gexf":
        nx.write_gexf(_flat(graph), buffer)
    else:
        data = nx.node_link_data(graph, edges="links")
        buffer.write(json.dumps(data, ensure_ascii=False, indent=1, default=str).encode("utf-8"))
    return buffer.getvalue()


def _check_folder(path: Path) -> None:
    if not path.parent.is_dir():
        raise InputError("the folder to write into does not exist", path=str(path.parent))


def _write_atomic(path: Path, content: bytes) -> Path:
    """Write through a temporary file beside ``path``: a crash leaves the old file or the whole new one."""
    _check_folder(path)
    # NamedTemporaryFile creates files readable by their owner only; give the result the usual mode.
    umask = os.umask(0)
    os.umask(umask)
    mode = path.stat().st_mode & 0o777 if path.exists() else 0o666 & ~umask
    with tempfile.NamedTemporaryFile("wb", dir=path.parent, prefix=f".{path.name}.", delete=False) as handle:
        temporary = Path(handle.name)
        handle.write(content)
    try:
        os.chmod(temporary, mode)
        os.replace(temporary, path)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
    return path


def format_of(path: str | Path, format: str | None = None) -> str:
    """The output format: ``format`` if given, else the file's suffix; checked against :data:`FORMATS`,
    along with the folder the file goes into (so that a bad path fails before any work is done).

    >>> format_of("net.GEXF"), format_of("net.out", "json")
    ('gexf', 'json')
    """
    fmt = (format or Path(path).suffix.lstrip(".")).lower()
    if fmt not in FORMATS:
        raise NatokgError(f"--format: cannot tell the format of {str(path)!r}; choose from {', '.join(FORMATS)}")
    _check_folder(Path(path))
    return fmt


def write_network(graph: nx.Graph, path: str | Path, format: str | None = None, **options: Any) -> Path:
    """Write ``graph`` to ``path`` as PNG, SVG, HTML, GraphML, GEXF or node-link JSON (atomically).

    The format comes from ``format`` or the suffix of ``path``. ``options`` go to :func:`draw`
    (png, svg) or :func:`interactive` (html).

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_network(nx.Graph([("a", "b")]), folder / "net.graphml").read_text()[:38]
    "<?xml version='1.0' encoding='utf-8'?>"
    """
    fmt = format_of(path, format)
    renderers: dict[str, Callable[[], bytes]] = {
        "png": lambda: _picture_bytes(graph, "png", **options),
        "svg": lambda: _picture_bytes(graph, "svg", **options),
        "html": lambda: interactive(graph, **options).html.encode("utf-8"),
    }
    content = renderers[fmt]() if fmt in renderers else _export_bytes(graph, fmt)
    return _write_atomic(Path(path), content)
