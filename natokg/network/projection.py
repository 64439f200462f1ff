"""Projection: from the knowledge graph (rdflib) to an actor network (NetworkX), and subgraphs from SPARQL results."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from functools import lru_cache
from typing import Any

import networkx as nx
from rdflib import Dataset, Graph, Literal, URIRef
from rdflib.namespace import RDF, RDFS, SKOS
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.loading import Sources, parse_file, select
from natokg.namespaces import INFERRED_GRAPH, NIF, NKG, ONTOLOGY_GRAPH, PREFIXES
from natokg.network.relations import ACTOR_KINDS, EVENT_KINDS, RELATIONS, ROLES, Relation, _local_name
from natokg.reasoning import BUILT_IN_NAMESPACES, VOCABULARY_NAMESPACES


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
    ``data`` may be a corpus store (:func:`natokg.store.current`), read where it is.

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
    if hasattr(data, "article_slugs") and hasattr(data, "oxigraph"):  # a corpus store (natokg.store.Store)
        from natokg.network import store

        asserted, full = store.views(data, graphs, inferred)
        ontology = store.ontology(data)
    else:
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
    >>> absent = natokg.sparql(ds, "SELECT ?who WHERE { ?a a nkg:Absence ; nkg:absentee ?who }")
    >>> missed = query_subgraph(actor_network(ds), absent)  # who missed NATO meetings
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


def why_empty(graph: nx.Graph) -> str | None:
    r"""``None`` when ``graph`` has an edge; else one line saying what is missing and what to try.

    Reads the options :func:`actor_network` records in ``graph.graph`` (relations, graphs,
    inferred).

    >>> print(why_empty(nx.Graph([("a", "b")])))
    None
    >>> G = nx.MultiDiGraph(relations=["belongsTo"], graphs=["asserted"], inferred=False)
    >>> G.add_node("a")
    >>> print(why_empty(G).replace("; ", ";\n"))
    the network is empty: no belongsTo relation between the actors of the graphs asserted;
    belongsTo is only stated by reasoning: add --inferred (inferred=True)
    """
    if graph.number_of_edges():
        return None
    info = graph.graph
    graphs = ",".join(info.get("graphs") or ["?"])
    relations = list(info.get("relations") or [])
    table = ROLES if info.get("bipartite") else RELATIONS
    which = "relation" if not relations or len(relations) == len(table) else f"{' or '.join(relations)} relation"
    if not len(graph):
        hints = []
        if "asserted" not in (info.get("graphs") or []) and "all" not in (info.get("graphs") or []):
            hints.append("actors are in the graphs asserted (the default) and background")
        else:
            hints.append("does the data root hold articles (graph/articles/*.ttl) and entities (graph/entities.ttl)?")
        return f"the network is empty: the graphs {graphs} hold no actor; {'; '.join(hints)}"
    hint = ""
    if not info.get("inferred") and any(name in _REASONING_ONLY for name in relations):
        only = ", ".join(name for name in relations if name in _REASONING_ONLY)
        hint = f"; {only} is only stated by reasoning: add --inferred (inferred=True)"
    return f"the network is empty: no {which} between the actors of the graphs {graphs}{hint}"


#: Relations that no article states: only OWL 2 RL reasoning derives them.
_REASONING_ONLY = frozenset({"belongsTo"})
