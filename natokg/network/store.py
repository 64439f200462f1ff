"""The actor network read from the corpus store: the part of rdflib's Graph API that the projection
uses, answered by Oxigraph over a selection of the store's named graphs.

:func:`natokg.network.actor_network` accepts a :class:`natokg.store.Store` as it accepts a
Dataset: the selected graphs (``asserted``, ``background``, ``inferred``... as
:func:`natokg.select` names them) are read where they are, without copying the corpus into rdflib.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Mapping
from typing import Any

from rdflib import Graph
from rdflib.term import Node

from natokg.errors import NatokgError
from natokg.loading import selected_graphs
from natokg.namespaces import BACKGROUND_INFERRED_GRAPH, ONTOLOGY_GRAPH, article_graph


class Row(dict):  # type: ignore[type-arg]
    """One SELECT row: variable → rdflib term, read as ``row["x"]`` or ``row.x`` as rdflib's rows."""

    def __getattr__(self, name: str) -> Node | None:
        try:
            return self[name]
        except KeyError:
            raise AttributeError(name) from None


class StoreView:
    """The named graphs ``names`` of a built store, as the projection reads a Graph: triple
    patterns (``subjects``, ``objects``, ``value``, ``in``) and SELECT queries (``query``), each
    triple once however many of the graphs hold it.

    >>> import tempfile
    >>> from natokg.namespaces import NKR, NKG, RDF
    >>> from natokg.store import build
    >>> view = StoreView(build(store_dir=tempfile.mkdtemp(), progress=False), selection_names(["asserted"], []))
    >>> (NKR["mark-rutte"], RDF.type, NKG.Person) in view
    True
    """

    def __init__(self, store: Any, names: Iterable[str]) -> None:  # store: natokg.store.Store
        from natokg.store._oxigraph import oxigraph

        self._store = store.oxigraph
        self._names = {str(name) for name in names}
        self._ox = oxigraph()

    def _triples(self, s: Node | None, p: Node | None, o: Node | None) -> Iterator[tuple[Node, Node, Node]]:
        from natokg.store._oxigraph import to_oxigraph, triple_to_rdflib

        pattern = [None if t is None else to_oxigraph(t) for t in (s, p, o)]
        seen = set()
        for quad in self._store.quads_for_pattern(*pattern, None):
            if isinstance(quad.graph_name, self._ox.NamedNode) and quad.graph_name.value in self._names:
                triple = triple_to_rdflib(quad)
                if triple not in seen:
                    seen.add(triple)
                    yield triple

    def triples(self, pattern: tuple[Node | None, Node | None, Node | None]) -> Iterator[tuple[Node, Node, Node]]:
        return self._triples(*pattern)

    def subjects(self, predicate: Node | None = None, object: Node | None = None) -> Iterator[Node]:
        return iter(dict.fromkeys(s for s, _, _ in self._triples(None, predicate, object)))

    def objects(self, subject: Node | None = None, predicate: Node | None = None) -> Iterator[Node]:
        return iter(dict.fromkeys(o for _, _, o in self._triples(subject, predicate, None)))

    def value(self, subject: Node | None = None, predicate: Node | None = None) -> Node | None:
        return next(self.objects(subject, predicate), None)

    def __contains__(self, triple: tuple[Node, Node, Node]) -> bool:
        return next(self._triples(*triple), None) is not None

    def __len__(self) -> int:
        return sum(1 for _ in self._triples(None, None, None))

    def query(self, sparql: str, initNs: Mapping[str, Any] | None = None) -> list[Row]:
        """A SELECT over the union of the graphs, run by Oxigraph (a triple held by two graphs may
        give a row twice: the projection's queries are ``SELECT DISTINCT``)."""
        from natokg.store._oxigraph import to_rdflib

        graphs = [self._ox.NamedNode(name) for name in sorted(self._names)]
        try:
            solutions = self._store.query(
                sparql, prefixes={p: str(ns) for p, ns in (initNs or {}).items()}, default_graph=graphs or None
            )
        except SyntaxError as exc:
            raise NatokgError(f"invalid SPARQL: {exc}") from None
        names = [v.value for v in solutions.variables]
        return [Row({n: None if s[n] is None else to_rdflib(s[n]) for n in names}) for s in solutions]


def selection_names(
    selection: Iterable[str], articles: Iterable[str], *, background_inferred: bool = True
) -> list[str]:
    """The named graphs of a store that a selection (as :func:`natokg.loading.graph_names`) names,
    given its article slugs.

    >>> selection_names(["asserted"], ["a"])
    ['https://w3id.org/natokg/graph/entities', 'https://w3id.org/natokg/graph/article/a']
    """
    try:
        chosen = selected_graphs(
            list(selection), [article_graph(slug) for slug in articles], background_inferred=background_inferred
        )
    except ValueError as exc:
        raise NatokgError(f"graphs: {exc}") from None
    return [str(name) for name in chosen]


def views(store: Any, graphs: str | Iterable[str], inferred: bool) -> tuple[StoreView, StoreView]:
    """The views the relations are read from without, and with, the inferences (as
    :func:`natokg.network.projection._views` gives them from a Dataset loaded with inferences when
    ``store.inferred``)."""
    selection = [graphs] if isinstance(graphs, str) else list(graphs)
    slugs = store.article_slugs()
    # As natokg.select: "background" takes its inferred graph when the data holds inferences (a
    # store's view holds them unless ``dataclasses.replace(store, inferred=False)``).
    background_inferred = store.inferred and bool(store.manifest.get("derived", {}).get(str(BACKGROUND_INFERRED_GRAPH)))
    asserted = StoreView(store, selection_names(selection, slugs, background_inferred=background_inferred))
    if not inferred:
        return asserted, asserted
    full = selection_names([*selection, "inferred"], slugs, background_inferred=background_inferred)
    return asserted, StoreView(store, full)


def ontology(store: Any) -> Graph:
    """The store's ontology graph as an rdflib Graph (the class hierarchy of the projection)."""
    from natokg.store import named_graph

    return named_graph(store, str(ONTOLOGY_GRAPH))
