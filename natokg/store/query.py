"""SPARQL over a built store, run natively by Oxigraph; rdflib terms out.

The query's default graph is the deduplicated union of the graphs: the query database's default
graph holds everything asserted, each triple once however many articles state it (Oxigraph's own
union view would count it once per graph), and with inferences (the default) the two inferred
graphs, which by construction hold no asserted triple and none of each other's. ``GRAPH`` sees
the named graphs of :func:`natokg.load` plus the inferred graphs: the engine's graphs live in
another database.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.namespaces import INFERRED_GRAPHS, PREFIXES
from natokg.store._oxigraph import graph_to_rdflib, oxigraph, to_rdflib
from natokg.store.build import Store

Row = dict[str, Node | None]


class Rows(list):  # type: ignore[type-arg]
    """The rows of a SELECT (dicts: variable name → rdflib term or None), with ``variables``, the
    projected variable names in order (known even when there is no row)."""

    variables: list[str]


def _dataset(store: Store, inferred: bool) -> list[Any]:
    """The query's default graph: everything asserted (the database's default graph) and, with the
    inferences, the two inferred graphs, which hold no asserted triple and none of each other's."""
    ox = oxigraph()
    return [ox.DefaultGraph(), *(ox.NamedNode(str(g)) for g in INFERRED_GRAPHS)] if inferred else [ox.DefaultGraph()]


def query(
    store: Store,
    sparql: str,
    *,
    inferred: bool = True,
    bindings: Mapping[str, Node] | None = None,
) -> Rows | Graph | bool:
    """Run ``sparql`` (natokg's prefixes predeclared) on ``store``: SELECT gives :class:`Rows`
    (variable name → rdflib term, ``None`` when unbound), ASK a bool, CONSTRUCT and DESCRIBE an
    rdflib Graph. ``inferred=False`` leaves the inferences out; ``bindings`` fixes variables.
    A query that does not parse raises :class:`NatokgError` with Oxigraph's message.

    >>> import tempfile
    >>> from natokg.store import build
    >>> s = build(store_dir=tempfile.mkdtemp(), progress=False)
    >>> q = "SELECT (COUNT(?e) AS ?n) WHERE { ?e a nkg:Event }"
    >>> query(s, q, inferred=False)[0]["n"].toPython(), query(s, q)[0]["n"].toPython() > 0
    (0, True)
    """
    if bindings:
        sparql = _with_values(sparql, bindings)
    return _run(store, sparql, inferred)


def _with_values(sparql: str, bindings: Mapping[str, Node]) -> str:
    """The query with ``bindings`` as a trailing VALUES clause, as natokg sends them to a SPARQL
    endpoint (Oxigraph's own substitutions accept only projected variables)."""
    from natokg.queries import remote_text

    # Kept apart from the frames that hold the store: the SPARQL parser caches exceptions whose
    # tracebacks keep their callers' frames (and so an open store and its lock) alive.
    return remote_text(sparql, bindings)


def answer(store: Store, sparql: str, *, inferred: bool, prefixes: Mapping[str, str], own_dataset: bool = False) -> Any:
    """Oxigraph's own answer to ``sparql`` over the store's view: the deduplicated union as default
    graph, with the inferred graphs unless ``inferred=False`` (then ``GRAPH ?g`` does not see them
    either); ``own_dataset`` when the query's FROM / FROM NAMED choose its graphs. Oxigraph's
    ``SyntaxError`` is the caller's to report."""
    ox = oxigraph()
    return store.oxigraph.query(
        sparql,
        prefixes=dict(prefixes),
        default_graph=None if own_dataset else _dataset(store, inferred),
        named_graphs=None if own_dataset or inferred else [ox.NamedNode(g) for g in store.graph_names()],
    )


def _run(store: Store, sparql: str, inferred: bool) -> Rows | Graph | bool:
    ox = oxigraph()
    try:
        result = answer(store, sparql, inferred=inferred, prefixes={p: str(ns) for p, ns in PREFIXES.items()})
    except SyntaxError as exc:
        raise NatokgError(f"invalid SPARQL: {exc}") from None
    if isinstance(result, ox.QueryBoolean):
        return bool(result)
    if isinstance(result, ox.QuerySolutions):
        rows = Rows()
        rows.variables = [v.value for v in result.variables]
        rows.extend({n: (None if s[n] is None else to_rdflib(s[n])) for n in rows.variables} for s in result)
        return rows
    graph = Graph()
    for t in result:
        graph.add((to_rdflib(t.subject), to_rdflib(t.predicate), to_rdflib(t.object)))
    return graph


def union_triples(store: Store, *, inferred: bool = True) -> Iterator[tuple[Node, Node, Node]]:
    """Every triple of the deduplicated union (asserted, and inferred unless ``inferred=False``),
    each once, as rdflib terms."""
    for graph in _dataset(store, inferred):
        for q in store.oxigraph.quads_for_pattern(None, None, None, graph):
            yield to_rdflib(q.subject), to_rdflib(q.predicate), to_rdflib(q.object)


def named_graph(store: Store, name: str) -> Graph:
    """One named graph of the store (a source graph, or ``graph/inferred``, ``graph/inferred-background``)
    as a new rdflib Graph.

    >>> import tempfile
    >>> from natokg.store import build
    >>> s = build(store_dir=tempfile.mkdtemp(), progress=False)
    >>> len(named_graph(s, "https://w3id.org/natokg/graph/inferred")) > 0
    True
    """
    return graph_to_rdflib(store.oxigraph, str(name))
